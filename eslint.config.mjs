import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { plugin as hwc } from './scripts/lint/userMessages.mjs';

const VSCODE_BAN = {
  paths: [{ name: 'vscode', message: 'src/core/ must stay plain Node: move VS Code code to src/vscode/.' }],
  patterns: [{ group: ['**/vscode/**', '**/extension'], message: 'src/core/ must not depend on the VS Code layer.' }],
};

/**
 * The rooms of src/core and what each may not import: a room depends only on those below it. cloud (signing, HTTP,
 * credentials) knows no API; api (the services' clients, the connection) no document; documents (what the editor
 * checks) nothing of the cloud; provisioning (the tracker) no document; and nothing in core imports the explorer
 * but the explorer itself. The table of kinds (kinds.ts) sits right above api: it names what api/ does per kind,
 * and the rooms above reach a kind through it, so neither cloud nor api imports it. The other files at the top of
 * src/core (display, limits, JSON nesting, values, lazy) import no room, nor the table.
 */
const CORE_ROOMS = ['cloud', 'api', 'documents', 'live', 'provisioning', 'explorer'];
const CORE_FORBIDDEN = {
  cloud: ['api', 'documents', 'live', 'provisioning', 'explorer', 'kinds'],
  api: ['documents', 'live', 'provisioning', 'explorer', 'kinds'],
  documents: ['cloud', 'live', 'provisioning', 'explorer'],
  provisioning: ['documents', 'live', 'explorer'],
  live: ['explorer'],
  explorer: [],
};
const roomRule = (files, prefix, forbidden, ignores = []) => ({
  files,
  ignores,
  rules: {
    'no-restricted-imports': ['error', {
      paths: VSCODE_BAN.paths,
      patterns: [
        ...VSCODE_BAN.patterns,
        ...(forbidden.length === 0 ? [] : [{
          regex: `^${prefix}(${forbidden.join('|')})(/|$)`,
          message: `this room of src/core may not import ${forbidden.join(', ')} (the rooms and their order: eslint.config.mjs, docs/architecture.md).`,
        }]),
      ],
    }],
  },
});

/**
 * The entry VS Code loads (src/extension.ts and src/vscode/activation/) shares no module with the features: what
 * both imported, esbuild would put in a chunk of its own, read at activation. Types are free (they are erased), and
 * the features are reached with import() (a chunk loaded when first used).
 */
const ENTRY_MESSAGE =
  'the entry may import only vscode and src/vscode/activation/ (types aside): load the rest with import() when first used (docs/architecture.md, "Activation").';
const entryRule = (files, regex) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex, message: ENTRY_MESSAGE, allowTypeImports: true }] }],
  },
});

export default tseslint.config(
  { ignores: ['dist/', 'out/', '.vscode-test/', 'node_modules/', 'sample/', 'src/core/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // CommonJS on purpose: files that VS Code's extension host or a fresh Node process requires.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
    },
  },
  {
    // The core and the emulator run in plain Node (unit tests, the command line): the VS Code API must never leak in.
    files: ['src/core/**', 'src/emulator/**'],
    rules: {
      'no-restricted-imports': ['error', VSCODE_BAN],
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.name='require'][arguments.0.value='vscode']",
        message: 'src/core/ must stay plain Node: move VS Code code to src/vscode/.',
      }, {
        selector: "ImportExpression[source.value='vscode']",
        message: 'src/core/ must stay plain Node: move VS Code code to src/vscode/.',
      }],
    },
  },
  // After the block above: a room's rule replaces it for the room's files, the VS Code ban included.
  ...Object.entries(CORE_FORBIDDEN).map(([room, forbidden]) => roomRule([`src/core/${room}/**`], '\\.\\./', forbidden)),
  roomRule(['src/core/*.ts'], '\\./', [...CORE_ROOMS, 'kinds'], ['src/core/kinds.ts']),
  roomRule(['src/core/kinds.ts'], '\\./', ['documents', 'live', 'provisioning', 'explorer']),
  entryRule(['src/extension.ts'], '^\\./(?!vscode/activation/)'),
  entryRule(['src/vscode/activation/**'], '^\\.\\./'),
  {
    // …and nothing else takes a value from the entry's modules: that too would make them a shared chunk.
    files: ['src/**/*.ts'],
    ignores: ['src/extension.ts', 'src/vscode/activation/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{
        regex: '(^|/)activation(/|$)',
        message: "the entry's modules (src/vscode/activation/) are the entry's alone: import their types only.",
        allowTypeImports: true,
      }] }],
    },
  },
  // What a user reads is translated (issue 20): messages, titles, labels and the errors' messages go through l10n.t.
  // The emulator is a command-line tool for developers and stays English.
  {
    files: ['src/core/**/*.ts', 'src/vscode/**/*.ts', 'src/extension.ts'],
    plugins: { hwc },
    rules: { 'hwc/translated-messages': 'error' },
  },
  // The diagnostics made in src/core: their `message` is what the editor underlines.
  {
    files: ['src/core/documents/**/*.ts', 'src/core/live/**/*.ts'],
    rules: { 'hwc/translated-messages': ['error', { diagnostics: true }] },
  },
);
