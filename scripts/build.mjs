// Bundles the extension into one file with esbuild.
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

const options = bundleOptions({ production });
options.plugins.push(reportProblems);

// The document checks import the validators compiled from schemas/ (a schema edit needs a new build, also in watch).
compileSchemas();

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
  console.log('[watch] watching src/ for changes');
} else {
  // A source map left by a development build would no longer match a production bundle.
  if (production) rmSync('dist/extension.js.map', { force: true });
  const result = await esbuild.build(options).catch(() => process.exit(1));
  // The size on disk: what the production build wrote after esbuild (see scripts/lib/preparse.mjs).
  for (const file of Object.keys(result.metafile.outputs).filter((name) => name.endsWith('.js'))) {
    const code = readFileSync(join(options.absWorkingDir, file));
    console.log(
      `${file}: ${(code.length / 1024).toFixed(1)} KB${production ? ` (minified), ${(gzipSync(code).length / 1024).toFixed(1)} KB gzip` : ''}`,
    );
  }
}
