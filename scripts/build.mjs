// Bundles the extension (a CommonJS entry, and the ES modules and chunks it loads) and the emulator with esbuild.
//   node scripts/build.mjs               development: source maps, not minified
//   node scripts/build.mjs --production  minified, no source maps (what the .vsix ships)
//   node scripts/build.mjs --watch       development build, rebuilt on every change
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { compileSchemas } from './compile-schemas.mjs';
import { bundleOptions } from './lib/bundleOptions.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints problems as `file:line:col: error|warning: text`, which the tasks in .vscode/tasks.json match. */
const reportProblems = {
  name: 'report-problems',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      const print =
        (severity) =>
        ({ text, location }) => {
          const where = location ? `${location.file}:${location.line}:${location.column}: ` : '';
          console.error(`${where}${severity}: ${text}`);
        };
      result.errors.forEach(print('error'));
      result.warnings.forEach(print('warning'));
      if (watch) console.log(`[watch] build finished with ${result.errors.length} error(s)`);
    });
  },
};

const builds = bundleOptions({ production });
for (const options of builds) options.plugins.push(reportProblems);

// The document checks import the validators compiled from schemas/ (a schema edit needs a new build, also in watch).
compileSchemas();
// Chunks are named by their content: those of an earlier build (and its source maps) would linger and ship.
rmSync('dist', { recursive: true, force: true });

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('[watch] watching src/ for changes');
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build(options))).catch(() => process.exit(1));
  const root = builds[0].absWorkingDir;
  for (const file of results
    .flatMap((result) => Object.keys(result.metafile.outputs))
    .filter((name) => /\.m?js$/.test(name))) {
    const code = readFileSync(join(root, file));
    console.log(
      `${file}: ${(code.length / 1024).toFixed(1)} KB${production ? ` (minified), ${(gzipSync(code).length / 1024).toFixed(1)} KB gzip` : ''}`,
    );
  }
}
