// Benchmark of activation as shipped: the production bundle loaded and activate() called against a stub of the VS
// Code API (test/support/vscodeStub.mjs), in fresh Node processes, beside an empty extension measured the same
// way in the same run. Two cases: cold Node, and a host where fetch is already loaded (as in VS Code's extension
// host, which patches fetch for proxies). Prints the rows; asserts nothing. `npm run bench:activation`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureProductionBuild, root } from './lib/build.mjs';
import { EMPTY_EXTENSION_MAIN } from './lib/emptyExtension.mjs';
import { isMain, note, printRows } from './lib/main.mjs';
import { interleavedRounds, medians } from './lib/stats.mjs';
import { formatDelta, formatMs, formatRatio } from './lib/table.mjs';

const ROUNDS = Number(process.env.BENCH_ACTIVATION_ROUNDS ?? 21);
const ONCE = fileURLToPath(new URL('./lib/activateOnce.mjs', import.meta.url));

/** load + activate() of `bundle` in a fresh process, in milliseconds. */
function once(bundle, warm) {
  const out = spawnSync(process.execPath, [ONCE, bundle, warm], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`activation of ${bundle} failed: ${out.stderr}`);
  const { loadMs, activateMs } = JSON.parse(out.stdout.trim().split('\n').at(-1));
  return loadMs + activateMs;
}

export async function activationRows() {
  ensureProductionBuild();
  const ours = join(root, 'dist/extension.js');
  const dir = mkdtempSync(join(tmpdir(), 'hwc-bench-activation-'));
  const empty = join(dir, 'empty-extension.js');
  writeFileSync(empty, EMPTY_EXTENSION_MAIN);
  let figures;
  try {
    note(`activation (stub API): ${ROUNDS} fresh processes per variant, interleaved`);
    const variants = [
      { name: 'ours, cold', run: () => once(ours, 'cold') },
      { name: 'empty, cold', run: () => once(empty, 'cold') },
      { name: 'ours, warm', run: () => once(ours, 'warm') },
      { name: 'empty, warm', run: () => once(empty, 'warm') },
    ];
    figures = medians(await interleavedRounds(variants, { rounds: ROUNDS }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  note(
    `activation: dist/extension.js ${(statSync(ours).size / 1024).toFixed(1)} KB; medians ${[...figures].map(([name, value]) => `${name} ${formatMs(value)}`).join(', ')}`,
  );
  const row = (what, kind, limitMs) => {
    const figure = figures.get(`ours, ${kind}`);
    const anchor = figures.get(`empty, ${kind}`);
    return {
      what,
      figure: formatMs(figure),
      anchor: `empty extension ${formatMs(anchor)}`,
      ratio: `${formatRatio(figure / anchor)} (${formatDelta(figure - anchor)})`,
      goal: `within ${limitMs} ms of the empty one`,
      met: figure - anchor <= limitMs,
    };
  };
  return [
    row("load + activate, stub API, fetch already loaded (as in VS Code's host)", 'warm', 3),
    row('load + activate, stub API, cold Node', 'cold', 10),
  ];
}

if (isMain(import.meta.url)) await printRows(activationRows);
