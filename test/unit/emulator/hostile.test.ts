// Hostile requests: random and malformed bodies, wrong types, huge strings, deep nesting, odd methods and targets,
// bad percent-encoding, wrong content types, on every route. Whatever the client sends wrong, the emulator answers
// a 4xx with a JSON error body: a 500 would tell a test of the extension that the service failed when it did not.
import * as assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { signRequest } from '../../../src/core/cloud/signer';
import { DEFAULT_CREDENTIALS } from '../../../src/emulator/server';
import { PROJECT, withEmulator } from '../../support/emulator';

const NETWORK_NAME = 'hostile-net';
const NETWORK_ID = `${NETWORK_NAME}-${PROJECT}`;
const NETWORK_DOCUMENT = {
  apiVersion: 'v1',
  kind: 'Network',
  metadata: { labels: { 'os.modelarts/name': 'other-net', 'os.modelarts/workspace.id': '0' } },
  spec: {
    cidr: '192.168.0.0/16',
    ipv6enable: false,
    connection: { peerConnectionList: [{ peerVpcId: 'v', peerSubnetId: 's', defaultGateWay: false }] },
  },
};
const NETWORK_PATCH = {
  metadata: { annotations: { 'os.modelarts/description': 'd' }, labels: { 'os.modelarts/workspace.id': 'w' } },
  spec: {
    ipv6enable: true,
    connection: {
      peerConnectionList: [{ peerVpcId: 'v', peerSubnetId: 's' }],
      sfsTurboConnectionList: [{ sfsId: 'f', name: 'n' }],
    },
  },
};
const GROUP_DOCUMENT = {
  dry_run: false,
  address_group: {
    name: 'g',
    description: 'd',
    ip_version: 4,
    max_capacity: 20,
    enterprise_project_id: '0',
    ip_extra_set: [
      { ip: '10.0.0.1', remarks: 'r' },
      { ip: '10.0.1.0/24', remarks: '' },
    ],
  },
};
const KEYS = [
  'apiVersion',
  'kind',
  'metadata',
  'labels',
  'annotations',
  'spec',
  'cidr',
  'connection',
  'peerConnectionList',
  'sfsTurboConnectionList',
  'address_group',
  'dry_run',
  'name',
  'ip_set',
  'ip_extra_set',
  'ip',
  'remarks',
  'max_capacity',
  'ip_version',
  '__proto__',
  'constructor',
  'toString',
  'os.modelarts/name',
  'os.modelarts/workspace.id',
  '',
  'x',
];
const CONTENT_TYPES = [
  'application/json',
  'application/json;charset=UTF-8',
  'application/merge-patch+json',
  'text/plain',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  ';;;',
  'APPLICATION/JSON',
  undefined,
];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'SEARCH', 'PURGE'];

/** xorshift32: the same requests on every run, so that a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const below = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[below(items.length)] as T;
  return { next, below, pick };
}
type Random = ReturnType<typeof random>;

function randomString(r: Random): string {
  switch (r.below(8)) {
    case 0:
      return 'x'.repeat(r.pick([255, 256, 65_536, 1_000_000]));
    case 1:
      return String.fromCharCode(...Array.from({ length: r.below(20) }, () => r.below(0xffff)));
    case 2:
      return r.pick([
        '10.0.0.1',
        '::1',
        '10.0.0.9-10.0.0.1',
        '999.1.1.1/99',
        '192.168.0.0/16',
        '2001:db8::/200',
        '-',
        '/',
      ]);
    case 3:
      return r.pick(['%', '%ZZ', '%E0%A4%A', '\u0000', '<script>', '"\'!=&', '\ud800']);
    default:
      return r.pick(KEYS);
  }
}

function randomValue(r: Random, depth: number): unknown {
  switch (r.below(depth > 3 ? 6 : 9)) {
    case 0:
      return null;
    case 1:
      return r.next() < 0.5;
    case 2:
      return r.pick([0, -1, 1, 4, 6, 20, 21, 2.5, -0, 1e308, -1e308, 2 ** 53, 4294967296]);
    case 3:
    case 4:
    case 5:
      return randomString(r);
    case 6:
      return Array.from({ length: r.below(5) }, () => randomValue(r, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: r.below(5) }, () => [r.pick(KEYS), randomValue(r, depth + 1)]));
  }
}

/** A valid document with one value, anywhere in it, replaced by a random one. */
function mutated(r: Random, document: unknown): unknown {
  const copy = structuredClone(document) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (;;) {
    const keys = Object.keys(node);
    const key = r.pick(keys);
    const child = node[key];
    if (typeof child === 'object' && child !== null && r.next() < 0.7) {
      node = child as Record<string, unknown>;
      continue;
    }
    node[key] = randomValue(r, 2);
    return copy;
  }
}

/** Bodies no fuzzing finds by chance. */
const FIXED_BODIES: string[] = [
  '',
  'null',
  '[]',
  '""',
  '0',
  '{}',
  '{"address_group":[]}',
  '{"address_group":null}',
  '{"address_group":"x"}',
  '<?xml version="1.0"?><network><cidr>192.168.0.0/16</cidr></network>',
  'apiVersion=v1&kind=Network',
  '\ufeff{"address_group":{"name":"g","ip_version":4}}',
  '{"a":1,}',
  '{"a":1}{"b":2}',
  '{"a":"\\ud800"}',
  '['.repeat(100_000),
  `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
  `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`,
  `{"spec":${'{"connection":'.repeat(20_000)}{}${'}'.repeat(20_000)}}`,
  `{"address_group":{"name":"${'n'.repeat(1_000_000)}","ip_version":4}}`,
  JSON.stringify({
    address_group: {
      name: 'g',
      ip_version: 4,
      ip_set: Array.from({ length: 20_000 }, (_, i) => `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`),
    },
  }),
];

interface Target {
  method: string;
  path: string;
}

function targets(groupId: string): Target[] {
  const groups = `/v3/${PROJECT}/vpc/address-groups`;
  return [
    { method: 'POST', path: `/v1/${PROJECT}/networks` },
    { method: 'PATCH', path: `/v1/${PROJECT}/networks/${NETWORK_ID}` },
    { method: 'POST', path: groups },
    { method: 'PUT', path: `${groups}/${groupId}` },
    { method: 'PUT', path: '/__emulator/address-groups/x/dependencies' },
    { method: 'POST', path: '/__emulator/seed' },
    { method: 'POST', path: '/__emulator/workspaces' },
  ];
}

const QUERIES = [
  '',
  '?limit=%ZZ',
  '?limit=99999999999999999999',
  '?limit=-1',
  '?limit=1e3',
  '?continue=%',
  '?continue=@@@',
  '?continue=MTox',
  '?marker=%E0%A4%A',
  '?marker=nothing',
  '?labelSelector=%',
  '?labelSelector===',
  '?labelSelector=a,,b',
  '?labelSelector=__proto__',
  '?id=%00&id=&name=',
  '?ip_version=x',
  '?name=%ZZ&name',
  '?&&&=&',
  `?limit=1&continue=${'A'.repeat(100_000)}`,
  '?offset=-1',
  '?offset=1e9',
  '?offset=%ZZ&offset=1',
  '?limit=0',
  '?sort_by=__proto__',
  '?order=',
  '?filter_accessible=%00',
  '?enterprise_project_id=%E0%A4%A',
];
const PATHS = [
  `/v1/${PROJECT}/networks`,
  `/v1/${PROJECT}/networks/${NETWORK_ID}`,
  `/v1/${PROJECT}/networks/%ZZ`,
  `/v3/${PROJECT}/vpc/address-groups`,
  `/v3/${PROJECT}/vpc/address-groups/%E0%A4%A`,
  `/v3/${PROJECT}/vpc/address-groups/x/force`,
  `/v3/${PROJECT}/vpc/list-address-groups-dependency`,
  '/v3/projects',
  '/v1/%/networks',
  '/__emulator/faults',
  '//',
  '/..%2F..%2F',
  `/v1/${PROJECT}/workspaces`,
  `/v1/${PROJECT}/workspaces/0`,
];

interface Answer {
  status: number;
  text: string;
}

/** One raw request, signed as sent unless `unsigned`: fetch would refuse most of what these tests send. */
function send(
  baseUrl: string,
  clock: number,
  method: string,
  target: string,
  body: Buffer,
  contentType: string | undefined,
  unsigned = false,
): Promise<Answer> {
  const headers: Record<string, string> = contentType === undefined ? {} : { 'Content-Type': contentType };
  const sent =
    unsigned || !target.startsWith('/')
      ? headers
      : signRequest({ method, url: `${baseUrl}${target}`, headers, body }, DEFAULT_CREDENTIALS, new Date(clock));
  const { port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method, path: target, headers: { ...sent, 'Content-Length': String(body.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('emulator: hostile requests never get a 500', () => {
  // No reset between tests: restore() below makes the fixtures the routes act on exist again.
  const emulator = withEmulator({
    delays: {
      networkPendingMs: 0,
      networkCreateMs: 0,
      networkDeleteMs: 0,
      addressGroupUpdateMs: 0,
      peerConnectMs: 0,
    },
    keepState: true,
  });
  let groupId = '';

  /** The fixtures the routes act on exist again, and no fault is set: only the request decides the answer. */
  function restore(): void {
    const store = emulator.store;
    emulator.faults({});
    if (!store.getNetwork(PROJECT, NETWORK_ID)) {
      store.createNetwork(
        PROJECT,
        {
          apiVersion: 'v1',
          kind: 'Network',
          metadata: { labels: { 'os.modelarts/name': NETWORK_NAME } },
          spec: { cidr: '172.16.0.0/16' },
        },
        false,
      );
    }
    if (!store.getAddressGroup(PROJECT, groupId)) {
      groupId = store.createAddressGroup(PROJECT, { name: 'target', ip_version: 4, ip_set: ['10.9.9.9'] }).group.id;
    }
    if (store.countAddressGroups(PROJECT) > 40) store.reset();
    emulator.clock += 1000;
  }

  /** Sends one request; adds to `failures` what is wrong with its answer, if anything. */
  async function check(
    failures: string[],
    method: string,
    target: string,
    body: Buffer | string,
    contentType: string | undefined,
    unsigned = false,
  ): Promise<void> {
    restore();
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const what = `${method} ${target.slice(0, 120)} [${contentType ?? 'no content type'}] ${bytes.toString('utf8', 0, 120)}${bytes.length > 120 ? `… (${bytes.length} bytes)` : ''}`;
    let answer: Answer;
    try {
      answer = await send(emulator.url, emulator.clock, method, target, bytes, contentType, unsigned);
    } catch (error) {
      failures.push(`${what}: no answer (${String(error)})`);
      return;
    }
    if (answer.status >= 500) failures.push(`${what}: ${answer.status} ${answer.text.slice(0, 200)}`);
    else if (method !== 'HEAD' && answer.status >= 400 && !isJsonObject(answer.text)) {
      failures.push(`${what}: ${answer.status} without a JSON error body: ${answer.text.slice(0, 200)}`);
    }
  }

  it('random bodies, mutated documents and wrong types on every route that reads a body', async () => {
    const r = random(20261123);
    const failures: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const { method, path } = r.pick(targets(groupId));
      let body: string | Buffer;
      switch (r.below(4)) {
        case 0:
          body = Buffer.from(Array.from({ length: r.below(300) }, () => r.below(256)));
          break;
        case 1:
          body = JSON.stringify(randomValue(r, 0)) ?? '';
          break;
        default:
          body = JSON.stringify(mutated(r, r.pick([NETWORK_DOCUMENT, NETWORK_PATCH, GROUP_DOCUMENT]))) ?? '';
      }
      const contentType =
        r.next() < 0.6
          ? method === 'PATCH'
            ? 'application/merge-patch+json'
            : 'application/json'
          : r.pick(CONTENT_TYPES);
      await check(failures, method, path, body, contentType);
    }
    assert.deepEqual(failures, []);
  });

  it('bodies no random search finds: empty, XML, form data, BOM, deep nesting, huge strings and lists', async () => {
    const failures: string[] = [];
    for (const target of targets(groupId)) {
      for (const body of FIXED_BODIES) {
        for (const contentType of [
          target.method === 'PATCH' ? 'application/merge-patch+json' : 'application/json',
          'text/plain',
        ]) {
          await check(failures, target.method, target.path, body, contentType);
        }
      }
    }
    // Over the 12 MB limit.
    await check(
      failures,
      'POST',
      `/v3/${PROJECT}/vpc/address-groups`,
      Buffer.alloc(13 * 1024 * 1024, 0x20),
      'application/json',
    );
    assert.deepEqual(failures, []);
  });

  it('odd methods, odd targets and bad percent-encoding in paths and queries, signed or not', async () => {
    const failures: string[] = [];
    for (const method of METHODS) {
      for (const path of PATHS) {
        for (const query of QUERIES) {
          await check(
            failures,
            method,
            `${path}${query}`,
            method === 'GET' || method === 'HEAD' ? '' : '{}',
            'application/json',
          );
        }
      }
    }
    for (const target of [
      '*',
      'http://127.0.0.1/v3/projects',
      'http://[::1',
      `//v1/${PROJECT}/networks`,
      '/%',
      '/?%',
    ]) {
      for (const method of ['GET', 'OPTIONS', 'POST']) {
        await check(failures, method, target, '', 'application/json', true);
      }
    }
    assert.deepEqual(failures, []);
  });
});

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}
