// Apply's update path against the emulator: which live resource a document is, the re-read before sending, an
// UPDATING group waited for, the dry run before the PUT, and lost answers settled by reading the resource back;
// then against a scripted service that loses answers after acting on them and ignores dry_run.
import * as assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { AddressGroup, AddressGroupDocument, AddressGroupUpdate } from '../../../../src/core/api/addressGroups';
import { AddressGroupsApi } from '../../../../src/core/api/addressGroups';
import {
  dryRunGroupUpdate,
  findLive,
  updateAddressGroup,
  updateNetwork,
  waitWhileUpdating,
} from '../../../../src/core/live/apply';
import { HttpClient } from '../../../../src/core/cloud/http';
import { addressGroupAsDocument, networkAsDocument } from '../../../../src/core/live/liveDocuments';
import { type NetworkDocument, NetworksApi } from '../../../../src/core/api/networks';
import { DEFAULT_CREDENTIALS } from '../../../../src/emulator/server';
import { PROJECT, withEmulator } from '../../../support/emulator';
import {
  type FakeCloud,
  type ReceivedCall,
  type Reply,
  startFakeCloud,
  testHttpClient,
} from '../../../support/fakeCloud';
import { rejection } from '../../../support/rejection';

describe('Apply (update path)', () => {
  const harness = withEmulator({
    delays: {
      networkPendingMs: 0,
      networkCreateMs: 0,
      peerConnectMs: 500,
      networkDeleteMs: 0,
      addressGroupUpdateMs: 300,
    },
  });
  let networks: NetworksApi;
  let groups: AddressGroupsApi;
  /** Requests the emulator answered, by route: what was sent, counted where it arrives. */
  let calls: string[];
  const noWait = { windowMs: 5_000, firstDelayMs: 10, maxDelayMs: 10 };

  before(() => {
    // One attempt (the fixture's): the tests say when a request is repeated.
    ({ networks, groups } = harness.client({ log: (line) => calls.push(line.split(' ')[0] ?? '') }));
  });
  beforeEach(() => {
    calls = [];
  });

  const networkDocument = (name: string, extra: Partial<NetworkDocument['spec']> = {}): NetworkDocument => ({
    apiVersion: 'v1',
    kind: 'Network',
    metadata: { labels: { 'os.modelarts/name': name } },
    spec: { cidr: '192.168.0.0/16', ...extra },
  });

  describe('findLive', () => {
    it("finds a network document's network by its name, without a link", async () => {
      const id = await harness.createNetwork('net-a');
      const found = await findLive({ networks, addressGroups: groups }, { kind: 'network', name: 'net-a' }, undefined);
      assert.equal(found.live?.kind === 'network' && found.live.resource.metadata.name, id);
      assert.equal(found.staleLink, false);
      assert.equal(
        (await findLive({ networks, addressGroups: groups }, { kind: 'network', name: 'net-b' }, undefined)).live,
        undefined,
      );
    });

    it('follows a link (a renamed network document still names its network), and a link to a deleted resource is stale', async () => {
      const id = await harness.createNetwork('net-a');
      const linked = await findLive(
        { networks, addressGroups: groups },
        { kind: 'network', name: 'renamed' },
        { kind: 'network', id, name: 'net-a' },
      );
      assert.equal(linked.live?.kind === 'network' && linked.live.resource.metadata.name, id);
      const groupId = await harness.createGroup({ name: 'web' });
      const group = await findLive(
        { networks, addressGroups: groups },
        { kind: 'addressGroup', name: 'web' },
        { kind: 'addressGroup', id: groupId, name: 'web' },
      );
      assert.equal(group.live?.kind === 'addressGroup' && group.live.resource.id, groupId);
      await harness.raw('DELETE', `/v3/${PROJECT}/vpc/address-groups/${groupId}`);
      assert.deepEqual(
        await findLive(
          { networks, addressGroups: groups },
          { kind: 'addressGroup', name: 'web' },
          { kind: 'addressGroup', id: groupId, name: 'web' },
        ),
        { live: undefined, staleLink: true },
      );
    });

    it('never picks an address group by its name alone: names are not unique', async () => {
      await harness.createGroup({ name: 'web' });
      assert.deepEqual(
        await findLive({ networks, addressGroups: groups }, { kind: 'addressGroup', name: 'web' }, undefined),
        { live: undefined, staleLink: false },
      );
    });
  });

  describe('networks', () => {
    it('sends the merge patch of what changed, and says when nothing did', async () => {
      const id = await harness.createNetwork('net-a');
      const preview = await networks.get(id);
      const wanted = networkDocument('net-a', {
        connection: { peerConnectionList: [{ peerVpcId: 'vpc-1', peerSubnetId: 'subnet-1' }] },
      });
      calls = [];
      const outcome = await updateNetwork(networks, preview, wanted);
      assert.equal(outcome.kind, 'applied');
      assert.deepEqual(calls, ['GET', 'PATCH']);
      assert.equal(
        outcome.kind === 'applied' && outcome.resource.status?.connectionStatus?.peerConnectionStatus?.[0]?.phase,
        'Connecting',
      );
      const unchanged = await updateNetwork(networks, await networks.get(id), wanted);
      assert.equal(unchanged.kind, 'unchanged');
    });

    it('stops, sending nothing, when the network changed since the preview', async () => {
      const id = await harness.createNetwork('net-a');
      const preview = await networks.get(id);
      await harness.patchNetwork(
        id,
        JSON.stringify({ metadata: { annotations: { 'os.modelarts/description': 'someone else' } } }),
      );
      calls = [];
      const outcome = await updateNetwork(networks, preview, networkDocument('net-a', { ipv6enable: true }));
      assert.equal(outcome.kind, 'changedSince');
      assert.deepEqual(calls, ['GET']);
      assert.ok(
        outcome.kind === 'changedSince' &&
          outcome.diff.changes.some((change) => change.summary.startsWith('description')),
      );
    });

    it('refuses an immutable change before sending anything', async () => {
      const id = await harness.createNetwork('net-a');
      calls = [];
      const outcome = await updateNetwork(networks, await networks.get(id), {
        ...networkDocument('net-a'),
        spec: { cidr: '10.0.0.0/16' },
      });
      assert.equal(outcome.kind, 'refused');
      assert.deepEqual(calls, ['GET', 'GET']);
    });

    it('settles a PATCH whose answer was lost after it was applied: applied, found by reading it back', async () => {
      const id = await harness.createNetwork('net-a');
      harness.emulator.faults.configure({ reset: { count: 1, route: 'networks.update', when: 'after' } });
      const outcome = await updateNetwork(
        networks,
        await networks.get(id),
        networkDocument('net-a', { ipv6enable: true }),
      );
      assert.equal(outcome.kind, 'applied');
      assert.equal(outcome.kind === 'applied' && outcome.settledAfterLostAnswer, true);
      assert.equal((await networks.get(id)).spec.ipv6enable, true);
    });

    it('a PATCH lost before it was applied is "unknown", never "not applied", and is not repeated', async () => {
      const id = await harness.createNetwork('net-a');
      harness.emulator.faults.configure({ reset: { count: 1, route: 'networks.update', when: 'before' } });
      calls = [];
      const error = await rejection(
        updateNetwork(networks, await networks.get(id), networkDocument('net-a', { ipv6enable: true })),
      );
      assert.equal(error.changeOutcome, 'unknown');
      assert.match(
        error.message,
        /answer to updating network .* was lost .* does not show the change yet: Compare with Live/,
      );
      assert.equal(calls.filter((method) => method === 'PATCH').length, 1);
    });

    it('a definite refusal (400) is thrown as it is', async () => {
      const id = await harness.createNetwork('net-a');
      const wanted = networkDocument('net-a');
      wanted.metadata.annotations = { 'os.modelarts/description': 'a<b' };
      const error = await rejection(updateNetwork(networks, await networks.get(id), wanted));
      assert.equal(error.status, 400);
      assert.equal(error.changeOutcome, undefined);
    });
  });

  describe('address groups', () => {
    const groupDocument = (
      ipSet: string[],
      extra: Partial<AddressGroupDocument['address_group']> = {},
    ): AddressGroupDocument => ({
      address_group: { name: 'web', ip_version: 4, ip_set: ipSet, ...extra },
    });

    it('dry-runs the PUT, then sends only the changed fields', async () => {
      const id = await harness.createGroup({ name: 'web', ip_set: ['10.0.0.1'], description: 'keep' });
      const preview = await groups.get(id);
      let checked = false;
      calls = [];
      const outcome = await updateAddressGroup(
        groups,
        preview,
        groupDocument(['10.0.0.1', '10.0.0.2'], { description: 'keep' }),
        {
          updatingWait: noWait,
          onChecked: () => {
            checked = true;
          },
        },
      );
      assert.equal(outcome.kind, 'applied');
      assert.ok(checked);
      assert.deepEqual(calls, ['GET', 'PUT', 'PUT']);
      const sent = await groups.get(id);
      assert.deepEqual(sent.ip_set, ['10.0.0.1', '10.0.0.2']);
      assert.equal(sent.description, 'keep');
    });

    it('a dry run the service refuses stops the Apply: the PUT is never sent', async () => {
      const id = await harness.createGroup({ name: 'web', ip_set: ['10.0.0.1'] });
      const preview = await groups.get(id);
      calls = [];
      const error = await rejection(
        updateAddressGroup(groups, preview, groupDocument(['10.0.0.1', '10.0.0.300']), { updatingWait: noWait }),
      );
      assert.ok(error.status !== undefined && error.status >= 400 && error.status < 500, error.message);
      assert.deepEqual(calls, ['GET', 'PUT']);
    });

    it('waits for an UPDATING group instead of overwriting it', async () => {
      const id = await harness.createGroup({ name: 'web', ip_set: ['10.0.0.1'] });
      await groups.update(id, { description: 'first' });
      const preview = await groups.get(id);
      assert.equal(preview.status, 'UPDATING');
      let looks = 0;
      const outcome = await updateAddressGroup(groups, preview, groupDocument(['10.0.0.9'], { description: 'first' }), {
        updatingWait: {
          ...noWait,
          sleep: async () => {
            looks++;
            harness.clock += 200;
          },
        },
      });
      assert.equal(outcome.kind, 'applied');
      assert.equal(looks, 2);
    });

    it('gives up waiting for UPDATING after the timeout, having sent nothing', async () => {
      const id = await harness.createGroup({ name: 'web', ip_set: ['10.0.0.1'] });
      await groups.update(id, { description: 'first' });
      let now = 0;
      calls = [];
      const error = await rejection(
        waitWhileUpdating(groups, id, {
          windowMs: 1000,
          firstDelayMs: 400,
          maxDelayMs: 400,
          now: () => now,
          sleep: async () => {
            now += 400;
          },
        }),
      );
      assert.match(error.message, /still UPDATING after 1 s: nothing was sent/);
      assert.ok(calls.every((method) => method === 'GET'));
    });

    it('a repeated PUT that meets its own change UPDATING is applied, not a failure', async () => {
      const id = await harness.createGroup({ name: 'web', ip_set: ['10.0.0.1'] });
      const preview = await groups.get(id);
      // The first PUT is applied and its answer dropped; the client repeats it (PUT is idempotent) and meets 409.
      const retrying = new HttpClient({
        signingKey: async () => DEFAULT_CREDENTIALS,
        now: () => new Date(harness.clock),
        retry: { maxAttempts: 2, maxElapsedMs: 10_000, baseDelayMs: 0, maxDelayMs: 0 },
      });
      const api = new AddressGroupsApi(retrying, harness.emulator.url, PROJECT);
      // The dry run is a PUT too: the fault is set once it passed, so that it meets the PUT itself.
      const outcome = await updateAddressGroup(api, preview, groupDocument(['10.0.0.7']), {
        updatingWait: noWait,
        onChecked: () =>
          harness.emulator.faults.configure({ reset: { count: 1, route: 'addressGroups.update', when: 'after' } }),
      });
      assert.equal(outcome.kind, 'applied');
      assert.equal(outcome.kind === 'applied' && outcome.settledAfterLostAnswer, true);
    });

    it('another update under way (409, not ours) stays a refusal', async () => {
      const id = await harness.createGroup({ name: 'web', ip_set: ['10.0.0.1'] });
      const preview = await groups.get(id);
      const api = {
        get: (...args: Parameters<AddressGroupsApi['get']>) => groups.get(...args),
        checkUpdate: (...args: Parameters<AddressGroupsApi['checkUpdate']>) => groups.checkUpdate(...args),
        // Someone else's PUT lands between the dry run and ours.
        update: async (...args: Parameters<AddressGroupsApi['update']>) => {
          await groups.update(id, { description: 'someone else' });
          return groups.update(...args);
        },
      };
      const error = await rejection(
        updateAddressGroup(api, preview, groupDocument(['10.0.0.7']), { updatingWait: noWait }),
      );
      assert.equal(error.status, 409);
    });

    it('a PUT lost before it was applied is "unknown"', async () => {
      const id = await harness.createGroup({ name: 'web', ip_set: ['10.0.0.1'] });
      const error = await rejection(
        updateAddressGroup(groups, await groups.get(id), groupDocument(['10.0.0.7']), {
          updatingWait: noWait,
          onChecked: () =>
            harness.emulator.faults.configure({ reset: { count: 1, route: 'addressGroups.update', when: 'before' } }),
        }),
      );
      assert.equal(error.changeOutcome, 'unknown');
    });

    it('refuses an ip_version change, and an unchanged document sends nothing', async () => {
      const id = await harness.createGroup({ name: 'web', ip_set: ['10.0.0.1'] });
      const live = await groups.get(id);
      const refused = await updateAddressGroup(
        groups,
        live,
        { address_group: { name: 'web', ip_version: 6, ip_set: ['::1'] } },
        { updatingWait: noWait },
      );
      assert.equal(refused.kind, 'refused');
      calls = [];
      const same = await updateAddressGroup(groups, live, addressGroupAsDocument(live), { updatingWait: noWait });
      assert.equal(same.kind, 'unchanged');
      assert.deepEqual(calls, ['GET']);
    });

    it('a document written from the live network matches it', async () => {
      const id = await harness.createNetwork('net-a');
      const live = await networks.get(id);
      assert.equal((await updateNetwork(networks, live, networkAsDocument(live))).kind, 'unchanged');
    });
  });
});

describe('Apply (update path) against a service that loses answers and ignores dry_run', () => {
  const GROUP_ID = 'dd18a501-0000-4000-8000-00000000a001';
  const GROUP_PATH = `/v3/${PROJECT}/vpc/address-groups/${GROUP_ID}`;
  const noWait = { windowMs: 5_000, firstDelayMs: 1, maxDelayMs: 1 };
  const wanted: AddressGroupDocument = {
    address_group: { name: 'web', ip_version: 4, ip_set: ['10.0.0.1', '10.0.0.7'] },
  };
  let cloud: FakeCloud;
  /** The group as the service holds it. */
  let group: AddressGroup;
  /** The PUTs that were no dry run, as they arrived. */
  let puts: number;
  let dryRuns: number;

  before(async () => {
    cloud = await startFakeCloud();
  });
  after(() => cloud.close());
  beforeEach(() => {
    group = { id: GROUP_ID, name: 'web', ip_version: 4, ip_set: ['10.0.0.1'], status: 'NORMAL' };
    puts = 0;
    dryRuns = 0;
  });

  /** 4 attempts, as the extension's client makes them: a PUT answered 500 is repeated. */
  const api = () => new AddressGroupsApi(testHttpClient(4), cloud.url, PROJECT);
  const apply = (update: AddressGroupUpdate & Pick<AddressGroup, 'status'>) => {
    group = { ...group, ...update };
  };
  const answer = (status = 200): Reply => ({
    status,
    body: { request_id: 'r-put', address_group: group },
    headers: { 'X-Request-Id': 'r-put' },
  });
  const updating: Reply = {
    status: 409,
    body: { error_code: 'VPC.9902', error_msg: 'the address group is being updated' },
  };

  /**
   * The group's GET and PUT: `put` answers the n-th PUT that is no dry run (from 1), `dryRun` the dry runs (202
   * unless it says otherwise), `read` the GETs made after the first PUT of any kind (the group as it is unless it
   * says otherwise).
   */
  function serve(script: {
    put?: (n: number, update: AddressGroupUpdate) => Reply;
    dryRun?: (update: AddressGroupUpdate) => Reply;
    read?: () => Reply | undefined;
  }) {
    let sent = false;
    cloud.handle((call: ReceivedCall): Reply => {
      if (call.path !== GROUP_PATH) {
        return { status: 404, body: { error_code: 'APIGW.0101', error_msg: 'no such API' } };
      }
      if (call.method === 'GET') return (sent ? script.read?.() : undefined) ?? answer();
      const body = call.json as { dry_run?: boolean; address_group: AddressGroupUpdate };
      sent = true;
      if (body.dry_run === true) {
        dryRuns++;
        return script.dryRun?.(body.address_group) ?? { status: 202, body: { request_id: 'r-dry' } };
      }
      puts++;
      return script.put?.(puts, body.address_group) ?? (apply(body.address_group), answer());
    });
  }

  describe('a PUT whose answer was lost, repeated by the client (and met with 409: the group UPDATING)', () => {
    it('met with 409, is applied when the group read back holds the change, whatever its status (NORMAL by then)', async () => {
      serve({
        // Applied, then answered 500; the client's repeat finds the group updating.
        put: (n, update) =>
          n === 1 ? (apply(update), { status: 500, body: { error_msg: 'internal error' } }) : updating,
      });
      const preview = await api().get(GROUP_ID);
      const outcome = await updateAddressGroup(api(), preview, wanted, { updatingWait: noWait });
      assert.equal(outcome.kind, 'applied');
      assert.equal(outcome.kind === 'applied' && outcome.settledAfterLostAnswer, true);
      assert.deepEqual(outcome.kind === 'applied' && outcome.resource.ip_set, ['10.0.0.1', '10.0.0.7']);
      assert.equal(puts, 2);
    });

    it('met with 409, is "unknown", never refused, when the group cannot be read back', async () => {
      serve({
        put: (n, update) => (n === 1 ? (apply(update), { drop: true }) : updating),
        read: () => ({ status: 503, body: {} }),
      });
      const error = await rejection(
        updateAddressGroup(api(), await api().get(GROUP_ID), wanted, { updatingWait: noWait }),
      );
      assert.equal(error.changeOutcome, 'unknown');
      assert.match(
        error.message,
        /answer to updating address group .* was lost \(an attempt got no usable answer, and the last one met VPC\.9902.*reading it back failed/,
      );
    });

    it('met with 409, is "unknown", never refused, when the group read back does not hold the change (still UPDATING, or NORMAL)', async () => {
      for (const status of ['UPDATING', 'NORMAL']) {
        group = { ...group, description: '', status: 'NORMAL' };
        puts = 0;
        // The first PUT got no usable answer and was not applied: someone else's update came first, and is what the
        // repeat met.
        serve({
          put: (n) => {
            if (n > 1) return updating;
            apply({ description: 'someone else', status });
            return { status: 502, body: {} };
          },
        });
        const error = await rejection(
          updateAddressGroup(api(), await api().get(GROUP_ID), wanted, { updatingWait: noWait }),
        );
        assert.equal(error.changeOutcome, 'unknown', `${status}: ${error.message}`);
        assert.match(error.message, /does not show the change yet/);
      }
    });

    it('met with 409, is "unknown", never a malformed-answer error, when the group read back is malformed', async () => {
      serve({
        put: (n, update) =>
          n === 1 ? (apply(update), { status: 500, body: { error_msg: 'internal error' } }) : updating,
        read: () => ({ status: 200, body: { address_group: { ...group, ip_extra_set: [null] } } }),
      });
      const error = await rejection(
        updateAddressGroup(api(), await api().get(GROUP_ID), wanted, { updatingWait: noWait }),
      );
      assert.equal(error.changeOutcome, 'unknown', error.message);
      assert.match(error.message, /what was read back cannot be compared \(.*ip_extra_set\[0\]/);
    });

    it('a repeat whose signature was rejected (401) is "unknown", and the group is not read with it again', async () => {
      serve({
        put: (n, update) =>
          n === 1
            ? (apply(update), { status: 503, body: {} })
            : {
                status: 401,
                body: { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information' },
              },
      });
      const preview = await api().get(GROUP_ID);
      cloud.calls.length = 0;
      const error = await rejection(updateAddressGroup(api(), preview, wanted, { updatingWait: noWait }));
      assert.equal(error.changeOutcome, 'unknown');
      assert.match(error.message, /reading it back would send the rejected signature again/);
      assert.deepEqual(
        cloud.calls.map((call) => call.method),
        ['GET', 'PUT', 'PUT', 'PUT'],
      );
    });

    it("a 409 to a PUT sent once is another update's, and stays a refusal even when the group holds the same change", async () => {
      // Someone else made this very change a moment ago: the group is UPDATING with it, and ours was refused.
      serve({ put: (_n, update) => (apply({ ...update, status: 'UPDATING' }), updating) });
      const preview = await api().get(GROUP_ID);
      const error = await rejection(updateAddressGroup(api(), preview, wanted, { updatingWait: noWait }));
      assert.equal(error.status, 409);
      assert.equal(error.changeOutcome, undefined);
      assert.equal(puts, 1);
    });
  });

  describe('a dry run the service carries out', () => {
    it('before the PUT: the change is said to have been made by the dry run, with the group read back, and the PUT is not sent', async () => {
      serve({ dryRun: (update) => (apply(update), answer(200)) });
      const preview = await api().get(GROUP_ID);
      cloud.calls.length = 0;
      const outcome = await updateAddressGroup(api(), preview, wanted, { updatingWait: noWait });
      assert.equal(outcome.kind, 'applied');
      assert.equal(outcome.kind === 'applied' && outcome.changedByDryRun, true);
      assert.deepEqual(outcome.kind === 'applied' && outcome.resource.ip_set, ['10.0.0.1', '10.0.0.7']);
      assert.deepEqual(
        cloud.calls.map((call) => call.method),
        ['GET', 'PUT', 'GET'],
      );
      assert.deepEqual([dryRuns, puts], [1, 0]);
    });

    it('a document asking only for a dry run: changed although a dry run was asked, as read back', async () => {
      serve({
        dryRun: (update) => (apply(update), answer(200)),
        read: () => ({ status: 200, body: { address_group: { ...group, status: 'UPDATING' } } }),
      });
      const checked = await dryRunGroupUpdate(
        api(),
        GROUP_ID,
        { ip_set: ['10.0.0.1', '10.0.0.7'] },
        { ...wanted, dry_run: true },
      );
      assert.equal(checked.kind, 'changedAlthoughDryRun');
      assert.equal(
        checked.kind === 'changedAlthoughDryRun' && checked.resource.status,
        'UPDATING',
        'not the group the PUT answered: the one read back',
      );
      assert.equal(checked.requestId, 'r-put');
    });

    it('answered 200 without the change: the unexpected answer stands when it plainly was not made, "unknown" when that cannot be told', async () => {
      serve({ dryRun: () => answer(200) });
      const stands = await rejection(
        updateAddressGroup(api(), await api().get(GROUP_ID), wanted, { updatingWait: noWait }),
      );
      assert.equal(stands.changeOutcome, undefined);
      assert.match(
        stands.message,
        /HTTP 200: unexpected answer, the service answered with address group .* although dry_run was true/,
      );
      assert.equal(puts, 0);

      serve({
        dryRun: () => answer(200),
        read: () => ({ status: 200, body: { address_group: { ...group, status: 'UPDATING' } } }),
      });
      const stillUpdating = await rejection(
        dryRunGroupUpdate(api(), GROUP_ID, { ip_set: ['10.0.0.1', '10.0.0.7'] }, wanted),
      );
      assert.equal(stillUpdating.changeOutcome, 'unknown');
      assert.match(stillUpdating.message, /UPDATING without the change yet/);

      serve({
        dryRun: () => ({ status: 200, raw: '<html><title>Sign in</title></html>' }),
        read: () => ({ drop: true }),
      });
      const unreadable = await rejection(
        dryRunGroupUpdate(api(), GROUP_ID, { ip_set: ['10.0.0.1', '10.0.0.7'] }, wanted),
      );
      assert.equal(unreadable.changeOutcome, 'unknown');
      assert.match(unreadable.message, /so the change may have been made, and reading it back failed/);
    });
  });
});
