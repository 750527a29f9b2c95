// Apply's update path against the emulator: which live resource a document is, the re-read before sending, an
// UPDATING group waited for, the dry run before the PUT, and lost answers settled by reading the resource back.
import * as assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { AddressGroupDocument } from '../../src/core/addressGroups';
import { AddressGroupsApi } from '../../src/core/addressGroups';
import { findLive, updateAddressGroup, updateNetwork, waitWhileUpdating } from '../../src/core/apply';
import { HttpClient } from '../../src/core/http';
import { addressGroupAsDocument, networkAsDocument } from '../../src/core/liveDocuments';
import { type NetworkDocument, NetworksApi } from '../../src/core/networks';
import { DEFAULT_CREDENTIALS } from '../../src/emulator/server';
import { EmulatorHarness, PROJECT } from '../support/emulatorHarness';
import { rejection } from '../support/rejection';


describe('Apply (update path)', () => {
  let harness: EmulatorHarness;
  let networks: NetworksApi;
  let groups: AddressGroupsApi;
  /** Requests the emulator answered, by route: what was sent, counted where it arrives. */
  let calls: string[];
  const noWait = { windowMs: 5_000, firstDelayMs: 10, maxDelayMs: 10 };

  before(async () => {
    harness = await new EmulatorHarness({ delays: { networkPendingMs: 0, networkCreateMs: 0, peerConnectMs: 500, networkDeleteMs: 0, addressGroupUpdateMs: 300 } }).start();
    // One attempt: the tests say when a request is repeated.
    const http = new HttpClient({
      signingKey: async () => DEFAULT_CREDENTIALS, now: () => new Date(harness.clock),
      retry: { maxAttempts: 1, maxElapsedMs: 0, baseDelayMs: 0, maxDelayMs: 0 },
      log: (line) => calls.push(line.split(' ')[0] ?? ''),
    });
    networks = new NetworksApi(http, harness.emulator.url, PROJECT);
    groups = new AddressGroupsApi(http, harness.emulator.url, PROJECT);
  });
  after(() => harness.close());
  beforeEach(() => {
    harness.emulator.store.reset();
    harness.emulator.faults.configure({});
    calls = [];
  });

  const networkDocument = (name: string, extra: Partial<NetworkDocument['spec']> = {}): NetworkDocument => ({
    apiVersion: 'v1', kind: 'Network', metadata: { labels: { 'os.modelarts/name': name } }, spec: { cidr: '192.168.0.0/16', ...extra },
  });

  describe('findLive', () => {
    it('finds a network document\'s network by its name, without a link', async () => {
      const id = await harness.createNetwork('net-a');
      const found = await findLive({ networks, addressGroups: groups }, { kind: 'network', name: 'net-a' }, undefined);
      assert.equal(found.live?.kind === 'network' && found.live.network.metadata.name, id);
      assert.equal(found.staleLink, false);
      assert.equal((await findLive({ networks, addressGroups: groups }, { kind: 'network', name: 'net-b' }, undefined)).live, undefined);
    });

    it('follows a link (a renamed network document still names its network), and a link to a deleted resource is stale', async () => {
      const id = await harness.createNetwork('net-a');
      const linked = await findLive({ networks, addressGroups: groups }, { kind: 'network', name: 'renamed' }, { kind: 'network', id, name: 'net-a' });
      assert.equal(linked.live?.kind === 'network' && linked.live.network.metadata.name, id);
      const groupId = await harness.createGroup({ name: 'web' });
      const group = await findLive({ networks, addressGroups: groups }, { kind: 'addressGroup', name: 'web' }, { kind: 'addressGroup', id: groupId, name: 'web' });
      assert.equal(group.live?.kind === 'addressGroup' && group.live.group.id, groupId);
      await harness.raw('DELETE', `/v3/${PROJECT}/vpc/address-groups/${groupId}`);
      assert.deepEqual(await findLive({ networks, addressGroups: groups }, { kind: 'addressGroup', name: 'web' }, { kind: 'addressGroup', id: groupId, name: 'web' }), { live: undefined, staleLink: true });
    });

    it('never picks an address group by its name alone: names are not unique', async () => {
      await harness.createGroup({ name: 'web' });
      assert.deepEqual(await findLive({ networks, addressGroups: groups }, { kind: 'addressGroup', name: 'web' }, undefined), { live: undefined, staleLink: false });
    });
  });

  describe('networks', () => {
    it('sends the merge patch of what changed, and says when nothing did', async () => {
      const id = await harness.createNetwork('net-a');
      const preview = await networks.get(id);
      const wanted = networkDocument('net-a', { connection: { peerConnectionList: [{ peerVpcId: 'vpc-1', peerSubnetId: 'subnet-1' }] } });
      calls = [];
      const outcome = await updateNetwork(networks, preview, wanted);
      assert.equal(outcome.kind, 'applied');
      assert.deepEqual(calls, ['GET', 'PATCH']);
      assert.equal(outcome.kind === 'applied' && outcome.resource.status?.connectionStatus?.peerConnectionStatus?.[0]?.phase, 'Connecting');
      const unchanged = await updateNetwork(networks, await networks.get(id), wanted);
      assert.equal(unchanged.kind, 'unchanged');
    });

    it('stops, sending nothing, when the network changed since the preview', async () => {
      const id = await harness.createNetwork('net-a');
      const preview = await networks.get(id);
      await harness.patchNetwork(id, JSON.stringify({ metadata: { annotations: { 'os.modelarts/description': 'someone else' } } }));
      calls = [];
      const outcome = await updateNetwork(networks, preview, networkDocument('net-a', { ipv6enable: true }));
      assert.equal(outcome.kind, 'changedSince');
      assert.deepEqual(calls, ['GET']);
      assert.ok(outcome.kind === 'changedSince' && outcome.diff.changes.some((change) => change.summary.startsWith('description')));
    });

    it('refuses an immutable change before sending anything', async () => {
      const id = await harness.createNetwork('net-a');
      calls = [];
      const outcome = await updateNetwork(networks, await networks.get(id), { ...networkDocument('net-a'), spec: { cidr: '10.0.0.0/16' } });
      assert.equal(outcome.kind, 'refused');
      assert.deepEqual(calls, ['GET', 'GET']);
    });

    it('settles a PATCH whose answer was lost after it was applied: applied, found by reading it back', async () => {
      const id = await harness.createNetwork('net-a');
      harness.emulator.faults.configure({ reset: { count: 1, route: 'networks.update', when: 'after' } });
      const outcome = await updateNetwork(networks, await networks.get(id), networkDocument('net-a', { ipv6enable: true }));
      assert.equal(outcome.kind, 'applied');
      assert.equal(outcome.kind === 'applied' && outcome.settledAfterLostAnswer, true);
      assert.equal((await networks.get(id)).spec.ipv6enable, true);
    });

    it('a PATCH lost before it was applied is "unknown", never "not applied", and is not repeated', async () => {
      const id = await harness.createNetwork('net-a');
      harness.emulator.faults.configure({ reset: { count: 1, route: 'networks.update', when: 'before' } });
      calls = [];
      const error = await rejection(updateNetwork(networks, await networks.get(id), networkDocument('net-a', { ipv6enable: true })));
      assert.equal(error.changeOutcome, 'unknown');
      assert.match(error.message, /answer to updating network .* was lost .* does not show the change yet: Compare with Live/);
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
    const groupDocument = (ipSet: string[], extra: Partial<AddressGroupDocument['address_group']> = {}): AddressGroupDocument => ({
      address_group: { name: 'web', ip_version: 4, ip_set: ipSet, ...extra },
    });

    it('dry-runs the PUT, then sends only the changed fields', async () => {
      const id = await harness.createGroup({ name: 'web', ip_set: ['10.0.0.1'], description: 'keep' });
      const preview = await groups.get(id);
      let checked = false;
      calls = [];
      const outcome = await updateAddressGroup(groups, preview, groupDocument(['10.0.0.1', '10.0.0.2'], { description: 'keep' }), { updatingWait: noWait, onChecked: () => { checked = true; } });
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
      const error = await rejection(updateAddressGroup(groups, preview, groupDocument(['10.0.0.1', '10.0.0.300']), { updatingWait: noWait }));
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
        updatingWait: { ...noWait, sleep: async () => { looks++; harness.clock += 200; } },
      });
      assert.equal(outcome.kind, 'applied');
      assert.equal(looks, 2);
    });

    it('gives up waiting for UPDATING after the timeout, having sent nothing', async () => {
      const id = await harness.createGroup({ name: 'web', ip_set: ['10.0.0.1'] });
      await groups.update(id, { description: 'first' });
      let now = 0;
      calls = [];
      const error = await rejection(waitWhileUpdating(groups, id, { windowMs: 1000, firstDelayMs: 400, maxDelayMs: 400, now: () => now, sleep: async () => { now += 400; } }));
      assert.match(error.message, /still UPDATING after 1 s: nothing was sent/);
      assert.ok(calls.every((method) => method === 'GET'));
    });

    it('a repeated PUT that meets its own change UPDATING is applied, not a failure', async () => {
      const id = await harness.createGroup({ name: 'web', ip_set: ['10.0.0.1'] });
      const preview = await groups.get(id);
      // The first PUT is applied and its answer dropped; the client repeats it (PUT is idempotent) and meets 409.
      const retrying = new HttpClient({
        signingKey: async () => DEFAULT_CREDENTIALS, now: () => new Date(harness.clock),
        retry: { maxAttempts: 2, maxElapsedMs: 10_000, baseDelayMs: 0, maxDelayMs: 0 },
      });
      const api = new AddressGroupsApi(retrying, harness.emulator.url, PROJECT);
      // The dry run is a PUT too: the fault is set once it passed, so that it meets the PUT itself.
      const outcome = await updateAddressGroup(api, preview, groupDocument(['10.0.0.7']), {
        updatingWait: noWait,
        onChecked: () => harness.emulator.faults.configure({ reset: { count: 1, route: 'addressGroups.update', when: 'after' } }),
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
      const error = await rejection(updateAddressGroup(api, preview, groupDocument(['10.0.0.7']), { updatingWait: noWait }));
      assert.equal(error.status, 409);
    });

    it('a PUT lost before it was applied is "unknown"', async () => {
      const id = await harness.createGroup({ name: 'web', ip_set: ['10.0.0.1'] });
      const error = await rejection(updateAddressGroup(groups, await groups.get(id), groupDocument(['10.0.0.7']), {
        updatingWait: noWait,
        onChecked: () => harness.emulator.faults.configure({ reset: { count: 1, route: 'addressGroups.update', when: 'before' } }),
      }));
      assert.equal(error.changeOutcome, 'unknown');
    });

    it('refuses an ip_version change, and an unchanged document sends nothing', async () => {
      const id = await harness.createGroup({ name: 'web', ip_set: ['10.0.0.1'] });
      const live = await groups.get(id);
      const refused = await updateAddressGroup(groups, live, { address_group: { name: 'web', ip_version: 6, ip_set: ['::1'] } }, { updatingWait: noWait });
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
