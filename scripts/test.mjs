// `npm test`: static checks, unit tests (plain Node), integration tests inside a real VS Code 1.139, UI tests on
// the packaged .vsix, and the project's tools as a user runs them; closes with one line `N passed, N failed` summing
// every layer, and exits non-zero on any failure. On a fresh clone it first installs what it needs (npm packages,
// then the VS Code harness for the layers that run VS Code). `--only <layer>` runs one layer (several may be given):
// checks, unit, integration, integration-untrusted, ui, tooling, screenshots. integration-untrusted runs
// test/integration-untrusted in the same VS Code with workspace trust on, the folder untrusted; screenshots runs
// `npm run screenshots -- --check`.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ensureNpmPackages, ensureVSCodeHarness } from './lib/bootstrap.mjs';
import { projectRoot } from './lib/codeServer.mjs';
import { closingLine, layerResult, parseClosingLine, parseNodeTestSummary } from './lib/testSummary.mjs';
import { describeFindings, scanContent } from '../test/support/secretScan.mjs';

const onlyArgs = process.argv.flatMap((arg, i, all) => (arg === '--only' ? [all[i + 1]] : []));
const wanted = (layer) => onlyArgs.length === 0 || onlyArgs.includes(layer);
const LAYERS = ['checks', 'unit', 'integration', 'integration-untrusted', 'ui', 'tooling', 'screenshots'];
// Layers that run a VS Code (or `npm start`, which serves one) need the harness of scripts/setup-vscode.sh.
const VSCODE_LAYERS = ['integration', 'integration-untrusted', 'ui', 'tooling', 'screenshots'];
const unknown = onlyArgs.filter((layer) => !LAYERS.includes(layer));
if (unknown.length > 0) {
  console.error(`npm test: unknown layer ${unknown.map(String).join(', ')}; --only takes one of ${LAYERS.join(', ')}`);
  process.exit(2);
}
// Ctrl+C: the layer running stops (its VS Code with it) and no further layer starts.
let interrupted = false;
process.on('SIGINT', () => {
  interrupted = true;
});
// A fresh clone has no node_modules: install before importing anything from it (as `npm start` does).
ensureNpmPackages();
if (VSCODE_LAYERS.some(wanted)) ensureVSCodeHarness();
const esbuild = await import('esbuild');
const { compileSchemas } = await import('./compile-schemas.mjs');
const outDir = join(projectRoot, 'out', 'test');
const bin = (name) => join(projectRoot, 'node_modules', '.bin', name);

/** Runs a command, streaming its output, and resolves with its exit code and what it printed. */
function run(command, args, options = {}) {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let output = '';
    const forward = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', forward(process.stdout));
    child.stderr.on('data', forward(process.stderr));
    child.on('error', (error) => {
      output += String(error);
    });
    child.on('close', (code, signal) => resolveRun({ code: code ?? (signal ? 1 : 0), output }));
  });
}

function testFiles(dir, suffix) {
  const root = join(projectRoot, dir);
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(suffix))
    .map((f) => join(root, f));
}

/**
 * Compiles one layer's tests under out/test/<layer>: node_modules and `vscode` stay external, and so do the
 * harness modules of scripts/lib (by absolute path), which find the project through their own location.
 * Node's test runner takes ES modules (.mjs); VS Code's extension host loads CommonJS.
 */
async function compileTests(layer, entryPoints, format) {
  const outdir = join(outDir, layer);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const keepHarnessExternal = {
    name: 'keep-harness-external',
    setup(build) {
      build.onResolve({ filter: /scripts\/lib\/[\w.]+\.mjs$/ }, (args) => ({
        path: resolve(args.resolveDir, args.path),
        external: true,
      }));
    },
  };
  await esbuild.build({
    entryPoints,
    outdir,
    outbase: join(projectRoot, 'test', layer),
    bundle: true,
    format,
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    outExtension: { '.js': format === 'esm' ? '.mjs' : '.js' },
    // Bundled CommonJS (the compiled schema validators) requires packages: give ES modules a require.
    ...(format === 'esm'
      ? {
          banner: {
            js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
          },
        }
      : {}),
    packages: 'external',
    external: ['vscode'],
    plugins: [keepHarnessExternal],
    logLevel: 'warning',
    loader: { '.code-snippets': 'json' },
    mainFields: ['module', 'main'],
  });
  return outdir;
}

async function nodeTestLayer(layer) {
  const sources = testFiles(`test/${layer}`, '.test.ts');
  const outdir = await compileTests(layer, sources, 'esm');
  const compiled = sources.map((f) =>
    join(outdir, relative(join(projectRoot, 'test', layer), f).replace(/\.ts$/, '.mjs')),
  );
  const { code, output } = await run(process.execPath, [
    '--test',
    '--test-reporter=spec',
    '--enable-source-maps',
    ...compiled,
  ]);
  return layerResult(parseNodeTestSummary(output), code);
}

/**
 * Runs the mocha suite of test/<layer> (its index.ts) inside a real VS Code, on a copy of test/fixtures/workspace.
 * With `workspaceTrust`, trust is on and that folder untrusted: @vscode/test-electron always turns trust off
 * (`--disable-workspace-trust`), so the launcher is started directly, as `code` would be by hand.
 */
async function vscodeLayer(layer, { workspaceTrust = false } = {}) {
  const build = await run(process.execPath, ['scripts/build.mjs']);
  if (build.code !== 0) return { passed: 0, failed: 1 };
  const outdir = await compileTests(layer, testFiles(`test/${layer}`, '.ts'), 'cjs');
  // A copy, so that nothing a test does to its files can change the fixtures.
  const workspace = join(outdir, 'workspace');
  cpSync(join(projectRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const resultsFile = join(outdir, 'results.json');
  rmSync(resultsFile, { force: true });
  // Written by the security suite (test/integration/security.test.ts): the secrets it used and the signatures the
  // servers received, none of which may appear in what this layer printed.
  const needlesFile = join(outdir, 'security-needles.json');
  rmSync(needlesFile, { force: true });
  const launcher = join(projectRoot, 'scripts', 'vscode-launcher.mjs');
  const extensionTestsPath = join(outdir, 'index.js');
  let exitCode = 0;
  let printed = '';
  if (workspaceTrust) {
    if (process.env.HWC_TEST_VSCODE === 'desktop') {
      console.log(`${layer}: runs in code-server's VS Code even with HWC_TEST_VSCODE=desktop`);
    }
    ({ code: exitCode, output: printed } = await run(
      process.execPath,
      [launcher, `--extensionDevelopmentPath=${projectRoot}`, `--extensionTestsPath=${extensionTestsPath}`, workspace],
      {
        env: { ...process.env, HWC_TEST_RESULTS_FILE: resultsFile },
      },
    ));
    if (exitCode !== 0) console.error(`${layer} tests: the launcher exited with code ${exitCode}`);
  } else {
    const { runTests } = await import('@vscode/test-electron');
    // runTests lets the launcher print straight to this process's output: keep a copy of it for the scan below.
    const restore = teeOutput((text) => {
      printed += text;
    });
    try {
      await runTests({
        // HWC_TEST_VSCODE=desktop: let @vscode/test-electron download the desktop build (where that is reachable).
        ...(process.env.HWC_TEST_VSCODE === 'desktop' ? { version: '1.139.0' } : { vscodeExecutablePath: launcher }),
        extensionDevelopmentPath: projectRoot,
        extensionTestsPath,
        launchArgs: [workspace],
        extensionTestsEnv: { HWC_TEST_RESULTS_FILE: resultsFile },
      });
    } catch (error) {
      exitCode = 1;
      console.error(`${layer} tests: ${error.message}`);
    } finally {
      restore();
    }
  }
  const counts = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : undefined;
  if (!counts) {
    console.error(
      `${layer} tests: VS Code reported no results (it did not start, or the suite did not finish: the reason is printed above by vscode-launcher)`,
    );
  }
  return addCounts(layerResult(counts, exitCode), scanOutput(layer, printed, needlesFile));
}

/** Calls `copy` with everything written to stdout and stderr until the returned function is called. */
function teeOutput(copy) {
  const streams = [process.stdout, process.stderr];
  const writes = streams.map((stream) => stream.write);
  streams.forEach((stream, i) => {
    stream.write = (chunk, ...rest) => {
      copy(String(chunk));
      return writes[i].call(stream, chunk, ...rest);
    };
  });
  return () =>
    streams.forEach((stream, i) => {
      stream.write = writes[i];
    });
}

/**
 * One more test of the layer when its security suite ran: the layer's whole output (mocha's report, VS Code's and
 * the harness's lines) holds none of the suite's secrets nor a signature the servers received.
 */
function scanOutput(layer, printed, needlesFile) {
  if (!existsSync(needlesFile)) return undefined;
  const needles = JSON.parse(readFileSync(needlesFile, 'utf8'));
  const findings = scanContent(`the output of the ${layer} layer`, printed, needles);
  if (findings.length > 0) {
    console.error(`security: the output of the ${layer} layer holds secrets:\n${describeFindings(findings)}`);
    return { passed: 0, failed: 1 };
  }
  console.log(
    `security: the output of the ${layer} layer (${(printed.length / 1024).toFixed(0)} KB) holds none of the suite's ${needles.length} secrets and signatures`,
  );
  return { passed: 1, failed: 0 };
}

const addCounts = (a, b) => (b ? { passed: a.passed + b.passed, failed: a.failed + b.failed } : a);

const layers = {
  async checks() {
    const results = [];
    const checks = [
      ['typecheck', bin('tsc'), ['--noEmit']],
      ['lint', bin('eslint'), ['.']],
      // Prettier's format (.prettierrc.json): `npm run format` writes it.
      ['format', bin('prettier'), ['--check', '--log-level', 'warn', '{src,test,scripts,bench}/**/*.{ts,mjs,cjs}']],
    ];
    for (const [name, command, args] of checks) {
      const { code } = await run(command, args);
      console.log(`${name}: ${code === 0 ? 'ok' : 'FAILED'}`);
      results.push(code === 0);
    }
    return { passed: results.filter(Boolean).length, failed: results.filter((ok) => !ok).length };
  },

  unit: () => nodeTestLayer('unit'),

  integration: () => vscodeLayer('integration'),

  // The same harness with workspace trust on and the folder untrusted (Restricted Mode).
  'integration-untrusted': () => vscodeLayer('integration-untrusted', { workspaceTrust: true }),

  async ui() {
    const packaged = await run('npm', ['run', '--silent', 'package']);
    if (packaged.code !== 0) return { passed: 0, failed: 1 };
    return nodeTestLayer('ui');
  },

  // The project's own tools driven as a user drives them (`npm start` from a copy of the checkout).
  tooling: () => nodeTestLayer('tooling'),

  // Every picture of the README and docs/ taken again, into out/screenshots-check/: a change that breaks the state a
  // picture shows fails here. The script builds as `npm start` does; one result a picture.
  async screenshots() {
    const { code, output } = await run(process.execPath, ['scripts/screenshots.mjs', '--check']);
    return layerResult(parseClosingLine(output), code);
  },
};

// Everything below imports the validators compiled from schemas/.
compileSchemas();

const results = [];
for (const [name, runLayer] of Object.entries(layers)) {
  if (!wanted(name)) continue;
  if (interrupted) {
    results.push({ name: `${name} (not run: interrupted)`, passed: 0, failed: 1 });
    continue;
  }
  console.log(`\n=== ${name} ===`);
  let result;
  try {
    result = await runLayer();
  } catch (error) {
    console.error(`${name}: ${error.stack ?? error}`);
    result = { passed: 0, failed: 1 };
  }
  results.push({ name, ...result });
}
console.log(`\nnpm test: ${(performance.now() / 60_000).toFixed(1)} min`);
for (const { name, passed, failed } of results) console.log(`${name}: ${passed} passed, ${failed} failed`);
console.log(closingLine(results));
process.exit(results.some((r) => r.failed > 0) ? 1 : 0);
