// What `npm start` and `npm test` do before anything else, on a fresh clone: install the npm packages, then the VS
// Code harness. Imports Node's own modules only: nothing of node_modules exists yet when it runs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The environment without what an outer npm passes to the scripts it runs (`npm_config_*`, `npm_package_*`,
 * `npm_lifecycle_*`, `npm_execpath`…). An npm started inside `npm test` inherits them, and code-server's
 * install script reads the Node version from `npm_config_user_agent` (the outer Node 20), not from the Node 24
 * that runs it.
 */
export function withoutNpmEnvironment(env = process.env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_/i.test(name)));
}

function step(command, args) {
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: 'inherit', env: withoutNpmEnvironment() });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit code ${result.status}`})`);
    process.exit(result.status || 1);
  }
}

/** `npm ci` when node_modules was never installed (npm writes node_modules/.package-lock.json last). */
export function ensureNpmPackages() {
  if (!existsSync(join(projectRoot, 'node_modules', '.package-lock.json'))) {
    step('npm', ['ci', '--no-audit', '--no-fund']);
  }
}

/** Chromium, Node 24 and code-server under .vscode-test/ (scripts/setup-vscode.sh; under a second when present). */
export function ensureVSCodeHarness() {
  step('bash', [join(projectRoot, 'scripts', 'setup-vscode.sh')]);
}
