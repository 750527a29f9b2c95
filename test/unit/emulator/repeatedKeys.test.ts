// A key given twice in one JSON object: JSON.parse keeps the last, a reader (and the editor's checks) the first, so
// the request would not say what it does. The emulator refuses it on every request with a body, for both kinds.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROJECT, withEmulator } from '../../support/emulator';

const GROUPS = `/v3/${PROJECT}/vpc/address-groups`;

describe('emulator: repeated JSON keys', () => {
  const emulator = withEmulator({ delays: { addressGroupUpdateMs: 0 } });

  it('refuses an address group created with a key twice, at any level, and creates nothing', async () => {
    for (const body of [
      '{"address_group":{"name":"g","ip_version":4,"ip_set":["10.0.0.1"],"ip_set":["10.0.0.2"]}}',
      '{"address_group":{"name":"g","name":"h","ip_version":4}}',
      '{"dry_run":true,"dry_run":false,"address_group":{"name":"g","ip_version":4}}',
      '{"address_group":{"name":"g","ip_version":4,"ip_extra_set":[{"ip":"10.0.0.1","remarks":"a","remarks":"b"}]}}',
    ]) {
      const answer = await emulator.raw('POST', GROUPS, { body });
      assert.equal(answer.status, 400, body);
      assert.match(String(answer.json?.message), /is given twice/, body);
    }
    assert.equal(emulator.store.countAddressGroups(PROJECT), 0);
  });

  it('refuses an address-group update with a key twice, and changes nothing', async () => {
    const id = await emulator.createGroup();
    for (const body of [
      '{"address_group":{"ip_set":["10.0.0.2"],"ip_set":["10.0.0.3"]}}',
      '{"address_group":{"description":"a"},"address_group":{"description":"b"}}',
      '{"dry_run":false,"dry_run":true,"address_group":{"name":"x"}}',
    ]) {
      const answer = await emulator.raw('PUT', `${GROUPS}/${id}`, { body });
      assert.equal(answer.status, 400, body);
      assert.match(String(answer.json?.message), /is given twice/, body);
    }
    const group = (await emulator.raw('GET', `${GROUPS}/${id}`)).json?.address_group as {
      ip_set: string[];
      name: string;
      description: string;
    };
    assert.deepEqual([group.ip_set, group.name, group.description], [['10.0.0.1'], 'g', '']);
  });

  it('refuses a network patch with a key twice, and changes nothing', async () => {
    const id = await emulator.createNetwork('dup-net');
    for (const body of [
      '{"spec":{"ipv6enable":true,"ipv6enable":false}}',
      '{"metadata":{"annotations":{"os.modelarts/description":"a","os.modelarts/description":"b"}}}',
      '{"spec":{"connection":{"peerConnectionList":[{"peerVpcId":"v","peerSubnetId":"s","peerSubnetId":"t"}]}}}',
    ]) {
      const answer = await emulator.patchNetwork(id, body);
      assert.equal(answer.status, 400, body);
      assert.equal(answer.json?.error_code, 'ModelArts.50004000');
      assert.match(String(answer.json?.error_msg), /is given twice/, body);
    }
    const network = (await emulator.raw('GET', `/v1/${PROJECT}/networks/${id}`)).json as {
      spec: Record<string, unknown>;
      metadata: { annotations: object };
    };
    assert.deepEqual(
      [network.spec.ipv6enable, network.spec.connection, network.metadata.annotations],
      [undefined, {}, {}],
    );
  });
});
