// vsce on a folder, as the benchmarks package their variants of the extension (never prompted: no terminal).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from './build.mjs';

const vsce = join(root, 'node_modules/@vscode/vsce/vsce');

/** Packages `folder` (an extension's folder with its package.json) into the .vsix `out`. */
export function packageFolder(folder, out, extraArgs = []) {
  const result = spawnSync(
    process.execPath,
    [
      vsce,
      'package',
      '--no-dependencies',
      '--allow-missing-repository',
      '--no-rewrite-relative-links',
      ...extraArgs,
      '--out',
      out,
    ],
    {
      cwd: folder,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  if (result.status !== 0) throw new Error(`vsce package in ${folder} failed: ${result.stderr || result.stdout}`);
}
