// Benchmark of activation as shipped: the production bundle loaded and activate() called against a stub of the VS
// Code API (test/support/vscodeStub.mjs), in fresh Node processes, beside an empty extension measured the same
// way in the same run. Two cases: cold Node, and a host where fetch is already loaded (as in VS Code's extension
// host, which patches fetch for proxies). Prints figures; asserts nothing. `npm run bench:activation`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);

if (process.argv[2] === '--once') {
  const [, , , bundle, warm] = process.argv;
  const { installVscodeStub, extensionContext } = await import(pathToFileURL(join(root, 'test/support/vscodeStub.mjs')).href);
  installVscodeStub();
  // VS Code's extension host has undici loaded before any extension: reading Headers loads it here.
  if (warm === 'warm') void globalThis.Headers;
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const started = process.hrtime.bigint();
  const extension = require(bundle);
  const loaded = process.hrtime.bigint();
  extension.activate(extensionContext(root));
  const activated = process.hrtime.bigint();
  console.log(JSON.stringify({ loadMs: Number(loaded - started) / 1e6, activateMs: Number(activated - loaded) / 1e6 }));
  process.exit(0);
}

execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--production'], { stdio: 'ignore' });
const ours = join(root, 'dist/extension.js');
const dir = mkdtempSync(join(tmpdir(), 'hwc-bench-activation-'));
const empty = join(dir, 'empty-extension.js');
// What an extension that does nothing costs: the floor any extension pays.
writeFileSync(empty, "'use strict';\nexports.activate = function activate(context) { context.subscriptions.push({ dispose() {} }); };\nexports.deactivate = function deactivate() {};\n");

const variants = [
  { name: 'ours, cold Node', bundle: ours, warm: 'cold' },
  { name: 'empty extension, cold Node', bundle: empty, warm: 'cold' },
  { name: 'ours, fetch already loaded', bundle: ours, warm: 'warm' },
  { name: 'empty extension, fetch already loaded', bundle: empty, warm: 'warm' },
];
const samples = new Map(variants.map((variant) => [variant.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  // Interleaved, the order rotated each round, so that a noisy moment of the machine hits every variant alike.
  for (let i = 0; i < variants.length; i++) {
    const variant = variants[(round + i) % variants.length];
    const out = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--once', variant.bundle, variant.warm], { encoding: 'utf8' });
    const { loadMs, activateMs } = JSON.parse(out.stdout.trim().split('\n').at(-1));
    samples.get(variant.name).push(loadMs + activateMs);
  }
}
rmSync(dir, { recursive: true, force: true });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const figure = (name) => median(samples.get(name));
console.log(`node ${process.version}; dist/extension.js ${(statSync(ours).size / 1024).toFixed(1)} KB minified; ${ROUNDS} fresh processes per variant, interleaved`);
console.log('load + activate(), median:');
for (const variant of variants) console.log(`  ${variant.name.padEnd(40)} ${figure(variant.name).toFixed(2)} ms`);
const cold = figure('ours, cold Node') - figure('empty extension, cold Node');
const warm = figure('ours, fetch already loaded') - figure('empty extension, fetch already loaded');
console.log(`ours minus empty: cold Node +${cold.toFixed(2)} ms (goal ≤ 10 ms); fetch already loaded +${warm.toFixed(2)} ms (goal ≤ 3 ms)`);
