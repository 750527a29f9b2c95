// Benchmark of activation in the real VS Code: VS Code 1.139 as code-server ships it (the harness of the
// integration tests, ../shared/vscode-test-harness.md), our .vsix and an empty extension installed beside each
// other, each activated for the first time in a fresh extension host, in several hosts, which goes first alternating.
// Timed inside the host from the activate() call of the API to its promise resolving (bench/lib/
// vscodeActivationRunner.cjs), once the host has settled after startup; VS Code's own record of the same activations
// (Developer: Startup Performance, whole milliseconds) is printed beside it.
//
// Both are installed with no activation event of their own: the .vsix is the one `npm run package` wrote, repackaged
// with only `activationEvents` emptied. As shipped, ours activates on onLanguage:json, which this workbench fires
// at startup (with no file open) for the built-in JSON extensions too: timed there, an activation mostly measures
// the other extensions loading at the same moment. Needs `bash scripts/setup-vscode.sh`. `npm run bench:vscode`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { assertInstalled, startCodeServer } from '../scripts/lib/codeServer.mjs';
import { EMPTY_EXTENSION_MAIN } from './lib/emptyExtension.mjs';
import { isMain, note, printRows } from './lib/main.mjs';
import { median } from './lib/stats.mjs';
import { formatDelta, formatMs, formatRatio, notMeasuredRow } from './lib/table.mjs';
import { packageVsix, VSIX } from './size.mjs';
import { packageFolder } from './lib/vsce.mjs';

const HOSTS = Number(process.env.BENCH_VSCODE_HOSTS ?? 6);
const HOST_TIMEOUT_MS = 120_000;
const OURS = 'hwc-tools.huaweicloud-networks';
const EMPTY = 'hwc-bench.empty-extension';
const RUNNER = fileURLToPath(new URL('./lib/vscodeActivationRunner.cjs', import.meta.url));
const WHAT = 'activation in the real VS Code (code-server 4.139.1), first in a fresh extension host';
const GOAL = 'within 3 ms of it';
const CHECK_WHAT =
  "the first check of one of our documents in that VS Code, the features and the checks loaded with it (untitled document opened → diagnostics; what loads is the first less a second document's)";
const CHECK_GOAL = 'what loads with it ≤ 15 ms';

/** The two .vsix files installed in every host: ours (activation events emptied) and the empty extension. */
function prepareExtensions(dir) {
  const unpacked = join(dir, 'ours');
  mkdirSync(unpacked);
  execFileSync('unzip', ['-q', VSIX, '-d', unpacked]);
  const manifestPath = join(unpacked, 'extension', 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.activationEvents = [];
  delete manifest.scripts; // vscode:prepublish would rebuild in a folder that has no sources
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  const ours = join(dir, 'ours.vsix');
  packageFolder(join(unpacked, 'extension'), ours);

  const emptyFolder = join(dir, 'empty');
  mkdirSync(emptyFolder);
  const [publisher, name] = EMPTY.split('.');
  writeFileSync(
    join(emptyFolder, 'package.json'),
    JSON.stringify(
      {
        name,
        publisher,
        version: '0.0.0',
        engines: manifest.engines,
        main: './extension.js',
        activationEvents: [],
      },
      null,
      2,
    ),
  );
  writeFileSync(join(emptyFolder, 'extension.js'), EMPTY_EXTENSION_MAIN);
  writeFileSync(join(emptyFolder, 'README.md'), '# Empty extension\n\nThe anchor of the activation benchmark.\n');
  const empty = join(dir, 'empty.vsix');
  packageFolder(emptyFolder, empty, ['--skip-license']);

  // The runner's extension under development: a manifest only (the runner itself is the extensionTestsPath).
  const runnerFolder = join(dir, 'runner');
  mkdirSync(runnerFolder);
  writeFileSync(
    join(runnerFolder, 'package.json'),
    JSON.stringify({ name: 'activation-runner', publisher: 'hwc-bench', version: '0.0.0', engines: manifest.engines }),
  );
  return { vsixes: [ours, empty], runnerFolder };
}

/** One fresh code-server, one workbench, one extension host: both activated in `order`. */
async function oneHost({ vsixes, runnerFolder }, order, out) {
  const server = await startCodeServer({ vsix: vsixes });
  const hostErrors = [];
  let timer;
  try {
    const exitCode = await new Promise((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the extension host did not finish within ${HOST_TIMEOUT_MS / 1000} s`)),
        HOST_TIMEOUT_MS,
      );
      server
        .openWorkbench({
          payload: [
            ['extensionDevelopmentPath', server.remoteUri(runnerFolder)],
            ['extensionTestsPath', server.remoteUri(RUNNER)],
            ['extensionEnvironment', JSON.stringify({ HWC_BENCH_ORDER: JSON.stringify(order), HWC_BENCH_OUT: out })],
            ['skipWelcome', 'true'],
          ],
          beforeLoad: async (page) => {
            await page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
            await page.exposeFunction('codeAutomationLog', (type, args) => {
              const text = format(...(Array.isArray(args) ? args : [args]));
              if (type === 'error' && /hwc-bench|vscodeActivationRunner|huaweicloud/i.test(text)) hostErrors.push(text);
            });
          },
        })
        .catch(reject);
    });
    if (exitCode !== 0 || !existsSync(out)) {
      throw new Error(`the runner failed (exit ${exitCode}): ${hostErrors.join('\n') || 'no message'}`);
    }
    return JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    clearTimeout(timer);
    await server.stop();
  }
}

const label = (id) => (id === OURS ? 'ours' : 'empty');

/** @param {{ packaged?: boolean }} options `packaged`: `npm run package` has just written the .vsix */
export async function vscodeActivationRows({ packaged = false } = {}) {
  try {
    assertInstalled();
    if (spawnSync('unzip', ['-v'], { stdio: 'ignore' }).error) throw new Error('unzip is missing');
  } catch (error) {
    const why = `${error.message.split(':')[0]} (run \`bash scripts/setup-vscode.sh\`)`;
    return [notMeasuredRow(WHAT, GOAL, why), notMeasuredRow(CHECK_WHAT, CHECK_GOAL, why)];
  }
  if (!packaged) {
    const failure = packageVsix();
    if (failure) return [notMeasuredRow(WHAT, GOAL, failure), notMeasuredRow(CHECK_WHAT, CHECK_GOAL, failure)];
  }
  const dir = mkdtempSync(join(tmpdir(), 'hwc-bench-vscode-'));
  const samples = { [OURS]: [], [EMPTY]: [] };
  const recorded = { [OURS]: [], [EMPTY]: [] };
  const checks = { first: [], second: [] };
  let unsettled = 0;
  try {
    const extensions = prepareExtensions(dir);
    note(`vscode activation: ${HOSTS} fresh extension hosts, which extension goes first alternating`);
    for (let host = 0; host < HOSTS; host++) {
      const order = host % 2 === 0 ? [OURS, EMPTY] : [EMPTY, OURS];
      const result = await oneHost(extensions, order, join(dir, `host-${host}.json`));
      if (result.settled.includes(false)) unsettled++;
      checks.first.push(result.firstCheckMs);
      checks.second.push(result.secondCheckMs);
      for (const id of order) {
        samples[id].push(result.activateMs[id]);
        const own = result.vscode[id];
        if (own) recorded[id].push(own.loadCode + own.callActivate + own.finishActivate);
      }
      note(
        `  host ${host + 1}: ${order.map((id) => `${label(id)} ${formatMs(result.activateMs[id])}`).join(', then ')}; a document's first check ${formatMs(result.firstCheckMs)}, a second document's ${formatMs(result.secondCheckMs)}`,
      );
      for (const id of order) {
        const phase = result.phases[id];
        const own = result.vscode[id];
        note(
          `    ${label(id)}: ${
            phase
              ? Object.entries(phase)
                  .map(([name, value]) => `${name} ${value.toFixed(2)}`)
                  .join(', ')
              : 'no phases'
          } ms; ` +
            `VS Code's record: ${own ? `load ${own.loadCode} + call ${own.callActivate} + finish ${own.finishActivate} ms` : (result.vscode.unavailable ?? 'none')}`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const figure = median(samples[OURS]);
  const anchor = median(samples[EMPTY]);
  // VS Code's record leaves out the wait for the extension's context (its storage, asked of the window) and counts
  // whole milliseconds: printed beside, not instead.
  const own = (id) => (recorded[id].length === HOSTS ? `; VS Code's own record ${median(recorded[id])} ms` : '');
  if (unsettled > 0) {
    note(`vscode activation: in ${unsettled} host(s) the event loop never stayed idle before a measurement`);
  }
  return [
    {
      what: `${WHAT} (${HOSTS} hosts, order alternated; \`activate()\` called to resolved)`,
      figure: `${formatMs(figure)}${own(OURS)}`,
      anchor: `an empty extension installed beside it ${formatMs(anchor)}${own(EMPTY)}`,
      ratio: `${formatRatio(figure / anchor)} (${formatDelta(figure - anchor)})`,
      goal: GOAL,
      met: figure - anchor <= 3,
    },
    {
      what: `${CHECK_WHAT} (${HOSTS} hosts)`,
      figure: `${formatMs(median(checks.first))}: the loads ${formatMs(median(checks.first) - median(checks.second))} more than the check of a second document`,
      anchor: `a second document, all loaded, ${formatMs(median(checks.second))} (VS Code's own work with an untitled document, and the check)`,
      ratio: `${formatRatio(median(checks.first) / median(checks.second))} (${formatDelta(median(checks.first) - median(checks.second))})`,
      goal: CHECK_GOAL,
      met: median(checks.first) - median(checks.second) <= 15,
    },
  ];
}

if (isMain(import.meta.url)) await printRows(vscodeActivationRows);
