// SFS Turbo links of a network, as the get page shows them (status.connectionStatus.sfsTurboStatus: name, sfsId,
// connectionType VpcPort / Peering, ipAddr, status Active / Abnormal / Creating / Deleting), each timed from when
// it was added.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SfsTurboConnectionStatus } from '../../../src/core/api/networks';
import { PROJECT, withEmulator } from '../../support/emulator';

const LINK_DELAY_MS = 500;

describe('emulator: SFS Turbo links', () => {
  const emulator = withEmulator({
    delays: { networkPendingMs: 100, networkCreateMs: 1000, peerConnectMs: LINK_DELAY_MS, networkDeleteMs: 1000 },
  });

  async function links(id: string): Promise<SfsTurboConnectionStatus[]> {
    const answer = await emulator.raw('GET', `/v1/${PROJECT}/networks/${id}`);
    assert.equal(answer.status, 200);
    return (answer.json?.status as { connectionStatus: { sfsTurboStatus: SfsTurboConnectionStatus[] } })
      .connectionStatus.sfsTurboStatus;
  }

  const link = (sfsId: string) => ({ sfsId, name: `turbo-${sfsId}` });
  const setLinks = async (id: string, ...sfsIds: string[]) => {
    const answer = await emulator.patchNetwork(
      id,
      JSON.stringify({ spec: { connection: { sfsTurboConnectionList: sfsIds.map(link) } } }),
    );
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
  };

  it('are Creating for a while after a PATCH adds them to a long-active network, then Active, through attached NICs', async () => {
    const id = await emulator.createNetwork('sfs-net');
    emulator.clock += 60_000;
    await setLinks(id, 'fs-1');
    const [creating] = await links(id);
    assert.deepEqual(creating, { name: 'turbo-fs-1', sfsId: 'fs-1', connectionType: 'VpcPort', status: 'Creating' });
    emulator.clock += LINK_DELAY_MS;
    const [active] = await links(id);
    assert.equal(active?.status, 'Active');
    assert.equal(active?.connectionType, 'VpcPort');
    assert.match(String(active?.ipAddr), /^\d+\.\d+\.\d+\.\d+$/);
  });

  it('time each link from when it was added: one added later is Creating while the first stays Active', async () => {
    const id = await emulator.createNetwork('sfs-net');
    await setLinks(id, 'fs-1');
    emulator.clock += LINK_DELAY_MS;
    await setLinks(id, 'fs-1', 'fs-2');
    assert.deepEqual(
      (await links(id)).map((l) => [l.sfsId, l.status]),
      [
        ['fs-1', 'Active'],
        ['fs-2', 'Creating'],
      ],
    );
    emulator.clock += LINK_DELAY_MS;
    assert.deepEqual(
      (await links(id)).map((l) => l.status),
      ['Active', 'Active'],
    );
  });

  it('a link removed and added again starts over', async () => {
    const id = await emulator.createNetwork('sfs-net');
    await setLinks(id, 'fs-1');
    emulator.clock += LINK_DELAY_MS;
    await setLinks(id);
    await setLinks(id, 'fs-1');
    assert.equal((await links(id))[0]?.status, 'Creating');
  });

  it('are Abnormal on a network that ends Abnormal, and Deleting while the network is deleted', async () => {
    emulator.faults({ abnormalNetworks: ['sick-net'] });
    const sick = await emulator.createNetwork('sick-net');
    await setLinks(sick, 'fs-1');
    emulator.clock += 2000;
    assert.equal((await links(sick))[0]?.status, 'Abnormal');
    const healthy = await emulator.createNetwork('sfs-net', '172.16.0.0/16');
    await setLinks(healthy, 'fs-2');
    emulator.clock += 2000;
    assert.equal((await emulator.raw('DELETE', `/v1/${PROJECT}/networks/${healthy}`)).status, 200);
    assert.equal((await links(healthy))[0]?.status, 'Deleting');
  });
});
