// Benchmark of the document checks (schema + rules, findings turned into line/character ranges), as the editor runs
// them on every pause in typing, against vscode-json-languageservice (VS Code's own JSON service: its parse and its
// validation with the same schema files) measured in the same run: interleaved rounds, the order of the two rotated
// each round, medians. Prints a table; asserts nothing. `npm run bench:validation`; `validationRows()` gives its rows.
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import jsonLanguageService from 'vscode-json-languageservice';
import { compileSchemas } from '../scripts/compile-schemas.mjs';

const { getLanguageService, TextDocument } = jsonLanguageService;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 31);
/** A sample lasts at least this long (CPU time, µs): short calls are timed in batches. */
const SAMPLE_US = 10_000;
const WARM_UP_US = 300_000;
/** How much slower per byte the 5 MB document may be than the 1 MB one and still count as linear. */
const LINEAR_TOLERANCE = 1.25;

/** Bundled and minified as the extension is: the same code the editor and the emulator run. */
async function loadChecks() {
  compileSchemas();
  const outfile = join(root, 'out', 'bench', 'documents.mjs');
  await esbuild.build({
    entryPoints: [join(root, 'src/core/documents/checks.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile,
    minify: true,
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  return import(pathToFileURL(outfile).href);
}

const SCHEMAS = {
  network: { file: 'network.schema.json', fileMatch: '*.network.json' },
  addressGroup: { file: 'address-group.schema.json', fileMatch: '*.address-group.json' },
};

/** VS Code's JSON service as the editor configures it from package.json's `jsonValidation`: one schema per file pattern. */
function jsonService() {
  const service = getLanguageService({});
  service.configure({
    validate: true,
    schemas: Object.values(SCHEMAS).map(({ file, fileMatch }) => ({
      uri: pathToFileURL(join(root, 'schemas', file)).href,
      fileMatch: [fileMatch],
      schema: JSON.parse(readFileSync(join(root, 'schemas', file), 'utf8')),
    })),
  });
  return service;
}

// ---- the documents ----

const seed = (name) => readFileSync(join(root, 'test/fixtures/examples', name), 'utf8');

/** 20 entries, the API's most: IPv6 addresses and blocks (the group the figures were measured on). */
function twentyEntryIPv6Group() {
  const ipSet = Array.from({ length: 20 }, (_, i) =>
    i % 2 ? `2001:db8:${i.toString(16)}::/64` : `2001:db8::${i.toString(16)}`,
  );
  return JSON.stringify({ address_group: { name: 'g6', ip_version: 6, ip_set: ipSet } }, null, 2);
}

/** 20 IPv4 entries: addresses, ranges and CIDR blocks, none overlapping. */
function twentyEntryIPv4Group() {
  const ipSet = Array.from(
    { length: 20 },
    (_, i) => [`10.0.${i}.1`, `10.0.${i}.10-10.0.${i}.99`, `10.0.${i}.128/25`][i % 3],
  );
  return JSON.stringify({ address_group: { name: 'twenty', ip_version: 4, ip_set: ipSet, max_capacity: 20 } }, null, 2);
}

/** Entries appended until the document is `bytes` long: the JSON of `wrap(entries)`, and how many entries. */
function grow(bytes, entry, wrap) {
  const entries = [];
  const size = (list) => JSON.stringify(wrap(list), null, 2).length;
  for (let length = size([]); length < bytes;) {
    const next = entry(entries.length);
    entries.push(next);
    // What one more entry adds where it stands: its indented text, a comma and a line break.
    length += size([next, next]) - size([next]);
  }
  return { text: JSON.stringify(wrap(entries), null, 2), entries: entries.length };
}

const MB = 1024 * 1024;
const bigGroup = (megabytes) =>
  grow(
    megabytes * MB,
    (i) => {
      const block = `10.${(i >> 14) & 255}.${(i >> 6) & 255}.${(i & 63) * 4}`;
      return [block, `${block}-10.${(i >> 14) & 255}.${(i >> 6) & 255}.${(i & 63) * 4 + 2}`, `${block}/30`][i % 3];
    },
    (ipSet) => ({ address_group: { name: 'big', ip_version: 4, ip_set: ipSet } }),
  );
const hex = (i, width) => ((i * 2654435761) >>> 0).toString(16).padStart(8, '0').repeat(4).slice(0, width);
const bigNetwork = (megabytes) =>
  grow(
    megabytes * MB,
    (i) => ({
      peerVpcId: `${hex(i, 8)}-${hex(i + 1, 4)}-${hex(i + 2, 4)}-${hex(i + 3, 4)}-${hex(i + 4, 12)}`,
      peerSubnetId: `${hex(i + 5, 8)}-${hex(i + 6, 4)}-${hex(i + 7, 4)}-${hex(i + 8, 4)}-${hex(i + 9, 12)}`,
      defaultGateWay: i % 2 === 0,
    }),
    (peerConnectionList) => ({
      apiVersion: 'v1',
      kind: 'Network',
      metadata: { labels: { 'os.modelarts/name': 'network-big' } },
      spec: { cidr: '192.168.128.0/17', connection: { peerConnectionList } },
    }),
  );

// ---- timing ----

/**
 * The CPU time this process has used, in µs (its garbage collector's threads included). On a machine shared with
 * other work, the time a process waits for a core would weigh on whichever variant it fell on; its CPU time does not.
 */
function cpuTime() {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** CPU time per call of `fn` (sync or async), in ns, over a batch of `n` calls. */
async function time(fn, n) {
  const start = cpuTime();
  for (let i = 0; i < n; i++) await fn();
  return ((cpuTime() - start) * 1000) / n;
}

/** How many calls make a sample last SAMPLE_US, after a warm-up of WARM_UP_US (or three calls). */
async function batchSize(fn) {
  const warmUpEnd = cpuTime() + WARM_UP_US;
  for (let i = 0; i < 3 || cpuTime() < warmUpEnd; i++) await fn();
  let n = 1;
  for (;;) {
    const start = cpuTime();
    for (let i = 0; i < n; i++) await fn();
    if (cpuTime() - start >= SAMPLE_US || n >= 1 << 20) return n;
    n *= 2;
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Ours against the anchor over interleaved rounds, the order rotated each round: the median ns per call of each,
 * and the median of each round's ratio (the two samples of a round are taken moments apart, so that a machine
 * busy with something else weighs on both alike). No collection is forced between samples: each variant runs in
 * the heap the other leaves, as in the editor.
 */
async function compare(ours, anchor) {
  const variants = [ours, anchor];
  const sizes = [];
  for (const fn of variants) sizes.push(await batchSize(fn));
  const samples = [[], []];
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < 2; i++) {
      const v = (round + i) % 2;
      samples[v].push(await time(variants[v], sizes[v]));
    }
  }
  return {
    figure: median(samples[0]),
    anchor: median(samples[1]),
    ratio: median(samples[0].map((ns, round) => ns / samples[1][round])),
  };
}

// ---- the rows ----

const formatTime = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(1)} ms` : `${(ns / 1e3).toFixed(1)} µs`);
const count = (n) => n.toLocaleString('en-US');

/**
 * The rows of issue 11's goals for the checks, each {what, figure, anchor, ratio, goal, met}: figure and anchor as
 * text (the median time of one call), ratio as a number (the median of the rounds' ratios). Builds the checks as
 * the extension bundles them; takes about a minute.
 */
export async function validationRows() {
  const { checkDocument } = await loadChecks();
  const service = jsonService();
  const documents = [
    { what: 'seed network', kind: 'network', text: seed('seed-modelarts-create-network.network.json') },
    {
      what: 'seed address group',
      kind: 'addressGroup',
      text: seed('seed-vpc-create-address-group.address-group.json'),
    },
    { what: '20-entry IPv6 address group', kind: 'addressGroup', text: twentyEntryIPv6Group() },
    { what: '20-entry IPv4 address group', kind: 'addressGroup', text: twentyEntryIPv4Group() },
    { what: '1 MB address group', kind: 'addressGroup', ...bigGroup(1), megabytes: 1 },
    { what: '5 MB address group', kind: 'addressGroup', ...bigGroup(5), megabytes: 5 },
    { what: '1 MB network', kind: 'network', ...bigNetwork(1), megabytes: 1 },
    { what: '5 MB network', kind: 'network', ...bigNetwork(5), megabytes: 5 },
  ];
  const measured = [];
  for (const document of documents) {
    // Both end as diagnostics with line/character ranges, from one text document: in the editor as in the JSON
    // language server, the document (with its table of line starts) is kept up to date as it is edited, not
    // rebuilt for each check.
    const textDocument = TextDocument.create(
      `file:///bench/a.${document.kind === 'network' ? 'network' : 'address-group'}.json`,
      'json',
      1,
      document.text,
    );
    const ours = () =>
      checkDocument(textDocument.getText(), { kind: document.kind }).findings.map((finding) => ({
        start: textDocument.positionAt(finding.offset),
        end: textDocument.positionAt(finding.offset + finding.length),
        message: finding.message,
      }));
    const anchor = () => service.doValidation(textDocument, service.parseJSONDocument(textDocument));
    measured.push({
      ...document,
      ...(await compare(ours, anchor)),
      nodesChecked: checkDocument(document.text, { kind: document.kind }).nodesChecked,
    });
  }
  return measured.map((m) => {
    const row = {
      what: `full checks (schema + rules, with positions), ${m.what}`,
      figure: formatTime(m.figure),
      anchor: `${formatTime(m.anchor)} vscode-json-languageservice`,
      ratio: m.ratio,
    };
    if (!m.megabytes) return { ...row, goal: '≤ 0.5×', met: m.ratio <= 0.5 };
    row.what += ` (${count(m.entries)} ${m.kind === 'network' ? 'peer connections' : 'entries'}, ${count(m.text.length)} bytes)`;
    const oneMb = measured.find((other) => other.kind === m.kind && other.megabytes === 1);
    // Linear: per byte, the 5 MB document costs no more than the 1 MB one (within LINEAR_TOLERANCE).
    const growth = m.figure / m.text.length / (oneMb.figure / oneMb.text.length);
    const linear = growth <= LINEAR_TOLERANCE;
    const notes = [];
    if (m.kind === 'addressGroup') notes.push(`${count(m.nodesChecked)} values checked`);
    if (m.megabytes > 1) notes.push(`per byte ×${growth.toFixed(2)} the 1 MB one's`);
    if (notes.length > 0) row.figure += ` (${notes.join('; ')})`;
    if (m.kind === 'addressGroup') {
      // Bounded: the schema and the rules go through as many values however long the list.
      return { ...row, goal: 'bounded and linear', met: m.nodesChecked === oneMb.nodesChecked && linear };
    }
    return { ...row, goal: m.megabytes === 1 ? '≤ 0.5×' : '≤ 0.5×, linear', met: m.ratio <= 0.5 && linear };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await validationRows();
  const load = loadavg()[0]?.toFixed(1);
  console.log(
    `node ${process.version}, ${process.arch}, ${cpus().length} CPUs, load average ${load}; ${ROUNDS} interleaved rounds per row; figures are CPU time per call, medians; ratios the median of the rounds' ratios`,
  );
  const header = ['what', 'figure', 'anchor', 'ratio', 'goal', 'met'];
  const cells = rows.map((row) => [
    row.what,
    row.figure,
    row.anchor,
    `${row.ratio.toFixed(2)}×`,
    row.goal,
    row.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((cell) => cell[i].length)));
  for (const line of [header, widths.map((width) => '-'.repeat(width)), ...cells]) {
    console.log(`| ${line.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`);
  }
}
