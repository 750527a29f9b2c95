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

/** Median time of one call, in microseconds, over batches lasting ~50 ms each, after a warm-up (200 calls or 1 s). */
function measure(fn) {
  const warmUpEnd = process.hrtime.bigint() + 1_000_000_000n;
  for (let i = 0; i < 200 && process.hrtime.bigint() < warmUpEnd; i++) fn();
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
const ipv6Group = JSON.stringify({ address_group: { name: 'g6', ip_version: 6, ip_set: Array.from({ length: 20 }, (_, i) => (i % 2 ? `2001:db8:${i.toString(16)}::/64` : `2001:db8::${i.toString(16)}`)) } }, null, 2);
console.log(`  IPv6 address group (20 addresses and blocks, ${ipv6Group.length} bytes): ${measure(() => checkDocument(ipv6Group)).toFixed(1)} µs`);

console.log('growing address groups (entries beyond 20 are errors; the first 1,000 are checked, the rest only parsed):');
let previous;
for (const n of [20, 200, 2000, 20000, 200000]) {
  const text = JSON.stringify({ address_group: { name: 'g', ip_version: 4, ip_set: Array.from({ length: n }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`) } }, null, 2);
  const micros = measure(() => checkDocument(text));
  const perEntry = micros / n;
  console.log(`  ${String(n).padStart(6)} entries, ${(text.length / 1024).toFixed(0).padStart(5)} KB: ${(micros / 1000).toFixed(2).padStart(8)} ms, ${perEntry.toFixed(2)} µs per entry${previous ? ` (×${(perEntry / previous).toFixed(2)} per entry vs the previous size)` : ''}`);
  previous = perEntry;
}

const deep = JSON.stringify({ address_group: { name: 'g', ip_version: 4, ip_set: ['10.0.0.1'] } }).replace('"10.0.0.1"', `"10.0.0.1",${'['.repeat(100_000)}${']'.repeat(100_000)}`);
let deepResult;
try {
  deepResult = `${(measure(() => checkDocument(deep)) / 1000).toFixed(2)} ms`;
} catch (error) {
  deepResult = `throws ${error instanceof Error ? error.message : String(error)}`;
}
console.log(`nesting 100,000 levels deep (${(deep.length / 1024).toFixed(0)} KB): ${deepResult}`);
