// The API gateway in front of the services: the pipeline a request passes before any handler reads it — its target,
// the control routes' own gate (loopback hosts, JSON), the route and method, the body's size, the injected faults
// (latency, resets, throttling, 500s), the signature and security token, the path parameters, the body's media type
// and nesting — and how an answer is written, with its request id, or spoiled as a fault asks.
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { verifyRequest } from '../core/cloud/signer';
import { jsonNesting } from '../core/jsonNesting';
import { CONTROL_PREFIX, type ControlHandler } from './control';
import type { FaultInjector, MalformedKind, RouteName } from './faults';
import { errorReply, mediaType, parseUrl, refusedBodyCode, safeDecode } from './replies';
import type { Reply, Route } from './route';

const MAX_BODY_BYTES = 12 * 1024 * 1024;
/**
 * Documents of either API nest five levels deep. Much deeper JSON is refused before anything reads it: the document
 * checker's parser recurses, and a few thousand levels would overflow its stack.
 */
export const MAX_JSON_DEPTH = 64;

/** A key the gateway accepts; with a security token, requests signed with it must carry that token. */
export interface AcceptedKey {
  accessKeyId: string;
  secretAccessKey: string;
  securityToken?: string;
}

export interface GatewayOptions {
  readonly routes: readonly Route[];
  readonly control: ControlHandler;
  readonly faults: FaultInjector;
  readonly credentials: readonly AcceptedKey[];
  /** Milliseconds since the epoch: a signature is checked against this clock. */
  readonly now: () => number;
  readonly log?: ((line: string) => void) | undefined;
  readonly onApiRequest?: ((route: RouteName) => void) | undefined;
  readonly onAuthorization?: ((value: string) => void) | undefined;
}

/** The server's request listener: reads the body (keeping at most 12 MB of it), then runs the pipeline. */
export function createGateway(options: GatewayOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const respond = async (
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    size: number,
    requestId: string,
  ): Promise<void> => {
    const target = req.url ?? '/';
    const method = req.method ?? 'GET';
    // The path is the request target's own (`//x` is a path, not a host): the one that was signed.
    const url = target.startsWith('/') ? parseUrl(`http://127.0.0.1${target}`) : undefined;
    const finish = (reply: Reply, spoil?: MalformedKind) => {
      options.log?.(
        `${method} ${url?.pathname ?? target} → ${spoil === 'html' ? 502 : spoil === 'html200' ? 200 : reply.status}${spoil ? ` (${spoil})` : ''}`,
      );
      send(res, reply, requestId, spoil);
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

    if (url.pathname.startsWith(CONTROL_PREFIX)) return finish(controlRequest(options.control, req, url, body));

    if (req.headers.authorization) options.onAuthorization?.(req.headers.authorization);
    const candidates = options.routes.filter((route) => route.pattern.test(url.pathname));
    if (candidates.length === 0) {
      return finish(noSuchApi(requestId));
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
    options.onApiRequest?.(route.name);
    if (size > MAX_BODY_BYTES) {
      return finish(errorReply('gateway', 413, 'APIGW.0201', 'The request body is larger than 12 MB.', requestId));
    }

    const latency = options.faults.latencyMs();
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    if (options.faults.takeReset(route.name, 'before')) {
      req.socket.destroy();
      return;
    }
    const retryAfter = options.faults.takeThrottle(route.name);
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
      (ak) => options.credentials.find((c) => c.accessKeyId === ak)?.secretAccessKey,
      new Date(options.now()),
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
    const expectedToken = options.credentials.find((c) => c.accessKeyId === verification.accessKeyId)?.securityToken;
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

    if (options.faults.serverError(route.name)) {
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
        return finish(noSuchApi(requestId));
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
    if (options.faults.takeReset(route.name, 'after')) {
      // The request was processed (a create did create), then the connection drops before any answer.
      req.socket.destroy();
      return;
    }
    finish(reply, options.faults.takeMalformed(route.name));
  };

  return (req, res) => {
    const requestId = randomUUID().replace(/-/g, '');
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      void respond(req, res, Buffer.concat(chunks), size, requestId).catch((error: unknown) => {
        // Never a stack trace to the client: one generic 500, the detail in the emulator's log.
        options.log?.(
          `internal error (request ${requestId}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        if (!res.headersSent) {
          send(res, errorReply('gateway', 500, 'APIGW.0201', 'Internal error.', requestId), requestId);
        }
      });
    });
  };
}

const noSuchApi = (requestId: string) =>
  errorReply(
    'gateway',
    404,
    'APIGW.0101',
    'The API does not exist or has not been published in the environment',
    requestId,
  );

/**
 * A request to the control routes: only a local program may drive them — a web page can neither send JSON without
 * a preflight nor set a loopback Host header for another site.
 */
function controlRequest(control: ControlHandler, req: IncomingMessage, url: URL, body: Buffer): Reply {
  const method = req.method ?? 'GET';
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) {
    return { status: 403, body: { message: 'the control routes answer loopback hosts only' } };
  }
  if (method !== 'GET' && mediaType(req.headers['content-type']) !== 'application/json') {
    return { status: 415, body: { message: 'send the control routes JSON, with Content-Type: application/json' } };
  }
  const text = body.toString('utf8');
  if (jsonNesting(text, MAX_JSON_DEPTH).deeperThan) {
    return { status: 400, body: { message: `the body is nested deeper than ${MAX_JSON_DEPTH} levels` } };
  }
  return control(method, url.pathname.slice(CONTROL_PREFIX.length), text);
}

function send(res: ServerResponse, reply: Reply, requestId: string, spoil?: MalformedKind): void {
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
      res.end('<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>');
      return;
    case 'html200':
      res.writeHead(200, { 'Content-Type': 'text/html;charset=UTF-8', ...headers });
      res.end(
        '<!DOCTYPE html><html><head><title>Sign in to continue</title></head><body><form action="/login"><input name="user"></form></body></html>',
      );
      return;
  }
}

/** What node's HTTP parser refuses (headers too large, a malformed request line) gets the gateway's JSON error too. */
export function answerUnreadable(error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket): void {
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
}
