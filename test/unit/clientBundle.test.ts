// The Huawei Cloud client must stay small: bundled on its own (minified, with ofetch and ipaddr.js) under 30 KB,
// and with no Huawei SDK among the runtime dependencies.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { projectRoot } from '../../scripts/lib/codeServer.mjs';
import { ofetchOnGlobalFetch } from '../../scripts/lib/esbuildPlugins.mjs';

describe('the client bundle', () => {
  it('is under 30 KB minified', async () => {
    const result = await esbuild.build({
      entryPoints: [join(projectRoot, 'src/core/connection.ts')],
      bundle: true, minify: true, format: 'cjs', platform: 'node', target: 'node20', write: false, logLevel: 'silent',
      charset: 'utf8', plugins: [ofetchOnGlobalFetch],
    });
    const size = result.outputFiles[0]?.contents.byteLength ?? 0;
    console.log(`client bundle (src/core/connection.ts with ofetch, minified): ${(size / 1024).toFixed(1)} KB`);
    assert.ok(size > 1000 && size < 30 * 1024, `${size} bytes`);
  });

  it('depends on no Huawei SDK package at run time', () => {
    const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    assert.deepEqual(Object.keys(manifest.dependencies ?? {}).filter((name) => name.startsWith('@huaweicloud/')), []);
  });
});
