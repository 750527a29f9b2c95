// Benchmark of the explorer's core model over the real client (HttpClient + NetworksApi / AddressGroupsApi: signing,
// HTTP, parsing) against the emulator started in this process and seeded with 10,000 address groups and 1,000
// networks: the time from expanding a group to its first page of nodes, beside one bare list call of the same page
// (the extension's signer and the global fetch, nothing else) and the same page through the client alone, measured
// in the same run (interleaved rounds, order rotated, medians), and the list requests the emulator received per
// first page (the IAM project lookup is not one). The row is the address groups' default page of 100; run on its
// own it also prints pages of 500 and the networks. Prints figures; asserts nothing. `npm run bench:explorer`.
import { bareSignedFetch } from './lib/bareFetch.mjs';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { bundleForBench, importBundle } from './lib/build.mjs';
import { isMain, note, printRows } from './lib/main.mjs';
import { interleavedRounds, median, msSince, timeMs } from './lib/stats.mjs';
import { atGoalPrecision, formatMs, formatRatio } from './lib/table.mjs';

const ROUNDS = Number(process.env.BENCH_EXPLORER_ROUNDS ?? 101);
const WARMUP = 3;
const REGION = 'cn-north-4';

async function startExplorerBench() {
  const {
    Emulator,
    DEFAULT_CREDENTIALS,
    projectIdFor,
    openConnection,
    ProjectIdCache,
    ExplorerModel,
    explorerConnectionFor,
    signRequest,
  } = await importBundle(
    'explorer-bench.mjs',
    [
      "export { Emulator, DEFAULT_CREDENTIALS } from './src/emulator/server';",
      "export { projectIdFor } from './src/emulator/store';",
      "export { openConnection } from './src/core/api/connection';",
      "export { ProjectIdCache } from './src/core/cloud/project';",
      "export { ExplorerModel } from './src/core/explorer/model';",
      "export { explorerConnectionFor } from './src/core/explorer/connection';",
      "export { signRequest } from './src/core/cloud/signer';",
    ].join('\n'),
  );
  const project = projectIdFor(REGION);
  // Counted at the emulator: every list request it answers (GET of the networks or address-groups collection).
  const counter = { listRequests: 0 };
  const emulator = new Emulator({
    log: (line) => {
      if (/^GET \/v(1|3)\/[0-9a-f]{32}\/(networks|vpc\/address-groups) /.test(line)) counter.listRequests++;
    },
  });
  const started = process.hrtime.bigint();
  emulator.store.seed(project, { networks: 1_000, addressGroups: 10_000 });
  const seedMs = msSince(started);
  const url = await emulator.listen();
  // The connection as the extension opens it for the emulator: its well-known key, the project looked up through IAM.
  const connection = await openConnection(
    { region: REGION, projectId: '', credentialSource: 'auto', endpoints: { modelarts: url, vpc: url, iam: url } },
    {
      credentialEnvironment: {
        secret: async () => undefined,
        env: {},
        homedir: '/nonexistent',
        readFile: async () => {
          throw Object.assign(new Error('none'), { code: 'ENOENT' });
        },
      },
      credentials: { key: DEFAULT_CREDENTIALS, source: 'emulator', origin: 'the benchmark emulator' },
      projectIds: new ProjectIdCache(),
    },
  );
  note(
    `explorer: emulator in this process, seeded with 1,000 networks and 10,000 address groups in ${seedMs.toFixed(0)} ms; ` +
      `${ROUNDS} rounds (after ${WARMUP} warm-up), four measurements interleaved, order rotated`,
  );

  /** A fresh explorer (as after the view opens), its tree built down to the groups; nothing listed yet. */
  async function freshExplorer(pageSize) {
    const model = new ExplorerModel({ open: async () => explorerConnectionFor(connection), pageSize: () => pageSize });
    const [rootNode] = await model.children();
    const [networks, groups] = await model.children(rootNode);
    return { model, services: { network: networks, addressGroup: groups } };
  }

  /** The explorer's first page of `kind` beside the same page asked for without it; medians and request counts. */
  async function measure(kind, pageSize) {
    const requestsPerExpand = [];
    let nodes = 0;
    let explorer;
    // The same page the explorer asks for (networks: of workspace 0, the default it lists), through the client
    // without and with the AbortSignal the explorer passes (the client then combines it with its time-out), and bare.
    const client = (options) =>
      kind === 'network'
        ? connection.networks.listPage({ limit: pageSize, workspaceId: '0' }, options)
        : connection.addressGroups.listPage({ limit: pageSize }, options);
    const bareUrl =
      kind === 'network'
        ? `${url}/v1/${project}/networks?limit=${pageSize}&workspaceId=0`
        : `${url}/v3/${project}/vpc/address-groups?limit=${pageSize}`;
    const variants = [
      {
        name: 'explorer',
        run: async (round) => {
          const before = counter.listRequests;
          const elapsed = await timeMs(async () => {
            nodes = (await explorer.model.children(explorer.services[kind])).length;
          });
          if (round >= WARMUP) requestsPerExpand.push(counter.listRequests - before);
          return elapsed;
        },
      },
      {
        name: 'bare',
        run: () =>
          timeMs(() =>
            bareSignedFetch(signRequest, DEFAULT_CREDENTIALS, { method: 'GET', url: bareUrl, projectId: project }),
          ),
      },
      { name: 'client', run: () => timeMs(() => client({})) },
      { name: 'client with a signal', run: () => timeMs(() => client({ signal: new AbortController().signal })) },
    ];
    // Each round expands a fresh explorer, built before the round's timings.
    const withFreshExplorer = variants.map((variant) =>
      variant.name === 'explorer'
        ? {
            ...variant,
            run: async (round) => {
              explorer = await freshExplorer(pageSize);
              return variant.run(round);
            },
          }
        : variant,
    );
    const samples = await interleavedRounds(withFreshExplorer, { rounds: ROUNDS, warmup: WARMUP });
    const figures = Object.fromEntries([...samples].map(([name, values]) => [name, median(values)]));
    const label = `${kind === 'network' ? 'networks' : 'address groups'}, page of ${pageSize}`;
    note(
      `  ${label.padEnd(28)} expand → ${nodes} nodes ${formatMs(figures.explorer)} | bare list call ${formatMs(figures.bare)} ` +
        `| client ${formatMs(figures.client)} | client with a signal ${formatMs(figures['client with a signal'])} ` +
        `| list requests per expand ${Math.min(...requestsPerExpand)}–${Math.max(...requestsPerExpand)} (${requestsPerExpand.reduce((a, b) => a + b, 0)} in ${requestsPerExpand.length})`,
    );
    return { ...figures, requestsPerExpand };
  }

  return { measure, close: () => emulator.close() };
}

/**
 * How long a fresh process takes to load the explorer's code as the extension loads it on the first expand: the
 * explorer's model and the client (signing, HTTP, the two APIs), minified, imported once; the median of `times`
 * fresh processes, in milliseconds.
 */
async function explorerLoadMs(times = 11) {
  const bundle = await bundleForBench(
    'explorer-load.mjs',
    [
      "export { openConnection } from './src/core/api/connection';",
      "export { ExplorerModel } from './src/core/explorer/model';",
      "export { explorerConnectionFor } from './src/core/explorer/connection';",
    ].join('\n'),
  );
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(bundle).href)}); console.log(performance.now() - t);`;
  const samples = [];
  for (let i = 0; i < times; i++) {
    // fetch's undici loaded first, as in VS Code's extension host.
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', `void globalThis.Headers; ${script}`], {
      encoding: 'utf8',
    });
    if (out.status !== 0) throw new Error(`loading the explorer's code failed: ${out.stderr}`);
    samples.push(Number(out.stdout.trim()));
  }
  return median(samples);
}

/** @param {{ everyPage?: boolean }} options also the pages of 500 and the networks (details only) */
export async function explorerRows({ everyPage = false } = {}) {
  const bench = await startExplorerBench();
  let row;
  try {
    note('explorer: medians');
    row = await bench.measure('addressGroup', 100);
    if (everyPage) {
      await bench.measure('network', 100);
      await bench.measure('addressGroup', 500);
      await bench.measure('network', 500);
    }
  } finally {
    await bench.close();
  }
  const load = await explorerLoadMs();
  note(`explorer: its code (model and client, minified) imported in a fresh process: ${formatMs(load)} (median of 11)`);
  const ratio = row.explorer / row.bare;
  const firstRatio = (load + row.explorer) / (load + row.bare);
  const oneRequest = row.requestsPerExpand.every((count) => count === 1);
  return [
    {
      what: 'explorer: first page with 10,000 groups (page of 100)',
      figure: `${formatMs(row.explorer)}, ${oneRequest ? 'one request' : `${Math.min(...row.requestsPerExpand)}–${Math.max(...row.requestsPerExpand)} requests`}`,
      anchor: `one bare list call ${formatMs(row.bare)} (through the client ${formatMs(row.client)})`,
      ratio: formatRatio(ratio),
      goal: '≤ 1.2×, one request',
      met: atGoalPrecision(ratio) <= 1.2 && oneRequest,
    },
    {
      what: "explorer: the view's first expand, its code's load included (a fresh process's import + the expand)",
      figure: `${formatMs(load + row.explorer)} (load ${formatMs(load)} + expand ${formatMs(row.explorer)})`,
      anchor: `the same load + one bare list call ${formatMs(load + row.bare)}`,
      ratio: formatRatio(firstRatio),
      goal: '≤ 1.3×',
      met: atGoalPrecision(firstRatio) <= 1.3,
    },
  ];
}

if (isMain(import.meta.url)) await printRows(() => explorerRows({ everyPage: true }));
