// A local stand-in for ModelArts networks, VPC address groups and IAM's project lookup: the real paths, status
// codes, error codes and body shapes (../shared/api-notes.md), SDK-HMAC-SHA256 signatures checked as the API
// gateway does, the documents checked by the very module the editor uses, and faults to inject for tests.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { AddressGroup, AddressGroupDocument } from '../core/api/addressGroups';
import { checkDocument, type Finding, MAX_ENTRIES } from '../core/documents/checks';
import type { Kind } from '../core/kinds';
import { EMULATOR_CREDENTIALS, EMULATOR_IDENTITY } from '../core/cloud/emulatorDefaults';
import { jsonNesting } from '../core/jsonNesting';
import {
  DESCRIPTION_ANNOTATION,
  NAME_LABEL,
  type Network,
  type NetworkDocument,
  WORKSPACE_LABEL,
} from '../core/api/networks';
import { verifyRequest } from '../core/cloud/signer';
import { type Faults, FaultInjector, type MalformedKind, type RouteName } from './faults';
import { ownValue, setOwn } from './own';
import {
  type AddressGroupRecord,
  DEFAULT_DELAYS,
  type LifecycleDelays,
  type NetworkPosition,
  type NetworkRecord,
  positionOf,
  Store,
  type WorkspaceRecord,
} from './store';

export const DEFAULT_CREDENTIALS = EMULATOR_CREDENTIALS;
export const DEFAULT_ADDRESS_GROUP_QUOTA = 50;
const MAX_BODY_BYTES = 12 * 1024 * 1024;
const CONTROL_PREFIX = '/__emulator/';
/** Seeding more at once would hold the emulator for seconds. */
export const MAX_SEED = 100_000;
/**
 * Documents of either API nest five levels deep. Much deeper JSON is refused before anything reads it: the document
 * checker's parser recurses, and a few thousand levels would overflow its stack.
 */
export const MAX_JSON_DEPTH = 64;

export interface EmulatorOptions {
  readonly port?: number;
  readonly credentials?: readonly { accessKeyId: string; secretAccessKey: string; securityToken?: string }[];
  readonly delays?: Partial<LifecycleDelays>;
  readonly addressGroupQuota?: number;
  readonly stateFile?: string;
  readonly faults?: Faults;
  /** Milliseconds since the epoch; injectable so that tests move time instead of waiting. */
  readonly now?: () => number;
  readonly log?: (line: string) => void;
  /** Told of every request to an API route as it arrives, before any fault applies: tests count and time them. */
  readonly onApiRequest?: (route: RouteName) => void;
  /**
   * Called with the Authorization header of every request to the APIs, before it is checked: the security tests
   * look for these values (signatures) wherever none may appear.
   */
  readonly onAuthorization?: (value: string) => void;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Call {
  method: string;
  url: URL;
  params: Record<string, string>;
  headers: IncomingMessage['headers'];
  text: string;
  requestId: string;
}

type Service = 'modelarts' | 'vpc' | 'iam' | 'gateway';

/** Error bodies in the shape each service uses. */
function errorReply(service: Service, status: number, code: string, message: string, requestId: string): Reply {
  switch (service) {
    case 'vpc':
      return { status, body: { code, message, request_id: requestId } };
    case 'iam':
      return { status, body: { error: { code, message, title: message } } };
    default:
      return { status, body: { error_code: code, error_msg: message, request_id: requestId } };
  }
}

interface Route {
  name: RouteName;
  method: string;
  pattern: RegExp;
  service: Service;
  /** The media type of the body this route reads; a body of another type is refused (415) before it is read. */
  accepts?: 'application/json' | 'application/merge-patch+json';
  handle: (call: Call) => Reply;
}

/**
 * The code a service answers a body it refuses: ModelArts has one for every bad request; the address-group pages
 * give VPC.9901 (and the extension's client reads it as "the address group is invalid").
 */
const refusedBodyCode = (service: Service) => (service === 'vpc' ? 'VPC.9901' : 'ModelArts.50004000');

/** The media type of a Content-Type header, without its parameters, in lowercase (media types ignore case). */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

const HEX32 = '([0-9a-fA-F]{32})';

/** Applies an RFC 7396 JSON merge patch: objects merge, `null` deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const result: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else setOwn(result, key, mergePatch(ownValue(result, key), value));
  }
  return result;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What is wrong with a merge patch of a network (the reference update page): only the description annotation,
 * the workspace label, `ipv6enable` (never back off) and the two connection lists may change; `null` may remove
 * only the description and the lists; every value has its type.
 */
export function networkPatchProblems(patch: unknown, current: Network): string[] {
  const problems: string[] = [];
  const shape = (value: unknown, where: string, allowed: Record<string, (v: unknown) => string | undefined>) => {
    if (value === undefined) return;
    if (!isObject(value)) {
      problems.push(`${where} must be an object.`);
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      const check = ownValue(allowed, key);
      if (!check) problems.push(`${where}.${key} cannot be changed; allowed: ${Object.keys(allowed).join(', ')}.`);
      else {
        const problem = check(item);
        if (problem) problems.push(`${where}.${key} ${problem}`);
      }
    }
  };
  const nested = (where: string, allowed: Record<string, (v: unknown) => string | undefined>) => (value: unknown) => {
    shape(value, where, allowed);
    return undefined;
  };
  const list = (fields: Record<string, 'string' | 'boolean?'>, example: string) => (value: unknown) => {
    if (value === null) return undefined;
    const ok =
      Array.isArray(value) &&
      value.every(
        (item) =>
          isObject(item) &&
          Object.keys(item).every((key) => Object.hasOwn(fields, key)) &&
          Object.entries(fields).every(([key, type]) =>
            type === 'string'
              ? typeof item[key] === 'string' && item[key] !== ''
              : item[key] === undefined || typeof item[key] === 'boolean',
          ),
      );
    return ok ? undefined : `must be a list of ${example}, or null to remove it.`;
  };
  shape(patch, 'the patch', {
    metadata: nested('metadata', {
      annotations: nested('metadata.annotations', {
        [DESCRIPTION_ANNOTATION]: (v) =>
          v === null || (typeof v === 'string' && v.length <= 100 && !/[!<>=&"']/.test(v))
            ? undefined
            : 'must be a string of 0-100 characters without ! < > = & " \'.',
      }),
      labels: nested('metadata.labels', {
        [WORKSPACE_LABEL]: (v) =>
          typeof v === 'string' && v !== '' ? undefined : 'must be a workspace ID (a non-empty string).',
      }),
    }),
    spec: nested('spec', {
      ipv6enable: (v) =>
        typeof v !== 'boolean'
          ? 'must be true or false.'
          : v === false && current.spec.ipv6enable === true
            ? 'cannot be switched off once on.'
            : undefined,
      connection: nested('spec.connection', {
        peerConnectionList: list(
          { peerVpcId: 'string', peerSubnetId: 'string', defaultGateWay: 'boolean?' },
          '{peerVpcId, peerSubnetId, defaultGateWay?}',
        ),
        sfsTurboConnectionList: list({ sfsId: 'string', name: 'string' }, '{sfsId, name}'),
      }),
    }),
  });
  return problems;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

const firstErrors = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');

/**
 * A key given twice in one object of a request's JSON (the document checker's finding): JSON.parse would keep the
 * last one silently, while whoever wrote the request (and the editor) reads the first. Found in the raw text.
 */
function repeatedKey(text: string, kind: Kind): Finding | undefined {
  return checkDocument(text, { kind }).findings.find((f) => f.rule === REPEATED_KEY_RULE);
}
const REPEATED_KEY_RULE = 'json.duplicate-key';

export class Emulator {
  readonly store: Store;
  readonly faults: FaultInjector;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly credentials: readonly { accessKeyId: string; secretAccessKey: string; securityToken?: string }[];
  private readonly quota: number;
  private readonly now: () => number;
  private readonly routes: Route[];

  constructor(private readonly options: EmulatorOptions = {}) {
    this.now = options.now ?? Date.now;
    this.store = new Store({ ...DEFAULT_DELAYS, ...options.delays }, this.now, options.stateFile);
    this.faults = new FaultInjector(options.faults ?? {});
    this.credentials = options.credentials ?? [DEFAULT_CREDENTIALS];
    this.quota = options.addressGroupQuota ?? DEFAULT_ADDRESS_GROUP_QUOTA;
    this.routes = this.buildRoutes();
    this.server = createServer((req, res) => this.onRequest(req, res));
    // What node's HTTP parser refuses (headers too large, a malformed request line) gets the gateway's JSON error too.
    this.server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) => {
      if (!socket.writable) {
        socket.destroy();
        return;
      }
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      // The answer to HEAD has no body, or the client would read the body as the next answer.
      const head = error.rawPacket?.toString('latin1', 0, 5) === 'HEAD ';
      const payload = head
        ? ''
        : JSON.stringify(
            errorReply(
              'gateway',
              status,
              'APIGW.0201',
              `The request could not be read: ${STATUS_CODES[status] ?? 'Bad Request'}.`,
              randomUUID().replace(/-/g, ''),
            ).body,
          );
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
      );
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Listens on 127.0.0.1 only. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
    });
    return this.url;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      for (const socket of this.sockets) socket.destroy();
      this.server.close(() => resolve());
    });
  }

  // ---- plumbing ----

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const requestId = randomUUID().replace(/-/g, '');
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      void this.respond(req, res, Buffer.concat(chunks), size, requestId).catch((error: unknown) => {
        // Never a stack trace to the client: one generic 500, the detail in the emulator's log.
        this.options.log?.(
          `internal error (request ${requestId}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        if (!res.headersSent) {
          this.send(res, errorReply('gateway', 500, 'APIGW.0201', 'Internal error.', requestId), requestId);
        }
      });
    });
  }

  private send(res: ServerResponse, reply: Reply, requestId: string, spoil?: MalformedKind): void {
    const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
    const headers = { 'X-Request-Id': requestId, ...reply.headers };
    const json = 'application/json;charset=UTF-8';
    switch (spoil) {
      case undefined:
        res.writeHead(reply.status, { 'Content-Type': json, ...headers });
        res.end(payload);
        return;
      case 'truncated':
        res.writeHead(reply.status, { 'Content-Type': json, ...headers });
        res.end(payload.slice(0, Math.max(1, Math.floor(payload.length / 2))));
        return;
      case 'cut':
      case 'stall': {
        // The length of the whole answer is announced, half of it is sent; then the connection closes, or nothing
        // more comes.
        const whole = Buffer.from(payload.length > 1 ? payload : '{"cut": true}');
        res.writeHead(reply.status, { 'Content-Type': json, 'Content-Length': String(whole.length), ...headers });
        res.write(whole.subarray(0, Math.floor(whole.length / 2)), () => {
          if (spoil === 'cut') res.socket?.destroy();
        });
        return;
      }
      case 'html':
        res.writeHead(502, { 'Content-Type': 'text/html', ...headers });
        res.end(
          '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>',
        );
        return;
      case 'html200':
        res.writeHead(200, { 'Content-Type': 'text/html;charset=UTF-8', ...headers });
        res.end(
          '<!DOCTYPE html><html><head><title>Sign in to continue</title></head><body><form action="/login"><input name="user"></form></body></html>',
        );
        return;
    }
  }

  private async respond(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    size: number,
    requestId: string,
  ): Promise<void> {
    const target = req.url ?? '/';
    const method = req.method ?? 'GET';
    // The path is the request target's own (`//x` is a path, not a host): the one that was signed.
    const url = target.startsWith('/') ? parseUrl(`http://127.0.0.1${target}`) : undefined;
    const finish = (reply: Reply, spoil?: MalformedKind) => {
      this.options.log?.(
        `${method} ${url?.pathname ?? target} → ${spoil === 'html' ? 502 : spoil === 'html200' ? 200 : reply.status}${spoil ? ` (${spoil})` : ''}`,
      );
      this.send(res, reply, requestId, spoil);
    };
    if (!url) {
      return finish(
        errorReply(
          'gateway',
          400,
          'APIGW.0201',
          'The request target must be a path such as /v1/{project_id}/networks.',
          requestId,
        ),
      );
    }

    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      // Only a local program may drive it: a web page can neither send JSON without a preflight nor set a
      // loopback Host header for another site.
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) {
        return finish({ status: 403, body: { message: 'the control routes answer loopback hosts only' } });
      }
      if (method !== 'GET' && mediaType(req.headers['content-type']) !== 'application/json') {
        return finish({
          status: 415,
          body: { message: 'send the control routes JSON, with Content-Type: application/json' },
        });
      }
      const text = body.toString('utf8');
      if (jsonNesting(text, MAX_JSON_DEPTH).deeperThan) {
        return finish({ status: 400, body: { message: `the body is nested deeper than ${MAX_JSON_DEPTH} levels` } });
      }
      return finish(this.control(method, url.pathname.slice(CONTROL_PREFIX.length), text));
    }

    if (req.headers.authorization) this.options.onAuthorization?.(req.headers.authorization);
    const candidates = this.routes.filter((route) => route.pattern.test(url.pathname));
    if (candidates.length === 0) {
      return finish(
        errorReply(
          'gateway',
          404,
          'APIGW.0101',
          'The API does not exist or has not been published in the environment',
          requestId,
        ),
      );
    }
    const route = candidates.find((candidate) => candidate.method === method);
    if (!route) {
      const allow = candidates.map((candidate) => candidate.method).join(', ');
      return finish({
        ...errorReply(
          'gateway',
          405,
          'APIGW.0101',
          `Method ${method} is not allowed here; allowed: ${allow}`,
          requestId,
        ),
        headers: { Allow: allow },
      });
    }
    this.options.onApiRequest?.(route.name);
    if (size > MAX_BODY_BYTES) {
      return finish(errorReply('gateway', 413, 'APIGW.0201', 'The request body is larger than 12 MB.', requestId));
    }

    const latency = this.faults.latencyMs();
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    if (this.faults.takeReset(route.name, 'before')) {
      req.socket.destroy();
      return;
    }
    const retryAfter = this.faults.takeThrottle(route.name);
    if (retryAfter !== undefined) {
      return finish({
        ...errorReply(
          'gateway',
          429,
          'APIGW.0308',
          'The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 second',
          requestId,
        ),
        headers: { 'Retry-After': String(retryAfter) },
      });
    }

    const verification = verifyRequest(
      { method, target, headers: req.headers, body },
      (ak) => this.credentials.find((c) => c.accessKeyId === ak)?.secretAccessKey,
      new Date(this.now()),
    );
    if (!verification.ok) {
      return finish(
        errorReply(
          'gateway',
          401,
          'APIGW.0301',
          `Incorrect IAM authentication information: ${verification.reason}`,
          requestId,
        ),
      );
    }
    const expectedToken = this.credentials.find((c) => c.accessKeyId === verification.accessKeyId)?.securityToken;
    if (expectedToken !== undefined && req.headers['x-security-token'] !== expectedToken) {
      return finish(
        errorReply(
          'gateway',
          401,
          'APIGW.0301',
          'Incorrect IAM authentication information: the security token is missing or wrong',
          requestId,
        ),
      );
    }

    if (this.faults.serverError(route.name)) {
      return finish(
        errorReply(
          route.service,
          500,
          route.service === 'vpc' ? 'VPC.0001' : 'ModelArts.6699',
          'Internal error (injected by the emulator).',
          requestId,
        ),
      );
    }

    // Path parameters decoded once; one that cannot be decoded names nothing that exists.
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(route.pattern.exec(url.pathname)?.groups ?? {})) {
      const decoded = safeDecode(value);
      if (decoded === undefined) {
        return finish(
          errorReply(
            'gateway',
            404,
            'APIGW.0101',
            'The API does not exist or has not been published in the environment',
            requestId,
          ),
        );
      }
      params[key] = decoded;
    }
    const text = body.toString('utf8');
    if (route.accepts) {
      // Stricter than the pages, which name no other type: a body is read as the JSON it says it is, or not at all.
      if (mediaType(req.headers['content-type']) !== route.accepts) {
        return finish(
          errorReply(
            route.service,
            415,
            refusedBodyCode(route.service),
            `Content-Type must be ${route.accepts}.`,
            requestId,
          ),
        );
      }
      if (jsonNesting(text, MAX_JSON_DEPTH).deeperThan) {
        return finish(
          errorReply(
            route.service,
            400,
            refusedBodyCode(route.service),
            `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`,
            requestId,
          ),
        );
      }
    }
    const reply = route.handle({ method, url, params, headers: req.headers, text, requestId });
    if (this.faults.takeReset(route.name, 'after')) {
      // The request was processed (a create did create), then the connection drops before any answer.
      req.socket.destroy();
      return;
    }
    finish(reply, this.faults.takeMalformed(route.name));
  }

  /** The control endpoint (unsigned, loopback only): faults, seeding, fixtures (dependencies, workspaces), reset. */
  private control(method: string, path: string, text: string): Reply {
    const parsed = text ? parseJson(text) : { ok: true as const, value: {} };
    if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object') {
      return { status: 400, body: { message: 'the body must be a JSON object or list' } };
    }
    const body = parsed.value as Record<string, unknown>;
    // What a proxy to the cloud on a loopback port cannot say: the extension checks it before it signs with the
    // well-known key an emulator it did not start (npm start's).
    if (path === 'identity' && method === 'GET') return { status: 200, body: EMULATOR_IDENTITY };
    if (path === 'faults' && method === 'GET') return { status: 200, body: this.faults.current() };
    if (path === 'faults' && method === 'PUT') {
      try {
        this.faults.configure(body as Faults);
      } catch (error) {
        return { status: 400, body: { message: (error as Error).message } };
      }
      return { status: 200, body: this.faults.current() };
    }
    if (path === 'seed' && method === 'POST') {
      const region = typeof body.region === 'string' ? body.region : 'cn-north-4';
      const counts = { networks: body.networks ?? 0, addressGroups: body.addressGroups ?? 0 };
      if (!Object.values(counts).every((n) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= MAX_SEED)) {
        return {
          status: 400,
          body: { message: `networks and addressGroups must be whole numbers from 0 to ${MAX_SEED}` },
        };
      }
      const project = this.store.projectFor(region);
      this.store.seed(project.id, counts as { networks: number; addressGroups: number });
      return { status: 200, body: { projectId: project.id } };
    }
    if (path === 'workspaces' && method === 'POST') {
      const region = typeof body.region === 'string' ? body.region : 'cn-north-4';
      const { name, description } = body;
      if (typeof name !== 'string' || !/^[\p{L}\p{N}_-]{1,64}$/u.test(name)) {
        return {
          status: 400,
          body: {
            message:
              'POST {"name": …} with a name of 1-64 letters, digits, "-" or "_" (and optionally "description", "region")',
          },
        };
      }
      if (description !== undefined && (typeof description !== 'string' || description.length > 256)) {
        return { status: 400, body: { message: 'description must be text of at most 256 characters' } };
      }
      const project = this.store.projectFor(region);
      const workspace = this.store.createWorkspace(project.id, {
        name,
        ...(description === undefined ? {} : { description }),
      });
      if (!workspace) {
        return {
          status: 409,
          body: {
            message: `a workspace named ${name} exists already in ${region} ("default" is the default workspace's)`,
          },
        };
      }
      return { status: 200, body: { id: workspace.id, projectId: project.id } };
    }
    const dependencies = /^address-groups\/([^/]+)\/dependencies$/.exec(path);
    if (dependencies && method === 'PUT') {
      const id = safeDecode(dependencies[1] ?? '');
      if (id === undefined || !Array.isArray(body)) {
        return {
          status: 400,
          body: { message: 'PUT a list of {type, instance_id, instance_name} for an address-group id' },
        };
      }
      this.store.setDependencies(id, body);
      return { status: 200, body: {} };
    }
    if (path === 'reset' && method === 'POST') {
      this.store.reset();
      this.faults.configure({});
      return { status: 200, body: {} };
    }
    return { status: 404, body: { message: `no control route ${method} ${CONTROL_PREFIX}${path}` } };
  }

  // ---- routes ----

  private buildRoutes(): Route[] {
    const networks = `^/v1/(?<project>${HEX32})/networks`;
    const groups = `^/v3/(?<project>${HEX32})/vpc/address-groups`;
    return [
      {
        name: 'iam.projects',
        method: 'GET',
        pattern: /^\/v3\/projects\/?$/,
        service: 'iam',
        handle: (c) => this.listProjects(c),
      },
      {
        name: 'networks.create',
        method: 'POST',
        pattern: new RegExp(`${networks}/?$`),
        service: 'modelarts',
        accepts: 'application/json',
        handle: (c) => this.createNetwork(c),
      },
      {
        name: 'networks.list',
        method: 'GET',
        pattern: new RegExp(`${networks}/?$`),
        service: 'modelarts',
        handle: (c) => this.listNetworks(c),
      },
      {
        name: 'networks.get',
        method: 'GET',
        pattern: new RegExp(`${networks}/(?<id>[^/]+)/?$`),
        service: 'modelarts',
        handle: (c) => this.getNetwork(c),
      },
      {
        name: 'networks.update',
        method: 'PATCH',
        pattern: new RegExp(`${networks}/(?<id>[^/]+)/?$`),
        service: 'modelarts',
        accepts: 'application/merge-patch+json',
        handle: (c) => this.updateNetwork(c),
      },
      {
        name: 'networks.delete',
        method: 'DELETE',
        pattern: new RegExp(`${networks}/(?<id>[^/]+)/?$`),
        service: 'modelarts',
        handle: (c) => this.deleteNetwork(c),
      },
      {
        name: 'addressGroups.create',
        method: 'POST',
        pattern: new RegExp(`${groups}/?$`),
        service: 'vpc',
        accepts: 'application/json',
        handle: (c) => this.createAddressGroup(c),
      },
      {
        name: 'addressGroups.list',
        method: 'GET',
        pattern: new RegExp(`${groups}/?$`),
        service: 'vpc',
        handle: (c) => this.listAddressGroups(c),
      },
      {
        name: 'addressGroups.get',
        method: 'GET',
        pattern: new RegExp(`${groups}/(?<id>[^/]+)/?$`),
        service: 'vpc',
        handle: (c) => this.getAddressGroup(c),
      },
      {
        name: 'addressGroups.update',
        method: 'PUT',
        pattern: new RegExp(`${groups}/(?<id>[^/]+)/?$`),
        service: 'vpc',
        accepts: 'application/json',
        handle: (c) => this.updateAddressGroup(c),
      },
      {
        name: 'addressGroups.delete',
        method: 'DELETE',
        pattern: new RegExp(`${groups}/(?<id>[^/]+)/?$`),
        service: 'vpc',
        handle: (c) => this.deleteAddressGroup(c, false),
      },
      {
        name: 'addressGroups.forceDelete',
        method: 'DELETE',
        pattern: new RegExp(`${groups}/(?<id>[^/]+)/force/?$`),
        service: 'vpc',
        handle: (c) => this.deleteAddressGroup(c, true),
      },
      {
        name: 'workspaces.list',
        method: 'GET',
        pattern: new RegExp(`^/v1/(?<project>${HEX32})/workspaces/?$`),
        service: 'modelarts',
        handle: (c) => this.listWorkspaces(c),
      },
      {
        name: 'addressGroups.dependencies',
        method: 'GET',
        pattern: new RegExp(`^/v3/(?<project>${HEX32})/vpc/list-address-groups-dependency/?$`),
        service: 'vpc',
        handle: (c) => this.dependencies(c),
      },
    ];
  }

  // IAM

  private listProjects(call: Call): Reply {
    const name = call.url.searchParams.get('name');
    const projects = name && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(name) ? [this.store.projectFor(name)] : [];
    return {
      status: 200,
      body: {
        projects: projects.map((p) => ({
          id: p.id,
          name: p.name,
          domain_id: 'emulatordomain000000000000000000',
          enabled: true,
          is_domain: false,
          parent_id: 'emulatordomain000000000000000000',
          description: '',
          links: {},
        })),
        links: { self: `http://${String(call.headers.host ?? '127.0.0.1')}/v3/projects`, previous: null, next: null },
      },
    };
  }

  // ModelArts networks

  private modelartsError(call: Call, status: number, code: string, message: string): Reply {
    return errorReply('modelarts', status, code, message, call.requestId);
  }

  private invalidDocument(call: Call, kind: Kind, errors: Finding[]): Reply {
    const message = `${errors
      .map((f) => f.message)
      .slice(0, 3)
      .join(' ')}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}`;
    const service = kind === 'network' ? 'modelarts' : 'vpc';
    return errorReply(service, 400, refusedBodyCode(service), message, call.requestId);
  }

  private createNetwork(call: Call): Reply {
    const project = call.params.project ?? '';
    const check = checkDocument(call.text, { kind: 'network' });
    if (!check.parsed) {
      return this.modelartsError(call, 400, 'ModelArts.50004000', 'The request body is not valid JSON.');
    }
    const errors = firstErrors(check.findings);
    if (errors.length > 0) return this.invalidDocument(call, 'network', errors);
    const document = JSON.parse(call.text) as NetworkDocument;
    const { $schema: _schema, ...body } = document;
    const displayName = body.metadata.labels[NAME_LABEL];
    if (this.store.getNetwork(project, `${displayName}-${project}`)) {
      return this.modelartsError(
        call,
        400,
        'ModelArts.50004000',
        `A network named ${displayName} already exists in this project (its ID ${displayName}-${project} is taken).`,
      );
    }
    const record = this.store.createNetwork(project, body, this.faults.endsAbnormal(displayName));
    return { status: 200, body: this.store.viewNetwork(record) };
  }

  private listNetworks(call: Call): Reply {
    const query = call.url.searchParams;
    const limitText = query.get('limit');
    // 0 (or none) means the default page, as Kubernetes-style lists do: an empty page would page forever.
    const limit = limitText === null ? 500 : /^\d{1,4}$/.test(limitText) ? Number(limitText) || 500 : NaN;
    if (!Number.isInteger(limit) || limit < 0 || limit > 500) {
      return this.modelartsError(
        call,
        400,
        'ModelArts.50004000',
        `limit must be an integer from 0 to 500, not "${limitText}".`,
      );
    }
    const filters: ((record: NetworkRecord) => boolean)[] = [];
    const workspace = query.get('workspaceId');
    if (workspace) filters.push((r) => (r.network.metadata.labels[WORKSPACE_LABEL] ?? '0') === workspace);
    const selector = query.get('labelSelector');
    if (selector) {
      // Kubernetes-style terms (the API's syntax is unconfirmed): `key=value`, `key!=value`, or `key` (has the label).
      const terms = selector.split(',').map((term) => /^\s*([^!=\s]+)\s*(?:(!=|==?)\s*(.*?))?\s*$/.exec(term));
      if (terms.some((term) => !term)) {
        return this.modelartsError(
          call,
          400,
          'ModelArts.50004000',
          `labelSelector "${selector}" is not key=value, key!=value or key terms joined by commas.`,
        );
      }
      filters.push((r) =>
        terms.every((term) => {
          const [, key = '', operator, value] = term as RegExpExecArray;
          const actual = ownValue(r.network.metadata.labels as unknown as Record<string, string>, key);
          return operator === undefined
            ? actual !== undefined
            : operator === '!='
              ? actual !== value
              : actual === value;
        }),
      );
    }
    // The token names where the next page starts by creation time and ID, the order of the list: a page still
    // follows on when that network was deleted meanwhile.
    let from: NetworkPosition | undefined;
    const token = query.get('continue');
    if (token) {
      const match = /^(\d+):(.+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
      if (!match) {
        return this.modelartsError(
          call,
          400,
          'ModelArts.50004000',
          'The continue token is invalid: list again from the start.',
        );
      }
      from = { createdAtMs: Number(match[1]), id: match[2] ?? '' };
    }
    const page = this.store.pageNetworks(call.params.project ?? '', {
      from,
      limit,
      matches: filters.length === 0 ? undefined : (record) => filters.every((matches) => matches(record)),
    });
    const next = page.next && positionOf(page.next);
    return {
      status: 200,
      body: {
        kind: 'NetworkList',
        apiVersion: 'v1',
        metadata: {
          continue: next ? Buffer.from(`${next.createdAtMs}:${next.id}`).toString('base64url') : '',
          remainingItemCount: page.remaining,
        },
        items: page.items.map((r) => this.store.viewNetwork(r)),
      },
    };
  }

  private findNetwork(call: Call): NetworkRecord | Reply {
    const record = this.store.getNetwork(call.params.project ?? '', call.params.id ?? '');
    return record ?? this.modelartsError(call, 404, 'ModelArts.50025001', 'Network not exist.');
  }

  private getNetwork(call: Call): Reply {
    const record = this.findNetwork(call);
    return 'status' in record ? record : { status: 200, body: this.store.viewNetwork(record) };
  }

  private updateNetwork(call: Call): Reply {
    const record = this.findNetwork(call);
    if ('status' in record) return record;
    const parsed = parseJson(call.text);
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) {
      return this.modelartsError(call, 400, 'ModelArts.50004000', 'The request body is not a JSON object.');
    }
    const repeated = repeatedKey(call.text, 'network');
    if (repeated) return this.invalidDocument(call, 'network', [repeated]);
    if (record.deletedAtMs !== undefined) {
      return this.modelartsError(
        call,
        400,
        'ModelArts.50004000',
        `Network ${record.network.metadata.name} is being deleted.`,
      );
    }
    const problems = networkPatchProblems(parsed.value, record.network);
    if (problems.length > 0) return this.modelartsError(call, 400, 'ModelArts.50004000', problems.join(' '));
    const patch = parsed.value as Record<string, unknown>;
    const updated = mergePatch(record.network, patch) as Network;
    return { status: 200, body: this.store.viewNetwork(this.store.replaceNetwork(record, updated)) };
  }

  private deleteNetwork(call: Call): Reply {
    const record = this.findNetwork(call);
    if ('status' in record) return record;
    return { status: 200, body: this.store.viewNetwork(this.store.deleteNetwork(call.params.project ?? '', record)) };
  }

  // ModelArts workspaces

  /**
   * GET /v1/{project_id}/workspaces: `offset` (workspaces to skip), `limit` 1-1000 (default 1000), `sort_by` name,
   * update_time or status (default name), `order` asc or desc (default desc), `name` (contained, case ignored),
   * `enterprise_project_id`, `filter_accessible`. A value outside those is 400, never 500; a parameter given twice too.
   */
  private listWorkspaces(call: Call): Reply {
    const query = call.url.searchParams;
    const refuse = (message: string) => this.modelartsError(call, 400, refusedBodyCode('modelarts'), message);
    const names = ['offset', 'limit', 'sort_by', 'order', 'name', 'enterprise_project_id', 'filter_accessible'];
    const repeated = names.find((name) => query.getAll(name).length > 1);
    if (repeated) return refuse(`${repeated} is given ${query.getAll(repeated).length} times; give it once.`);
    const whole = (name: string, min: number, max: number, fallback: number): number | string => {
      const text = query.get(name);
      if (text === null) return fallback;
      const value = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
      return value >= min && value <= max
        ? value
        : `${name} must be a whole number from ${min} to ${max}, not "${text}".`;
    };
    const offset = whole('offset', 0, 2_147_483_647, 0);
    if (typeof offset === 'string') return refuse(offset);
    const limit = whole('limit', 1, 1000, 1000);
    if (typeof limit === 'string') return refuse(limit);
    const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T | undefined => {
      const text = query.get(name);
      return text === null ? fallback : allowed.find((value) => value === text);
    };
    const sortBy = oneOf('sort_by', ['name', 'update_time', 'status'] as const, 'name');
    if (!sortBy) return refuse(`sort_by must be name, update_time or status, not "${query.get('sort_by') ?? ''}".`);
    const order = oneOf('order', ['asc', 'desc'] as const, 'desc');
    if (!order) return refuse(`order must be asc or desc, not "${query.get('order') ?? ''}".`);
    if (!oneOf('filter_accessible', ['true', 'false'] as const, 'false')) {
      return refuse(`filter_accessible must be true or false, not "${query.get('filter_accessible') ?? ''}".`);
    }
    const name = query.get('name');
    if (name !== null && !/^[\p{L}\p{N}_-]{1,64}$/u.test(name)) {
      return refuse('name must be 1-64 letters, digits, "-" or "_".');
    }
    const enterpriseProject = query.get('enterprise_project_id');
    if (enterpriseProject !== null && !/^(0|[A-Za-z0-9-]{36})$/.test(enterpriseProject)) {
      return refuse('enterprise_project_id must be 0 or an ID of 36 letters, digits and "-".');
    }

    const key = (workspace: WorkspaceRecord) =>
      sortBy === 'name' ? workspace.name : sortBy === 'status' ? workspace.status : workspace.update_time;
    const matching = this.store
      .listWorkspaces(call.params.project ?? '')
      .filter(
        (workspace) =>
          (name === null || workspace.name.toLowerCase().includes(name.toLowerCase())) &&
          (enterpriseProject === null || workspace.enterprise_project_id === enterpriseProject),
      )
      .sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        const compared = x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
        return order === 'asc' ? compared : -compared;
      });
    const page = matching.slice(offset, offset + limit);
    return { status: 200, body: { total_count: matching.length, count: page.length, workspaces: page } };
  }

  // VPC address groups

  private vpcError(call: Call, status: number, code: string, message: string): Reply {
    return errorReply('vpc', status, code, message, call.requestId);
  }

  /** The API's answer to a group that breaks the rules: ip_set problems are VPC.9901, too many entries VPC.9905. */
  private checkGroup(call: Call, text: string, group: unknown): Reply | undefined {
    const errors = firstErrors(checkDocument(text, { kind: 'addressGroup' }).findings);
    if (errors.length === 0) return undefined;
    const repeated = errors.find((f) => f.rule === REPEATED_KEY_RULE);
    if (repeated) return this.invalidDocument(call, 'addressGroup', [repeated]);
    // A capacity outside 0-20 is an invalid request, not a full group (however many entries come with it).
    const capacity = isObject(group) ? group.max_capacity : undefined;
    if (
      capacity !== undefined &&
      !(Number.isInteger(capacity) && (capacity as number) >= 0 && (capacity as number) <= MAX_ENTRIES)
    ) {
      return this.vpcError(
        call,
        400,
        refusedBodyCode('vpc'),
        `Invalid max_capacity ${JSON.stringify(capacity)} in request body: an integer from 0 to ${MAX_ENTRIES}.`,
      );
    }
    const duplicate = errors.find((f) => f.rule === 'address-group.duplicate');
    if (duplicate) {
      return this.vpcError(call, 400, 'VPC.9901', `Duplicate ip_set in request body: ${duplicate.message}`);
    }
    const entry = errors.find(
      (f) =>
        f.rule === 'address-group.entry-syntax' ||
        f.rule === 'address-group.range-reversed' ||
        f.rule === 'address-group.family',
    );
    if (entry) {
      return this.vpcError(call, 400, 'VPC.9901', `Invalid ip_set parameter in request body: ${entry.message}`);
    }
    // More entries than the group may hold is the entry quota (the error-code page's 409), once nothing else is wrong.
    const overQuota = (f: Finding) => f.rule === 'address-group.capacity' || f.rule === 'schema.maxItems';
    if (errors.every(overQuota)) {
      return this.vpcError(
        call,
        409,
        'VPC.9905',
        `Quota exceeded for resources: ['address_group_contain_ipset']. ${errors[0]?.message ?? ''}`.trim(),
      );
    }
    return this.invalidDocument(
      call,
      'addressGroup',
      errors.filter((f) => !overQuota(f)),
    );
  }

  private createAddressGroup(call: Call): Reply {
    const project = call.params.project ?? '';
    const parsed = parseJson(call.text);
    if (!parsed.ok) return this.vpcError(call, 400, refusedBodyCode('vpc'), 'The request body is not valid JSON.');
    const invalid = this.checkGroup(call, call.text, isObject(parsed.value) ? parsed.value.address_group : undefined);
    if (invalid) return invalid;
    const document = parsed.value as AddressGroupDocument;
    if (this.store.countAddressGroups(project) >= this.quota) {
      return this.vpcError(call, 409, 'VPC.9905', "Quota exceeded for resources: 'address_group'.");
    }
    if (document.dry_run) return { status: 202, body: { request_id: call.requestId } };
    const record = this.store.createAddressGroup(project, document.address_group);
    return { status: 201, body: { address_group: this.store.viewAddressGroup(record), request_id: call.requestId } };
  }

  private listAddressGroups(call: Call): Reply {
    const query = call.url.searchParams;
    const limitText = query.get('limit');
    const limit = limitText === null ? 2000 : /^\d{1,5}$/.test(limitText) ? Number(limitText) : NaN;
    if (!Number.isInteger(limit) || limit < 0 || limit > 2000) {
      return this.vpcError(call, 400, 'VPC.9902', `limit must be an integer from 0 to 2000, not "${limitText}".`);
    }
    // Repeatable filters match any of their values; different filters all apply.
    const filters: ((record: AddressGroupRecord) => boolean)[] = [];
    const anyOf = (name: string, value: (group: AddressGroup) => string) => {
      const wanted = new Set(query.getAll(name));
      if (wanted.size > 0) filters.push(({ group }) => wanted.has(value(group)));
    };
    anyOf('id', (group) => group.id);
    anyOf('name', (group) => group.name);
    anyOf('description', (group) => group.description ?? '');
    const version = query.get('ip_version');
    if (version) filters.push(({ group }) => String(group.ip_version) === version);
    const enterpriseProject = query.get('enterprise_project_id');
    if (enterpriseProject) filters.push(({ group }) => group.enterprise_project_id === enterpriseProject);
    const marker = query.get('marker') || undefined;
    const page = this.store.pageAddressGroups(call.params.project ?? '', {
      marker,
      limit,
      matches: filters.length === 0 ? undefined : (record) => filters.every((matches) => matches(record)),
    });
    if (!page) {
      return this.vpcError(call, 400, 'VPC.9902', `marker ${marker ?? ''} is not an address group of this list.`);
    }
    const pageInfo: Record<string, unknown> = { current_count: page.items.length };
    if (page.items[0]) pageInfo.previous_marker = page.items[0].group.id;
    if (page.more) pageInfo.next_marker = page.items.at(-1)?.group.id;
    return {
      status: 200,
      body: {
        address_groups: page.items.map((r) => this.store.viewAddressGroup(r)),
        page_info: pageInfo,
        request_id: call.requestId,
      },
    };
  }

  private getAddressGroup(call: Call): Reply {
    const record = this.store.getAddressGroup(call.params.project ?? '', call.params.id ?? '');
    if (!record) {
      return this.vpcError(call, 404, 'VPC.9904', `Address_group ${call.params.id ?? ''} could not be found.`);
    }
    return { status: 200, body: { address_group: this.store.viewAddressGroup(record), request_id: call.requestId } };
  }

  private updateAddressGroup(call: Call): Reply {
    const project = call.params.project ?? '';
    const record = this.store.getAddressGroup(project, call.params.id ?? '');
    if (!record) {
      return this.vpcError(call, 404, 'VPC.9904', `Address_group ${call.params.id ?? ''} could not be found.`);
    }
    const refuse = (message: string) => this.vpcError(call, 400, refusedBodyCode('vpc'), message);
    const parsed = parseJson(call.text);
    const body = parsed.ok ? parsed.value : undefined;
    if (!isObject(body) || !isObject(body.address_group)) {
      return refuse('The request body must be {"dry_run"?, "address_group": {…}}.');
    }
    const unknown = Object.keys(body).filter((key) => key !== 'dry_run' && key !== 'address_group');
    if (unknown.length > 0) {
      return refuse(`${unknown.join(', ')}: not a field of this request; allowed: dry_run, address_group.`);
    }
    const repeated = repeatedKey(call.text, 'addressGroup');
    if (repeated) return this.invalidDocument(call, 'addressGroup', [repeated]);
    if (body.dry_run !== undefined && typeof body.dry_run !== 'boolean') {
      return refuse('dry_run must be true or false.');
    }
    const changes = body.address_group;
    const changeable = ['name', 'description', 'ip_set', 'ip_extra_set', 'max_capacity'];
    const immutable = Object.keys(changes).filter((key) => !changeable.includes(key));
    if (immutable.length > 0) {
      return refuse(`${immutable.join(', ')} cannot be changed; allowed: ${changeable.join(', ')}.`);
    }
    if (this.store.viewAddressGroup(record).status === 'UPDATING') {
      return this.vpcError(
        call,
        409,
        'VPC.9902',
        `Address group ${record.group.id} is being updated (status UPDATING): try again in a moment.`,
      );
    }
    // The group as it would be, checked by the same rules as a new one (ip_version stays as it was).
    const {
      id: _id,
      tenant_id: _tenant,
      created_at: _c,
      updated_at: _u,
      status: _s,
      status_message: _m,
      tags: _t,
      ...current
    } = record.group;
    const entriesChanged = Object.hasOwn(changes, 'ip_set') || Object.hasOwn(changes, 'ip_extra_set');
    const candidate = {
      ...current,
      ...(entriesChanged ? { ip_set: undefined, ip_extra_set: undefined } : { ip_extra_set: undefined }),
      ...changes,
    };
    if (Object.hasOwn(changes, 'ip_set') && Object.hasOwn(changes, 'ip_extra_set')) {
      return refuse('ip_set and ip_extra_set cannot both be given: keep one of them.');
    }
    const invalid = this.checkGroup(call, JSON.stringify({ address_group: candidate }), candidate);
    if (invalid) return invalid;
    if (body.dry_run === true) return { status: 202, body: { request_id: call.requestId } };
    const updated = this.store.updateAddressGroup(record, changes as Partial<AddressGroup>);
    return { status: 200, body: { address_group: this.store.viewAddressGroup(updated), request_id: call.requestId } };
  }

  private deleteAddressGroup(call: Call, force: boolean): Reply {
    const project = call.params.project ?? '';
    const id = call.params.id ?? '';
    if (!this.store.getAddressGroup(project, id)) {
      return this.vpcError(call, 404, 'VPC.9904', `Address_group ${id} could not be found.`);
    }
    if (!force && this.store.dependenciesOf(id).length > 0) {
      return this.vpcError(
        call,
        409,
        'VPC.9907',
        'The IP address group is used by a security group rule or a network ACL rule.',
      );
    }
    this.store.deleteAddressGroup(project, id);
    return { status: 204 };
  }

  private dependencies(call: Call): Reply {
    const project = call.params.project ?? '';
    const ids = call.url.searchParams.getAll('id');
    const groups = (
      ids.length > 0 ? ids.map((id) => this.store.getAddressGroup(project, id)) : this.store.listAddressGroups(project)
    )
      .filter((record) => record !== undefined)
      .map(({ group }) => ({
        id: group.id,
        enterprise_project_id: group.enterprise_project_id ?? '0',
        dependency: this.store.dependenciesOf(group.id),
      }));
    return { status: 200, body: { address_groups: groups, request_id: call.requestId } };
  }
}
