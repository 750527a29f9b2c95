// A server on 127.0.0.1 that answers like a broken or malicious Huawei Cloud: every answer drawn from a seeded
// generator — answers of the right shape with fields of the wrong type, huge strings, nesting thousands deep,
// prototype keys (`__proto__`, `constructor`), markup, truncated or mislabelled bodies, odd statuses, redirects to
// another server, dropped and hanging connections. The same seed gives the same answers in the same order.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { listenOnLoopback } from './loopback';

/** A small, fast, seedable generator (mulberry32): the fuzz tests print the seed so that a failure can be replayed. */
export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

/** What the server does with one request. */
type Reply =
  | {
      readonly kind: 'answer';
      readonly status: number;
      readonly headers: Record<string, string>;
      readonly body: Buffer;
    }
  /** Headers that promise more than is sent, then the connection closes. */
  | { readonly kind: 'cut'; readonly status: number; readonly body: Buffer }
  | { readonly kind: 'drop' }
  | { readonly kind: 'hang' };
export type HostileAnswer = Reply & { readonly what: string; readonly traits: readonly HostileTrait[] };

export interface HostileOptions {
  /** Where redirects point: a server that must never receive anything. */
  readonly elsewhere: string;
  readonly projectId: string;
  /** The longest string put into an answer. */
  readonly maxStringBytes: number;
  /** The deepest nesting put into an answer. */
  readonly maxDepth: number;
  /** How often a connection hangs (each costs a client time-out). */
  readonly hangRate: number;
}

const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'then',
];
const FIELD_KEYS = [
  'metadata',
  'name',
  'labels',
  'spec',
  'cidr',
  'status',
  'phase',
  'items',
  'continue',
  'address_groups',
  'address_group',
  'page_info',
  'next_marker',
  'id',
  'ip_version',
  'ip_set',
  'ip_extra_set',
  'projects',
  'error_code',
  'error_msg',
  'code',
  'message',
  'error',
  'request_id',
  'connection',
  'peerConnectionList',
  'sfsTurboConnectionList',
  'dependency',
  'created_at',
  'creationTimestamp',
];
const STATUSES = [
  200, 200, 200, 200, 201, 202, 204, 203, 206, 299, 301, 302, 303, 307, 308, 300, 304, 400, 401, 403, 404, 404, 405,
  409, 413, 415, 418, 429, 429, 500, 500, 502, 503, 504, 599,
];

/**
 * A marker replaced, after serialization, by arrays or objects nested `depth` levels deep (serializing such a value
 * would overflow the stack).
 */
const deepMarker = (shape: 'arrays' | 'objects', depth: number) => `\u0000deep:${shape}:${depth}\u0000`;

/** Sets a key as an own, enumerable property, even `__proto__`: JSON.stringify then writes it as a plain key. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** What one answer is drawn with, and what it turned out to contain (the fuzz tests report how often each was drawn). */
interface Draw {
  readonly random: Random;
  readonly options: HostileOptions;
  readonly traits: Set<HostileTrait>;
}

export type HostileTrait =
  | 'prototype keys'
  | 'deep nesting'
  | 'huge strings'
  | 'wrong types'
  | 'redirects'
  | 'dropped or cut connections'
  | 'hanging connections'
  | 'gzip'
  | 'not JSON';

function hostileString({ random, options, traits }: Draw): string {
  switch (random.int(0, 7)) {
    case 0:
      return '';
    case 1: {
      const length = random.int(1, options.maxStringBytes);
      if (length >= 100_000) traits.add('huge strings');
      return 'x'.repeat(length);
    }
    case 2:
      return '\u0000\u0001\u001b[31m\r\n\u2028\u2029\ud800';
    case 3:
      return '<script>alert(1)</script><b>bold</b>';
    case 4:
      return '../../../etc/passwd';
    case 5:
      return '$(rm -rf /) `id` ${process.env.HOME}';
    case 6:
      return random.pick([...PROTOTYPE_KEYS, ...FIELD_KEYS]);
    default:
      return 'ÿ\uffff𝒳 é 中文';
  }
}

/** Any JSON value, shallow unless the draw asks for depth. */
function hostileValue(draw: Draw, budget = 3): unknown {
  const { random, options, traits } = draw;
  switch (random.int(0, 11)) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return random.pick([0, -1, -0, 1.5, 1e308, -1e308, 2 ** 53 + 1, 4, 6, 404]);
    case 3:
    case 4:
      return hostileString(draw);
    case 5: {
      const depth = random.pick([100, 1_000, 10_000, options.maxDepth]);
      if (depth >= 10_000) traits.add('deep nesting');
      return deepMarker(random.pick(['arrays', 'objects']), depth);
    }
    case 6:
    case 7: {
      if (budget <= 0) return [];
      return Array.from({ length: random.int(0, 4) }, () => hostileValue(draw, budget - 1));
    }
    default: {
      const value: Record<string, unknown> = {};
      if (budget <= 0) return value;
      for (let i = random.int(0, 4); i > 0; i--) {
        const key = random.pick([...PROTOTYPE_KEYS, ...FIELD_KEYS]);
        if (PROTOTYPE_KEYS.includes(key)) traits.add('prototype keys');
        setOwn(value, key, hostileValue(draw, budget - 1));
      }
      return value;
    }
  }
}

function network(random: Random, projectId: string, index: number): Record<string, unknown> {
  const name = `net-${index}`;
  return {
    apiVersion: 'v1',
    kind: 'Network',
    metadata: {
      name: `${name}-${projectId}`,
      labels: { 'os.modelarts/name': name, 'os.modelarts/workspace.id': '0' },
      creationTimestamp: '2026-11-23T10:00:00Z',
    },
    spec: {
      cidr: `192.168.${index % 256}.0/24`,
      connection: { peerConnectionList: [{ peerVpcId: 'v', peerSubnetId: 's' }] },
    },
    status: {
      phase: random.pick(['Active', 'Creating', '', 'Abnormal']),
      connectionStatus: { peerConnectionStatus: [{ peerVpcId: 'v', peerSubnetId: 's', phase: 'Active' }] },
    },
  };
}

function addressGroup(random: Random, index: number): Record<string, unknown> {
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    name: `group-${index}`,
    ip_version: random.pick([4, 6]),
    ip_set: ['10.0.0.1', '10.0.0.0/24'],
    ip_extra_set: [{ ip: '10.0.0.1', remarks: null }],
    max_capacity: 20,
    status: 'NORMAL',
    created_at: '2019-06-28T02:06:38',
    updated_at: '2019-06-28T02:06:38.000+00:00',
    enterprise_project_id: '0',
  };
}

/** An answer of the shape the API gives for this request, before any damage. */
function plausibleBody(random: Random, method: string, path: string, options: HostileOptions): Record<string, unknown> {
  const count = random.int(0, 4);
  if (path.startsWith('/v3/projects')) return { projects: [{ id: options.projectId, name: 'cn-north-4' }] };
  if (/\/networks\/?$/.test(path) && method === 'GET') {
    return {
      kind: 'NetworkList',
      metadata: { continue: random.chance(0.5) ? `c${random.int(0, 1e6)}` : '' },
      items: Array.from({ length: count }, (_, i) => network(random, options.projectId, i)),
    };
  }
  if (/\/networks\//.test(path) || /\/networks$/.test(path)) {
    return network(random, options.projectId, random.int(0, 9));
  }
  if (/list-address-groups-dependency/.test(path)) {
    return {
      address_groups: [
        { id: addressGroup(random, 0).id, dependency: [{ type: 'sg', instance_id: 'i', instance_name: 'n' }] },
      ],
    };
  }
  if (/\/address-groups\/?$/.test(path) && method === 'GET') {
    return {
      request_id: 'r',
      address_groups: Array.from({ length: count }, (_, i) => addressGroup(random, i)),
      page_info: random.chance(0.5)
        ? { next_marker: `m${random.int(0, 1e6)}`, current_count: count }
        : { current_count: count },
    };
  }
  return { request_id: 'r', address_group: addressGroup(random, random.int(0, 9)) };
}

function errorBody(draw: Draw): Record<string, unknown> {
  const { random } = draw;
  const code = random.pick(['APIGW.0301', 'APIGW.0308', 'VPC.9907', 'ModelArts.50025001', hostileString(draw)]);
  const message = hostileString(draw);
  return random.pick([{ error_code: code, error_msg: message }, { code, message }, { error: { code, message } }]);
}

/** Replaces, deletes or adds a value at a random place of `body` (several times). */
function damage(draw: Draw, body: Record<string, unknown>): unknown {
  const { random, traits } = draw;
  for (let i = random.int(1, 4); i > 0; i--) {
    let node: unknown = body;
    for (let depth = random.int(0, 4); depth > 0; depth--) {
      const keys = node !== null && typeof node === 'object' ? Object.keys(node) : [];
      if (keys.length === 0) break;
      const next = (node as Record<string, unknown>)[random.pick(keys)];
      if (next === null || typeof next !== 'object') break;
      node = next;
    }
    if (node === null || typeof node !== 'object') continue;
    const target = node as Record<string, unknown>;
    const keys = Object.keys(target);
    const action = random.int(0, 2);
    if (action === 0 && keys.length > 0) {
      traits.add('wrong types');
      setOwn(target, random.pick(keys), hostileValue(draw));
    } else if (action === 1 && keys.length > 0) delete target[random.pick(keys)];
    else {
      traits.add('prototype keys');
      setOwn(target, random.pick(PROTOTYPE_KEYS), hostileValue(draw));
    }
  }
  return random.chance(0.05) ? hostileValue(draw) : body;
}

/** JSON text, with each deep marker expanded into nesting that many levels deep. */
function serialize(value: unknown): string {
  return JSON.stringify(value).replace(
    /"\\u0000deep:(arrays|objects):(\d+)\\u0000"/g,
    (_, shape: string, depth: string) => {
      const n = Number(depth);
      return shape === 'arrays' ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    },
  );
}

/** One hostile answer to a request, and the hostile traits it has. */
export function hostileAnswer(random: Random, method: string, path: string, options: HostileOptions): HostileAnswer {
  const draw: Draw = { random, options, traits: new Set() };
  const { traits } = draw;
  const done = (answer: Reply & { what: string }): HostileAnswer => ({ ...answer, traits: [...traits] });
  const roll = random.next();
  if (roll < options.hangRate) {
    traits.add('hanging connections');
    return done({ kind: 'hang', what: 'no answer at all' });
  }
  if (roll < options.hangRate + 0.03) {
    traits.add('dropped or cut connections');
    return done({ kind: 'drop', what: 'the connection dropped' });
  }
  const status = random.pick(STATUSES);
  const headers: Record<string, string> = {
    'Content-Type': random.pick([
      'application/json',
      'application/json;charset=UTF-8',
      'text/html',
      'application/octet-stream',
      'text/plain',
    ]),
  };
  if (random.chance(0.5)) {
    headers['X-Request-Id'] = random.pick(['rid-1', 'x'.repeat(random.int(1, 8000)), '<b>id</b>', '\t spaced \t']);
  }
  if (status === 429 || status === 503 || random.chance(0.1)) {
    headers['Retry-After'] = random.pick([
      '1',
      '0',
      '-5',
      '99999999999',
      'soon',
      'Wed, 21 Oct 2099 07:28:00 GMT',
      '0.001',
    ]);
  }
  if (status >= 300 && status < 400) {
    traits.add('redirects');
    if (random.chance(0.9)) {
      headers.Location = random.pick([
        `${options.elsewhere}/v1/steal`,
        `${options.elsewhere}`,
        '//evil.example.test/x',
        'javascript:alert(1)',
        'http://[::1',
        '',
      ]);
    }
  }
  let text: string;
  let what: string;
  const bodyKind = random.int(0, 9);
  if (bodyKind <= 5) {
    const body = status >= 400 ? errorBody(draw) : plausibleBody(random, method, path, options);
    text = serialize(random.chance(0.8) ? damage(draw, body) : body);
    what = `${status} with a damaged answer`;
  } else if (bodyKind === 6) {
    text = serialize(hostileValue(draw));
    what = `${status} with any JSON value`;
  } else {
    traits.add('not JSON');
    if (bodyKind === 7) {
      text = random.pick([
        '',
        'null',
        '{',
        '{"items": [',
        '<html><head><title>Oops</title></head><body>proxy</body></html>',
        '\ufeff{"items": []}',
        'NaN',
        '[1,]',
        `"${'y'.repeat(random.int(1, options.maxStringBytes))}`,
      ]);
      what = `${status} with a body that is no JSON answer`;
    } else if (bodyKind === 8) {
      text = serialize(plausibleBody(random, method, path, options)).slice(0, random.int(0, 200));
      what = `${status} with a truncated answer`;
    } else {
      const garbage = Buffer.alloc(random.int(1, 4096));
      for (let i = 0; i < garbage.length; i++) garbage[i] = random.int(0, 255);
      text = garbage.toString('latin1');
      what = `${status} with random bytes`;
    }
  }
  let body = Buffer.from(text, bodyKind === 9 ? 'latin1' : 'utf8');
  if (random.chance(0.1)) {
    traits.add('gzip');
    headers['Content-Encoding'] = 'gzip';
    // Mostly real gzip; sometimes a lie.
    if (random.chance(0.7)) body = gzipSync(body);
    what += ', gzip';
  }
  if (random.chance(0.05)) {
    traits.add('dropped or cut connections');
    return done({ kind: 'cut', status, body, what: `${what}, cut short` });
  }
  return done({ kind: 'answer', status, headers, body, what });
}

/**
 * A list answer of either API (networks' `items`, address groups' `address_groups`) holding the worst items side by
 * side: nesting 100,000 deep, prototype keys, a name of `nameBytes`, and items that are no object at all.
 */
export function worstPage(nameBytes: number): { readonly body: Buffer; readonly items: number } {
  const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
  const items = [
    `{"metadata":${deep},"spec":{"cidr":"192.168.0.0/16"}}`,
    '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"id":"x"}',
    `{"metadata":{"name":"${'n'.repeat(nameBytes)}"},"spec":{"cidr":"192.168.0.0/16"},"status":${deep}}`,
    `{"id":"${'g'.repeat(nameBytes)}","name":"${'n'.repeat(nameBytes)}","ip_version":4,"ip_set":${deep}}`,
    'null',
    '42',
    `[${deep}]`,
    '"text"',
  ];
  const list = items.join(',');
  return {
    body: Buffer.from(
      `{"kind":"NetworkList","metadata":{"continue":""},"items":[${list}],"address_groups":[${list}],"page_info":{}}`,
    ),
    items: items.length,
  };
}

export interface HostileServer {
  readonly url: string;
  /** Requests received, as `METHOD path`. */
  readonly received: string[];
  /** The Authorization headers received: the security tests look for them where none may appear. */
  readonly authorizations: string[];
  close(): Promise<void>;
}

/** Serves `answer(method, path)` for every request, on 127.0.0.1. */
export async function startHostileServer(
  answer: (method: string, path: string) => HostileAnswer,
): Promise<HostileServer> {
  const received: string[] = [];
  const authorizations: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      received.push(`${req.method} ${path}`);
      if (req.headers.authorization) authorizations.push(req.headers.authorization);
      const reply = answer(req.method ?? 'GET', path);
      switch (reply.kind) {
        case 'hang':
          return;
        case 'drop':
          req.socket.destroy();
          return;
        case 'cut':
          res.writeHead(reply.status, {
            'Content-Type': 'application/json',
            'Content-Length': String(reply.body.length + 1000),
          });
          res.write(reply.body);
          setImmediate(() => req.socket.destroy());
          return;
        default: {
          const bodyless = reply.status === 204 || reply.status === 304 || req.method === 'HEAD';
          res.writeHead(reply.status, reply.headers);
          res.end(bodyless ? undefined : reply.body);
        }
      }
    });
  });
  const { url, close } = await listenOnLoopback(server);
  return { url, received, authorizations, close };
}
