// SFS Turbo links of a network, as the get page shows them (status.connectionStatus.sfsTurboStatus: name, sfsId,
// connectionType VpcPort / Peering, ipAddr, status Active / Abnormal / Creating / Deleting), each timed from when
// it was added.
import * as assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { SfsTurboConnectionStatus } from '../../../src/core/api/networks';
import { EmulatorHarness, PROJECT } from '../../support/emulatorHarness';

const LINK_DELAY_MS = 500;

describe('emulator: SFS Turbo links', () => {
  let harness: EmulatorHarness;
  before(async () => {
    harness = await new EmulatorHarness({
      delays: { networkPendingMs: 100, networkCreateMs: 1000, peerConnectMs: LINK_DELAY_MS, networkDeleteMs: 1000 },
    }).start();
  });
  after(() => harness.close());
  beforeEach(() => {
    harness.emulator.store.reset();
    harness.emulator.faults.configure({});
  });

  async function links(id: string): Promise<SfsTurboConnectionStatus[]> {
    const answer = await harness.raw('GET', `/v1/${PROJECT}/networks/${id}`);
    assert.equal(answer.status, 200);
    return (answer.json?.status as { connectionStatus: { sfsTurboStatus: SfsTurboConnectionStatus[] } })
      .connectionStatus.sfsTurboStatus;
  }

  const link = (sfsId: string) => ({ sfsId, name: `turbo-${sfsId}` });
  const setLinks = async (id: string, ...sfsIds: string[]) => {
    const answer = await harness.patchNetwork(
      id,
      JSON.stringify({ spec: { connection: { sfsTurboConnectionList: sfsIds.map(link) } } }),
    );
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
  };

  it('are Creating for a while after a PATCH adds them to a long-active network, then Active, through attached NICs', async () => {
    const id = await harness.createNetwork('sfs-net');
    harness.clock += 60_000;
    await setLinks(id, 'fs-1');
    const [creating] = await links(id);
    assert.deepEqual(creating, { name: 'turbo-fs-1', sfsId: 'fs-1', connectionType: 'VpcPort', status: 'Creating' });
    harness.clock += LINK_DELAY_MS;
    const [active] = await links(id);
    assert.equal(active?.status, 'Active');
    assert.equal(active?.connectionType, 'VpcPort');
    assert.match(String(active?.ipAddr), /^\d+\.\d+\.\d+\.\d+$/);
  });

  it('time each link from when it was added: one added later is Creating while the first stays Active', async () => {
    const id = await harness.createNetwork('sfs-net');
    await setLinks(id, 'fs-1');
    harness.clock += LINK_DELAY_MS;
    await setLinks(id, 'fs-1', 'fs-2');
    assert.deepEqual(
      (await links(id)).map((l) => [l.sfsId, l.status]),
      [
        ['fs-1', 'Active'],
        ['fs-2', 'Creating'],
      ],
    );
    harness.clock += LINK_DELAY_MS;
    assert.deepEqual(
      (await links(id)).map((l) => l.status),
      ['Active', 'Active'],
    );
  });

  it('a link removed and added again starts over', async () => {
    const id = await harness.createNetwork('sfs-net');
    await setLinks(id, 'fs-1');
    harness.clock += LINK_DELAY_MS;
    await setLinks(id);
    await setLinks(id, 'fs-1');
    assert.equal((await links(id))[0]?.status, 'Creating');
  });

  it('are Abnormal on a network that ends Abnormal, and Deleting while the network is deleted', async () => {
    harness.emulator.faults.configure({ abnormalNetworks: ['sick-net'] });
    const sick = await harness.createNetwork('sick-net');
    await setLinks(sick, 'fs-1');
    harness.clock += 2000;
    assert.equal((await links(sick))[0]?.status, 'Abnormal');
    const healthy = await harness.createNetwork('sfs-net', '172.16.0.0/16');
    await setLinks(healthy, 'fs-2');
    harness.clock += 2000;
    assert.equal((await harness.raw('DELETE', `/v1/${PROJECT}/networks/${healthy}`)).status, 200);
    assert.equal((await links(healthy))[0]?.status, 'Deleting');
  });
});
