// The esbuild options of the shipped bundles: used by scripts/build.mjs, and by the tests and benchmarks that check
// what ships.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { l10nWithoutNodeReader, noHelperChunkInEntries, ofetchOnGlobalFetch } from './esbuildPlugins.mjs';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** @param {boolean} production */
function common(production) {
  return {
    absWorkingDir: projectRoot,
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    // jsonc-parser's `main` is a UMD build whose inner requires esbuild cannot follow; its `module` build is plain ESM.
    mainFields: ['module', 'main'],
    // The contributed snippets double as the new-document templates.
    loader: { '.code-snippets': 'json' },
    target: 'node20',
    external: ['vscode'],
    minify: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    legalComments: production ? 'none' : 'inline',
    // Non-ASCII characters escaped: a file of ASCII only is read and held by Node and V8 as one byte a character.
    charset: 'ascii',
    metafile: true,
    logLevel: 'silent',
    plugins: [ofetchOnGlobalFetch],
  };
}

/**
 * The extension: an ES module entry, `dist/extension.mjs`, that only registers (src/extension.ts), and the chunks
 * it loads when a feature is first used (`dist/chunks/`). Code splitting keeps every module in one place: what the
 * entry and a feature both import would be a chunk of its own, read at activation — which is why the entry imports
 * nothing the features do (ESLint keeps it so; test/unit/vscode/activation.test.ts proves it on this build).
 * Production: minified, no source maps (what the .vsix ships).
 * @param {{ production: boolean }} options
 * @returns {import('esbuild').BuildOptions & { absWorkingDir: string, plugins: import('esbuild').Plugin[] }}
 */
export function extensionBundleOptions({ production }) {
  return {
    ...common(production),
    entryPoints: { extension: 'src/extension.ts' },
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [ofetchOnGlobalFetch, l10nWithoutNodeReader, noHelperChunkInEntries],
  };
}

/**
 * The emulator: its own CommonJS bundle (`dist/emulator.js`), which the extension starts as a child process and
 * `npm run emulator` runs, so that the extension's stays small.
 * @param {{ production: boolean }} options
 * @returns {import('esbuild').BuildOptions & { absWorkingDir: string, plugins: import('esbuild').Plugin[] }}
 */
export function emulatorBundleOptions({ production }) {
  return {
    ...common(production),
    entryPoints: { emulator: 'src/emulator/main.ts' },
    format: 'cjs',
  };
}

/** Both builds, as `npm run build` makes them. */
export function bundleOptions({ production }) {
  return [extensionBundleOptions({ production }), emulatorBundleOptions({ production })];
}
