// An address group's max_capacity and entries: a value outside 0-20 is an invalid request (400), while more entries
// than the capacity is the entry quota of the error-code page (409 VPC.9905 address_group_contain_ipset).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROJECT, withEmulator } from '../../support/emulator';

const GROUPS = `/v3/${PROJECT}/vpc/address-groups`;
const entries = (n: number) => Array.from({ length: n }, (_, i) => `10.0.0.${i + 1}`);

describe('emulator: address-group capacity', () => {
  const emulator = withEmulator({ delays: { addressGroupUpdateMs: 0 } });

  const create = (group: Record<string, unknown>) =>
    emulator.raw('POST', GROUPS, { body: JSON.stringify({ address_group: { name: 'g', ip_version: 4, ...group } }) });

  it('refuses a max_capacity outside 0-20, or not an integer, with 400 VPC.9901 on create', async () => {
    for (const capacity of [-1, 21, 1000, 2.5, '5', null]) {
      for (const ipSet of [[], entries(1), entries(3)]) {
        const answer = await create({ max_capacity: capacity, ip_set: ipSet });
        assert.equal(answer.status, 400, `${JSON.stringify(capacity)} with ${ipSet.length} entries`);
        assert.equal(answer.json?.code, 'VPC.9901');
        assert.match(String(answer.json?.message), /max_capacity/);
      }
    }
    assert.equal(emulator.store.countAddressGroups(PROJECT), 0);
  });

  it('refuses a max_capacity outside 0-20 with 400 VPC.9901 on update', async () => {
    const id = await emulator.createGroup({ ip_set: entries(2) });
    for (const capacity of [-1, 21]) {
      const answer = await emulator.raw('PUT', `${GROUPS}/${id}`, {
        body: JSON.stringify({ address_group: { max_capacity: capacity } }),
      });
      assert.deepEqual([answer.status, answer.json?.code], [400, 'VPC.9901'], String(capacity));
    }
  });

  it('answers more entries than the capacity 409 VPC.9905 address_group_contain_ipset, on create and update', async () => {
    for (const group of [
      { ip_set: entries(21) },
      { max_capacity: 2, ip_set: entries(3) },
      { max_capacity: 0, ip_set: entries(1) },
    ]) {
      const answer = await create(group);
      assert.deepEqual([answer.status, answer.json?.code], [409, 'VPC.9905'], JSON.stringify(group));
      assert.match(String(answer.json?.message), /Quota exceeded for resources: \['address_group_contain_ipset'\]/);
    }
    const id = await emulator.createGroup({ max_capacity: 2, ip_set: entries(2) });
    for (const changes of [{ ip_set: entries(3) }, { max_capacity: 1 }, { ip_set: entries(21), max_capacity: 20 }]) {
      const answer = await emulator.raw('PUT', `${GROUPS}/${id}`, { body: JSON.stringify({ address_group: changes }) });
      assert.deepEqual([answer.status, answer.json?.code], [409, 'VPC.9905'], JSON.stringify(changes));
      assert.match(String(answer.json?.message), /\['address_group_contain_ipset'\]/);
    }
  });

  it('takes the bounds themselves', async () => {
    assert.equal((await create({ max_capacity: 0 })).status, 201);
    assert.equal((await create({ max_capacity: 20, ip_set: entries(20) })).status, 201);
  });
});
