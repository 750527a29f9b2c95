// Benchmark of single API calls against the emulator (dist/emulator.js in its own process, on 127.0.0.1): list,
// show, and create + delete of VPC address groups through the extension's client (HttpClient + AddressGroupsApi:
// signing, time-out, bounded read, shape checks), beside a bare signed fetch (the same signer, nothing else) and
// Huawei's official Node SDK (@huaweicloud/huaweicloud-sdk-vpc v3 on its core), interleaved in one process; then
// the cold case, each in fresh Node processes: require what the client needs and make its first list call.
// Prints the rows; asserts nothing. `npm run bench:calls`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bareSignedFetch } from './lib/bareFetch.mjs';
import { bundleForBench, importBundle } from './lib/build.mjs';
import { startEmulatorProcess } from './lib/emulator.mjs';
import { isMain, note, printRows } from './lib/main.mjs';
import { interleavedRounds, median, medians, timeMs } from './lib/stats.mjs';
import { atGoalPrecision, formatMs, formatRatio } from './lib/table.mjs';

const ROUNDS = Number(process.env.BENCH_CALL_ROUNDS ?? 200);
const WARMUP = 20;
const COLD_ROUNDS = Number(process.env.BENCH_COLD_ROUNDS ?? 15);
const LIMIT = 100;
const COLD_CALL = fileURLToPath(new URL('./lib/coldCall.cjs', import.meta.url));
const require = createRequire(import.meta.url);

const CLIENT_SOURCE = [
  "export { HttpClient } from './src/core/cloud/http';",
  "export { AddressGroupsApi } from './src/core/api/addressGroups';",
  "export { EMULATOR_CREDENTIALS } from './src/core/cloud/emulatorDefaults';",
].join('\n');
const SIGNER_SOURCE =
  "export { signRequest } from './src/core/cloud/signer'; export { EMULATOR_CREDENTIALS } from './src/core/cloud/emulatorDefaults';";

/**
 * Huawei's SDK client for VPC v3 on the emulator: its endpoint given, and the project ID given so that it never
 * asks IAM. The core writes ~/.huaweicloud/application_id while it builds a client: HOME points at `home` then.
 */
function sdkClient(home, url, projectId, key) {
  const core = require('@huaweicloud/huaweicloud-sdk-core');
  const vpc = require('@huaweicloud/huaweicloud-sdk-vpc/v3/public-api');
  const previousHome = process.env.HOME;
  process.env.HOME = home;
  try {
    const credentials = new core.BasicCredentials()
      .withAk(key.accessKeyId)
      .withSk(key.secretAccessKey)
      .withProjectId(projectId);
    return { vpc, client: vpc.VpcClient.newBuilder().withCredential(credentials).withEndpoint(url).build() };
  } finally {
    process.env.HOME = previousHome;
  }
}

/** The three clients, each able to list a page, show a group, and create then delete one. */
async function clients(emulator, home) {
  const {
    HttpClient,
    AddressGroupsApi,
    EMULATOR_CREDENTIALS: key,
  } = await importBundle('calls-client.mjs', CLIENT_SOURCE);
  const { signRequest } = await importBundle('calls-signer.mjs', SIGNER_SOURCE);
  const { url, projectId } = emulator;
  const groups = new AddressGroupsApi(new HttpClient({ signingKey: async () => key }), url, projectId);
  const collection = `${url}/v3/${projectId}/vpc/address-groups`;
  const bare = (method, target, body) => bareSignedFetch(signRequest, key, { method, url: target, projectId, body });
  const { vpc, client } = sdkClient(home, url, projectId, key);
  const document = (round) => ({
    address_group: { name: `bench-${round}`, ip_version: 4, ip_set: ['10.0.0.1', '192.168.0.0/24'] },
  });
  const expectList = (count) => {
    if (count !== LIMIT) throw new Error(`${count} groups listed, not ${LIMIT}`);
  };
  // The group every show asks for: the first seeded one.
  const shownId = (await bare('GET', `${collection}?limit=1`)).address_groups[0].id;
  return {
    shownId,
    ours: {
      list: async () => expectList((await groups.listPage({ limit: LIMIT })).addressGroups.length),
      show: (id) => groups.get(id),
      // As Create from Document does it: the groups of that name were looked up first (to ask before making another).
      createDelete: async (round) => {
        const { resource } = await groups.create(document(round), { existingBefore: { ids: new Set() } });
        await groups.delete(resource.id);
      },
    },
    bare: {
      list: async () => expectList((await bare('GET', `${collection}?limit=${LIMIT}`)).address_groups.length),
      show: (id) => bare('GET', `${collection}/${id}`),
      createDelete: async (round) => {
        const { address_group: created } = await bare('POST', collection, document(round));
        await bare('DELETE', `${collection}/${created.id}`);
      },
    },
    sdk: {
      list: async () =>
        expectList(
          (await client.listAddressGroup(new vpc.ListAddressGroupRequest().withLimit(LIMIT))).address_groups.length,
        ),
      show: (id) => client.showAddressGroup(new vpc.ShowAddressGroupRequest(id)),
      createDelete: async (round) => {
        const { address_group: wanted } = document(round);
        const option = new vpc.CreateAddressGroupOption()
          .withName(wanted.name)
          .withIpVersion(wanted.ip_version)
          .withIpSet(wanted.ip_set);
        const created = await client.createAddressGroup(
          new vpc.CreateAddressGroupRequest().withBody(
            new vpc.CreateAddressGroupRequestBody().withAddressGroup(option),
          ),
        );
        if (created.httpStatusCode !== 201) throw new Error(`SDK create: HTTP ${created.httpStatusCode}`);
        await client.deleteAddressGroup(new vpc.DeleteAddressGroupRequest(created.address_group.id));
      },
    },
  };
}

const OPERATIONS = ['list', 'show', 'createDelete'];
const CLIENTS = ['ours', 'bare', 'sdk'];

/** Median time of each call by each client, in one process, interleaved. */
async function warmCalls(emulator, home) {
  const all = await clients(emulator, home);
  const variants = OPERATIONS.flatMap((operation) =>
    CLIENTS.map((name) => ({
      name: `${name} ${operation}`,
      run: (round) => timeMs(() => all[name][operation](operation === 'show' ? all.shownId : round)),
    })),
  );
  note(
    `calls: ${ROUNDS} rounds (after ${WARMUP} warm-up) of ${variants.length} calls, interleaved, order rotated; list = a page of ${LIMIT}`,
  );
  return medians(await interleavedRounds(variants, { rounds: ROUNDS, warmup: WARMUP }));
}

/** Median time of require + first list call in a fresh process, for each client. */
async function coldCalls(emulator, home) {
  const bundleDir = dirname(await bundleForBench('client.cjs', CLIENT_SOURCE, 'cjs'));
  await bundleForBench('signer.cjs', SIGNER_SOURCE, 'cjs');
  const { EMULATOR_CREDENTIALS: key } = await importBundle('calls-signer.mjs', SIGNER_SOURCE);
  const parts = new Map(CLIENTS.map((name) => [name, { require: [], call: [] }]));
  const variants = CLIENTS.map((name) => ({
    name,
    run: () => {
      const out = spawnSync(process.execPath, [COLD_CALL, name, emulator.url, emulator.projectId, bundleDir], {
        encoding: 'utf8',
        env: { ...process.env, HOME: home, HWC_BENCH_KEY: JSON.stringify(key) },
      });
      if (out.status !== 0) throw new Error(`cold call (${name}) failed: ${out.stderr}`);
      const { requireMs, callMs } = JSON.parse(out.stdout.trim().split('\n').at(-1));
      parts.get(name).require.push(requireMs);
      parts.get(name).call.push(callMs);
      return requireMs + callMs;
    },
  }));
  note(`calls, cold: ${COLD_ROUNDS} fresh processes per client, interleaved`);
  const figures = medians(await interleavedRounds(variants, { rounds: COLD_ROUNDS }));
  for (const [name, { require: required, call }] of parts) {
    note(`  ${name}: require ${formatMs(median(required))}, first call ${formatMs(median(call))} (medians)`);
  }
  return figures;
}

export async function callRows() {
  const home = mkdtempSync(join(tmpdir(), 'hwc-bench-sdk-home-'));
  const emulator = await startEmulatorProcess(['--seed-address-groups', String(LIMIT), '--quota', '100000']);
  let warm;
  let cold;
  try {
    warm = await warmCalls(emulator, home);
    cold = await coldCalls(emulator, home);
  } finally {
    await emulator.stop();
    rmSync(home, { recursive: true, force: true });
  }
  note(`calls: medians ${[...warm].map(([name, value]) => `${name} ${formatMs(value)}`).join(', ')}`);
  const triple = (client) => OPERATIONS.map((operation) => formatMs(warm.get(`${client} ${operation}`))).join(' / ');
  const ratios = (client) =>
    OPERATIONS.map((operation) => warm.get(`${client} ${operation}`) / warm.get(`bare ${operation}`));
  const ours = ratios('ours');
  const sdk = ratios('sdk');
  const [oursCold, bareCold, sdkCold] = CLIENTS.map((name) => cold.get(name));
  return [
    {
      what: 'one list / show / create+delete call, our client',
      figure: triple('ours'),
      anchor: `bare signed \`fetch\` ${triple('bare')}`,
      ratio: ours.map(formatRatio).join(' / '),
      goal: '≤ 1.10× (keep)',
      met: ours.every((ratio) => atGoalPrecision(ratio) <= 1.1),
    },
    {
      what: "the same calls, Huawei's official Node SDK (vpc v3 3.1.173, core 3.1.211)",
      figure: triple('sdk'),
      anchor: `bare signed \`fetch\` ${triple('bare')}`,
      ratio: sdk.map(formatRatio).join(' / '),
      goal: 'printed beside ours',
      met: '—',
    },
    {
      what: 'cold require + first list call, fresh Node process',
      figure: formatMs(oursCold),
      anchor: `bare ${formatMs(bareCold)}; SDK ${formatMs(sdkCold)}`,
      ratio: `${formatRatio(oursCold / bareCold)} bare; SDK ${formatRatio(sdkCold / oursCold)} ours`,
      goal: '≤ 1.15× bare, ≥ 4× faster than the SDK',
      met: atGoalPrecision(oursCold / bareCold) <= 1.15 && atGoalPrecision(sdkCold / oursCold) >= 4,
    },
  ];
}

if (isMain(import.meta.url)) await printRows(callRows);
