// Builds for the benchmarks: the production bundles (dist/, as the .vsix ships them) and bench-only bundles of parts
// of src/ built with the production options, so that a benchmark runs the code users run.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { compileSchemas } from '../../scripts/compile-schemas.mjs';
import { ofetchOnGlobalFetch } from '../../scripts/lib/esbuildPlugins.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let built = false;
/** `npm run build` (dist/: the extension's entry, the modules and chunks it loads, the emulator; minified), once per process. */
export function ensureProductionBuild() {
  if (built) return;
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--production'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  built = true;
}

/** Tells a later `ensureProductionBuild` that dist/ is fresh (e.g. `npm run package` has just built it). */
export function markProductionBuilt() {
  built = true;
}

/**
 * Bundles `contents` (TypeScript, imports relative to the project root) into out/bench/`name`, minified with the
 * options of the extension's build. `format` 'esm' for the benchmark process itself, 'cjs' for a file that a fresh
 * process requires. Returns the file's path.
 */
export async function bundleForBench(name, contents, format = 'esm') {
  compileSchemas();
  const outfile = join(root, 'out', 'bench', name);
  await esbuild.build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    format,
    platform: 'node',
    target: 'node20',
    outfile,
    minify: true,
    mainFields: ['module', 'main'],
    plugins: [ofetchOnGlobalFetch],
    logLevel: 'silent',
    ...(format === 'esm'
      ? {
          banner: {
            js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
          },
        }
      : {}),
  });
  return outfile;
}

/** `bundleForBench` then its exports. */
export async function importBundle(name, contents) {
  return import(pathToFileURL(await bundleForBench(name, contents)).href);
}
