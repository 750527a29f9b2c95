// The live-aware checks in plain Node: a document against a snapshot of what the explorer (and the tracker) hold.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AddressGroup } from '../../../../src/core/api/addressGroups';
import {
  type KnownResources,
  type LiveFinding,
  LiveRule,
  liveFindings,
  withFollowed,
} from '../../../../src/core/live/liveChecks';
import type { Network } from '../../../../src/core/api/networks';
import type { Operation } from '../../../../src/core/provisioning/tracker';
import { tagged } from '../../../../src/core/kinds';
import { addressGroup, network, PROJECT } from '../../../support/explorerFakes';

const networkDocument = (name: string, cidr: string) =>
  JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'Network',
      metadata: { labels: { 'os.modelarts/name': name, 'os.modelarts/workspace.id': '0' } },
      spec: { cidr },
    },
    null,
    2,
  );
const groupDocument = (name: string) =>
  JSON.stringify({ address_group: { name, ip_version: 4, ip_set: ['10.0.0.1'] } }, null, 2);

const known = (networks: Network[] = [], addressGroups: AddressGroup[] = []): KnownResources => ({
  identity: 'conn-1',
  projectId: PROJECT,
  networks,
  addressGroups,
});
/** The text a finding sits on. */
const under = (text: string, finding: LiveFinding | undefined) =>
  finding ? text.slice(finding.offset, finding.offset + finding.length) : undefined;
const ofRule = (findings: LiveFinding[], rule: LiveRule) => findings.filter((finding) => finding.rule === rule);

describe('live checks: a network CIDR that overlaps an existing network', () => {
  const existing = [network('net-a', { cidr: '172.16.5.0/24' }), network('net-b', { cidr: '192.168.0.0/16' })];

  it('warns on the cidr value, naming the network and its block', () => {
    const text = networkDocument('mine', '172.16.0.0/16');
    const [finding, ...rest] = liveFindings(text, 'network', known(existing));
    assert.deepEqual(rest, []);
    assert.equal(finding?.rule, 'network.cidr-overlaps-live');
    assert.equal(finding?.severity, 'warning');
    assert.equal(under(text, finding), '"172.16.0.0/16"');
    assert.match(
      finding?.message ?? '',
      /^172\.16\.0\.0\/16 overlaps the network "net-a" \(172\.16\.5\.0\/24\), which exists on this connection: .* Choose a block no other network uses\.$/,
    );
  });

  it('says of a network being deleted that it is, as it holds its block until it is gone', () => {
    const [finding] = liveFindings(
      networkDocument('mine', '172.16.0.0/16'),
      'network',
      known([network('net-a', { cidr: '172.16.5.0/24', deleting: true })]),
    );
    assert.match(
      finding?.message ?? '',
      /overlaps the network "net-a" \(172\.16\.5\.0\/24, being deleted\), which exists/,
    );
  });

  it("warns when the document's block lies inside an existing one too", () => {
    const findings = liveFindings(networkDocument('mine', '192.168.7.0/24'), 'network', known(existing));
    assert.match(
      ofRule(findings, LiveRule.cidrOverlaps)[0]?.message ?? '',
      /overlaps the network "net-b" \(192\.168\.0\.0\/16\)/,
    );
  });

  it('says nothing of blocks that only touch or lie apart', () => {
    for (const cidr of ['172.16.4.0/24', '172.16.6.0/24', '172.17.0.0/16', '172.20.0.0/14']) {
      assert.deepEqual(liveFindings(networkDocument('mine', cidr), 'network', known(existing)), [], cidr);
    }
  });

  it('names every network it overlaps, three at most and how many more', () => {
    const many = ['a', 'b', 'c', 'd', 'e'].map((name, i) => network(`net-${name}`, { cidr: `172.16.${i}.0/24` }));
    const [finding] = liveFindings(networkDocument('mine', '172.16.0.0/12'), 'network', known(many));
    assert.match(
      finding?.message ?? '',
      /overlaps the networks "net-a" \(172\.16\.0\.0\/24\), "net-b" \(172\.16\.1\.0\/24\), "net-c" \(172\.16\.2\.0\/24\) and 2 more, which exist on this connection/,
    );
    const [two] = liveFindings(networkDocument('mine', '172.16.0.0/23'), 'network', known(many));
    assert.match(
      two?.message ?? '',
      /overlaps the networks "net-a" \(172\.16\.0\.0\/24\) and "net-b" \(172\.16\.1\.0\/24\), which exist/,
    );
  });

  it('compares IPv6 blocks with IPv6 blocks only', () => {
    const v6 = [network('net-v6', { cidr: '2001:db8:1::/48' }), network('net-v4', { cidr: '172.16.0.0/12' })];
    const [inside] = liveFindings(networkDocument('mine', '2001:db8::/32'), 'network', known(v6));
    assert.match(inside?.message ?? '', /^2001:db8::\/32 overlaps the network "net-v6" \(2001:db8:1::\/48\)/);
    assert.deepEqual(liveFindings(networkDocument('mine', '2001:db9::/32'), 'network', known(v6)), []);
    // ::ffff:172.16.0.0 is an IPv6 address, as the API sees it: no IPv4 block holds it.
    assert.deepEqual(liveFindings(networkDocument('mine', '::ffff:172.16.0.0/120'), 'network', known(v6)), []);
  });

  it('does not warn a document about the network it names (the same display name): that block is its own', () => {
    const text = networkDocument('net-a', '172.16.5.0/24');
    const findings = liveFindings(text, 'network', known(existing));
    assert.deepEqual(ofRule(findings, LiveRule.cidrOverlaps), []);
    // Another network it overlaps is still named, and only that one.
    const wider = liveFindings(
      networkDocument('net-a', '172.16.0.0/12'),
      'network',
      known([...existing, network('net-c', { cidr: '172.20.0.0/16' })]),
    );
    const overlap = ofRule(wider, LiveRule.cidrOverlaps);
    assert.equal(overlap.length, 1);
    assert.match(overlap[0]?.message ?? '', /overlaps the network "net-c" \(172\.20\.0\.0\/16\), which exists/);
    assert.doesNotMatch(overlap[0]?.message ?? '', /net-a/);
  });

  it('knows the network a document names by its ID when the server lost its name label', () => {
    const unlabelled = network('net-a', { cidr: '172.16.5.0/24' });
    unlabelled.metadata.labels = {} as never;
    const findings = liveFindings(networkDocument('net-a', '172.16.5.0/24'), 'network', known([unlabelled]));
    assert.deepEqual(
      findings.map((finding) => finding.rule),
      [LiveRule.networkExists],
    );
  });

  it('ignores what it cannot read: a block that is no CIDR in the document (the document checks report it) or from the server', () => {
    assert.deepEqual(liveFindings(networkDocument('mine', '172.16.0.1'), 'network', known(existing)), []);
    assert.deepEqual(liveFindings(networkDocument('mine', 'not a block'), 'network', known(existing)), []);
    const odd = [
      network('odd-1', { cidr: 'garbage' }),
      { ...network('odd-2'), spec: { cidr: 42 } } as unknown as Network,
      { ...network('odd-3'), spec: undefined } as unknown as Network,
    ];
    assert.deepEqual(liveFindings(networkDocument('mine', '192.168.0.0/16'), 'network', known(odd)), []);
  });
});

describe('live checks: a network name that exists', () => {
  it('informs on the name value that Apply will update the network, by its ID', () => {
    const text = networkDocument('net-a', '172.16.5.0/24');
    const findings = liveFindings(text, 'network', known([network('net-a', { cidr: '172.16.5.0/24' })]));
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding?.rule, 'network.exists-live');
    assert.equal(finding?.severity, 'information');
    assert.equal(under(text, finding), '"net-a"');
    assert.equal(finding?.message, `"net-a" exists as net-a-${PROJECT} — Apply will update it.`);
  });

  it('says so of a network being deleted', () => {
    const [finding] = liveFindings(
      networkDocument('net-a', '192.168.0.0/16'),
      'network',
      known([network('net-a', { cidr: '172.16.5.0/24', deleting: true })]),
    );
    assert.equal(finding?.message, `"net-a" exists as net-a-${PROJECT}, and is being deleted.`);
  });

  it('says nothing of a name that does not exist, or of an empty one', () => {
    assert.deepEqual(
      liveFindings(
        networkDocument('net-z', '192.168.0.0/16'),
        'network',
        known([network('net-a', { cidr: '172.16.5.0/24' })]),
      ),
      [],
    );
    assert.deepEqual(
      liveFindings(
        networkDocument('', '192.168.0.0/16'),
        'network',
        known([network('net-a', { cidr: '172.16.5.0/24' })]),
      ),
      [],
    );
  });
});

describe('live checks: an address-group name other groups carry', () => {
  it('says how many groups carry the name, on the name value, with their IDs', () => {
    const text = groupDocument('web');
    const [finding, ...rest] = liveFindings(
      text,
      'addressGroup',
      known([], [addressGroup(1, { name: 'web' }), addressGroup(2)]),
    );
    assert.deepEqual(rest, []);
    assert.equal(finding?.rule, 'address-group.name-used-live');
    assert.equal(finding?.severity, 'information');
    assert.equal(under(text, finding), '"web"');
    assert.equal(
      finding?.message,
      `"web" is the name of one address group on this connection (${addressGroup(1).id}). Names are not unique: link this document to a group to update it; otherwise Apply creates another.`,
    );
  });

  it('names three IDs at most, and how many more', () => {
    const groups = [1, 2, 3, 4, 5].map((n) => addressGroup(n, { name: 'web' }));
    const [finding] = liveFindings(groupDocument('web'), 'addressGroup', known([], groups));
    const [a, b, c] = groups.map((group) => group.id);
    assert.match(
      finding?.message ?? '',
      new RegExp(`^"web" is the name of 5 address groups on this connection \\(${a}, ${b}, ${c} and 2 more\\)\\.`),
    );
    const [two] = liveFindings(groupDocument('web'), 'addressGroup', known([], groups.slice(0, 2)));
    assert.match(two?.message ?? '', new RegExp(`\\(${a} and ${b}\\)`));
  });

  it('says nothing when no group carries the name', () => {
    assert.deepEqual(
      liveFindings(groupDocument('web'), 'addressGroup', known([], [addressGroup(1), addressGroup(2)])),
      [],
    );
  });

  it('counts only the other groups of a linked document (it is its group), and says which one Apply updates', () => {
    const mine = addressGroup(1, { name: 'web' });
    assert.deepEqual(liveFindings(groupDocument('web'), 'addressGroup', known([], [mine]), mine.id), []);
    const [finding] = liveFindings(
      groupDocument('web'),
      'addressGroup',
      known([], [mine, addressGroup(2, { name: 'web' })]),
      mine.id,
    );
    assert.equal(
      finding?.message,
      `"web" is also the name of one address group on this connection (${addressGroup(2).id}); this document is linked to ${mine.id}, which Apply updates.`,
    );
  });
});

describe('live checks: a linked network document', () => {
  it('is not warned about the network it is linked to, even under another name (a rename Apply will refuse)', () => {
    const linked = network('net-a', { cidr: '172.16.5.0/24' });
    const text = networkDocument('net-renamed', '172.16.5.0/24');
    assert.equal(ofRule(liveFindings(text, 'network', known([linked])), 'network.cidr-overlaps-live').length, 1);
    // No overlap, and no "exists" about itself: only the rename, which Apply will refuse.
    assert.deepEqual(
      liveFindings(text, 'network', known([linked]), linked.metadata.name).map((finding) => finding.rule),
      ['apply.immutable'],
    );
  });

  it('hears nothing of its own network existing', () => {
    const linked = network('net-a', { cidr: '172.16.5.0/24' });
    const text = networkDocument('net-a', '172.16.5.0/24');
    assert.deepEqual(ofRule(liveFindings(text, 'network', known([linked])), 'network.exists-live').length, 1);
    assert.deepEqual(liveFindings(text, 'network', known([linked]), linked.metadata.name), []);
  });

  it('a change Apply would refuse is an error on its field, for a linked or a named network', () => {
    const live = network('net-a', { cidr: '172.16.5.0/24' });
    const text = networkDocument('net-a', '172.16.8.0/24');
    for (const linkedId of [live.metadata.name, undefined]) {
      const [finding] = ofRule(liveFindings(text, 'network', known([live]), linkedId), 'apply.immutable');
      assert.equal(finding?.severity, 'error');
      assert.equal(under(text, finding), '"cidr": "172.16.8.0/24"');
      assert.match(
        finding?.message ?? '',
        /^CIDR: 172\.16\.5\.0\/24 → 172\.16\.8\.0\/24: cannot change after creation: Apply will refuse it; Create as New Network \(the lightbulb\)/,
      );
    }
    // A document with errors is the document checks' to report.
    assert.deepEqual(
      ofRule(
        liveFindings(networkDocument('net-a', '10.0.0.0/8'), 'network', known([live]), live.metadata.name),
        'apply.immutable',
      ),
      [],
    );
  });

  it("a linked group's ip_version change is an error on the field; a group known only by name is not judged", () => {
    const mine = addressGroup(1, { name: 'web' });
    const text = JSON.stringify({ address_group: { name: 'web', ip_version: 6, ip_set: ['2001:db8::1'] } }, null, 2);
    const [finding] = liveFindings(text, 'addressGroup', known([], [mine]), mine.id);
    assert.equal(finding?.rule, 'apply.immutable');
    assert.match(
      finding?.message ?? '',
      /^IP version: 4 → 6: cannot change after creation: Apply will refuse it; Create as New Address Group/,
    );
    assert.deepEqual(ofRule(liveFindings(text, 'addressGroup', known([], [mine])), 'apply.immutable'), []);
  });
});

describe('live checks: what they look at', () => {
  const everything = known([network('net-a', { cidr: '172.16.0.0/16' })], [addressGroup(1, { name: 'web' })]);

  it('finds nothing when nothing is known (no connection listed yet, or nothing listed)', () => {
    for (const text of [networkDocument('net-a', '172.16.0.0/16'), groupDocument('web')]) {
      assert.deepEqual(liveFindings(text, undefined, undefined), []);
      assert.deepEqual(liveFindings(text, undefined, known()), []);
    }
  });

  it('takes the kind from the content when the file name gives none, and checks nothing else', () => {
    assert.equal(liveFindings(networkDocument('net-a', '172.16.0.0/16'), undefined, everything).length, 1);
    assert.equal(liveFindings(groupDocument('web'), undefined, everything).length, 1);
    assert.deepEqual(liveFindings('{"name": "web", "spec": {"cidr": "172.16.0.0/16"}}', undefined, everything), []);
    // The file name decides: a group's content in a *.network.json is checked as a network (and finds nothing).
    assert.deepEqual(liveFindings(groupDocument('web'), 'network', everything), []);
  });

  it('never throws on text that is not JSON, or is cut short while typing', () => {
    for (const text of [
      '',
      'not json',
      '{"apiVersion": "v1", "kind": "Network", "spec": {"cidr": "172.16.0.0/16"',
      '[',
      '{"address_group": {"name": "web"',
    ]) {
      assert.doesNotThrow(() => liveFindings(text, 'network', everything));
      assert.doesNotThrow(() => liveFindings(text, 'addressGroup', everything));
    }
    // A half-typed document still gets what can be read of it.
    assert.equal(
      liveFindings('{"address_group": {"name": "web"', 'addressGroup', everything)[0]?.rule,
      LiveRule.groupNameUsed,
    );
  });
});

describe('live checks: what the tracker follows', () => {
  const operation = (overrides: Partial<Operation>): Operation => ({
    id: 'op',
    kind: 'create',
    resourceKind: 'network',
    resourceId: `net-t-${PROJECT}`,
    name: 'net-t',
    connectionKey: 'conn-1',
    phase: 'Creating',
    state: 'following',
    startedAt: 0,
    since: 0,
    acknowledged: false,
    paused: false,
    looks: 0,
    resource: tagged('network', network('net-t', { cidr: '172.16.0.0/24', phase: 'Creating' })),
    ...overrides,
  });

  it('adds the resources followed now on the same connection', () => {
    const result = withFollowed(known(), [
      operation({}),
      operation({
        resourceKind: 'addressGroup',
        resourceId: addressGroup(7).id,
        resource: tagged('addressGroup', addressGroup(7, { name: 'web' })),
      }),
    ]);
    assert.deepEqual(
      result.networks.map((item) => item.metadata.name),
      [`net-t-${PROJECT}`],
    );
    assert.deepEqual(
      result.addressGroups.map((item) => item.id),
      [addressGroup(7).id],
    );
    assert.match(
      liveFindings(networkDocument('mine', '172.16.0.0/16'), 'network', result)[0]?.message ?? '',
      /"net-t"/,
    );
  });

  it('adds nothing of another connection, of a settled operation (its resource may be gone), or of one without a resource', () => {
    const none = known();
    const ops = [
      operation({ connectionKey: 'conn-2' }),
      operation({ state: 'succeeded', phase: 'Deleted' }),
      operation({ state: 'succeeded', phase: 'Active' }),
      operation({ state: 'abandoned' }),
      operation({ resource: undefined }),
    ];
    assert.equal(withFollowed(none, ops), none);
  });

  it("keeps the explorer's copy of a resource it holds", () => {
    const held = network('net-t', { cidr: '192.168.0.0/16' });
    const result = withFollowed(known([held]), [operation({})]);
    assert.deepEqual(result.networks, [held]);
  });
});
