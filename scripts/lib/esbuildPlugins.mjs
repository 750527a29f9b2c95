// esbuild plugins shared by the extension build and the bundle-size test.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * ofetch's "node" build bundles node-fetch-native (~110 KB) as a fallback for Node versions without fetch. VS Code's
 * extension host (Node 20+) always has the global fetch, which ofetch's standard build uses: bundle that one.
 */
export const ofetchOnGlobalFetch = {
  name: 'ofetch-on-global-fetch',
  setup(build) {
    const standardBuild = join(dirname(require.resolve('ofetch/package.json')), 'dist', 'index.mjs');
    build.onResolve({ filter: /^ofetch$/ }, () => ({ path: standardBuild }));
  },
};
