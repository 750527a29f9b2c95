// Sizes as shipped: dist/extension.js minified and gzipped, and the .vsix that `npm run package` writes (it carries
// the emulator's bundle too). `npm run package` runs with no terminal to answer a question: a prompt would end it
// (or be caught by the time limit) and the row says so. Prints the rows; asserts nothing. `npm run bench:size`.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { markProductionBuilt, root } from './lib/build.mjs';
import { isMain, note, printRows } from './lib/main.mjs';
import { formatKb, KB, notMeasuredRow } from './lib/table.mjs';

export const VSIX = join(root, 'huaweicloud-networks.vsix');
const GOAL_BYTES = 150 * KB;
const GOAL = '≤ 150 KB';
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
      notMeasuredRow('bundle `dist/extension.js`', GOAL, failure),
      notMeasuredRow('the `.vsix` (`npm run package`; carries the emulator too)', GOAL, failure),
    ];
  }
  const bundle = readFileSync(join(root, 'dist/extension.js'));
  const gzipped = gzipSync(bundle).length;
  const vsix = statSync(VSIX).size;
  note(
    `size: dist/extension.js ${bundle.length} B (${gzipped} B gzip), dist/emulator.js ${statSync(join(root, 'dist/emulator.js')).size} B, .vsix ${vsix} B`,
  );
  return [
    {
      what: 'bundle `dist/extension.js` (minified; gzip)',
      figure: `${formatKb(bundle.length)} (${formatKb(gzipped)} gzip)`,
      anchor: '—',
      ratio: '—',
      goal: GOAL,
      met: bundle.length <= GOAL_BYTES && gzipped <= GOAL_BYTES,
    },
    {
      what: 'the `.vsix` (`npm run package`, never prompted; carries the emulator too)',
      figure: formatKb(vsix),
      anchor: '—',
      ratio: '—',
      goal: GOAL,
      met: vsix <= GOAL_BYTES,
    },
  ];
}

if (isMain(import.meta.url)) await printRows(sizeRows);
