// Benchmark: the emulator seeded with 10,000 address groups and 1,000 networks, listed page by page through the
// extension's own client (signing, HTTP, parsing included). Prints per-page times; asserts nothing.
// `npm run bench:emulator`.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { compileSchemas } from '../scripts/compile-schemas.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
compileSchemas();
const outfile = join(root, 'out', 'bench', 'emulator-bench.mjs');
await esbuild.build({
  stdin: {
    contents: "export { Emulator, DEFAULT_CREDENTIALS } from './src/emulator/server'; export { projectIdFor } from './src/emulator/store'; export { HttpClient } from './src/core/http'; export { NetworksApi } from './src/core/networks'; export { AddressGroupsApi } from './src/core/addressGroups';",
    resolveDir: root, loader: 'ts',
  },
  bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile, minify: true, mainFields: ['module', 'main'],
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
const { Emulator, DEFAULT_CREDENTIALS, projectIdFor, HttpClient, NetworksApi, AddressGroupsApi } = await import(pathToFileURL(outfile).href);

const emulator = new Emulator({});
const project = projectIdFor('cn-north-4');
let started = process.hrtime.bigint();
emulator.store.seed(project, { networks: 1000, addressGroups: 10000 });
console.log(`node ${process.version}; seeded 1,000 networks and 10,000 address groups in ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0)} ms`);
const url = await emulator.listen();
const http = new HttpClient({ signingKey: async () => DEFAULT_CREDENTIALS });
const networks = new NetworksApi(http, url, project);
const groups = new AddressGroupsApi(http, url, project);

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
async function pages(label, pageSize, fetchPage) {
  // One warm-up pass, then three measured passes over every page.
  for (let pass = 0; pass < 4; pass++) {
    const times = [];
    let cursor;
    let items = 0;
    do {
      started = process.hrtime.bigint();
      const page = await fetchPage(pageSize, cursor);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      items += page.items;
      cursor = page.cursor;
    } while (cursor);
    if (pass === 0) continue;
    times.sort((a, b) => a - b);
    console.log(`  ${label}, ${pageSize} per page: ${times.length} pages, ${items} items; per page p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, max ${times.at(-1).toFixed(2)} ms`);
  }
}

console.log('listing page by page through the extension\'s client (signed requests over 127.0.0.1):');
await pages('networks', 100, async (limit, continueToken) => {
  const page = await networks.listPage({ limit, ...(continueToken ? { continueToken } : {}) });
  return { items: page.items.length, cursor: page.continueToken };
});
await pages('address groups', 100, async (limit, marker) => {
  const page = await groups.listPage({ limit, ...(marker ? { marker } : {}) });
  return { items: page.addressGroups.length, cursor: page.nextMarker };
});
await pages('address groups', 2000, async (limit, marker) => {
  const page = await groups.listPage({ limit, ...(marker ? { marker } : {}) });
  return { items: page.addressGroups.length, cursor: page.nextMarker };
});
await emulator.close();
