// What Apply decides, in plain Node: every branch of planApply (create, the refusals and why, the dry run, the update
// with its body and its confirmation), the changes Compare with Live counts, and the one report of a create or an
// update. No request is made: the plan is a pure function of the document and the resource as read.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AddressGroup, AddressGroupDocument } from '../../../../src/core/api/addressGroups';
import type { Network, NetworkDocument } from '../../../../src/core/api/networks';
import type { DocumentRequest } from '../../../../src/core/documents/documentRequest';
import { type ApplyPlan, changesBetween, immutableRefusal, planApply } from '../../../../src/core/live/applyPlan';
import {
  addressGroupAsDocument,
  diffNetwork,
  GROUP_IP_VERSION_IMMUTABLE,
  type LiveResource,
  NETWORK_CIDR_IMMUTABLE,
  networkAsDocument,
} from '../../../../src/core/live/liveDocuments';
import { doneReport } from '../../../../src/core/live/reports';

const PROJECT = '86c13962597848eeb29c5861153a391f';
const WHERE = { projectId: PROJECT, region: 'cn-north-4' };

const liveNetwork = (overrides: { deletionTimestamp?: string; phase?: string } = {}): Network => ({
  apiVersion: 'v1',
  kind: 'Network',
  metadata: {
    name: `net-a-${PROJECT}`,
    creationTimestamp: '2024-01-02T03:04:05Z',
    labels: { 'os.modelarts/name': 'net-a', 'os.modelarts/workspace.id': '0' },
    annotations: { 'os.modelarts/description': 'team a' },
    ...(overrides.deletionTimestamp ? { deletionTimestamp: overrides.deletionTimestamp } : {}),
  },
  spec: { cidr: '192.168.0.0/16', ipv6enable: false },
  status: { phase: overrides.phase ?? 'Active' },
});

const liveGroup = (overrides: Partial<AddressGroup> = {}): AddressGroup => ({
  id: 'dd18a501-aaaa-bbbb-cccc-000000000001',
  name: 'office',
  description: 'egress',
  ip_version: 4,
  max_capacity: 20,
  ip_set: ['10.0.0.1'],
  ip_extra_set: [{ ip: '10.0.0.1', remarks: null }],
  enterprise_project_id: '0',
  status: 'NORMAL',
  ...overrides,
});

const asNetwork = (network: Network): LiveResource => ({ kind: 'network', resource: network });
const asGroup = (group: AddressGroup): LiveResource => ({ kind: 'addressGroup', resource: group });

/** A network document as Edit as Document writes it, changed by `change`. */
function networkRequest(
  live: Network,
  change: (document: NetworkDocument) => NetworkDocument = (d) => d,
): DocumentRequest {
  const document = change(networkAsDocument(live));
  return { kind: 'network', name: document.metadata.labels['os.modelarts/name'], document };
}

function groupRequest(
  live: AddressGroup,
  change: (document: AddressGroupDocument) => AddressGroupDocument = (d) => d,
): DocumentRequest {
  const document = change(addressGroupAsDocument(live));
  return { kind: 'addressGroup', name: document.address_group.name, document };
}

/** Frozen all the way down: a plan that wrote to what it was given would throw. */
function deepFrozen<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFrozen(inner);
    Object.freeze(value);
  }
  return value;
}

function expectKind<K extends ApplyPlan['kind']>(plan: ApplyPlan, kind: K): Extract<ApplyPlan, { kind: K }> {
  assert.equal(plan.kind, kind, `the plan is ${JSON.stringify(plan)}`);
  return plan as Extract<ApplyPlan, { kind: K }>;
}

function expectRefusal<W extends Extract<ApplyPlan, { kind: 'refuse' }>['why']>(
  plan: ApplyPlan,
  why: W,
): Extract<ApplyPlan, { kind: 'refuse'; why: W }> {
  const refusal = expectKind(plan, 'refuse');
  assert.equal(refusal.why, why, `the refusal is ${JSON.stringify(refusal)}`);
  return refusal as Extract<ApplyPlan, { kind: 'refuse'; why: W }>;
}

describe('planApply: what Apply does with a document and the live resource it is', () => {
  it('creates when nothing lives, with the document as checked', () => {
    const request = networkRequest(liveNetwork());
    const plan = expectKind(planApply(request, undefined, { where: WHERE }), 'create');
    assert.equal(plan.request, request);
    const group = groupRequest(liveGroup(), (d) => ({ ...d, dry_run: true }));
    // A group asking for a dry run with nothing live: the create's dry run is the create path's (Create's).
    assert.equal(expectKind(planApply(group, undefined, { where: WHERE }), 'create').request, group);
  });

  it('refuses a network being deleted before anything else, even a change no update can make', () => {
    const live = liveNetwork({ deletionTimestamp: '2024-02-03T04:05:06Z', phase: 'Terminating' });
    const request = networkRequest(live, (d) => ({ ...d, spec: { ...d.spec, cidr: '10.0.0.0/8' } }));
    const plan = expectRefusal(planApply(request, asNetwork(live), { where: WHERE }), 'deleting');
    assert.equal(
      plan.message,
      'network net-a is being deleted: nothing was sent (once it is gone, Apply creates it anew)',
    );
    assert.equal(plan.resource.kind, 'network');
    // A document of the other kind linked to it hears the same: the deletion comes first.
    expectRefusal(planApply(groupRequest(liveGroup()), asNetwork(live), { where: WHERE }), 'deleting');
    // The same network not being deleted is refused for its CIDR instead.
    const { deletionTimestamp: _gone, ...metadata } = live.metadata;
    const alive = { ...live, metadata };
    expectRefusal(planApply(request, asNetwork(alive), { where: WHERE }), 'immutable');
  });

  it('refuses a document linked to a resource of the other kind', () => {
    const request = groupRequest(liveGroup());
    const plan = expectRefusal(planApply(request, asNetwork(liveNetwork()), { where: WHERE }), 'otherKind');
    assert.equal(plan.message, 'this address group document is linked to a network: unlink it first');
    const backwards = expectRefusal(
      planApply(networkRequest(liveNetwork()), asGroup(liveGroup()), { where: WHERE }),
      'otherKind',
    );
    assert.equal(backwards.message, 'this network document is linked to an address group: unlink it first');
  });

  it('refuses a change no update can make, naming each field and why, with every change counted', () => {
    const live = liveNetwork();
    const request = networkRequest(live, (d) => ({
      ...d,
      metadata: { ...d.metadata, annotations: { 'os.modelarts/description': 'team b' } },
      spec: { ...d.spec, cidr: '10.0.0.0/8' },
    }));
    const plan = expectRefusal(planApply(request, asNetwork(live), { where: WHERE }), 'immutable');
    assert.deepEqual(
      plan.immutable.map((change) => change.path),
      [['spec', 'cidr']],
    );
    assert.equal(plan.immutable[0]?.why, NETWORK_CIDR_IMMUTABLE());
    assert.equal(plan.changes.length, 2, 'the description is a change too, though not one Apply makes now');
    assert.equal(plan.message, immutableRefusal(plan.resource, plan.immutable));
    assert.match(
      plan.message,
      /^Apply: network net-a cannot be updated to match this document — CIDR: 192\.168\.0\.0\/16 → 10\.0\.0\.0\/8: A network's CIDR block cannot change .* Nothing was sent\.$/,
    );

    const group = liveGroup();
    const groupPlan = expectRefusal(
      planApply(
        groupRequest(group, (d) => ({ ...d, address_group: { ...d.address_group, ip_version: 6, ip_set: ['::1'] } })),
        asGroup(group),
        { where: WHERE },
      ),
      'immutable',
    );
    assert.deepEqual(
      groupPlan.immutable.map((change) => [change.path, change.why]),
      [[['address_group', 'ip_version'], GROUP_IP_VERSION_IMMUTABLE()]],
    );
    // Asking for a dry run changes nothing of it: a change no update can make is not worth checking.
    const dry = groupRequest(group, (d) => ({
      ...d,
      dry_run: true,
      address_group: { ...d.address_group, ip_version: 6 },
    }));
    expectRefusal(planApply(dry, asGroup(group), { where: WHERE }), 'immutable');
  });

  it('refuses a document that already matches as unchanged, and says so', () => {
    const network = liveNetwork();
    const plan = expectRefusal(planApply(networkRequest(network), asNetwork(network), { where: WHERE }), 'unchanged');
    assert.equal(plan.message, `network net-a already matches the live network (net-a-${PROJECT}): nothing was sent.`);
    const group = liveGroup();
    const groupPlan = expectRefusal(planApply(groupRequest(group), asGroup(group), { where: WHERE }), 'unchanged');
    assert.equal(
      groupPlan.message,
      'address group office already matches the live address group (dd18a501-aaaa-bbbb-cccc-000000000001): nothing was sent.',
    );
    // A group document asking for a dry run that changes nothing has nothing to check either.
    const dry = groupRequest(group, (d) => ({ ...d, dry_run: true }));
    expectRefusal(planApply(dry, asGroup(group), { where: WHERE }), 'unchanged');
  });

  it('updates a network with the merge patch of what differs, after the confirmation naming each change and where', () => {
    const live = liveNetwork();
    const request = networkRequest(live, (d) => ({
      ...d,
      metadata: { ...d.metadata, annotations: { 'os.modelarts/description': 'team b' } },
      spec: { ...d.spec, ipv6enable: true },
    }));
    const plan = expectKind(planApply(request, asNetwork(live), { where: WHERE }), 'update');
    assert.equal(plan.target.kind, 'network');
    assert.deepEqual(plan.target.body, {
      metadata: { annotations: { 'os.modelarts/description': 'team b' } },
      spec: { ipv6enable: true },
    });
    assert.deepEqual(plan.target.body, diffNetwork(live, request.document as NetworkDocument).patch);
    assert.equal(plan.target.live, live, 'the update reads again and compares with the network as the person saw it');
    assert.equal(plan.target.document, request.document);
    assert.deepEqual(
      plan.changes.map((change) => change.summary),
      ['description: "team a" → "team b"', 'IPv6: switch on'],
    );
    assert.equal(plan.confirmation.message, 'Apply 2 changes to network net-a?');
    assert.equal(
      plan.confirmation.detail,
      `• description: "team a" → "team b"\n• IPv6: switch on\n\nnet-a-${PROJECT} in project ${PROJECT} (cn-north-4).`,
    );
  });

  it("updates an address group with the PUT's changed fields only", () => {
    const live = liveGroup();
    // Written with ip_set alone, as a person writes a group without remarks.
    const request = groupRequest(live, ({ address_group: { ip_extra_set: _remarked, ...group }, ...d }) => ({
      ...d,
      address_group: { ...group, ip_set: ['10.0.0.1', '10.0.0.2'] },
    }));
    const plan = expectKind(planApply(request, asGroup(live), { where: WHERE }), 'update');
    assert.equal(plan.target.kind, 'addressGroup');
    assert.deepEqual(plan.target.body, { ip_set: ['10.0.0.1', '10.0.0.2'] });
    assert.equal(plan.confirmation.message, 'Apply 1 change to address group office?');
  });

  it('has a group document asking for a dry run only checked by the service: the update as a dry run, nothing asked', () => {
    const live = liveGroup();
    const request = groupRequest(live, (d) => ({
      ...d,
      dry_run: true,
      address_group: { ...d.address_group, description: 'checked' },
    }));
    const plan = expectKind(planApply(request, asGroup(live), { where: WHERE }), 'dryRun');
    assert.equal(plan.target.kind, 'addressGroup');
    assert.deepEqual(plan.target.body, { description: 'checked' });
    assert.equal(plan.target.document.dry_run, true);
    assert.equal('confirmation' in plan, false, 'a dry run asks nothing');
    assert.deepEqual(
      plan.changes.map((change) => change.summary),
      ['description: "egress" → "checked"'],
    );
  });

  it('is pure: frozen inputs, and the same plan twice', () => {
    const live = deepFrozen(asGroup(liveGroup()));
    const request = deepFrozen(
      groupRequest(liveGroup(), (d) => ({ ...d, address_group: { ...d.address_group, max_capacity: 30 } })),
    );
    const first = planApply(request, live, deepFrozen({ where: WHERE }));
    assert.deepEqual(planApply(request, live, { where: WHERE }), first);
    assert.deepEqual(expectKind(first, 'update').target.body, { max_capacity: 30 });
  });
});

describe('changesBetween: what Compare with Live counts', () => {
  it('counts every change and the immutable ones, whatever Apply would do (a network being deleted included)', () => {
    const live = liveNetwork({ deletionTimestamp: '2024-02-03T04:05:06Z' });
    const request = networkRequest(live, (d) => ({ ...d, spec: { ...d.spec, cidr: '10.0.0.0/8', ipv6enable: true } }));
    const counted = changesBetween(asNetwork(live), request);
    assert.deepEqual(
      counted?.changes.map((change) => change.summary),
      ['CIDR: 192.168.0.0/16 → 10.0.0.0/8', 'IPv6: switch on'],
    );
    assert.deepEqual(
      counted?.immutable.map((change) => change.summary),
      ['CIDR: 192.168.0.0/16 → 10.0.0.0/8'],
    );
  });

  it('counts nothing between a document and a resource of the other kind', () => {
    assert.equal(changesBetween(asGroup(liveGroup()), networkRequest(liveNetwork())), undefined);
  });
});

describe('doneReport: one report of a create or an update', () => {
  it('a create: the phase as the resource reports it, the ID and request id in the log', () => {
    const created = doneReport({
      kind: 'created',
      resource: asNetwork(liveNetwork({ phase: '' })),
      recovered: false,
      requestId: 'req-1',
    });
    assert.deepEqual(created, {
      message: 'Network net-a created: Creating.',
      logLine: `Network net-a created: net-a-${PROJECT}, Creating (request id req-1)`,
      warning: false,
    });
    // A group that says no status is NORMAL.
    const { status: _none, ...withoutStatus } = liveGroup();
    const recovered = doneReport({
      kind: 'created',
      resource: asGroup(withoutStatus),
      recovered: true,
      requestId: undefined,
    });
    assert.equal(
      recovered.message,
      'Address group office created (its answer was lost, and it was found created): NORMAL.',
    );
    assert.equal(
      recovered.logLine,
      'Address group office created (its answer was lost, and it was found created): dd18a501-aaaa-bbbb-cccc-000000000001, NORMAL',
    );
  });

  it('an update: the changes counted, the phase now, the summaries in the log; a lost answer said', () => {
    const live = liveNetwork();
    const { changes } = diffNetwork(live, { ...networkAsDocument(live), spec: { ...live.spec, ipv6enable: true } });
    const updated = doneReport({
      kind: 'updated',
      resource: asNetwork(live),
      changes,
      settledAfterLostAnswer: true,
      requestId: 'req-2',
    });
    assert.deepEqual(updated, {
      message: 'Network net-a updated (its answer was lost; read back, it holds the change): 1 change, now Active.',
      logLine: `Network net-a updated (its answer was lost; read back, it holds the change): 1 change, now Active. net-a-${PROJECT} (request id req-2): IPv6: switch on`,
      warning: false,
    });
  });

  it('an update the service made on its dry run is a warning', () => {
    const group = liveGroup({ status: 'UPDATING' });
    const report = doneReport({
      kind: 'updated',
      resource: asGroup(group),
      changes: [],
      settledAfterLostAnswer: false,
      changedByDryRun: true,
      requestId: undefined,
    });
    assert.equal(report.warning, true);
    assert.match(
      report.message,
      /^Address group office updated by its dry run: .*ignores "dry_run".*: 0 changes, now UPDATING\.$/,
    );
  });

  it('shows live values escaped, and logs them as they are', () => {
    const report = doneReport({
      kind: 'created',
      resource: asGroup(liveGroup({ name: 'a\nb', status: 'NORMAL' })),
      recovered: false,
      requestId: undefined,
    });
    assert.ok(!report.message.includes('\n'), report.message);
    assert.ok(report.logLine.includes('a\nb'));
  });
});
