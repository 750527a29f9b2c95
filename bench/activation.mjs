// Benchmark of activation as shipped: the production entry (dist/extension.js) loaded and activate() called against a stub of the VS
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
import { interleavedRounds, median, medians } from './lib/stats.mjs';
import { formatDelta, formatMs, formatRatio } from './lib/table.mjs';

const ROUNDS = Number(process.env.BENCH_ACTIVATION_ROUNDS ?? 21);
const ONCE = fileURLToPath(new URL('./lib/activateOnce.mjs', import.meta.url));

/** load + activate() of `main` in a fresh process, in milliseconds, and then a plain JSON document's opening. */
function once(main, warm, plainOpens) {
  const out = spawnSync(process.execPath, [ONCE, main, warm], { encoding: 'utf8', cwd: root });
  if (out.status !== 0) throw new Error(`activation of ${main} failed: ${out.stderr}`);
  const { loadMs, activateMs, plainOpenMs } = JSON.parse(out.stdout.trim().split('\n').at(-1));
  plainOpens?.push(plainOpenMs);
  return loadMs + activateMs;
}

export async function activationRows() {
  ensureProductionBuild();
  const ours = join(root, 'dist/extension.js');
  const dir = mkdtempSync(join(tmpdir(), 'hwc-bench-activation-'));
  const empty = join(dir, 'empty-extension.js');
  writeFileSync(empty, EMPTY_EXTENSION_MAIN);
  let figures;
  const plainOpens = { ours: [], empty: [] };
  try {
    note(`activation (stub API): ${ROUNDS} fresh processes per variant, interleaved`);
    const variants = [
      { name: 'ours, cold', run: () => once(ours, 'cold') },
      { name: 'empty, cold', run: () => once(empty, 'cold') },
      { name: 'ours, warm', run: () => once(ours, 'warm', plainOpens.ours) },
      { name: 'empty, warm', run: () => once(empty, 'warm', plainOpens.empty) },
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
  // What our listeners cost a document that is not ours: the event fired to them, less the same event fired to none.
  const plainOpen = median(plainOpens.ours) - median(plainOpens.empty);
  note(
    `activation: a 20 KB package.json opened after activation, the open event fired: ours ${formatMs(median(plainOpens.ours))}, no listener ${formatMs(median(plainOpens.empty))}`,
  );
  return [
    row("load + activate, stub API, fetch already loaded (as in VS Code's host)", 'warm', 1.5),
    row('load + activate, stub API, cold Node', 'cold', 10),
    {
      what: 'a JSON file that is not ours (a 20 KB package.json) opened after activation: CPU in our listeners',
      figure: formatMs(plainOpen),
      anchor: `the open event with no listener ${formatMs(median(plainOpens.empty))}`,
      ratio: '—',
      goal: '≤ 0.1 ms, and nothing loaded (test/unit/vscode/activation.test.ts)',
      met: plainOpen <= 0.1,
    },
  ];
}

if (isMain(import.meta.url)) await printRows(activationRows);
