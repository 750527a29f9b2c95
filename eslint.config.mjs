import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core/ must stay plain Node: move VS Code code to src/vscode/.' }],
        patterns: [{ group: ['**/vscode/**', '**/extension'], message: 'src/core/ must not depend on the VS Code layer.' }],
      }],
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.name='require'][arguments.0.value='vscode']",
        message: 'src/core/ must stay plain Node: move VS Code code to src/vscode/.',
      }, {
        selector: "ImportExpression[source.value='vscode']",
        message: 'src/core/ must stay plain Node: move VS Code code to src/vscode/.',
      }],
    },
  },
);
