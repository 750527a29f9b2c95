// The live-document diff against answers no page documents: a live group far larger than the service allows laid
// out like a document in linear time, and live shapes the diff would misread (a peer ID nested 100,000 deep, a list
// that is an object, null items) refused as one HuaweiCloudError naming the field, before anything is sent.
import * as assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type AddressGroup, type AddressGroupDocument, AddressGroupsApi } from '../../../../src/core/api/addressGroups';
import { updateAddressGroup, updateNetwork } from '../../../../src/core/live/apply';
import { HuaweiCloudError } from '../../../../src/core/cloud/errors';
import { HttpClient } from '../../../../src/core/cloud/http';
import {
  addressGroupAsDocument,
  alignedTo,
  canonicalForm,
  canonicalJson,
  diffAddressGroup,
  diffNetwork,
  liveSideOf,
  networkAsDocument,
} from '../../../../src/core/live/liveDocuments';
import { type Network, type NetworkDocument, NetworksApi } from '../../../../src/core/api/networks';
import { DEFAULT_CREDENTIALS } from '../../../../src/emulator/server';
import { type Listening, listenOnLoopback } from '../../../support/loopback';
import { rejection } from '../../../support/rejection';

const PROJECT = '86c13962597848eeb29c5861153a391f';
const NETWORK_ID = `net-a-${PROJECT}`;
const GROUP_ID = 'dd18a501-aaaa-bbbb-cccc-000000000001';

const network = (): Network => ({
  apiVersion: 'v1',
  kind: 'Network',
  metadata: {
    name: NETWORK_ID,
    labels: { 'os.modelarts/name': 'net-a', 'os.modelarts/workspace.id': 'ws-1' },
    annotations: { 'os.modelarts/description': 'team a' },
  },
  spec: {
    cidr: '192.168.0.0/16',
    ipv6enable: false,
    connection: {
      peerConnectionList: [{ peerVpcId: 'vpc-1', peerSubnetId: 'subnet-1', defaultGateWay: false }],
      sfsTurboConnectionList: [{ sfsId: 'sfs-1', name: 'turbo-1' }],
    },
  },
  status: { phase: 'Active' },
});
const group = (): AddressGroup => ({
  id: GROUP_ID,
  name: 'office',
  description: 'egress',
  ip_version: 4,
  max_capacity: 20,
  ip_set: ['10.0.0.1', '10.0.0.2'],
  ip_extra_set: [
    { ip: '10.0.0.1', remarks: 'a' },
    { ip: '10.0.0.2', remarks: null },
  ],
  enterprise_project_id: '0',
  status: 'NORMAL',
});

/** Arrays nested `depth` deep around `inner`, built without recursion. */
function nested(depth: number, inner: unknown = 'vpc-1'): unknown {
  let value = inner;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** A counting canonical form that fails the test as soon as it is asked more than `limit` times (rather than never ending). */
function countedCanonical(limit: number): {
  canonical: (value: unknown) => string | undefined;
  readonly count: number;
} {
  let count = 0;
  return {
    canonical: (value) => {
      if (++count > limit) throw new Error(`more than ${limit} canonical forms computed`);
      return canonicalForm(value);
    },
    get count() {
      return count;
    },
  };
}

describe('alignedTo: linear in the entries', () => {
  it('lays out 200,000 live entries like the document with at most 2n canonical forms', () => {
    const n = 200_000;
    const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    // The live side: every entry; the document: the same entries reversed, but for 10 it lacks and 10 it adds.
    const live = Array.from({ length: n }, (_, i) => ({ ip: ip(i), remarks: `entry ${i}` }));
    const document = [...live.slice(10)]
      .reverse()
      .concat(Array.from({ length: 10 }, (_, i) => ({ ip: ip(n + i), remarks: 'new' })));
    const counter = countedCanonical(2 * n);
    const aligned = alignedTo(
      { address_group: { ip_extra_set: live } },
      { address_group: { ip_extra_set: document } },
      counter.canonical,
    ) as AddressGroupDocument;
    assert.ok(counter.count <= 2 * n, `${counter.count} canonical forms for ${n} entries`);
    const entries = aligned.address_group.ip_extra_set ?? [];
    assert.equal(entries.length, n);
    // The shared entries in the document's order, then the live entries it lacks, in the live order.
    assert.deepEqual(entries.slice(0, 3), [live[n - 1], live[n - 2], live[n - 3]]);
    assert.deepEqual(entries.slice(n - 11), [live[10], ...live.slice(0, 10)]);
  });

  it('places equal items once each, in order, and leaves an item too deep to compare where the live side has it', () => {
    const aligned = alignedTo(['a', 'b', 'a', 'c'], ['c', 'a', 'x', 'a', 'a']);
    assert.deepEqual(aligned, ['c', 'a', 'a', 'b']);
    // A layout item nested far deeper than any document (the user's own text, when it does not parse as a document)
    // matches nothing, and does not overflow the stack.
    assert.deepEqual(alignedTo(['a', 'b'], [nested(100_000), 'b']), ['b', 'a']);
  });

  it('bounds how deep a canonical form goes: a clear error, not a stack overflow', () => {
    assert.equal(canonicalForm(nested(100_000)), undefined);
    assert.throws(
      () => canonicalJson({ a: nested(100_000) }),
      (error: unknown) => error instanceof RangeError && /nested deeper than 64 levels/.test(error.message),
    );
    assert.equal(canonicalJson({ b: [1, { d: 2, c: 3 }], a: null }), '{"a":null,"b":[1,{"c":3,"d":2}]}');
  });
});

/** A live network or group spoiled one way: the value put at a path (ABSENT removes it), and the field the error must name. */
interface Spoiled {
  readonly what: string;
  readonly field: string;
  readonly at: readonly (string | number)[];
  readonly value: unknown;
}
const ABSENT = Symbol('absent');

const SPOILED_NETWORKS: readonly Spoiled[] = [
  {
    what: 'a peer ID nested 100,000 deep',
    field: 'spec.connection.peerConnectionList[0].peerVpcId',
    at: ['spec', 'connection', 'peerConnectionList', 0, 'peerVpcId'],
    value: nested(100_000),
  },
  {
    what: 'peerConnectionList as an object',
    field: 'spec.connection.peerConnectionList',
    at: ['spec', 'connection', 'peerConnectionList'],
    value: { peerVpcId: 'vpc-1', peerSubnetId: 'subnet-1' },
  },
  {
    what: 'sfsTurboConnectionList: [null]',
    field: 'spec.connection.sfsTurboConnectionList[0]',
    at: ['spec', 'connection', 'sfsTurboConnectionList'],
    value: [null],
  },
  {
    what: 'a peer without its subnet',
    field: 'spec.connection.peerConnectionList[0].peerSubnetId',
    at: ['spec', 'connection', 'peerConnectionList', 0, 'peerSubnetId'],
    value: ABSENT,
  },
  {
    what: 'defaultGateWay as text',
    field: 'spec.connection.peerConnectionList[0].defaultGateWay',
    at: ['spec', 'connection', 'peerConnectionList', 0, 'defaultGateWay'],
    value: 'true',
  },
  {
    what: "an SFS Turbo link's name as a number",
    field: 'spec.connection.sfsTurboConnectionList[0].name',
    at: ['spec', 'connection', 'sfsTurboConnectionList', 0, 'name'],
    value: 7,
  },
  { what: 'connection as a list', field: 'spec.connection', at: ['spec', 'connection'], value: [] },
  { what: 'ipv6enable as text', field: 'spec.ipv6enable', at: ['spec', 'ipv6enable'], value: 'yes' },
  {
    what: 'the workspace label as a number',
    field: 'metadata.labels["os.modelarts/workspace.id"]',
    at: ['metadata', 'labels', 'os.modelarts/workspace.id'],
    value: 0,
  },
  {
    what: 'no name label',
    field: 'metadata.labels["os.modelarts/name"]',
    at: ['metadata', 'labels', 'os.modelarts/name'],
    value: ABSENT,
  },
  {
    what: 'the description as an object',
    field: 'metadata.annotations["os.modelarts/description"]',
    at: ['metadata', 'annotations', 'os.modelarts/description'],
    value: { text: 'x' },
  },
  { what: 'annotations as text', field: 'metadata.annotations', at: ['metadata', 'annotations'], value: 'x' },
];

const SPOILED_GROUPS: readonly Spoiled[] = [
  {
    what: 'ip_extra_set: [null, …]',
    field: 'ip_extra_set[0]',
    at: ['ip_extra_set'],
    value: [null, { ip: '10.0.0.2' }],
  },
  { what: "an entry's ip as a number", field: 'ip_extra_set[1].ip', at: ['ip_extra_set', 1, 'ip'], value: 167772162 },
  {
    what: 'a remark nested 100,000 deep',
    field: 'ip_extra_set[0].remarks',
    at: ['ip_extra_set', 0, 'remarks'],
    value: nested(100_000),
  },
  { what: 'ip_set as an object', field: 'ip_set', at: ['ip_set'], value: { 0: '10.0.0.1' } },
  { what: 'ip_set holding null', field: 'ip_set[1]', at: ['ip_set', 1], value: null },
  { what: 'max_capacity as text', field: 'max_capacity', at: ['max_capacity'], value: '20' },
  { what: 'the description as a number', field: 'description', at: ['description'], value: 5 },
  {
    what: 'the enterprise project as an object',
    field: 'enterprise_project_id',
    at: ['enterprise_project_id'],
    value: {},
  },
  { what: 'no name', field: 'name', at: ['name'], value: ABSENT },
];

/** A fresh `make()` with `value` put at `at`. */
function spoiled<T>(make: () => T, { at, value }: Pick<Spoiled, 'at' | 'value'>): T {
  const root = make();
  let target = root as Record<string | number, unknown>;
  for (const key of at.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  const last = at[at.length - 1] ?? '';
  if (value === ABSENT) delete target[last];
  else target[last] = value;
  return root;
}

/** The error a malformed live resource must end as: a HuaweiCloudError naming the field. */
function namesField(field: string, what: string) {
  return (error: unknown) => {
    assert.ok(error instanceof HuaweiCloudError, `${what}: ${String(error)}`);
    assert.equal(error.kind, 'unexpected', what);
    assert.ok(error.message.includes(` ${field} `), `${what}: ${error.message}`);
    return true;
  };
}

describe('malformed live shapes: one clear error naming the field', () => {
  for (const spoil of SPOILED_NETWORKS) {
    const { what, field } = spoil;
    it(`network with ${what}`, () => {
      const live = spoiled(network, spoil);
      const document = networkAsDocument(network());
      assert.throws(() => diffNetwork(live, document), namesField(field, what));
      assert.throws(() => networkAsDocument(live), namesField(field, what));
      assert.throws(() => liveSideOf({ kind: 'network', resource: live }, document), namesField(field, what));
    });
  }
  for (const spoil of SPOILED_GROUPS) {
    const { what, field } = spoil;
    it(`address group with ${what}`, () => {
      const live = spoiled(group, spoil);
      const document = addressGroupAsDocument(group());
      assert.throws(() => diffAddressGroup(live, document), namesField(field, what));
      assert.throws(() => addressGroupAsDocument(live), namesField(field, what));
      assert.throws(() => liveSideOf({ kind: 'addressGroup', resource: live }, document), namesField(field, what));
    });
  }

  it('takes null for what is optional, as absent', () => {
    const live: Network = JSON.parse(
      JSON.stringify({
        ...network(),
        metadata: {
          name: NETWORK_ID,
          labels: { 'os.modelarts/name': 'net-a', 'os.modelarts/workspace.id': null },
          annotations: null,
        },
        spec: {
          cidr: '192.168.0.0/16',
          ipv6enable: null,
          connection: {
            peerConnectionList: [{ peerVpcId: 'vpc-1', peerSubnetId: 'subnet-1', defaultGateWay: null }],
            sfsTurboConnectionList: null,
          },
        },
      }),
    ) as Network;
    assert.deepEqual(networkAsDocument(live), {
      apiVersion: 'v1',
      kind: 'Network',
      metadata: { labels: { 'os.modelarts/name': 'net-a' } },
      spec: {
        cidr: '192.168.0.0/16',
        connection: { peerConnectionList: [{ peerVpcId: 'vpc-1', peerSubnetId: 'subnet-1' }] },
      },
    });
    assert.equal(diffNetwork(live, networkAsDocument(live)).patch, undefined);
    const liveGroup = JSON.parse(
      JSON.stringify({ ...group(), description: null, max_capacity: null, enterprise_project_id: null, ip_set: null }),
    ) as AddressGroup;
    assert.deepEqual(addressGroupAsDocument(liveGroup), {
      address_group: {
        name: 'office',
        ip_version: 4,
        ip_extra_set: [{ ip: '10.0.0.1', remarks: 'a' }, { ip: '10.0.0.2' }],
      },
    });
    assert.equal(diffAddressGroup(liveGroup, addressGroupAsDocument(liveGroup)).update, undefined);
  });
});

describe("malformed live shapes through Apply's update path: nothing is sent", () => {
  let server: Listening;
  /** The JSON text the live resource is answered with, and the requests that arrived (method and path). */
  let answer: string;
  let received: string[];
  let networks: NetworksApi;
  let groups: AddressGroupsApi;

  before(async () => {
    server = await listenOnLoopback(
      createServer((request: IncomingMessage, response) => {
        received.push(`${request.method ?? ''} ${request.url ?? ''}`);
        request.resume();
        // Anything but a read fails: were it sent, the test would see it among the requests anyway.
        response.writeHead(request.method === 'GET' ? 200 : 500, { 'content-type': 'application/json' }).end(answer);
      }),
    );
    const http = new HttpClient({
      signingKey: async () => DEFAULT_CREDENTIALS,
      retry: { maxAttempts: 1, maxElapsedMs: 0, baseDelayMs: 0, maxDelayMs: 0 },
    });
    networks = new NetworksApi(http, server.url, PROJECT);
    groups = new AddressGroupsApi(http, server.url, PROJECT);
  });
  after(() => server.close());
  beforeEach(() => {
    received = [];
  });

  it('a network whose peer ID is nested 100,000 deep', async () => {
    // Written around a marker: JSON.stringify of the nested value itself would overflow the stack.
    const marker = 'DEEP-PEER-ID';
    const depth = 100_000;
    answer = JSON.stringify(
      spoiled(network, { at: ['spec', 'connection', 'peerConnectionList', 0, 'peerVpcId'], value: marker }),
    ).replace(`"${marker}"`, `${'['.repeat(depth)}"vpc-1"${']'.repeat(depth)}`);
    const wanted: NetworkDocument = {
      ...networkAsDocument(network()),
      spec: { cidr: '192.168.0.0/16', ipv6enable: true },
    };
    const error = await rejection(updateNetwork(networks, network(), wanted));
    namesField('spec.connection.peerConnectionList[0].peerVpcId', 'update')(error);
    assert.deepEqual(received, [`GET /v1/${PROJECT}/networks/${NETWORK_ID}`]);
  });

  it('an address group whose ip_extra_set holds null', async () => {
    answer = JSON.stringify({ request_id: 'r-1', address_group: spoiled(group, SPOILED_GROUPS[0] ?? assert.fail()) });
    const wanted = addressGroupAsDocument(group());
    wanted.address_group.name = 'office-2';
    const error = await rejection(
      updateAddressGroup(groups, group(), wanted, {
        updatingWait: { windowMs: 1_000, firstDelayMs: 10, maxDelayMs: 10 },
      }),
    );
    namesField('ip_extra_set[0]', 'update')(error);
    assert.deepEqual(received, [`GET /v3/${PROJECT}/vpc/address-groups/${GROUP_ID}`]);
  });
});
