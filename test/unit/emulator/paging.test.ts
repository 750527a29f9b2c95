// Paging costs the same wherever the page starts: the store counts the records a listing looks at, and a page of
// `limit` looks at about `limit` of them (plus a binary search), with 10,000 networks or address groups.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROJECT, withEmulator } from '../../support/emulator';

const COUNT = 10_000;
const LIMIT = 100;
/** A page's own items, the one after it (is there more?), and a binary search over the list. */
const PAGE_BOUND = LIMIT + 1 + 2 * Math.ceil(Math.log2(COUNT + 1));

describe('emulator: paging is O(limit), not O(N)', () => {
  const emulator = withEmulator({ delays: { networkDeleteMs: 0 } });

  /** The records the store looked at while `fetch` ran. */
  async function visits<T>(fetch: () => Promise<T>): Promise<{ result: T; visited: number }> {
    const before = emulator.store.itemsVisited;
    const result = await fetch();
    return { result, visited: emulator.store.itemsVisited - before };
  }

  it(`looks at no more than ${PAGE_BOUND} address groups for any page of ${LIMIT} of ${COUNT}`, async () => {
    emulator.store.seed(PROJECT, { networks: 0, addressGroups: COUNT });
    const perPage: number[] = [];
    const seen = new Set<string>();
    let marker: string | undefined;
    do {
      const { result: page, visited } = await visits(() =>
        emulator.groups.listPage({ limit: LIMIT, ...(marker ? { marker } : {}) }),
      );
      perPage.push(visited);
      for (const group of page.addressGroups) seen.add(group.id);
      marker = page.nextMarker;
    } while (marker);
    assert.equal(seen.size, COUNT);
    assert.equal(perPage.length, COUNT / LIMIT);
    assert.ok(
      Math.max(...perPage) <= PAGE_BOUND,
      `pages looked at up to ${Math.max(...perPage)} groups (first ${perPage[0]}, last ${perPage.at(-1)})`,
    );
  });

  it(`looks at no more than ${PAGE_BOUND} networks for any page of ${LIMIT} of ${COUNT}`, async () => {
    emulator.store.seed(PROJECT, { networks: COUNT, addressGroups: 0 });
    const perPage: number[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const { result: page, visited } = await visits(() =>
        emulator.networks.listPage({ limit: LIMIT, ...(token ? { continueToken: token } : {}) }),
      );
      perPage.push(visited);
      for (const network of page.items) seen.add(network.metadata.name);
      assert.equal(page.remainingItemCount, COUNT - seen.size);
      token = page.continueToken;
    } while (token);
    assert.equal(seen.size, COUNT);
    assert.ok(
      Math.max(...perPage) <= PAGE_BOUND,
      `pages looked at up to ${Math.max(...perPage)} networks (first ${perPage[0]}, last ${perPage.at(-1)})`,
    );
  });

  it('goes on after an address-group marker whose group was deleted meanwhile', async () => {
    emulator.store.seed(PROJECT, { networks: 0, addressGroups: 30 });
    const first = await emulator.groups.listPage({ limit: 10 });
    const marker = first.nextMarker;
    assert.ok(marker);
    await emulator.groups.delete(marker);
    const second = await emulator.groups.listPage({ limit: 10, marker });
    assert.deepEqual(
      second.addressGroups.map((g) => g.name),
      Array.from({ length: 10 }, (_, i) => `seed-group-${String(10 + i).padStart(6, '0')}`),
    );
    assert.equal((await emulator.raw('GET', `/v3/${PROJECT}/vpc/address-groups?marker=never-existed`)).status, 400);
  });

  it('lists networks created in the same millisecond once each, in name order, one per page', async () => {
    for (const name of ['zeta-net', 'alpha-net', 'mid-net']) await emulator.createNetwork(name);
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await emulator.networks.listPage({ limit: 1, ...(token ? { continueToken: token } : {}) });
      names.push(...page.items.map((n) => n.metadata.labels['os.modelarts/name']));
      token = page.continueToken;
    } while (token && names.length < 10);
    assert.deepEqual(names, ['alpha-net', 'mid-net', 'zeta-net']);
  });

  it('seeds after deletions without taking an ID that is still in the list', async () => {
    emulator.store.seed(PROJECT, { networks: 3, addressGroups: 0 });
    await emulator.networks.delete(`seed-net-000000-${PROJECT}`);
    emulator.clock += 1;
    emulator.store.seed(PROJECT, { networks: 1, addressGroups: 0 });
    const names = (await emulator.networks.listPage({})).items.map((n) => n.metadata.labels['os.modelarts/name']);
    assert.deepEqual(names.sort(), ['seed-net-000001', 'seed-net-000002', 'seed-net-000003']);
  });

  it('pages filtered lists correctly too (filters may look further)', async () => {
    emulator.store.seed(PROJECT, { networks: 0, addressGroups: 1000 });
    const v6: string[] = [];
    let marker: string | undefined;
    do {
      const page = await emulator.groups.listPage({ limit: 30, ipVersion: 6, ...(marker ? { marker } : {}) });
      v6.push(...page.addressGroups.map((g) => g.name));
      marker = page.nextMarker;
    } while (marker);
    assert.equal(v6.length, 200);
    assert.equal(new Set(v6).size, 200);
    assert.deepEqual(v6.slice(0, 2), ['seed-group-000004', 'seed-group-000009']);
  });
});
