// Sizes as shipped: the entry dist/extension.js (what activation reads), all the extension's code (entry and chunks), and the .vsix that `npm run package` writes (it carries
// the emulator's bundle too). `npm run package` runs with no terminal to answer a question: a prompt would end it
// (or be caught by the time limit) and the row says so. Prints the rows; asserts nothing. `npm run bench:size`.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { markProductionBuilt, root } from './lib/build.mjs';
import { isMain, note, printRows } from './lib/main.mjs';
import { formatKb, formatRatio, KB, notMeasuredRow } from './lib/table.mjs';

export const VSIX = join(root, 'huaweicloud-networks.vsix');
/**
 * The sizes measured (`npm run bench`, main at 6c8916e) before the extension was split into an entry and chunks
 * loaded when first used: one bundle of 302.3 KB, a .vsix of 157.6 KB. The split may cost at most a tenth more.
 */
const BEFORE = { bundle: 302.3 * KB, vsix: 157.6 * KB };
const ENTRY_WHAT = 'what activation reads: the entry `dist/extension.js` (minified)';
const ENTRY_GOAL = '≤ 20 KB';
const CODE_WHAT = "all of the extension's code: the entry and its chunks (minified)";
const VSIX_WHAT = 'the `.vsix` (`npm run package`, never prompted; carries the emulator too)';
const codeGoal = `≤ ${formatKb(BEFORE.bundle * 1.1)} (+10 %)`;
const vsixGoal = `≤ ${formatKb(BEFORE.vsix * 1.1)} (+10 %)`;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs `npm run package`, stdin closed; returns why it failed, or undefined. */
export function packageVsix() {
  rmSync(VSIX, { force: true });
  const result = spawnSync(npm, ['run', 'package'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 180_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  // vsce asks "… Do you want to continue? [y/N]" when something is missing (a LICENSE, a repository field).
  if (/\[y\/N\]/i.test(output)) {
    return `\`npm run package\` asked a question: ${output
      .split('\n')
      .find((line) => /\[y\/N\]/i.test(line))
      .trim()}`;
  }
  if (result.error) return `\`npm run package\` failed: ${result.error.message}`;
  if (result.status !== 0) {
    return `\`npm run package\` exited with ${result.status}: ${output.trim().split('\n').slice(-3).join(' ')}`;
  }
  markProductionBuilt(); // its vscode:prepublish ran `npm run build`
  return undefined;
}

export async function sizeRows() {
  note('size: npm run package (builds dist/ for production, then the .vsix)');
  const failure = packageVsix();
  if (failure) {
    return [
      notMeasuredRow(ENTRY_WHAT, ENTRY_GOAL, failure),
      notMeasuredRow(CODE_WHAT, codeGoal, failure),
      notMeasuredRow(VSIX_WHAT, vsixGoal, failure),
    ];
  }
  const entry = readFileSync(join(root, 'dist/extension.js'));
  const chunks = [
    ...readdirSync(join(root, 'dist'))
      .filter((name) => name.endsWith('.mjs'))
      .map((name) => join(root, 'dist', name)),
    ...readdirSync(join(root, 'dist/chunks')).map((name) => join(root, 'dist/chunks', name)),
  ].map((file) => readFileSync(file));
  const code = Buffer.concat([entry, ...chunks]);
  const gzipped = chunks.reduce((sum, chunk) => sum + gzipSync(chunk).length, gzipSync(entry).length);
  const vsix = statSync(VSIX).size;
  note(
    `size: dist/extension.js ${entry.length} B, ${chunks.length} modules and chunks, ${code.length} B in all (${gzipped} B gzip, file by file), dist/emulator.js ${statSync(join(root, 'dist/emulator.js')).size} B, .vsix ${vsix} B`,
  );
  return [
    {
      what: ENTRY_WHAT,
      figure: `${formatKb(entry.length)} (${formatKb(gzipSync(entry).length)} gzip)`,
      anchor: `the one bundle before ${formatKb(BEFORE.bundle)}`,
      ratio: formatRatio(entry.length / BEFORE.bundle),
      goal: ENTRY_GOAL,
      met: entry.length <= 20 * KB,
    },
    {
      what: CODE_WHAT,
      figure: `${formatKb(code.length)} in ${chunks.length + 1} files (${formatKb(gzipped)} gzip)`,
      anchor: `the one bundle before ${formatKb(BEFORE.bundle)}`,
      ratio: formatRatio(code.length / BEFORE.bundle),
      goal: codeGoal,
      met: code.length <= BEFORE.bundle * 1.1,
    },
    {
      what: VSIX_WHAT,
      figure: formatKb(vsix),
      anchor: `before ${formatKb(BEFORE.vsix)}`,
      ratio: formatRatio(vsix / BEFORE.vsix),
      goal: vsixGoal,
      met: vsix <= BEFORE.vsix * 1.1,
    },
  ];
}

if (isMain(import.meta.url)) await printRows(sizeRows);
