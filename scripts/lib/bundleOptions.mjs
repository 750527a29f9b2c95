// The esbuild options of the shipped bundles: used by scripts/build.mjs, and by the tests that check what ships.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ofetchOnGlobalFetch } from './esbuildPlugins.mjs';
import { preparseLazyModules } from './preparse.mjs';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Production: minified, no source maps, lazily evaluated modules left for V8 to skim (what the .vsix ships).
 * @param {{ production: boolean }} options
 * @returns {import('esbuild').BuildOptions & { absWorkingDir: string, plugins: import('esbuild').Plugin[] }}
 */
export function bundleOptions({ production }) {
  return {
    absWorkingDir: projectRoot,
    // The emulator is its own bundle, so that the extension's stays small; the extension starts it as a child process.
    entryPoints: { extension: 'src/extension.ts', emulator: 'src/emulator/main.ts' },
    outdir: 'dist',
    bundle: true,
    format: 'cjs',
    platform: 'node',
    // jsonc-parser's `main` is a UMD build whose inner requires esbuild cannot follow; its `module` build is plain ESM.
    mainFields: ['module', 'main'],
    // The contributed snippets double as the new-document templates.
    loader: { '.code-snippets': 'json' },
    target: 'node20',
    // import() of a Node module (node:os, loaded when first needed) as require(): no ES module loader in the host.
    supported: { 'dynamic-import': false },
    external: ['vscode'],
    minify: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    legalComments: production ? 'none' : 'inline',
    // Non-ASCII characters escaped: a file of ASCII only is read and held by Node and V8 as one byte a character.
    charset: 'ascii',
    metafile: true,
    logLevel: 'silent',
    plugins: [ofetchOnGlobalFetch, ...(production ? [preparseLazyModules] : [])],
  };
}
