// Runs VS Code 1.139 (as shipped by code-server) on 127.0.0.1 and drives its workbench with Debian's Chromium
// through playwright-core. Shared by the integration-test launcher and the UI tests. The facts behind every flag
// are in ../shared/vscode-test-harness.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configureLanguagePack, packLanguagePack } from './languagePack.mjs';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// One place for the versions: package.json "config.vscodeTest", also read by scripts/setup-vscode.sh.
const { node: NODE_VERSION, codeServer: CODE_SERVER_VERSION } = JSON.parse(
  readFileSync(join(projectRoot, 'package.json'), 'utf8'),
).config.vscodeTest;
const cacheDir = join(projectRoot, '.vscode-test');
const node24 = join(cacheDir, `node-${NODE_VERSION}`, 'bin', 'node');
const codeServerEntry = join(
  cacheDir,
  `code-server-${CODE_SERVER_VERSION}`,
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** User settings that keep a test run quiet, offline and reproducible. */
const quietSettings = {
  'typescript.disableAutomaticTypeAcquisition': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.openRepositoryInParentFolders': 'never',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  // VS Code in a browser saves edits after a delay by default: tests that edit a file must not change it on disk.
  'files.autoSave': 'off',
  // Its overlay of the enclosing lines covers the top lines of a scrolled editor, where a click on a finding lands
  // on the overlay instead (the walkthrough's fix step failed so).
  'editor.stickyScroll.enabled': false,
};

export function assertInstalled() {
  const missing = [node24, codeServerEntry, chromiumPath].filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(`VS Code test harness not installed (missing ${missing.join(', ')}): run \`npm run setup:vscode\``);
  }
}

/**
 * Servers still running, killed whatever way this process ends: code-server runs in its own process group, and
 * an extension host left behind lives for hours and holds vscode.lock.
 */
const running = new Set();
function killAll() {
  for (const { child, home, keepHome } of running) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    if (!keepHome) rmSync(home, { recursive: true, force: true });
  }
  running.clear();
}
let exitHooksInstalled = false;
function installExitHooks() {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.once('exit', killAll);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    process.once(signal, () => {
      killAll();
      process.exit(code);
    });
  }
}

/** Rejects when `port` is taken, so that a second server never hands out the URL of the first. */
export function assertPortFree(port) {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(new Error(`port ${port} on 127.0.0.1 is in use: choose another (HWC_PORT) or stop what uses it`)),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolvePort()));
  });
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(url, child, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${deadlineMs / 1000} s`);
}

/**
 * Writes `settings` into the user settings file `file`, keeping whatever else it holds (a person's own settings, their
 * comments); a new file gets the quiet settings first. jsonc-parser is loaded here, not with this module: `npm test`
 * imports the module before it has installed the dependencies.
 * @param {string} file
 * @param {Record<string, unknown>} settings
 */
export function writeUserSettings(file, settings) {
  if (!existsSync(file)) {
    writeFileSync(file, `${JSON.stringify({ ...quietSettings, ...settings }, null, 2)}\n`);
    return;
  }
  const { applyEdits, modify } = createRequire(import.meta.url)('jsonc-parser');
  let text = readFileSync(file, 'utf8');
  for (const [key, value] of Object.entries(settings)) {
    text = applyEdits(
      text,
      modify(text, [key], value, { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } }),
    );
  }
  writeFileSync(file, text);
}

/**
 * Starts code-server in a fresh, isolated profile (nothing written under $HOME), or with `profile` in that folder,
 * kept after it stops (its settings, extensions and storage: `npm start`'s), `settings` written over its own.
 * With `workspaceTrust: true`, workspace trust is on (no `--disable-workspace-trust`,
 * `security.workspace.trust.enabled: true`) and the fresh profile trusts no folder: a folder opens untrusted, in
 * Restricted Mode (whether VS Code asks first: see `answerTrustPrompt`).
 * With `locale` (`zh-cn`), the workbench runs in that display language: the fixture language pack of
 * test/fixtures is installed and configured (languagePack.mjs) and code-server started with `--locale`.
 * @param {{ vsix?: string | string[], port?: number, settings?: object, env?: Record<string,string>, workspaceTrust?: boolean, profile?: string, locale?: string, log?: (line: string) => void }} options
 */
export async function startCodeServer(options = {}) {
  assertInstalled();
  const log = options.log ?? (() => {});
  const trust = options.workspaceTrust === true;
  const keepHome = options.profile !== undefined;
  const home = keepHome
    ? resolve(options.profile)
    : mkdtempSync(join(tmpdir(), trust ? 'hwc-vscode-trust-' : 'hwc-vscode-'));
  const dirs = {
    userData: join(home, 'user-data'),
    extensions: join(home, 'extensions'),
    xdgConfig: join(home, 'xdg-config'),
    xdgData: join(home, 'xdg-data'),
    xdgCache: join(home, 'xdg-cache'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  const settingsFile = join(dirs.userData, 'User', 'settings.json');
  writeUserSettings(settingsFile, {
    ...(trust ? { 'security.workspace.trust.enabled': true } : {}),
    ...options.settings,
  });
  const configFile = join(home, 'config.yaml');
  writeFileSync(configFile, '');

  // Credentials of the developer's own shell must not leak into a test run.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('HUAWEICLOUD_')),
  );
  const env = {
    ...inherited,
    ...options.env,
    HOME: home,
    // Its extension gallery (open-vsx.org) on a closed loopback port: the workbench never reaches out.
    EXTENSIONS_GALLERY: JSON.stringify({
      serviceUrl: 'http://127.0.0.1:9/gallery',
      itemUrl: 'http://127.0.0.1:9/item',
      resourceUrlTemplate: 'http://127.0.0.1:9/{publisher}/{name}/{version}/{path}',
    }),
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
  };
  const commonArgs = [
    `--user-data-dir=${dirs.userData}`,
    `--extensions-dir=${dirs.extensions}`,
    `--config=${configFile}`,
  ];

  let port;
  try {
    const vsixes = [options.vsix ?? []].flat();
    if (options.locale) vsixes.push(packLanguagePack(options.locale, home));
    if (vsixes.length > 0) {
      const install = spawn(
        node24,
        [codeServerEntry, ...commonArgs, ...vsixes.flatMap((vsix) => ['--install-extension', vsix])],
        { env, stdio: 'pipe' },
      );
      let output = '';
      install.stdout.on('data', (d) => (output += d));
      install.stderr.on('data', (d) => (output += d));
      const code = await new Promise((r) => install.on('close', r));
      if (code !== 0) throw new Error(`code-server --install-extension failed (${code}):\n${output}`);
    }
    if (options.locale) {
      configureLanguagePack({ locale: options.locale, userDataDir: dirs.userData, extensionsDir: dirs.extensions });
    }
    if (options.port !== undefined) await assertPortFree(options.port);
    port = options.port ?? (await freePort());
  } catch (error) {
    if (!keepHome) rmSync(home, { recursive: true, force: true });
    throw error;
  }
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    node24,
    [
      codeServerEntry,
      ...commonArgs,
      `--bind-addr=127.0.0.1:${port}`,
      '--auth=none',
      '--disable-telemetry',
      '--disable-update-check',
      ...(trust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...(options.locale ? [`--locale=${options.locale}`] : []),
      '--vscode-option',
      'enable-smoke-test-driver',
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  installExitHooks();
  const entry = { child, home, keepHome };
  running.add(entry);
  const serverLog = [];
  const collect = (chunk) => {
    for (const line of String(chunk).split('\n')) {
      if (line.trim()) {
        serverLog.push(line);
        log(`[code-server] ${line}`);
      }
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  let browserContext;
  const stop = async () => {
    await browserContext?.close().catch(() => {});
    // Kill the whole group: extension hosts outlive an abandoned page and would hold vscode.lock.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    running.delete(entry);
    if (!keepHome) rmSync(home, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    await waitForHealth(url, child, 30_000);
  } catch (error) {
    await stop();
    error.message += `\ncode-server log:\n${serverLog.slice(-30).join('\n')}`;
    throw error;
  }

  /** Launches headless Chromium on the workbench (for `folder`, with an optional test payload). */
  const openWorkbench = async ({ folder, payload, beforeLoad } = {}) => {
    const { chromium } = await import('playwright-core');
    // A profile on disk, in the run's folder (not an in-memory context): the workbench keeps its global and workspace
    // state (the extensions' mementos among them) in the browser's IndexedDB, and the security suite scans every file
    // VS Code wrote.
    browserContext = await chromium.launchPersistentContext(join(home, 'chromium-profile'), {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      env, // HOME and XDG_* point into the run's folder, so Chromium writes nothing under the real $HOME.
      viewport: { width: 1280, height: 800 },
    });
    const context = browserContext;
    // Only loopback traffic: whatever else the workbench tries (telemetry, galleries) is refused in the browser.
    await context.route(
      (target) => !['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname) && target.protocol.startsWith('http'),
      (route) => route.abort(),
    );
    const page = context.pages()[0] ?? (await context.newPage());
    if (beforeLoad) await beforeLoad(page);
    const query = new URLSearchParams();
    if (folder) query.set('folder', folder);
    if (payload) query.set('payload', JSON.stringify(payload));
    await page.goto(`${url}/?${query}`);
    return page;
  };

  return {
    url,
    port,
    home,
    remoteUri: (path) => `vscode-remote://127.0.0.1:${port}${path}`,
    serverLog,
    openWorkbench,
    stop,
    process: child,
  };
}

/**
 * Answers VS Code's startup question "Do you trust the authors of the files in this folder?" in `page`, when it is
 * asked within `timeoutMs`: "No, I don't trust the authors" (Restricted Mode), or with `trust: true` "Yes, I trust
 * the authors". Resolves with whether the question was asked. VS Code asks only with workspace trust on, for a
 * folder it does not trust yet, when `security.workspace.trust.startupPrompt` is "once" or "always" (1.139's default
 * is "never": the folder then opens in Restricted Mode, with a banner and a status-bar item), and never in an
 * extension-test run (its dialog service refuses dialogs while `extensionTestsPath` is set).
 * @param {import('playwright-core').Page} page
 * @param {{ trust?: boolean, timeoutMs?: number }} options
 */
export async function answerTrustPrompt(page, { trust = false, timeoutMs = 30_000 } = {}) {
  const dialog = page.locator('.monaco-dialog-box').filter({ hasText: 'trust the authors' });
  try {
    await dialog.waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    return false;
  }
  await dialog
    .getByRole('button', { name: trust ? 'Yes, I trust the authors' : "No, I don't trust the authors" })
    .click();
  await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
  return true;
}
