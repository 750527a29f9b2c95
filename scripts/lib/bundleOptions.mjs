// The esbuild options of the two bundles (the extension, and the emulator it starts as a child process): one place
// for the build and for the tests that check what it ships.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ofetchOnGlobalFetch } from './esbuildPlugins.mjs';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * @param {{ production: boolean }} options production: minified, no source maps (what the .vsix ships)
 * @returns {import('esbuild').BuildOptions & { plugins: import('esbuild').Plugin[] }}
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
    external: ['vscode'],
    minify: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    legalComments: production ? 'none' : 'inline',
    charset: 'utf8',
    plugins: [ofetchOnGlobalFetch],
  };
}
