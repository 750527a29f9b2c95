// Benchmark: the emulator seeded with 10,000 networks and 10,000 address groups, listed page by page through the
// extension's own client (signing, HTTP, parsing included). Prints, per kind, the time of the first page against
// the last (a page should cost the same wherever it starts), the records the store looked at per page, and the
// time to page through everything. Asserts nothing. `npm run bench:emulator`.
import { importBundle } from './lib/build.mjs';
import { median, msSince as ms } from './lib/stats.mjs';

const COUNT = 10_000;
const LIMIT = 100;
const REPEATS = 50;

const { Emulator, DEFAULT_CREDENTIALS, projectIdFor, HttpClient, NetworksApi, AddressGroupsApi } = await importBundle(
  'emulator-bench.mjs',
  "export { Emulator, DEFAULT_CREDENTIALS } from './src/emulator/server'; export { projectIdFor } from './src/emulator/store'; export { HttpClient } from './src/core/cloud/http'; export { NetworksApi } from './src/core/api/networks'; export { AddressGroupsApi } from './src/core/api/addressGroups';",
);

const emulator = new Emulator({});
const project = projectIdFor('cn-north-4');
const seedStarted = process.hrtime.bigint();
emulator.store.seed(project, { networks: COUNT, addressGroups: COUNT });
console.log(
  `node ${process.version}; seeded ${COUNT.toLocaleString('en')} networks and ${COUNT.toLocaleString('en')} address groups in ${ms(seedStarted).toFixed(0)} ms`,
);
const url = await emulator.listen();
const http = new HttpClient({ signingKey: async () => DEFAULT_CREDENTIALS });
const networks = new NetworksApi(http, url, project);
const groups = new AddressGroupsApi(http, url, project);

/** One page: its time, the records the store looked at, how many items it had and the cursor of the next. */
async function measure(fetchPage, cursor) {
  const visitedBefore = emulator.store.itemsVisited;
  const started = process.hrtime.bigint();
  const page = await fetchPage(cursor);
  return {
    time: ms(started),
    visited: emulator.store.itemsVisited - visitedBefore,
    items: page.items,
    next: page.cursor,
  };
}

/** Every page, one after the other: the time of the whole pass, what each page looked at, the last page's cursor. */
async function pass(fetchPage) {
  const started = process.hrtime.bigint();
  const visited = [];
  let lastCursor;
  let cursor;
  let items = 0;
  do {
    const page = await measure(fetchPage, cursor);
    visited.push(page.visited);
    items += page.items;
    if (page.next) lastCursor = page.next;
    cursor = page.next;
  } while (cursor);
  return { time: ms(started), visited, items, lastCursor };
}

async function report(label, fetchPage) {
  await pass(fetchPage); // warm-up: the first pass mostly measures the JIT
  const { time, visited, items, lastCursor } = await pass(fetchPage);
  const first = [];
  const last = [];
  for (let i = 0; i < REPEATS; i++) {
    first.push((await measure(fetchPage, undefined)).time);
    last.push((await measure(fetchPage, lastCursor)).time);
  }
  const [firstMs, lastMs] = [median(first), median(last)];
  console.log(
    `  ${label}, ${LIMIT} per page: first page ${firstMs.toFixed(2)} ms, last page ${lastMs.toFixed(2)} ms (median of ${REPEATS}; last/first ${(lastMs / firstMs).toFixed(2)}x); ` +
      `records looked at per page: first ${visited[0]}, last ${visited.at(-1)}, max ${Math.max(...visited)}; all ${visited.length} pages (${items} items) in ${time.toFixed(0)} ms`,
  );
}

console.log("listing through the extension's client (signed requests over 127.0.0.1):");
await report(`networks (${COUNT.toLocaleString('en')})`, async (continueToken) => {
  const page = await networks.listPage({ limit: LIMIT, ...(continueToken ? { continueToken } : {}) });
  return { items: page.items.length, cursor: page.continueToken };
});
await report(`address groups (${COUNT.toLocaleString('en')})`, async (marker) => {
  const page = await groups.listPage({ limit: LIMIT, ...(marker ? { marker } : {}) });
  return { items: page.addressGroups.length, cursor: page.nextMarker };
});
await emulator.close();
