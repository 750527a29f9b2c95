#!/usr/bin/env node
// A stand-in for the `code` executable, for @vscode/test-electron's `runTests({ vscodeExecutablePath })`: it takes
// the usual `--extensionDevelopmentPath=… --extensionTestsPath=… [folder]` arguments, runs them in VS Code 1.139
// served by code-server and driven by headless Chromium, and exits with the test run's exit code.
// Environment variables named HWC_TEST_* are passed on to the extension host.
// As with `code`, workspace trust is on unless `--disable-workspace-trust` is given (@vscode/test-electron always
// gives it); on, the run has a profile of its own that trusts no folder, and a trust prompt is answered "No".
import { format } from 'node:util';
import { answerTrustPrompt, startCodeServer } from './lib/codeServer.mjs';

const timeoutMs = Number(process.env.HWC_TEST_TIMEOUT_MS ?? 10 * 60_000);
const verbose = process.env.HWC_TEST_VERBOSE === '1';

function parseArgs(argv) {
  const parsed = {
    extensionDevelopmentPaths: [],
    folder: undefined,
    extensionTestsPath: undefined,
    workspaceTrust: true,
  };
  for (const arg of argv) {
    const [, name, value] = /^--([^=]+)=(.*)$/.exec(arg) ?? [];
    if (name === 'extensionDevelopmentPath') parsed.extensionDevelopmentPaths.push(value);
    else if (name === 'extensionTestsPath') parsed.extensionTestsPath = value;
    else if (arg === '--disable-workspace-trust') parsed.workspaceTrust = false;
    else if (!arg.startsWith('--')) parsed.folder = arg;
    // Other flags (--no-sandbox, --user-data-dir, …) concern a desktop build; the run below uses its own profile.
  }
  if (!parsed.extensionTestsPath || parsed.extensionDevelopmentPaths.length === 0) {
    throw new Error('usage: vscode-launcher --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [folder]');
  }
  return parsed;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const server = await startCodeServer({
    workspaceTrust: args.workspaceTrust,
    // The integration tests count what they make: the emulators they start are empty. (The UI test of "Try the
    // Local Emulator", in a profile of its own, sees the samples a user gets.)
    settings: { 'huaweicloud.emulator.sampleResources': false },
    log: verbose ? (line) => console.log(line) : undefined,
  });
  let timer;
  try {
    const exitCode = await new Promise((resolveExit, rejectExit) => {
      timer = setTimeout(
        () => rejectExit(new Error(`the test run did not finish within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      server.process.once('exit', (code, signal) =>
        rejectExit(new Error(`code-server exited (${signal ?? `code ${code}`}) during the test run`)),
      );
      const extensionEnvironment = Object.fromEntries(
        Object.entries(process.env).filter(([key]) => key.startsWith('HWC_TEST_')),
      );
      const payload = [
        ...args.extensionDevelopmentPaths.map((path) => ['extensionDevelopmentPath', server.remoteUri(path)]),
        ['extensionTestsPath', server.remoteUri(args.extensionTestsPath)],
        ['extensionEnvironment', JSON.stringify(extensionEnvironment)],
        ['skipWelcome', 'true'],
      ];
      server
        .openWorkbench({
          folder: args.folder,
          payload,
          beforeLoad: async (page) => {
            // Called by the smoke-test driver when the extension host's test run ends; 0 means every test passed.
            await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
            // The test extension host's console: mocha's report arrives here.
            await page.exposeFunction('codeAutomationLog', (type, args) => {
              // Mocha reports through console.log. The workbench's own warnings and errors (mostly its failing
              // attempts to reach the marketplace offline) are shown only with HWC_TEST_VERBOSE=1; those that name
              // this extension always are.
              const text = format(...(Array.isArray(args) ? args : [args]));
              if (!verbose && (type === 'error' || type === 'warn') && !/huaweicloud|hwc-tools/i.test(text)) return;
              (type === 'error' ? console.error : console.log)(text);
            });
            page.on('pageerror', (error) => verbose && console.error(`[page] ${error.message}`));
          },
        })
        .then((page) => {
          if (!args.workspaceTrust) return;
          console.log('vscode-launcher: workspace trust is on, in a profile that trusts no folder');
          // Alongside the tests, which check the trust state themselves.
          answerTrustPrompt(page).then(
            (asked) =>
              asked && console.log('vscode-launcher: answered the trust prompt "No, I don\'t trust the authors"'),
            () => {},
          );
        }, rejectExit);
    });
    return exitCode;
  } catch (error) {
    console.error(`vscode-launcher: ${error.message}`);
    const tail = server.serverLog.slice(-20).join('\n');
    if (tail) console.error(`last lines of code-server's log:\n${tail}`);
    return 1;
  } finally {
    clearTimeout(timer);
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`vscode-launcher: ${error.message}`);
    process.exit(1);
  },
);
