// `npm run bench`: every figure of the performance table, each beside its anchor measured in the same run, their
// ratio, the goal and whether it is met, printed as one Markdown table (as docs/performance-and-reliability.md quotes it). Progress and the
// details behind each row go to stderr; stdout holds the table alone. Runs from a clean clone after `npm ci`; the
// VS Code row needs `bash scripts/setup-vscode.sh` (without it the row says so). Each part also runs on its own:
// `npm run bench:size`, `bench:activation`, `bench:vscode`, `bench:calls`, `bench:validation`, `bench:explorer`.
import { cpus, loadavg } from 'node:os';
import { activationRows } from './activation.mjs';
import { callRows } from './calls.mjs';
import { explorerRows } from './explorer.mjs';
import { note } from './lib/main.mjs';
import { markdownTable, notMeasuredRow } from './lib/table.mjs';
import { sizeRows } from './size.mjs';
import { vscodeActivationRows } from './vscode-activation.mjs';

/** bench/validation.mjs's rows. Whatever it prints while it runs goes to stderr with the rest of the details. */
async function checksRows() {
  const log = console.log;
  console.log = console.error;
  try {
    const { validationRows } = await import('./validation.mjs');
    // Its ratios are numbers (it prints them itself): written like the other rows'.
    return (await validationRows()).map((row) => ({ ...row, ratio: `${row.ratio.toFixed(2)}×` }));
  } finally {
    console.log = log;
  }
}

/** A part that fails leaves its rows "not measured" with the reason; the others still run. */
async function part(name, rowsFunction, fallbackWhat, fallbackGoal) {
  const started = Date.now();
  try {
    return await rowsFunction();
  } catch (error) {
    note(`${name} failed: ${error.stack ?? error}`);
    return [
      notMeasuredRow(fallbackWhat, fallbackGoal, `${name} failed: ${String(error.message ?? error).split('\n')[0]}`),
    ];
  } finally {
    note(`${name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}

const started = Date.now();
// The machines are shared: how busy this one was is part of the record (a ratio does not cancel a load that
// slows a large piece of work more than its small anchor).
const loadAtStart = loadavg()[0];
const size = await part('size', sizeRows, 'bundle and .vsix', '≤ 150 KB');
const packaged = size.every((row) => !String(row.figure).startsWith('not measured'));
const rows = [
  ...size,
  ...(await part('activation', activationRows, 'load + activate, stub API', 'within 3 / 10 ms of the empty one')),
  ...(await part(
    'vscode activation',
    () => vscodeActivationRows({ packaged }),
    'activation in the real VS Code',
    'within 3 ms of it',
  )),
  ...(await part(
    'calls',
    callRows,
    'one list / show / create+delete call; the SDK; cold require + first call',
    '≤ 1.10×; ≤ 1.15× bare, ≥ 4× faster than the SDK',
  )),
  ...(await part('checks', checksRows, 'the document checks', '≤ 0.5×')),
  ...(await part('explorer', explorerRows, 'explorer: first page with 10,000 groups', '≤ 1.2×, one request')),
];
console.log(markdownTable(rows));
console.log(
  `\nMedians of interleaved rounds, the order of the variants rotated; ${process.release.name} ${process.version} on ${process.platform} ${process.arch}, ` +
    `${cpus().length} CPUs, load average ${loadAtStart.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end; ` +
    `\`npm run bench\` took ${Math.round((Date.now() - started) / 1000)} s.`,
);
