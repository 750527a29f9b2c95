// esbuild plugins shared by the extension build and the bundle-size test.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * ofetch's "node" build bundles node-fetch-native (~110 KB) as a fallback for Node versions without fetch. VS Code's
 * extension host (Node 20+) always has the global fetch, which ofetch's standard build uses: bundle that one.
 */
/**
 * @vscode/l10n's Node build reads a bundle from a file or a URL, and requires `fs` at its top: a CommonJS require
 * that an ES module chunk cannot make ("Dynamic require of fs"). The extension gives it the bundle's contents
 * (src/vscode/localization.ts), which its browser build — an ES module that requires nothing — reads the same way.
 */
export const l10nWithoutNodeReader = {
  name: 'l10n-without-node-reader',
  setup(build) {
    const browserBuild = join(dirname(require.resolve('@vscode/l10n/package.json')), 'dist', 'browser.js');
    build.onResolve({ filter: /^@vscode\/l10n$/ }, () => ({ path: browserBuild }));
  },
};

export const ofetchOnGlobalFetch = {
  name: 'ofetch-on-global-fetch',
  setup(build) {
    const standardBuild = join(dirname(require.resolve('ofetch/package.json')), 'dist', 'index.mjs');
    build.onResolve({ filter: /^ofetch$/ }, () => ({ path: standardBuild }));
  },
};

/**
 * With code splitting, esbuild puts its own helpers (`__commonJS`, `__toESM`) that several chunks use into a chunk,
 * and imports that chunk from every entry point even when the entry uses none of them
 * (https://github.com/evanw/esbuild/issues/1892): one more file read at activation, for nothing. This removes such
 * a bare import (`import"./chunks/chunk-X.mjs";`) from the entries written, when the metafile says the chunk holds
 * esbuild's helpers alone (no input of ours: the metafile lists none, or `<runtime>`), which run nothing when loaded.
 */
export const noHelperChunkInEntries = {
  name: 'no-helper-chunk-in-entries',
  setup(build) {
    build.onEnd(async (result) => {
      if (!result.metafile || build.initialOptions.write === false) return;
      const { readFile, writeFile } = await import('node:fs/promises');
      const { dirname, join, relative } = await import('node:path');
      const root = build.initialOptions.absWorkingDir ?? process.cwd();
      const outputs = result.metafile.outputs;
      const helpersOnly = (file) => {
        const output = outputs[file];
        return output !== undefined && Object.keys(output.inputs).every((input) => input === '<runtime>');
      };
      for (const [entry, output] of Object.entries(outputs)) {
        if (!output.entryPoint || output.imports.length === 0) continue;
        const unused = output.imports.filter(
          (imported) => imported.kind === 'import-statement' && !imported.external && helpersOnly(imported.path),
        );
        if (unused.length === 0) continue;
        const path = join(root, entry);
        let code = await readFile(path, 'utf8');
        for (const imported of unused) {
          const specifier = `./${relative(dirname(entry), imported.path)}`;
          // Only a bare import (nothing bound from it) is dropped; an entry that uses a helper keeps its import.
          code = code.replace(`import"${specifier}";`, '').replace(`import "${specifier}";\n`, '');
        }
        await writeFile(path, code);
      }
    });
  },
};
