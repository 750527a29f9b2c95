// Benchmark of the explorer's core model over the real client (HttpClient + NetworksApi / AddressGroupsApi: signing,
// HTTP, parsing) against the emulator started in this process and seeded with 10,000 address groups and 1,000
// networks: the time from expanding a group to its first page of nodes, beside one bare list call of the same page
// measured in the same run (interleaved rounds, medians), and the list requests the emulator received per first
// page (the IAM project lookup is not one). Prints figures; asserts nothing. `npm run bench:explorer`.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { compileSchemas } from '../scripts/compile-schemas.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 101);
const WARMUP = 3;
compileSchemas();
const outfile = join(root, 'out', 'bench', 'explorer-bench.mjs');
await esbuild.build({
  stdin: {
    contents: [
      "export { Emulator, DEFAULT_CREDENTIALS } from './src/emulator/server';",
      "export { projectIdFor } from './src/emulator/store';",
      "export { openConnection } from './src/core/connection';",
      "export { ProjectIdCache } from './src/core/project';",
      "export { ExplorerModel } from './src/core/explorer/model';",
      "export { explorerConnectionFor } from './src/core/explorer/connection';",
    ].join('\n'),
    resolveDir: root, loader: 'ts',
  },
  bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile, minify: true, mainFields: ['module', 'main'],
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
const { Emulator, DEFAULT_CREDENTIALS, projectIdFor, openConnection, ProjectIdCache, ExplorerModel, explorerConnectionFor } = await import(pathToFileURL(outfile).href);

const REGION = 'cn-north-4';
const project = projectIdFor(REGION);
// Counted at the emulator: every list request it answers (GET of the networks or address-groups collection).
let listRequests = 0;
const emulator = new Emulator({
  log: (line) => {
    if (/^GET \/v(1|3)\/[0-9a-f]{32}\/(networks|vpc\/address-groups) /.test(line)) listRequests++;
  },
});
let started = process.hrtime.bigint();
emulator.store.seed(project, { networks: 1_000, addressGroups: 10_000 });
const seedMs = Number(process.hrtime.bigint() - started) / 1e6;
const url = await emulator.listen();
// The connection as the extension opens it for the emulator: its well-known key, the project looked up through IAM.
const connection = await openConnection({ region: REGION, projectId: '', credentialSource: 'auto', endpoints: { modelarts: url, vpc: url, iam: url } }, {
  credentialEnvironment: { secret: async () => undefined, env: {}, homedir: '/nonexistent', readFile: async () => { throw Object.assign(new Error('none'), { code: 'ENOENT' }); } },
  credentials: { key: DEFAULT_CREDENTIALS, source: 'emulator', origin: 'the benchmark emulator' },
  projectIds: new ProjectIdCache(),
});
console.log(`node ${process.version}; emulator in this process, seeded with 1,000 networks and 10,000 address groups in ${seedMs.toFixed(0)} ms; `
  + `${ROUNDS} rounds (after ${WARMUP} warm-up), the three measurements interleaved, order rotated`);

const ms = (since) => Number(process.hrtime.bigint() - since) / 1e6;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** A fresh explorer (as after the view opens), its tree built down to the groups; nothing listed yet. */
async function freshExplorer(pageSize) {
  const model = new ExplorerModel({ open: async () => explorerConnectionFor(connection), pageSize: () => pageSize });
  const [rootNode] = await model.children();
  const [networks, groups] = await model.children(rootNode);
  return { model, services: { network: networks, addressGroup: groups } };
}

async function measure(kind, pageSize) {
  const explorerTimes = [];
  const bareTimes = [];
  const signalTimes = [];
  const requestsPerExpand = [];
  let nodes = 0;
  // The same page the explorer asks for (networks: of workspace 0, the default it lists), without and with the
  // AbortSignal the explorer passes so that a refresh can cancel it (the client then combines it with its timeout).
  const bare = (options) => (kind === 'network'
    ? connection.networks.listPage({ limit: pageSize, workspaceId: '0' }, options)
    : connection.addressGroups.listPage({ limit: pageSize }, options));
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    const { model, services } = await freshExplorer(pageSize);
    const explorerRun = async () => {
      const before = listRequests;
      started = process.hrtime.bigint();
      const children = await model.children(services[kind]);
      const elapsed = ms(started);
      if (round >= WARMUP) {
        explorerTimes.push(elapsed);
        requestsPerExpand.push(listRequests - before);
        nodes = children.length;
      }
    };
    const bareRun = async () => {
      started = process.hrtime.bigint();
      await bare({});
      if (round >= WARMUP) bareTimes.push(ms(started));
    };
    const signalRun = async () => {
      started = process.hrtime.bigint();
      await bare({ signal: new AbortController().signal });
      if (round >= WARMUP) signalTimes.push(ms(started));
    };
    // Rotated each round, so that a noisy moment of the machine hits each alike.
    const runs = [explorerRun, bareRun, signalRun];
    for (let i = 0; i < runs.length; i++) await runs[(round + i) % runs.length]();
  }
  const explorer = median(explorerTimes);
  const plain = median(bareTimes);
  const withSignal = median(signalTimes);
  const label = `${kind === 'network' ? 'networks' : 'address groups'}, page of ${pageSize}`;
  const signed = (value) => `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
  console.log(`  ${label.padEnd(28)} expand → ${nodes} nodes ${explorer.toFixed(2)} ms | bare list call ${plain.toFixed(2)} ms (${signed(explorer - plain)}) `
    + `| bare call with a signal ${withSignal.toFixed(2)} ms (${signed(explorer - withSignal)}) `
    + `| list requests per expand ${Math.min(...requestsPerExpand)}–${Math.max(...requestsPerExpand)} (${requestsPerExpand.reduce((a, b) => a + b, 0)} in ${requestsPerExpand.length})`);
}

console.log('medians (difference: the explorer minus that call):');
for (const pageSize of [100, 500]) {
  await measure('addressGroup', pageSize);
  await measure('network', pageSize);
}
await emulator.close();
