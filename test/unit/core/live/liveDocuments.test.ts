import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AddressGroup, AddressGroupDocument } from '../../../../src/core/api/addressGroups';
import { checkDocument } from '../../../../src/core/documents/checks';
import { documentIdentity } from '../../../../src/core/documents/documentRequest';
import {
  addressGroupAsDocument,
  alignedTo,
  changeRange,
  diffAddressGroup,
  documentForNewResource,
  liveSideOf,
  diffNetwork,
  entriesWithRemarks,
  GROUP_ENTERPRISE_PROJECT_IMMUTABLE,
  GROUP_IP_VERSION_IMMUTABLE,
  NETWORK_CIDR_IMMUTABLE,
  NETWORK_IPV6_OFF_IMMUTABLE,
  NETWORK_NAME_IMMUTABLE,
  networkAsDocument,
} from '../../../../src/core/live/liveDocuments';
import type { Network, NetworkDocument } from '../../../../src/core/api/networks';

const PROJECT = '86c13962597848eeb29c5861153a391f';
const EP = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

/** A live network as the service answers it: ID, timestamps, status, and the annotations and SFS Turbo links only an update sets. */
const liveNetwork = (
  overrides: {
    spec?: Partial<Network['spec']>;
    annotations?: Network['metadata']['annotations'];
    workspace?: string;
  } = {},
): Network => ({
  apiVersion: 'v1',
  kind: 'Network',
  metadata: {
    name: `network-7a03-${PROJECT}`,
    creationTimestamp: '2024-01-02T03:04:05Z',
    labels: { 'os.modelarts/name': 'network-7a03', 'os.modelarts/workspace.id': overrides.workspace ?? 'ws-1' },
    annotations: overrides.annotations ?? { 'os.modelarts/description': 'team a' },
  },
  spec: {
    cidr: '192.168.128.0/17',
    ipv6enable: true,
    connection: {
      peerConnectionList: [{ peerVpcId: 'vpc-1', peerSubnetId: 'subnet-1', defaultGateWay: false }],
      sfsTurboConnectionList: [{ sfsId: 'sfs-1', name: 'turbo-1' }],
    },
    ...overrides.spec,
  },
  status: {
    phase: 'Active',
    connectionStatus: { peerConnectionStatus: [{ peerVpcId: 'vpc-1', peerSubnetId: 'subnet-1', phase: 'Active' }] },
  },
});

/** A live group as the service answers it; an override of `undefined` leaves the field out. */
const liveGroup = (overrides: { [K in keyof AddressGroup]?: AddressGroup[K] | undefined } = {}): AddressGroup =>
  withoutUndefined({
    id: 'dd18a501-aaaa-bbbb-cccc-000000000001',
    name: 'office',
    description: 'egress',
    ip_version: 4,
    max_capacity: 10,
    ip_set: ['10.0.0.0/24', '10.0.1.5'],
    ip_extra_set: [
      { ip: '10.0.0.0/24', remarks: null },
      { ip: '10.0.1.5', remarks: null },
    ],
    enterprise_project_id: EP,
    tenant_id: PROJECT,
    created_at: '2019-06-28T02:06:38',
    updated_at: '2019-06-28T02:06:38.000+00:00',
    status: 'NORMAL',
    status_message: '',
    tags: [],
    ...overrides,
  });
function withoutUndefined(value: object): AddressGroup {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as unknown as AddressGroup;
}

/** A document from a live resource, edited: a deep copy, so that tests change it freely. */
const editedNetwork = (edit: (document: NetworkDocument) => void, live = liveNetwork()): NetworkDocument => {
  const document = structuredClone(networkAsDocument(live));
  edit(document);
  return document;
};
const editedGroup = (edit: (document: AddressGroupDocument) => void, live = liveGroup()): AddressGroupDocument => {
  const document = structuredClone(addressGroupAsDocument(live));
  edit(document);
  return document;
};

describe('networkAsDocument', () => {
  it('writes a live network as a document without server-only fields, keeping its description, peers and SFS Turbo links', () => {
    assert.deepEqual(networkAsDocument(liveNetwork()), {
      apiVersion: 'v1',
      kind: 'Network',
      metadata: {
        labels: { 'os.modelarts/name': 'network-7a03', 'os.modelarts/workspace.id': 'ws-1' },
        annotations: { 'os.modelarts/description': 'team a' },
      },
      spec: {
        cidr: '192.168.128.0/17',
        ipv6enable: true,
        connection: {
          peerConnectionList: [{ peerVpcId: 'vpc-1', peerSubnetId: 'subnet-1', defaultGateWay: false }],
          sfsTurboConnectionList: [{ sfsId: 'sfs-1', name: 'turbo-1' }],
        },
      },
    });
  });

  it('leaves out an empty description and empty connection lists, as the emulator answers them', () => {
    const document = networkAsDocument(liveNetwork({ annotations: {}, spec: { connection: {} } }));
    assert.equal(document.metadata.annotations, undefined);
    assert.equal(document.spec.connection, undefined);
  });

  for (const [what, live] of [
    ['a full network', liveNetwork()],
    ['a bare network', liveNetwork({ annotations: {}, spec: { ipv6enable: false, connection: {} } })],
  ] as const) {
    it(`round trip of ${what}: the document passes checkDocument when linked, and diffs as equal to the network`, () => {
      const document = networkAsDocument(live);
      assert.deepEqual(checkDocument(JSON.stringify(document, null, 2), { linked: true }).findings, []);
      const diff = diffNetwork(live, document);
      assert.deepEqual([diff.changes, diff.patch, diff.immutable], [[], undefined, []]);
    });
  }

  it('is refused by checkDocument when not linked: a create cannot carry the description or SFS Turbo links', () => {
    const rules = checkDocument(JSON.stringify(networkAsDocument(liveNetwork()))).findings.map((f) => f.rule);
    assert.deepEqual(rules, ['network.update-only', 'network.update-only']);
  });
});

describe('addressGroupAsDocument and entry normalisation', () => {
  it('writes entries as ip_set when no entry has a remark, without id, status, timestamps or tenant_id', () => {
    assert.deepEqual(addressGroupAsDocument(liveGroup()), {
      address_group: {
        name: 'office',
        description: 'egress',
        ip_version: 4,
        max_capacity: 10,
        ip_set: ['10.0.0.0/24', '10.0.1.5'],
        enterprise_project_id: EP,
      },
    });
  });

  it('writes entries as ip_extra_set when any has a remark, with remarks only where there is one', () => {
    const live = liveGroup({
      ip_extra_set: [
        { ip: '10.0.0.0/24', remarks: 'office' },
        { ip: '10.0.1.5', remarks: null },
      ],
    });
    assert.deepEqual(addressGroupAsDocument(live).address_group.ip_extra_set, [
      { ip: '10.0.0.0/24', remarks: 'office' },
      { ip: '10.0.1.5' },
    ]);
    assert.equal(addressGroupAsDocument(live).address_group.ip_set, undefined);
  });

  it('writes the list Compare asks for', () => {
    assert.deepEqual(addressGroupAsDocument(liveGroup(), { entriesAs: 'ip_extra_set' }).address_group.ip_extra_set, [
      { ip: '10.0.0.0/24' },
      { ip: '10.0.1.5' },
    ]);
  });

  it('reads entries from ip_extra_set or ip_set alike; a remark null, empty or absent is none', () => {
    const expected = [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }, { ip: '10.0.0.3' }];
    assert.deepEqual(entriesWithRemarks({ ip_set: ['10.0.0.1', '10.0.0.2', '10.0.0.3'] }), expected);
    assert.deepEqual(
      entriesWithRemarks({
        ip_extra_set: [{ ip: '10.0.0.1', remarks: null }, { ip: '10.0.0.2', remarks: '' }, { ip: '10.0.0.3' }],
      }),
      expected,
    );
    assert.deepEqual(entriesWithRemarks({}), []);
  });

  for (const [what, live] of [
    ['a group without remarks', liveGroup()],
    [
      'a group with remarks',
      liveGroup({
        ip_extra_set: [
          { ip: '10.0.0.0/24', remarks: 'office' },
          { ip: '10.0.1.5', remarks: null },
        ],
      }),
    ],
    [
      'a group with no entries and no capacity',
      liveGroup({ ip_set: [], ip_extra_set: [], max_capacity: undefined, description: '' }),
    ],
  ] as const) {
    it(`round trip of ${what}: the document passes checkDocument with no error, and diffs as equal to the group`, () => {
      const document = addressGroupAsDocument(live);
      assert.deepEqual(
        checkDocument(JSON.stringify(document, null, 2)).findings.filter((f) => f.severity === 'error'),
        [],
      );
      const diff = diffAddressGroup(live, document);
      assert.deepEqual([diff.changes, diff.update, diff.immutable], [[], undefined, []]);
    });
  }

  it('compares a document in ip_set with the live ip_set and mirrored ip_extra_set as equal, whatever the order', () => {
    const document: AddressGroupDocument = {
      address_group: {
        name: 'office',
        description: 'egress',
        ip_version: 4,
        max_capacity: 10,
        ip_set: ['10.0.1.5', '10.0.0.0/24'],
        enterprise_project_id: EP,
      },
    };
    assert.equal(diffAddressGroup(liveGroup(), document).update, undefined);
  });

  it('compares a document in ip_extra_set with remarks "" and null against a live group without remarks as equal', () => {
    const document = editedGroup((d) => {
      delete d.address_group.ip_set;
      d.address_group.ip_extra_set = [
        { ip: '10.0.0.0/24', remarks: '' },
        { ip: '10.0.1.5', remarks: null },
      ];
    });
    assert.deepEqual(diffAddressGroup(liveGroup(), document).changes, []);
  });
});

describe('diffNetwork: mutable fields and the merge patch', () => {
  it('changes the workspace label', () => {
    const diff = diffNetwork(
      liveNetwork(),
      editedNetwork((d) => {
        d.metadata.labels['os.modelarts/workspace.id'] = 'ws-2';
      }),
    );
    assert.deepEqual(diff.patch, { metadata: { labels: { 'os.modelarts/workspace.id': 'ws-2' } } });
    assert.deepEqual(
      diff.changes.map((c) => [c.path, c.before, c.after, c.mutable]),
      [[['metadata', 'labels', 'os.modelarts/workspace.id'], 'ws-1', 'ws-2', true]],
    );
  });

  it('takes a workspace left out as the default "0", and "0" on both sides as no change', () => {
    assert.deepEqual(
      diffNetwork(
        liveNetwork(),
        editedNetwork((d) => {
          delete d.metadata.labels['os.modelarts/workspace.id'];
        }),
      ).patch,
      { metadata: { labels: { 'os.modelarts/workspace.id': '0' } } },
    );
    assert.equal(
      diffNetwork(
        liveNetwork({ workspace: '0' }),
        editedNetwork((d) => {
          delete d.metadata.labels['os.modelarts/workspace.id'];
        }),
      ).patch,
      undefined,
    );
  });

  it('changes, adds and removes the description annotation (removal is a merge-patch null)', () => {
    const changed = diffNetwork(
      liveNetwork(),
      editedNetwork((d) => {
        d.metadata.annotations = { 'os.modelarts/description': 'team b' };
      }),
    );
    assert.deepEqual(changed.patch, { metadata: { annotations: { 'os.modelarts/description': 'team b' } } });
    const added = diffNetwork(
      liveNetwork({ annotations: {} }),
      editedNetwork((d) => {
        d.metadata.annotations = { 'os.modelarts/description': 'new' };
      }),
    );
    assert.deepEqual(added.patch, { metadata: { annotations: { 'os.modelarts/description': 'new' } } });
    const removed = diffNetwork(
      liveNetwork(),
      editedNetwork((d) => {
        delete d.metadata.annotations;
      }),
    );
    assert.deepEqual(removed.patch, { metadata: { annotations: { 'os.modelarts/description': null } } });
    assert.match(removed.changes[0]?.summary ?? '', /description: remove "team a"/);
  });

  it('switches IPv6 on with ipv6enable true', () => {
    const live = liveNetwork({ spec: { ipv6enable: false } });
    const diff = diffNetwork(
      live,
      editedNetwork((d) => {
        d.spec.ipv6enable = true;
      }, live),
    );
    assert.deepEqual([diff.patch, diff.immutable], [{ spec: { ipv6enable: true } }, []]);
  });

  it('adds a peer connection to a network without any: the whole list, as the document writes it', () => {
    const live = liveNetwork({ spec: { connection: {} } });
    const diff = diffNetwork(
      live,
      editedNetwork((d) => {
        d.spec.connection = { peerConnectionList: [{ peerVpcId: 'vpc-2', peerSubnetId: 'subnet-2' }] };
      }, live),
    );
    assert.deepEqual(diff.patch, {
      spec: { connection: { peerConnectionList: [{ peerVpcId: 'vpc-2', peerSubnetId: 'subnet-2' }] } },
    });
    assert.equal(diff.changes[0]?.summary, 'peer connections: add vpc-2/subnet-2');
  });

  it('replaces the peer list whole when one peer changes, and says what is added and removed', () => {
    const diff = diffNetwork(
      liveNetwork(),
      editedNetwork((d) => {
        d.spec.connection!.peerConnectionList = [
          { peerVpcId: 'vpc-1', peerSubnetId: 'subnet-1', defaultGateWay: true },
          { peerVpcId: 'vpc-3', peerSubnetId: 'subnet-3' },
        ];
      }),
    );
    assert.deepEqual(diff.patch, {
      spec: {
        connection: {
          peerConnectionList: [
            { peerVpcId: 'vpc-1', peerSubnetId: 'subnet-1', defaultGateWay: true },
            { peerVpcId: 'vpc-3', peerSubnetId: 'subnet-3' },
          ],
        },
      },
    });
    assert.equal(
      diff.changes[0]?.summary,
      'peer connections: add vpc-1/subnet-1 (default route), vpc-3/subnet-3; remove vpc-1/subnet-1',
    );
  });

  it('takes defaultGateWay left out as false, and the peers in another order as the same', () => {
    const live = liveNetwork({
      spec: {
        connection: {
          peerConnectionList: [
            { peerVpcId: 'a', peerSubnetId: 'a1', defaultGateWay: false },
            { peerVpcId: 'b', peerSubnetId: 'b1' },
          ],
        },
      },
    });
    const document = editedNetwork((d) => {
      d.spec.connection = {
        peerConnectionList: [
          { peerVpcId: 'b', peerSubnetId: 'b1', defaultGateWay: false },
          { peerVpcId: 'a', peerSubnetId: 'a1' },
        ],
      };
    }, live);
    assert.equal(diffNetwork(live, document).patch, undefined);
  });

  it('removes the peer list with null, whether the document empties it or leaves it out', () => {
    const emptied = diffNetwork(
      liveNetwork(),
      editedNetwork((d) => {
        d.spec.connection!.peerConnectionList = [];
      }),
    );
    assert.deepEqual(emptied.patch, { spec: { connection: { peerConnectionList: null } } });
    const leftOut = diffNetwork(
      liveNetwork(),
      editedNetwork((d) => {
        delete d.spec.connection;
      }),
    );
    assert.deepEqual(leftOut.patch, {
      spec: { connection: { peerConnectionList: null, sfsTurboConnectionList: null } },
    });
  });

  it('adds, changes and removes SFS Turbo links', () => {
    const added = diffNetwork(
      liveNetwork(),
      editedNetwork((d) => {
        d.spec.connection!.sfsTurboConnectionList!.push({ sfsId: 'sfs-2', name: 'turbo-2' });
      }),
    );
    assert.deepEqual(added.patch, {
      spec: {
        connection: {
          sfsTurboConnectionList: [
            { sfsId: 'sfs-1', name: 'turbo-1' },
            { sfsId: 'sfs-2', name: 'turbo-2' },
          ],
        },
      },
    });
    const renamed = diffNetwork(
      liveNetwork(),
      editedNetwork((d) => {
        d.spec.connection!.sfsTurboConnectionList = [{ sfsId: 'sfs-1', name: 'turbo-one' }];
      }),
    );
    assert.deepEqual(renamed.patch, {
      spec: { connection: { sfsTurboConnectionList: [{ sfsId: 'sfs-1', name: 'turbo-one' }] } },
    });
    const removed = diffNetwork(
      liveNetwork(),
      editedNetwork((d) => {
        delete d.spec.connection!.sfsTurboConnectionList;
      }),
    );
    assert.deepEqual(removed.patch, { spec: { connection: { sfsTurboConnectionList: null } } });
    assert.equal(removed.changes[0]?.summary, 'SFS Turbo links: remove all (turbo-1 (sfs-1))');
  });

  it('puts several changes in one patch', () => {
    const diff = diffNetwork(
      liveNetwork({ spec: { ipv6enable: false } }),
      editedNetwork(
        (d) => {
          d.metadata.labels['os.modelarts/workspace.id'] = 'ws-9';
          d.metadata.annotations = { 'os.modelarts/description': 'x' };
          d.spec.ipv6enable = true;
          d.spec.connection!.peerConnectionList = [];
        },
        liveNetwork({ spec: { ipv6enable: false } }),
      ),
    );
    assert.deepEqual(diff.patch, {
      metadata: { labels: { 'os.modelarts/workspace.id': 'ws-9' }, annotations: { 'os.modelarts/description': 'x' } },
      spec: { ipv6enable: true, connection: { peerConnectionList: null } },
    });
    assert.equal(diff.changes.length, 4);
  });
});

describe('diffNetwork: immutable fields', () => {
  const cases: [string, (d: NetworkDocument) => void, (string | number)[], unknown, unknown, string][] = [
    [
      'the name',
      (d) => {
        d.metadata.labels['os.modelarts/name'] = 'network-7a04';
      },
      ['metadata', 'labels', 'os.modelarts/name'],
      'network-7a03',
      'network-7a04',
      NETWORK_NAME_IMMUTABLE(),
    ],
    [
      'the CIDR',
      (d) => {
        d.spec.cidr = '192.168.0.0/17';
      },
      ['spec', 'cidr'],
      '192.168.128.0/17',
      '192.168.0.0/17',
      NETWORK_CIDR_IMMUTABLE(),
    ],
    [
      'IPv6 switched off',
      (d) => {
        d.spec.ipv6enable = false;
      },
      ['spec', 'ipv6enable'],
      true,
      false,
      NETWORK_IPV6_OFF_IMMUTABLE(),
    ],
    [
      'IPv6 left out of a network that has it on',
      (d) => {
        delete d.spec.ipv6enable;
      },
      ['spec', 'ipv6enable'],
      true,
      false,
      NETWORK_IPV6_OFF_IMMUTABLE(),
    ],
  ];
  for (const [what, edit, path, before, after, why] of cases) {
    it(`refuses a change of ${what}, on its field, with the reason, and sends nothing for it`, () => {
      const diff = diffNetwork(liveNetwork(), editedNetwork(edit));
      assert.deepEqual(diff.immutable, [
        { path, before, after, mutable: false, why, summary: diff.immutable[0]?.summary },
      ]);
      assert.deepEqual(diff.changes, diff.immutable);
      assert.equal(diff.patch, undefined);
    });
  }

  it('keeps the patch of the mutable changes beside an immutable one', () => {
    const diff = diffNetwork(
      liveNetwork(),
      editedNetwork((d) => {
        d.spec.cidr = '172.16.0.0/16';
        d.metadata.labels['os.modelarts/workspace.id'] = 'ws-2';
      }),
    );
    assert.deepEqual(
      diff.immutable.map((c) => c.path),
      [['spec', 'cidr']],
    );
    assert.deepEqual(diff.patch, { metadata: { labels: { 'os.modelarts/workspace.id': 'ws-2' } } });
  });
});

describe('diffAddressGroup', () => {
  it('changes the name', () => {
    assert.deepEqual(
      diffAddressGroup(
        liveGroup(),
        editedGroup((d) => {
          d.address_group.name = 'office-2';
        }),
      ).update,
      { name: 'office-2' },
    );
  });

  it('changes, adds and removes the description (removal is an empty description: a PUT has no null)', () => {
    assert.deepEqual(
      diffAddressGroup(
        liveGroup(),
        editedGroup((d) => {
          d.address_group.description = 'ingress';
        }),
      ).update,
      { description: 'ingress' },
    );
    assert.deepEqual(
      diffAddressGroup(
        liveGroup({ description: undefined }),
        editedGroup(
          (d) => {
            d.address_group.description = 'new';
          },
          liveGroup({ description: undefined }),
        ),
      ).update,
      { description: 'new' },
    );
    assert.deepEqual(
      diffAddressGroup(
        liveGroup(),
        editedGroup((d) => {
          delete d.address_group.description;
        }),
      ).update,
      { description: '' },
    );
  });

  it('changes max_capacity, taking one left out as 20', () => {
    assert.deepEqual(
      diffAddressGroup(
        liveGroup(),
        editedGroup((d) => {
          d.address_group.max_capacity = 15;
        }),
      ).update,
      { max_capacity: 15 },
    );
    assert.deepEqual(
      diffAddressGroup(
        liveGroup(),
        editedGroup((d) => {
          delete d.address_group.max_capacity;
        }),
      ).update,
      { max_capacity: 20 },
    );
    assert.equal(
      diffAddressGroup(
        liveGroup({ max_capacity: 20 }),
        editedGroup((d) => {
          delete d.address_group.max_capacity;
        }),
      ).update,
      undefined,
    );
  });

  it('sends the whole ip_set when an entry is added, changed or removed', () => {
    const added = diffAddressGroup(
      liveGroup(),
      editedGroup((d) => {
        d.address_group.ip_set!.push('10.0.2.0/24');
      }),
    );
    assert.deepEqual(added.update, { ip_set: ['10.0.0.0/24', '10.0.1.5', '10.0.2.0/24'] });
    assert.equal(added.changes[0]?.summary, 'entries: add 10.0.2.0/24');
    assert.deepEqual(added.changes[0]?.path, ['address_group', 'ip_set']);
    const changed = diffAddressGroup(
      liveGroup(),
      editedGroup((d) => {
        d.address_group.ip_set = ['10.0.0.0/24', '10.0.1.6'];
      }),
    );
    assert.deepEqual(changed.update, { ip_set: ['10.0.0.0/24', '10.0.1.6'] });
    const removed = diffAddressGroup(
      liveGroup(),
      editedGroup((d) => {
        d.address_group.ip_set = [];
      }),
    );
    assert.deepEqual(removed.update, { ip_set: [] });
    assert.equal(removed.changes[0]?.summary, 'entries: remove all (10.0.0.0/24, 10.0.1.5)');
  });

  it('sends ip_extra_set when the document uses it, so that a remark added or changed is kept', () => {
    const diff = diffAddressGroup(
      liveGroup(),
      editedGroup((d) => {
        delete d.address_group.ip_set;
        d.address_group.ip_extra_set = [{ ip: '10.0.0.0/24', remarks: 'office' }, { ip: '10.0.1.5' }];
      }),
    );
    assert.deepEqual(diff.update, { ip_extra_set: [{ ip: '10.0.0.0/24', remarks: 'office' }, { ip: '10.0.1.5' }] });
    assert.deepEqual(diff.changes[0]?.path, ['address_group', 'ip_extra_set']);
  });

  it('sees remarks dropped by a document in ip_set as a change, sent as ip_set', () => {
    const live = liveGroup({
      ip_extra_set: [
        { ip: '10.0.0.0/24', remarks: 'office' },
        { ip: '10.0.1.5', remarks: null },
      ],
    });
    const document: AddressGroupDocument = {
      address_group: {
        name: 'office',
        description: 'egress',
        ip_version: 4,
        max_capacity: 10,
        ip_set: ['10.0.0.0/24', '10.0.1.5'],
        enterprise_project_id: EP,
      },
    };
    assert.deepEqual(diffAddressGroup(live, document).update, { ip_set: ['10.0.0.0/24', '10.0.1.5'] });
  });

  it('refuses a change of ip_version, with the reason', () => {
    const diff = diffAddressGroup(
      liveGroup(),
      editedGroup((d) => {
        d.address_group.ip_version = 6;
      }),
    );
    assert.deepEqual(
      diff.immutable.map((c) => [c.path, c.before, c.after, c.mutable, c.why]),
      [[['address_group', 'ip_version'], 4, 6, false, GROUP_IP_VERSION_IMMUTABLE()]],
    );
    assert.equal(diff.update, undefined);
  });

  it('refuses a change of enterprise_project_id, taking one left out as "0"', () => {
    const diff = diffAddressGroup(
      liveGroup(),
      editedGroup((d) => {
        delete d.address_group.enterprise_project_id;
      }),
    );
    assert.deepEqual(
      diff.immutable.map((c) => [c.path, c.before, c.after, c.why]),
      [[['address_group', 'enterprise_project_id'], EP, '0', GROUP_ENTERPRISE_PROJECT_IMMUTABLE()]],
    );
    assert.equal(diff.update, undefined);
    const unchanged = diffAddressGroup(
      liveGroup({ enterprise_project_id: '0' }),
      editedGroup(
        (d) => {
          delete d.address_group.enterprise_project_id;
        },
        liveGroup({ enterprise_project_id: '0' }),
      ),
    );
    assert.deepEqual(unchanged.changes, []);
  });

  it('ignores dry_run: it says how to send, not what the group is', () => {
    assert.equal(
      diffAddressGroup(
        liveGroup(),
        editedGroup((d) => {
          d.dry_run = true;
        }),
      ).update,
      undefined,
    );
  });
});

describe("the editor's side: Compare's live side, where a change sits, a document for a new resource", () => {
  it('lays the live side out like the document: its key order, its list order, its $schema', () => {
    const document = {
      $schema: './network.schema.json',
      kind: 'Network',
      apiVersion: 'v1',
      spec: {
        connection: {
          peerConnectionList: [
            { peerSubnetId: 'subnet-2', peerVpcId: 'vpc-2' },
            { peerSubnetId: 'subnet-1', peerVpcId: 'vpc-1' },
          ],
        },
        cidr: '192.168.128.0/17',
      },
      metadata: { labels: { 'os.modelarts/name': 'network-7a03' } },
    };
    const live = liveNetwork({
      spec: {
        connection: {
          peerConnectionList: [
            { peerVpcId: 'vpc-1', peerSubnetId: 'subnet-1' },
            { peerVpcId: 'vpc-2', peerSubnetId: 'subnet-2' },
          ],
        },
      },
    });
    const side = liveSideOf({ kind: 'network', resource: live }, document) as Record<string, unknown>;
    assert.deepEqual(Object.keys(side), ['$schema', 'kind', 'apiVersion', 'spec', 'metadata']);
    assert.equal(
      JSON.stringify((side.spec as { connection: unknown }).connection),
      JSON.stringify({
        peerConnectionList: [
          { peerSubnetId: 'subnet-2', peerVpcId: 'vpc-2' },
          { peerSubnetId: 'subnet-1', peerVpcId: 'vpc-1' },
        ],
      }),
    );
    // What the document lacks comes after, in the live order.
    assert.deepEqual(Object.keys(side.spec as object), ['connection', 'cidr', 'ipv6enable']);
  });

  it("writes a group's live side in the list the document uses, and in ip_extra_set when a live entry has a remark", () => {
    const inExtra = liveSideOf(
      { kind: 'addressGroup', resource: liveGroup() },
      { address_group: { ip_extra_set: [] } },
    ) as AddressGroupDocument;
    assert.deepEqual(inExtra.address_group.ip_extra_set, [{ ip: '10.0.0.0/24' }, { ip: '10.0.1.5' }]);
    const remarked = liveGroup({
      ip_extra_set: [
        { ip: '10.0.0.0/24', remarks: 'office' },
        { ip: '10.0.1.5', remarks: null },
      ],
    });
    const inSet = liveSideOf(
      { kind: 'addressGroup', resource: remarked },
      { address_group: { ip_set: [] } },
    ) as AddressGroupDocument;
    assert.deepEqual(inSet.address_group.ip_extra_set, [{ ip: '10.0.0.0/24', remarks: 'office' }, { ip: '10.0.1.5' }]);
    assert.equal(inSet.address_group.ip_set, undefined);
  });

  it('keeps a key such as __proto__ as data when laying out', () => {
    const layout = JSON.parse('{"__proto__": 1, "a": 2}') as unknown;
    const aligned = alignedTo(JSON.parse('{"a": 1, "__proto__": {"polluted": true}}'), layout) as Record<
      string,
      unknown
    >;
    assert.deepEqual(Object.keys(aligned), ['__proto__', 'a']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('places a refused change on its field, or on the nearest enclosing one when the document leaves it out', () => {
    const text = JSON.stringify(
      editedNetwork((document) => {
        document.spec.cidr = '10.0.0.0/16';
        delete document.spec.ipv6enable;
      }),
      null,
      2,
    );
    const { immutable } = diffNetwork(liveNetwork(), JSON.parse(text) as NetworkDocument);
    const cidr = immutable.find((change) => change.path.at(-1) === 'cidr');
    const ipv6 = immutable.find((change) => change.path.at(-1) === 'ipv6enable');
    assert.ok(cidr && ipv6);
    const cidrRange = changeRange(text, cidr);
    assert.equal(text.slice(cidrRange.offset, cidrRange.offset + cidrRange.length), '"cidr": "10.0.0.0/16"');
    const ipv6Range = changeRange(text, ipv6);
    assert.match(text.slice(ipv6Range.offset, ipv6Range.offset + ipv6Range.length), /^"spec": \{/);
  });

  it("writes a document for a new network: a new name when it is still the live one's, nothing only an update carries", () => {
    const text = JSON.stringify(
      editedNetwork((document) => {
        document.spec.cidr = '172.16.0.0/16';
      }),
      null,
      2,
    );
    const created = documentForNewResource(text, 'network', 'network-7a03');
    assert.equal(documentIdentity(created, 'x.network.json')?.name, 'network-7a03-new');
    assert.deepEqual(
      checkDocument(created, { kind: 'network', schema: true }).findings.filter(
        (finding) => finding.severity === 'error',
      ),
      [],
    );
    const renamed = JSON.stringify(
      editedNetwork((document) => {
        document.metadata.labels['os.modelarts/name'] = 'other-net';
      }),
      null,
      2,
    );
    assert.equal(
      documentIdentity(documentForNewResource(renamed, 'network', 'network-7a03'), 'x.network.json')?.name,
      'other-net',
    );
    const plain = JSON.stringify(
      networkAsDocument(liveNetwork({ annotations: {}, spec: { connection: {} } })),
      null,
      2,
    );
    assert.equal(
      documentIdentity(documentForNewResource(plain, 'network', 'network-7a03'), 'x.network.json')?.name,
      'network-7a03-new',
    );
    const group = JSON.stringify(addressGroupAsDocument(liveGroup()), null, 2);
    assert.equal(documentForNewResource(group, 'addressGroup', 'office'), group);
  });

  it('removes what only an update carries with its comma, wherever it sits, and leaves the rest of the text as written', () => {
    const pretty =
      '{\n  "metadata": {\n    "annotations": { "os.modelarts/description": "d" },\n    "labels": { "os.modelarts/name": "net-1" }\n  },\n  "spec": { "cidr": "10.0.0.0/16", "connection": { "peerConnectionList": [], "sfsTurboConnectionList": [] } }\n}';
    assert.equal(
      documentForNewResource(pretty, 'network', 'other'),
      '{\n  "metadata": {\n    "labels": { "os.modelarts/name": "net-1" }\n  },\n  "spec": { "cidr": "10.0.0.0/16", "connection": { "peerConnectionList": [] } }\n}',
    );
    const compact =
      '{"metadata":{"labels":{"os.modelarts/name":"net-1"},"annotations":{}},"spec":{"connection":{"sfsTurboConnectionList":[{"sfsId":"x"}]}}}';
    assert.equal(
      documentForNewResource(compact, 'network', 'net-1'),
      '{"metadata":{"labels":{"os.modelarts/name":"net-1-new"}},"spec":{"connection":{}}}',
    );
    const nothingToRemove = '{ "metadata": { "labels": { "os.modelarts/name": "net-1" } } }';
    assert.equal(documentForNewResource(nothingToRemove, 'network', 'other'), nothingToRemove);
  });

  it("names a document's kind and name even with errors, and nothing without a name", () => {
    assert.deepEqual(documentIdentity('{"address_group": {"name": "web", "ip_version": 9}}', 'a.json'), {
      kind: 'addressGroup',
      name: 'web',
    });
    assert.deepEqual(documentIdentity('{"metadata": {"labels": {"os.modelarts/name": "n1"}}}', 'a.network.json'), {
      kind: 'network',
      name: 'n1',
    });
    assert.equal(documentIdentity('{"address_group": {}}', 'a.address-group.json'), undefined);
    assert.equal(documentIdentity('not json', 'a.json'), undefined);
  });
});
