// The esbuild options of the shipped bundles: used by scripts/build.mjs, and by the tests and benchmarks that check
// what ships.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { l10nWithoutNodeReader, ofetchOnGlobalFetch } from './esbuildPlugins.mjs';

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
 * The modules the entry loads with import() (src/extension.ts, src/vscode/activation/), by the name of their file
 * in dist/: everything else the extension does is reached from these.
 */
export const LAZY_ENTRIES = {
  features: 'src/vscode/features.ts',
  statusBar: 'src/vscode/provisioning/statusBar.ts',
};

/**
 * The entry's import() of a module of LAZY_ENTRIES stays an import() of its file in dist/ (`./features.mjs`); any
 * other import() from the entry is an error, as bundling it would put a feature into what activation reads.
 */
const lazyEntriesOutside = {
  name: 'lazy-entries-outside',
  setup(build) {
    const byPath = new Map(Object.entries(LAZY_ENTRIES).map(([name, source]) => [join(projectRoot, source), name]));
    build.onResolve({ filter: /^\./, namespace: 'file' }, async (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir });
      const name = byPath.get(resolved.path);
      if (name) return { path: `./${name}.mjs`, external: true };
      return {
        errors: [
          { text: `${args.path}: the entry may load only the modules of LAZY_ENTRIES (scripts/lib/bundleOptions.mjs)` },
        ],
      };
    });
  },
};

/**
 * The file VS Code loads, `dist/extension.js` (src/extension.ts): a small CommonJS file that only registers. It is
 * CommonJS because VS Code loads a CommonJS main faster than an ES module one (measured: docs/architecture.md,
 * "Activation"). It loads the rest with import() of the files `extensionChunksOptions` writes.
 * @param {{ production: boolean }} options
 * @returns {import('esbuild').BuildOptions & { absWorkingDir: string, plugins: import('esbuild').Plugin[] }}
 */
export function extensionEntryOptions({ production }) {
  return {
    ...common(production),
    entryPoints: { extension: 'src/extension.ts' },
    format: 'cjs',
    plugins: [lazyEntriesOutside],
  };
}

/**
 * Everything else the extension does, as ES modules split by esbuild: `dist/features.mjs` and `dist/statusBar.mjs`
 * (what the entry loads), and the chunks they load when a feature is first used (`dist/chunks/`). Code splitting
 * keeps every module in one file; what the entry and a feature both imported would be bundled twice, which is why
 * the entry imports nothing the features do (ESLint keeps it so; test/unit/vscode/activation.test.ts proves it).
 * @param {{ production: boolean }} options
 * @returns {import('esbuild').BuildOptions & { absWorkingDir: string, plugins: import('esbuild').Plugin[] }}
 */
export function extensionChunksOptions({ production }) {
  return {
    ...common(production),
    entryPoints: LAZY_ENTRIES,
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [ofetchOnGlobalFetch, l10nWithoutNodeReader],
  };
}

/** The extension's two builds: its entry, and the modules and chunks the entry loads. Production: minified, no source maps (what the .vsix ships). */
export function extensionBundleOptions({ production }) {
  return [extensionEntryOptions({ production }), extensionChunksOptions({ production })];
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
  return [...extensionBundleOptions({ production }), emulatorBundleOptions({ production })];
}
