// `npm run emulator -- [options]`: the local Huawei Cloud emulator on 127.0.0.1. Also started by the extension's
// "Start Local Emulator" as a child process, which reads the `listening on` line.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { kindFromFileName } from '../core/kinds';
import { DEFAULT_ADDRESS_GROUP_QUOTA, DEFAULT_CREDENTIALS, Emulator, MAX_JSON_DEPTH } from './server';
import { type Faults, MALFORMED_KINDS, type MalformedKind, type RouteName } from './faults';
import { SAMPLE_DOCUMENTS } from './samples';
import { SLOW_STATE_MS, seedScenario } from './scenario';
import { DEFAULT_DELAYS, projectIdFor } from './store';

const HELP = `Huawei Cloud emulator: ModelArts networks and workspaces, VPC address groups and IAM projects on 127.0.0.1.

Usage: npm run emulator -- [options]

  --port N                 port to listen on (default 4790; 0 picks a free one)
  --state FILE             keep the state in FILE (JSON, written atomically); default: in memory only
  --region NAME            region whose project --seed fills (default cn-north-4)
  --seed N                 create N networks and N address groups at start (no quota, no checks), unless
                           the state comes from an existing --state file
  --seed-networks N        create N networks at start
  --seed-address-groups N  create N address groups at start
  --scenario DIR           make the documents of DIR live and show every state at once (what \`npm start\` shows):
                           a network Creating, one Abnormal, one whose peer connection is Connecting, a group in
                           use by a security-group rule, more groups than a page; the first address-group
                           document's last entry is left out (an edit pending). At every start, with --state too:
                           what is missing is made again, and the slow states last ${SLOW_STATE_MS / 60_000} minutes from then
  --scenario-out FILE      write which resource each document of DIR is to FILE (JSON)
  --samples                make the sample documents (sample/valid) live with the same showcase, once: only
                           in a new emulator, not one restored from an existing --state file (what Start Local
                           Emulator runs, unless huaweicloud.emulator.sampleResources is off)
  --quota N                address groups per project (default ${DEFAULT_ADDRESS_GROUP_QUOTA})
  --pending-ms N           a new network's phase is "" for N ms (default ${DEFAULT_DELAYS.networkPendingMs})
  --create-delay-ms N      then "Creating" until N ms after creation (default ${DEFAULT_DELAYS.networkCreateMs})
  --peer-delay-ms N        a peer connection is "Connecting", an SFS Turbo link "Creating", for N ms after
                           it was added (default ${DEFAULT_DELAYS.peerConnectMs})
  --delete-delay-ms N      a deleted network answers GET for N ms (default ${DEFAULT_DELAYS.networkDeleteMs})
  --update-delay-ms N      an address group is UPDATING for N ms after a PUT (default ${DEFAULT_DELAYS.addressGroupUpdateMs})
  --ak AK --sk SK          accept this access key too (the default pair is always accepted)
  --latency-ms N           fault: wait N ms before every answer
  --error-rate ROUTE=P     fault: answer 500 with probability P (0-1) on ROUTE (e.g. networks.create, or *); repeatable
  --throttle N             fault: answer the next N requests 429 APIGW.0308 with Retry-After: 1
  --reset-before N         fault: drop the connection of the next N requests before processing them
  --reset-after N          fault: process the next N requests, then drop the connection without answering
  --malformed N            fault: spoil the next N answers (after processing the request), as --malformed-kind says
  --malformed-kind KIND    truncated (default): the JSON cut in half; cut: half the announced Content-Length sent,
                           then the connection closed; stall: half sent, then nothing; html: a proxy's 502 page;
                           html200: a web page answered 200
  --abnormal NAME          fault: a network of this display name ends Abnormal ('*' for all); repeatable
  --quiet                  do not log requests
  --help                   this text

Stricter than the API pages, on purpose (what passes here is unambiguous there):
  - a JSON body with a key given twice in one object is refused with 400 (JSON.parse would keep the last one
    silently; the editor reports it as an error);
  - a body must be sent as the API's media type: application/json, or application/merge-patch+json for a
    network PATCH (parameters such as charset allowed); any other Content-Type, or none, is 415;
  - JSON nested deeper than ${MAX_JSON_DEPTH} levels is refused with 400 (documents nest five).
These refusals carry the service's error body and code (ModelArts.50004000 for networks, VPC.9901 for address
groups). A client error is never answered 500.

Faults can also be changed while it runs: PUT /__emulator/faults with the JSON of the options above
({"throttle": {"count": 3}, "reset": {"count": 1, "when": "after", "route": "networks.create"}, …}).
Other control routes: GET /__emulator/identity (what tells this emulator from a proxy to the cloud),
POST /__emulator/seed {"networks": N, "addressGroups": N, "region": "…"},
PUT /__emulator/address-groups/{id}/dependencies [{"type": "sg", "instance_id": "…", "instance_name": "…"}],
POST /__emulator/workspaces {"name": "…", "description"?: "…", "region"?: "…"} (a ModelArts workspace beside the
default one, ID 0, which every project has; answers its ID), POST /__emulator/reset.`;

function number(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} takes a whole number, not "${value}"`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      state: { type: 'string' },
      region: { type: 'string' },
      seed: { type: 'string' },
      'seed-networks': { type: 'string' },
      scenario: { type: 'string' },
      'scenario-out': { type: 'string' },
      'seed-address-groups': { type: 'string' },
      quota: { type: 'string' },
      'pending-ms': { type: 'string' },
      'create-delay-ms': { type: 'string' },
      'peer-delay-ms': { type: 'string' },
      'delete-delay-ms': { type: 'string' },
      'update-delay-ms': { type: 'string' },
      ak: { type: 'string' },
      sk: { type: 'string' },
      'latency-ms': { type: 'string' },
      'error-rate': { type: 'string', multiple: true },
      throttle: { type: 'string' },
      'reset-before': { type: 'string' },
      'reset-after': { type: 'string' },
      malformed: { type: 'string' },
      'malformed-kind': { type: 'string' },
      abnormal: { type: 'string', multiple: true },
      samples: { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  if ((values.ak === undefined) !== (values.sk === undefined)) throw new Error('--ak and --sk go together');
  if (values['scenario-out'] !== undefined && values.scenario === undefined) {
    throw new Error('--scenario-out goes with --scenario');
  }
  if (values.samples && values.scenario !== undefined) {
    throw new Error(
      '--samples and --scenario cannot be used together: --scenario shows the documents of a folder, --samples the bundled ones',
    );
  }

  const faults: Faults = {};
  const latency = number(values['latency-ms'], 'latency-ms');
  if (latency) faults.latencyMs = latency;
  for (const rule of values['error-rate'] ?? []) {
    const [route, rate] = rule.split('=');
    const probability = Number(rate);
    if (!route || !(probability >= 0 && probability <= 1)) {
      throw new Error(`--error-rate takes ROUTE=P with P from 0 to 1, not "${rule}"`);
    }
    faults.errorRate = { ...faults.errorRate, [route as RouteName]: probability };
  }
  const throttle = number(values.throttle, 'throttle');
  if (throttle) faults.throttle = { count: throttle };
  const resetBefore = number(values['reset-before'], 'reset-before');
  const resetAfter = number(values['reset-after'], 'reset-after');
  if (resetBefore && resetAfter) {
    throw new Error('--reset-before and --reset-after cannot be used together: choose one');
  }
  if (resetBefore) faults.reset = { count: resetBefore, when: 'before' };
  if (resetAfter) faults.reset = { count: resetAfter, when: 'after' };
  const malformed = number(values.malformed, 'malformed');
  const malformedKind = values['malformed-kind'] ?? 'truncated';
  if (!(MALFORMED_KINDS as readonly string[]).includes(malformedKind)) {
    throw new Error(`--malformed-kind takes one of ${MALFORMED_KINDS.join(', ')}, not "${malformedKind}"`);
  }
  if (malformed) faults.malformed = { count: malformed, kind: malformedKind as MalformedKind };
  if (values.abnormal) faults.abnormalNetworks = values.abnormal;

  const delays = Object.fromEntries(
    Object.entries({
      networkPendingMs: number(values['pending-ms'], 'pending-ms'),
      networkCreateMs: number(values['create-delay-ms'], 'create-delay-ms'),
      peerConnectMs: number(values['peer-delay-ms'], 'peer-delay-ms'),
      networkDeleteMs: number(values['delete-delay-ms'], 'delete-delay-ms'),
      addressGroupUpdateMs: number(values['update-delay-ms'], 'update-delay-ms'),
    }).filter(([, value]) => value !== undefined),
  );

  const credentials = [
    DEFAULT_CREDENTIALS,
    ...(values.ak && values.sk ? [{ accessKeyId: values.ak, secretAccessKey: values.sk }] : []),
  ];
  const emulator = new Emulator({
    port: number(values.port, 'port') ?? 4790,
    credentials,
    delays,
    ...(values.state ? { stateFile: values.state } : {}),
    addressGroupQuota: number(values.quota, 'quota') ?? DEFAULT_ADDRESS_GROUP_QUOTA,
    faults,
    ...(values.quiet ? {} : { log: (line: string) => console.log(line) }),
  });
  const region = values.region ?? 'cn-north-4';
  const seedBoth = number(values.seed, 'seed') ?? 0;
  const seedNetworks = number(values['seed-networks'], 'seed-networks') ?? seedBoth;
  const seedGroups = number(values['seed-address-groups'], 'seed-address-groups') ?? seedBoth;
  // Seeding fills a new emulator; one restored from its state file keeps what it had.
  if ((seedNetworks || seedGroups) && !emulator.store.restored) {
    emulator.store.seed(emulator.store.projectFor(region).id, { networks: seedNetworks, addressGroups: seedGroups });
  }

  const scenario =
    values.scenario === undefined
      ? undefined
      : seedScenario(emulator.store, emulator.store.projectFor(region).id, scenarioDocuments(values.scenario));
  // Once: a user's emulator keeps what they deleted or changed across restarts.
  const samples =
    values.samples && !emulator.store.restored
      ? seedScenario(emulator.store, emulator.store.projectFor(region).id, SAMPLE_DOCUMENTS)
      : undefined;
  if (scenario && values['scenario-out']) {
    writeFileSync(
      values['scenario-out'],
      `${JSON.stringify({ region, projectId: projectIdFor(region), pendingEdit: scenario.pendingEdit, documents: scenario.links }, null, 2)}\n`,
    );
  }

  const url = await emulator.listen();
  console.log(`Huawei Cloud emulator listening on ${url}`);
  console.log(`  access key (AK): ${DEFAULT_CREDENTIALS.accessKeyId}`);
  console.log(`  secret key (SK): ${DEFAULT_CREDENTIALS.secretAccessKey}   (well-known test values, not secrets)`);
  console.log(`  project of ${region}: ${projectIdFor(region)} (IAM answers for any region name)`);
  console.log(
    `  state: ${values.state ?? 'in memory'}; address-group quota ${number(values.quota, 'quota') ?? DEFAULT_ADDRESS_GROUP_QUOTA}`,
  );
  if (scenario) {
    const pending = scenario.pendingEdit ? `, ${basename(scenario.pendingEdit)} with an edit pending` : '';
    console.log(
      `  scenario: ${scenario.links.length} documents of ${values.scenario ?? ''} live${pending}; ${scenario.rearmed.join(' and ')} slow for ${SLOW_STATE_MS / 60_000} minutes${scenario.created.length > 0 ? `; made ${scenario.created.join(', ')}` : ''}`,
    );
  }
  if (samples) {
    console.log(
      `  samples: ${samples.created.length} resources made (${samples.links.map((link) => link.name).join(', ')} and the showcase)`,
    );
  }
  console.log(`  settings: "huaweicloud.endpoints": {"modelarts": "${url}", "vpc": "${url}", "iam": "${url}"}`);

  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** The network and address-group documents of a folder (other files are left alone), read for --scenario. */
function scenarioDocuments(dir: string): { path: string; text: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw new Error(
      `--scenario ${dir}: the folder cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      { cause: error },
    );
  }
  const documents = names
    .filter((name) => kindFromFileName(name) !== undefined)
    .map((name) => {
      const path = resolve(join(dir, name));
      return { path, text: readFileSync(path, 'utf8') };
    });
  if (documents.length === 0) {
    throw new Error(`--scenario ${dir}: the folder holds no *.network.json or *.address-group.json document`);
  }
  return documents;
}

main().catch((error: unknown) => {
  console.error(`emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
