// Benchmark of the document checks (schema + rules), as the editor runs them on every pause in typing.
// Prints figures; asserts nothing. `npm run bench:validation`.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { compileSchemas } from '../scripts/compile-schemas.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
compileSchemas();
// Bundled and minified as the extension is: the same code the editor and the emulator run.
const outfile = join(root, 'out', 'bench', 'documents.mjs');
await esbuild.build({
  entryPoints: [join(root, 'src/core/documents.ts')], bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile, minify: true, mainFields: ['module', 'main'],
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
const { checkDocument } = await import(pathToFileURL(outfile).href);

/** Median time of one call, in microseconds, over batches lasting ~50 ms each, after a warm-up. */
function measure(fn) {
  for (let i = 0; i < 200; i++) fn();
  const samples = [];
  for (let batch = 0; batch < 9; batch++) {
    let n = 0;
    const start = process.hrtime.bigint();
    let elapsed;
    do {
      fn();
      n++;
      elapsed = process.hrtime.bigint() - start;
    } while (elapsed < 50_000_000n);
    samples.push(Number(elapsed) / 1000 / n);
  }
  return samples.sort((a, b) => a - b)[4];
}

const network = readFileSync(join(root, 'sample/network-7a03.network.json'), 'utf8');
const group = readFileSync(join(root, 'sample/autotester.address-group.json'), 'utf8');
console.log(`node ${process.version}, ${process.arch}`);
console.log('typical documents (schema + rules):');
console.log(`  network (seed example, ${network.length} bytes): ${measure(() => checkDocument(network)).toFixed(1)} µs`);
console.log(`  address group (seed example, 4 entries, ${group.length} bytes): ${measure(() => checkDocument(group)).toFixed(1)} µs`);

console.log('growing address groups (entries beyond 20 are errors, but every one is still parsed and checked):');
let previous;
for (const n of [20, 200, 2000, 20000, 100000]) {
  const text = JSON.stringify({ address_group: { name: 'g', ip_version: 4, ip_set: Array.from({ length: n }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`) } }, null, 2);
  const micros = measure(() => checkDocument(text));
  const perEntry = micros / n;
  console.log(`  ${String(n).padStart(6)} entries, ${(text.length / 1024).toFixed(0).padStart(5)} KB: ${(micros / 1000).toFixed(2).padStart(8)} ms, ${perEntry.toFixed(2)} µs per entry${previous ? ` (×${(perEntry / previous).toFixed(2)} per entry vs the previous size)` : ''}`);
  previous = perEntry;
}
