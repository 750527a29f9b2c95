// Sizes as shipped: the entry dist/extension.js (what activation reads), all the extension's code (entry and chunks), and the .vsix that `npm run package` writes (it carries
// the emulator's bundle too). `npm run package` runs with no terminal to answer a question: a prompt would end it
// (or be caught by the time limit) and the row says so. Prints the rows; asserts nothing. `npm run bench:size`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as esbuild from 'esbuild';
import { extensionEntryOptions } from '../scripts/lib/bundleOptions.mjs';
import { l10nWithoutNodeReader, ofetchOnGlobalFetch } from '../scripts/lib/esbuildPlugins.mjs';
import { packageFolder } from './lib/vsce.mjs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { markProductionBuilt, root } from './lib/build.mjs';
import { isMain, note, printRows } from './lib/main.mjs';
import { formatKb, formatRatio, KB, notMeasuredRow } from './lib/table.mjs';

export const VSIX = join(root, 'huaweicloud-networks.vsix');
const ENTRY_WHAT = 'what activation reads: the entry `dist/extension.js` (minified)';
const ENTRY_GOAL = '≤ 20 KB';
const CODE_WHAT = "all of the extension's code: the entry and its chunks (minified)";
const VSIX_WHAT = 'the `.vsix` (`npm run package`, never prompted; carries the emulator too)';
/** What the split may cost in size against the same code as one bundle. */
const GOAL_SPLIT = '≤ 1.10×';
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

/**
 * The anchor of the split's cost: the same sources as one bundle (as the extension shipped before it was split into
 * an entry and the modules it loads when first used), and the same .vsix with that bundle in place of dist/'s code.
 */
async function oneBundleVariant(dir) {
  const unpacked = join(dir, 'one-bundle');
  mkdirSync(unpacked);
  execFileSync('unzip', ['-q', VSIX, '-d', unpacked]);
  const folder = join(unpacked, 'extension');
  for (const name of readdirSync(join(folder, 'dist'))) {
    if (name !== 'emulator.js') rmSync(join(folder, 'dist', name), { recursive: true });
  }
  const { plugins: _entryPlugins, ...options } = extensionEntryOptions({ production: true });
  await esbuild.build({
    ...options,
    outdir: join(folder, 'dist'),
    // import() inlined: every module in the one file, evaluated when first used.
    supported: { 'dynamic-import': false },
    // As the chunks are built.
    plugins: [ofetchOnGlobalFetch, l10nWithoutNodeReader],
  });
  const manifestPath = join(folder, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  delete manifest.scripts; // vscode:prepublish would rebuild in a folder that has no sources
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  const vsix = join(dir, 'one-bundle.vsix');
  packageFolder(folder, vsix);
  return { bundle: statSync(join(folder, 'dist', 'extension.js')).size, vsix: statSync(vsix).size };
}

export async function sizeRows() {
  note('size: npm run package (builds dist/ for production, then the .vsix)');
  const failure = packageVsix();
  if (failure) {
    return [
      notMeasuredRow(ENTRY_WHAT, ENTRY_GOAL, failure),
      notMeasuredRow(CODE_WHAT, GOAL_SPLIT, failure),
      notMeasuredRow(VSIX_WHAT, GOAL_SPLIT, failure),
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
  const dir = mkdtempSync(join(tmpdir(), 'hwc-bench-size-'));
  let BEFORE;
  try {
    BEFORE = await oneBundleVariant(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  note(
    `size: dist/extension.js ${entry.length} B, ${chunks.length} modules and chunks, ${code.length} B in all (${gzipped} B gzip, file by file), dist/emulator.js ${statSync(join(root, 'dist/emulator.js')).size} B, .vsix ${vsix} B`,
  );
  return [
    {
      what: ENTRY_WHAT,
      figure: `${formatKb(entry.length)} (${formatKb(gzipSync(entry).length)} gzip)`,
      anchor: `the same code as one bundle ${formatKb(BEFORE.bundle)}`,
      ratio: formatRatio(entry.length / BEFORE.bundle),
      goal: ENTRY_GOAL,
      met: entry.length <= 20 * KB,
    },
    {
      what: CODE_WHAT,
      figure: `${formatKb(code.length)} in ${chunks.length + 1} files (${formatKb(gzipped)} gzip)`,
      anchor: `the same code as one bundle ${formatKb(BEFORE.bundle)}`,
      ratio: formatRatio(code.length / BEFORE.bundle),
      goal: GOAL_SPLIT,
      met: code.length <= BEFORE.bundle * 1.1,
    },
    {
      what: VSIX_WHAT,
      figure: formatKb(vsix),
      anchor: `the same .vsix with the code as one bundle ${formatKb(BEFORE.vsix)}`,
      ratio: formatRatio(vsix / BEFORE.vsix),
      goal: GOAL_SPLIT,
      met: vsix <= BEFORE.vsix * 1.1,
    },
  ];
}

if (isMain(import.meta.url)) await printRows(sizeRows);
