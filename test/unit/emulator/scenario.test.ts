// The scenario `npm start` seeds (src/emulator/scenario.ts), seen as the explorer and the documents' commands see it:
// through the extension's own client, on an emulator that keeps its state in a file and is started again.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { projectRoot } from '../../../scripts/lib/codeServer.mjs';
import { type AddressGroupDocument, AddressGroupsApi } from '../../../src/core/api/addressGroups';
import { HttpClient } from '../../../src/core/cloud/http';
import { DEFAULT_PAGE_SIZE } from '../../../src/core/limits';
import { diffAddressGroup, diffNetwork } from '../../../src/core/live/liveDocuments';
import { type Network, type NetworkDocument, NetworksApi } from '../../../src/core/api/networks';
import {
  type ScenarioDocument,
  type ScenarioOutcome,
  SHOWCASE,
  SHOWCASE_GROUP_COUNT,
  SHOWCASE_SECURITY_GROUP,
  SLOW_STATE_MS,
  seedScenario,
} from '../../../src/emulator/scenario';
import { DEFAULT_CREDENTIALS, Emulator } from '../../../src/emulator/server';
import { PROJECT } from '../../support/emulator';
import { rejection } from '../../support/rejection';

const validFolder = join(projectRoot, 'sample', 'valid');
const sampleDocuments: ScenarioDocument[] = readdirSync(validFolder).map((name) => ({
  path: join(validFolder, name),
  text: readFileSync(join(validFolder, name), 'utf8'),
}));
const networkDocumentPath = join(validFolder, 'training.network.json');
const groupDocumentPath = join(validFolder, 'web-servers.address-group.json');
const documentText = (path: string) => readFileSync(path, 'utf8');

describe('the npm start scenario', () => {
  let dir: string;
  let clock: number;
  let emulator: Emulator | undefined;
  let networks: NetworksApi;
  let groups: AddressGroupsApi;

  /** Starts the emulator on the state file (a restart when it exists) and runs the scenario, as `npm start` does. */
  const start = async (documents = sampleDocuments): Promise<ScenarioOutcome> => {
    await emulator?.close();
    emulator = new Emulator({ stateFile: join(dir, 'state.json'), now: () => clock });
    const outcome = seedScenario(emulator.store, PROJECT, documents);
    const url = await emulator.listen();
    const http = new HttpClient({
      signingKey: async () => DEFAULT_CREDENTIALS,
      now: () => new Date(clock),
      retry: { maxAttempts: 1, maxElapsedMs: 0, baseDelayMs: 0, maxDelayMs: 0 },
    });
    networks = new NetworksApi(http, url, PROJECT);
    groups = new AddressGroupsApi(http, url, PROJECT);
    return outcome;
  };
  const network = (name: string): Promise<Network> => networks.get(`${name}-${PROJECT}`);
  const phase = async (name: string) => (await network(name)).status?.phase;
  const peerPhases = async (name: string) =>
    (await network(name)).status?.connectionStatus?.peerConnectionStatus?.map((peer) => peer.phase);
  const groupId = async (name: string) => {
    const found = (await groups.listPage({ name: [name] })).addressGroups;
    assert.equal(found.length, 1, `groups named ${name}`);
    return (found[0] as { id: string }).id;
  };
  /** The error code of a deletion refused (a group in use: VPC.9907, on which Delete… offers Force Delete). */
  const deletionRefusal = async (id: string) => (await rejection(groups.delete(id))).code;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hwc-scenario-'));
    clock = Date.parse('2026-11-23T10:00:00Z');
  });
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
    rmSync(dir, { recursive: true, force: true });
  });
  after(() => emulator?.close());

  it('shows every state after seeding: Creating, Abnormal, a peer connection Connecting, a group in use, more groups than a page', async () => {
    const outcome = await start();
    clock += 1_000;
    assert.equal(await phase(SHOWCASE.creating), 'Creating');
    assert.equal(await phase(SHOWCASE.abnormal), 'Abnormal');
    assert.equal(await phase(SHOWCASE.peering), 'Active');
    assert.deepEqual(await peerPhases(SHOWCASE.peering), ['Connecting']);
    assert.equal(await phase('training'), 'Active');

    const inUse = await groupId(SHOWCASE.inUse);
    assert.equal(await deletionRefusal(inUse), 'VPC.9907');
    assert.deepEqual((await groups.dependencies([inUse]))[0]?.dependency, [SHOWCASE_SECURITY_GROUP]);
    // The explorer's first page at the default page size is followed by Load more….
    const firstPage = await groups.listPage({ limit: DEFAULT_PAGE_SIZE });
    assert.equal(firstPage.addressGroups.length, DEFAULT_PAGE_SIZE);
    assert.ok(firstPage.nextMarker, 'no next page');
    assert.equal(emulator?.store.countAddressGroups(PROJECT), SHOWCASE_GROUP_COUNT);

    // The slow states last SLOW_STATE_MS from the start, then end as they would.
    clock += SLOW_STATE_MS - 2_000;
    assert.equal(await phase(SHOWCASE.creating), 'Creating');
    assert.deepEqual(await peerPhases(SHOWCASE.peering), ['Connecting']);
    clock += 2_000;
    assert.equal(await phase(SHOWCASE.creating), 'Active');
    assert.deepEqual(await peerPhases(SHOWCASE.peering), ['Active']);
    assert.deepEqual(outcome.rearmed, [SHOWCASE.creating, SHOWCASE.peering]);
  });

  it("links each document of sample/valid to its resource, and leaves the address group's with an edit pending", async () => {
    const outcome = await start();
    const webServers = await groupId('web-servers');
    assert.deepEqual(outcome.links, [
      { path: networkDocumentPath, kind: 'network', id: `training-${PROJECT}`, name: 'training' },
      { path: groupDocumentPath, kind: 'addressGroup', id: webServers, name: 'web-servers' },
    ]);
    assert.equal(outcome.pendingEdit, groupDocumentPath);
    // Compare with Live: the network document matches its network; the group's document has an entry more.
    assert.deepEqual(
      diffNetwork(await network('training'), JSON.parse(documentText(networkDocumentPath)) as NetworkDocument).changes,
      [],
    );
    const groupDiff = diffAddressGroup(
      await groups.get(webServers),
      JSON.parse(documentText(groupDocumentPath)) as AddressGroupDocument,
    );
    assert.deepEqual(
      groupDiff.changes.map((change) => change.path.at(-1)),
      ['ip_set'],
    );
    assert.deepEqual(groupDiff.update?.ip_set, ['192.168.3.2', '192.168.3.20-192.168.3.100', '192.168.5.0/24']);
  });

  it('re-arms the slow states at the next start from the state file, and makes nothing twice', async () => {
    const first = await start();
    const firstIds = first.links.map((link) => link.id);
    const inUse = await groupId(SHOWCASE.inUse);
    // Hours later, everything has settled.
    clock += 3 * 60 * 60_000;
    assert.equal(await phase(SHOWCASE.creating), 'Active');
    assert.deepEqual(await peerPhases(SHOWCASE.peering), ['Active']);

    const second = await start();
    assert.deepEqual(second.created, []);
    assert.deepEqual(
      second.links.map((link) => link.id),
      firstIds,
    );
    clock += 1_000;
    assert.equal(await phase(SHOWCASE.creating), 'Creating');
    assert.deepEqual(await peerPhases(SHOWCASE.peering), ['Connecting']);
    assert.equal(await phase(SHOWCASE.abnormal), 'Abnormal');
    assert.equal(await groupId(SHOWCASE.inUse), inUse);
    assert.equal(await deletionRefusal(inUse), 'VPC.9907');
    assert.equal(emulator?.store.countAddressGroups(PROJECT), SHOWCASE_GROUP_COUNT);
    // Created again, the network lists as the newest.
    const listed = (await networks.listPage({})).items.map((item) => item.metadata.labels?.['os.modelarts/name']);
    assert.equal(listed.at(-1), SHOWCASE.creating);
  });

  it('makes again at the next start what was deleted or changed away from its state; an applied edit stays applied', async () => {
    await start();
    await groups.forceDelete(await groupId(SHOWCASE.inUse));
    await networks.delete(`${SHOWCASE.creating}-${PROJECT}`);
    await networks.update(`${SHOWCASE.peering}-${PROJECT}`, { spec: { connection: { peerConnectionList: [] } } });
    const webServers = await groupId('web-servers');
    await groups.update(webServers, { ip_set: ['192.168.3.2', '192.168.3.20-192.168.3.100', '192.168.5.0/24'] });
    clock += 60_000;

    const second = await start();
    assert.deepEqual(second.created.sort(), [SHOWCASE.creating, SHOWCASE.inUse]);
    clock += 1_000;
    assert.equal(await phase(SHOWCASE.creating), 'Creating');
    assert.deepEqual(await peerPhases(SHOWCASE.peering), ['Connecting']);
    assert.equal(await deletionRefusal(await groupId(SHOWCASE.inUse)), 'VPC.9907');
    assert.equal(second.links.find((link) => link.name === 'web-servers')?.id, webServers);
    assert.deepEqual(
      diffAddressGroup(
        await groups.get(webServers),
        JSON.parse(documentText(groupDocumentPath)) as AddressGroupDocument,
      ).changes,
      [],
    );
  });

  it('refuses a document with errors, or an address group too small to leave an edit pending, naming the file', async () => {
    const invalid = join(projectRoot, 'sample', 'invalid', 'experiments.network.json');
    assert.throws(
      () => seedScenario(new Emulator({}).store, PROJECT, [{ path: invalid, text: documentText(invalid) }]),
      (error: Error) => error.message.startsWith(`${invalid} cannot be made live:`) && /host bits/.test(error.message),
    );
    const single = {
      path: '/x/one.address-group.json',
      text: JSON.stringify({ address_group: { name: 'one', ip_version: 4, ip_set: ['10.0.0.1'] } }),
    };
    assert.throws(
      () => seedScenario(new Emulator({}).store, PROJECT, [single]),
      /\/x\/one\.address-group\.json needs two entries or more/,
    );
    assert.throws(
      () => seedScenario(new Emulator({}).store, PROJECT, [{ path: '/x/notes.json', text: '{}' }]),
      /\/x\/notes\.json: a scenario document is a \*\.network\.json or an \*\.address-group\.json file/,
    );
  });
});
