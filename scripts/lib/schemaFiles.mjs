// The JSON schemas of schemas/, each named as the kind it checks: `address-group.schema.json` is `addressGroup`.
// scripts/compile-schemas.mjs compiles each under that name; the table of kinds (src/core/kinds.ts) names the same
// file for the kind, and a unit test holds the two together.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `{ kind: file }` for every `*.schema.json` of schemas/, in the order of their names. */
export function schemaFiles() {
  return Object.fromEntries(
    readdirSync(join(root, 'schemas'))
      .filter((file) => file.endsWith('.schema.json'))
      .sort()
      .map((file) => [
        file.slice(0, -'.schema.json'.length).replace(/-([a-z])/g, (_, letter) => letter.toUpperCase()),
        file,
      ]),
  );
}
