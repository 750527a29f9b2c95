// Compiles schemas/*.schema.json — the same files the editor uses through `jsonValidation` — into standalone ajv
// validators, so that nothing compiles a schema (or calls `new Function`) at run time. Writes
// src/core/generated/schemaValidators.{js,d.ts} (git-ignored); run by the build, the type check and the tests.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { schemaFiles } from './lib/schemaFiles.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'src', 'core', 'generated');
const schemas = schemaFiles();

// Strict mode rejects unknown keywords: these are VS Code's JSON-editing annotations, meaningless to validation.
const VSCODE_KEYWORDS = [
  'markdownDescription',
  'defaultSnippets',
  'patternErrorMessage',
  'errorMessage',
  'markdownEnumDescriptions',
  'enumDescriptions',
  'deprecationMessage',
  'doNotSuggest',
];

/**
 * What each schema node allows, by schema path (`#/properties/spec/properties/cidr`): its errorMessage,
 * patternErrorMessage or description, its description when that differs, and the names of its properties. Findings quote these, so that every
 * message says what is allowed; this table is far smaller than ajv's `verbose` errors, which embed the schemas.
 */
function collectHints(node, path, hints) {
  if (typeof node !== 'object' || node === null) return;
  const hint = {};
  const allowed = node.errorMessage ?? node.patternErrorMessage ?? node.description;
  if (allowed) hint.allowed = allowed;
  if (node.description && node.description !== allowed) hint.description = node.description;
  if (node.properties) hint.properties = Object.keys(node.properties).filter((key) => key !== '$schema');
  if (Object.keys(hint).length > 0) hints[path] = hint;
  // Keys are escaped as in JSON pointers (os.modelarts/name → os.modelarts~1name), as ajv's schemaPath has them.
  for (const [key, value] of Object.entries(node.properties ?? {})) {
    collectHints(value, `${path}/properties/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, hints);
  }
  if (node.items) collectHints(node.items, `${path}/items`, hints);
  (node.allOf ?? []).forEach((sub, i) => collectHints(sub, `${path}/allOf/${i}`, hints));
}

// What validation ignores: descriptions, defaults and VS Code's annotations. The compiled code embeds the schema
// wherever an error quotes it (an enum's values, a union's types): without these it embeds only what validates.
const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples', '$comment', ...VSCODE_KEYWORDS]);
const SUBSCHEMA = new Set([
  'items',
  'not',
  'additionalProperties',
  'additionalItems',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
]);
const SUBSCHEMA_LIST = new Set(['allOf', 'anyOf', 'oneOf']);
const SUBSCHEMA_MAP = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependencies']);

/** The schema without its annotations: the same checks, the same schema paths (ajv's schemaPath) in errors. */
function validationOnly(schema) {
  if (Array.isArray(schema)) return schema.map(validationOnly);
  if (typeof schema !== 'object' || schema === null) return schema;
  const kept = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    if (SUBSCHEMA.has(key) || SUBSCHEMA_LIST.has(key)) kept[key] = validationOnly(value);
    else if (SUBSCHEMA_MAP.has(key)) {
      kept[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, validationOnly(sub)]));
    } else kept[key] = value;
  }
  return kept;
}

export function compileSchemas() {
  // strictRequired is off: `not: {required: [ip_set, ip_extra_set]}` names properties defined one level up, on purpose.
  // Union types are allowed: `remarks` is a string or null (every answer of the API has `"remarks": null`).
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    code: { source: true, optimize: true },
  });
  ajv.addVocabulary(VSCODE_KEYWORDS);
  const exportsById = {};
  const hints = {};
  for (const [name, file] of Object.entries(schemas)) {
    const schema = JSON.parse(readFileSync(join(root, 'schemas', file), 'utf8'));
    ajv.addSchema(validationOnly(schema));
    exportsById[name] = schema.$id;
    collectHints(schema, '#', (hints[name] = {}));
  }
  const code = standaloneCode(ajv, exportsById);
  const names = Object.keys(schemas);
  mkdirSync(outDir, { recursive: true });
  // The tables are parsed (an object literal would take a "__proto__" key as its prototype) into objects of no
  // prototype, so that a lookup by any string (toString, constructor) finds only what the schemas say.
  const noPrototype =
    '(key, value) => (value && typeof value === "object" && !Array.isArray(value) ? Object.assign(Object.create(null), value) : value)';
  writeFileSync(
    join(outDir, 'schemaValidators.js'),
    `// Generated by scripts/compile-schemas.mjs from schemas/: do not edit.\n${code}\nexports.schemaHints = JSON.parse(${JSON.stringify(JSON.stringify(hints))}, ${noPrototype});\n`,
  );
  writeFileSync(
    join(outDir, 'schemaValidators.d.ts'),
    `// Generated by scripts/compile-schemas.mjs: do not edit.
import type { ErrorObject } from 'ajv';
export interface StandaloneValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
${names.map((name) => `export declare const ${name}: StandaloneValidator;`).join('\n')}
/** Per validator, by schema path (\`#/properties/…\`): what the node allows, and its property names. */
export declare const schemaHints: Record<${names.map((name) => `'${name}'`).join(' | ')}, Record<string, { allowed?: string; description?: string; properties?: string[] }>>;
`,
  );
  return { names, bytes: code.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { names, bytes } = compileSchemas();
  console.log(
    `schemas compiled: ${names.join(', ')} → src/core/generated/schemaValidators.js (${(bytes / 1024).toFixed(1)} KB)`,
  );
}
