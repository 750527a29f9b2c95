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
