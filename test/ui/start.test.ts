// `npm start` as a person uses it (scripts/start.mjs, in a start folder of its own: HWC_START_HOME): the workbench at
// the printed URL shows every state at once, sample/valid's documents linked, one with an edit pending and
// sample/invalid's with fixes; started again, the same address, the profile and the links are back and the slow
// states re-armed; with --fresh, all of it starts over.
import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { chromiumPath, projectRoot } from '../../scripts/lib/codeServer.mjs';
import { startFiles } from '../../scripts/lib/startHome.mjs';
import { SHOWCASE } from '../../src/emulator/scenario';
import { commandOffered, notification, quickFixFor, runCommand, treeRow, treeRows } from '../support/workbench';

const screenshots = join(projectRoot, 'out', 'screenshots');

interface Started {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly url: string;
  readonly port: number;
}

/** `npm start [options]` (the script itself, as npm runs it), until it prints the workbench's URL. */
function npmStart(home: string, options: string[] = []): Promise<Started> {
  const child = spawn(process.execPath, [join(projectRoot, 'scripts', 'start.mjs'), ...options], {
    cwd: projectRoot,
    env: { ...process.env, HWC_START_HOME: home, HWC_PORT: '' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no URL within 3 minutes:\n${output}`)), 180_000);
    const read = (chunk: Buffer) => {
      output += String(chunk);
      const match = /pointed at the emulator: (http:\/\/127\.0\.0\.1:(\d+)\/\?\S+)/.exec(output);
      if (match?.[1] && match[2]) {
        clearTimeout(timer);
        resolve({ child, output: () => output, url: match[1], port: Number(match[2]) });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (code ${String(code)}):\n${output}`));
    });
  });
}

/** Stops npm start as a closed terminal does: its process group gets SIGTERM. */
async function stop(started: Started | undefined): Promise<void> {
  if (!started || started.child.exitCode !== null) return;
  const exited = new Promise((resolve) => started.child.once('exit', resolve));
  process.kill(-(started.child.pid as number), 'SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
  try {
    process.kill(-(started.child.pid as number), 'SIGKILL');
  } catch {
    /* gone */
  }
}

/** When the emulator's state file says the showcase's Creating network was created. */
function creatingSince(stateFile: string): number {
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as {
    networks: Record<string, { createdAtMs: number; network: { metadata: { labels: Record<string, string> } } }[]>;
  };
  const record = Object.values(state.networks)
    .flat()
    .find((network) => network.network.metadata.labels['os.modelarts/name'] === SHOWCASE.creating);
  assert.ok(record, `no ${SHOWCASE.creating} in ${stateFile}`);
  return record.createdAtMs;
}

describe('npm start', () => {
  let home: string;
  let files: ReturnType<typeof startFiles>;
  let browser: BrowserContext | undefined;
  let page: Page;
  let started: Started | undefined;
  let firstPort: number;
  let firstCreation: number;

  const row = (label: string) => treeRow(page, label);
  const description = async (label: string) =>
    (await treeRows(page)).find((shown) => shown.label === label)?.description ?? '';
  /** A row's description and its icon: the phase is the icon (its codicon), the description leads with the CIDR. */
  const shownAs = async (label: string) => {
    const shown = (await treeRows(page)).find((candidate) => candidate.label === label);
    return `${shown?.icon ?? ''} ${shown?.description ?? ''}`;
  };
  /** Opens a file of the workspace with Quick Open. */
  const openFile = async (name: string) => {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.fill(name);
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: name }).first().waitFor();
    await input.press('Enter');
    await page.locator('.tabs-container .tab.active').filter({ hasText: name }).waitFor({ timeout: 15_000 });
  };
  const openWorkbench = async (url: string) => {
    browser ??= await chromium.launchPersistentContext(join(home, 'chromium'), {
      executablePath: chromiumPath,
      viewport: { width: 1280, height: 800 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  };

  before(() => {
    home = mkdtempSync(join(tmpdir(), 'hwc-start-'));
    files = startFiles(home);
    mkdirSync(screenshots, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await stop(started);
    rmSync(home, { recursive: true, force: true });
  });

  it('serves a workbench whose explorer shows Creating, Abnormal, a peer connection Connecting, a group in use and Load more…', async () => {
    started = await npmStart(home, ['--fresh']);
    firstPort = started.port;
    assert.match(
      started.output(),
      /scenario: 2 documents of .*sample\/valid live, web-servers\.address-group\.json with an edit pending; showcase-creating and showcase-peering slow for 10 minutes; made training, web-servers, showcase-creating/,
    );
    await openWorkbench(started.url);
    await page.locator('.activitybar .action-item a[aria-label^="Huawei Cloud"]').click();
    // The connection is the emulator's, named as such (not "AK HWCE…" or the environment's keys).
    await row('Local emulator').waitFor({ timeout: 60_000 });
    assert.equal(await description('Local emulator'), 'cn-north-4');
    await row('ModelArts Networks').click();
    await row(SHOWCASE.creating).waitFor({ timeout: 30_000 });
    assert.match(await shownAs('training'), /^codicon-pass 172\.16\.0\.0\/16$/);
    assert.match(await shownAs(SHOWCASE.creating), /^codicon-(sync|loading|modifier-spin|circle-outline) \d+\./);
    assert.match(await shownAs(SHOWCASE.abnormal), /^codicon-error \d+\./);
    assert.match(await shownAs(SHOWCASE.peering), /^codicon-pass \d+\./);
    await row(SHOWCASE.peering).click();
    await row('Peer connections').click();
    await page
      .locator('.sidebar .monaco-list-row')
      .filter({ hasText: 'Connecting' })
      .first()
      .waitFor({ timeout: 15_000 });

    await row('VPC Address Groups').click();
    await row(SHOWCASE.inUse).waitFor({ timeout: 30_000 });
    // The tree draws only the rows in sight: the last one, after the first page of groups, is brought there.
    await page.keyboard.press('End');
    await row('Load more…').waitFor({ timeout: 30_000 });
    assert.match(await description('Load more…'), /^100 loaded$/);
    await page.keyboard.press('Home');
    await page.screenshot({ path: join(screenshots, 'npm-start-explorer.png') });
  });

  it('names the emulator in the status bar and in Check Connection, and does not offer to start another', async () => {
    // The showcase's slow states are followed, so the item's text is theirs ("2 operations: in progress"); the
    // connection is in its tooltip and in the list it opens, beside "Select Region / Project…".
    const status = page.locator('[id="hwc-tools.huaweicloud-networks.huaweicloud.status"]');
    await status.waitFor({ timeout: 30_000 });
    await status.click();
    const connectionRow = page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ hasText: 'Select Region / Project…' })
      .first();
    await connectionRow.waitFor({ timeout: 15_000 });
    assert.match(await connectionRow.innerText(), /Local emulator/);
    await page.keyboard.press('Escape');
    await runCommand(page, 'Huawei Cloud: Check Connection');
    const checked = await notification(
      page,
      'Connected to the Local emulator at http://127.0.0.1:',
      30_000,
      join(screenshots, 'npm-start-check-connection.png'),
    );
    assert.match(
      await checked.innerText(),
      /\(cn-north-4, project [0-9a-f]{32}\), not Huawei Cloud: \d+\+? ModelArts networks/,
    );
    assert.equal(
      await commandOffered(page, 'Huawei Cloud: Start Local Emulator', 'Huawei Cloud: Stop Local Emulator'),
      false,
    );
  });

  it('Delete… on the group in use offers Force Delete', async () => {
    const group = row(SHOWCASE.inUse);
    await group.scrollIntoViewIfNeeded();
    await group.hover();
    await group.locator('.actions .action-label[aria-label="Delete…"]').click();
    const confirm = page.locator('.monaco-dialog-box').filter({ hasText: `Delete address group ${SHOWCASE.inUse}` });
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    const inUse = page
      .locator('.monaco-dialog-box')
      .filter({ hasText: `Address group ${SHOWCASE.inUse} is in use and was not deleted.` });
    await inUse.waitFor({ timeout: 30_000 });
    assert.match(await inUse.innerText(), /Used by: .*showcase-web-servers/);
    // Never the default: the first button keeps the group; Force Delete… asks for the name.
    await inUse.getByRole('button', { name: 'Keep the Group' }).waitFor();
    await inUse.getByRole('button', { name: 'Force Delete…' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'npm-start-force-delete.png') });
    await page.keyboard.press('Escape');
    await inUse.waitFor({ state: 'hidden' });
  });

  it("links sample/valid's documents: Compare with Live shows the group document's edit not applied yet", async () => {
    await openFile('web-servers.address-group.json');
    await page.locator('.codelens-decoration').filter({ hasText: 'Linked to' }).first().waitFor({ timeout: 30_000 });
    await runCommand(page, 'Huawei Cloud: Compare with Live');
    await page
      .locator('.tabs-container .tab.active')
      .filter({ hasText: 'web-servers (live) ↔ web-servers.address-group.json' })
      .waitFor({ timeout: 30_000 });
    await page
      .locator('.editor.modified .line-insert, .editor.modified .char-insert')
      .first()
      .waitFor({ timeout: 15_000 });
    assert.match(await page.locator('.editor.modified .view-lines').innerText(), /192\.168\.5\.0\/24/);
    await page.screenshot({ path: join(screenshots, 'npm-start-compare.png') });
    await openFile('training.network.json');
    await page
      .locator('.codelens-decoration')
      .filter({ hasText: 'Compare with Live' })
      .first()
      .waitFor({ timeout: 30_000 });
  });

  it("sample/invalid's documents show their errors, with quick fixes", async () => {
    await openFile('experiments.network.json');
    // The CIDR's host bits (the extension's rules: an error) and the name (the JSON schema's pattern, which VS Code's
    // JSON service reports as a warning).
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+F');
    await page
      .locator('.editor-widget.find-widget .find-part textarea, .editor-widget.find-widget .find-part input')
      .first()
      .fill('172.17.0.1/16');
    await page.keyboard.press('Escape');
    await quickFixFor(page, '172.17.0.1/16', 'Use the network address: 172.17.0.0/16');
    await page.keyboard.press('Escape');
  });

  it('started again: the same address, the profile, the links and the layout are back, and the slow states are re-armed', async () => {
    firstCreation = creatingSince(files.state);
    const settingsFile = join(files.profile, 'user-data', 'User', 'settings.json');
    // A setting of one's own, as the Settings editor writes it.
    writeFileSync(
      settingsFile,
      readFileSync(settingsFile, 'utf8').replace(/^\{/, '{\n  // mine\n  "editor.fontSize": 15,'),
    );
    await stop(started);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    started = await npmStart(home);
    assert.equal(started.port, firstPort);
    assert.match(started.output(), /showcase-creating and showcase-peering slow for 10 minutes\n/);
    assert.ok(creatingSince(files.state) > firstCreation, 'the Creating network was not re-armed');
    const settings = readFileSync(settingsFile, 'utf8');
    assert.match(settings, /\/\/ mine\n\s*"editor\.fontSize": 15/);
    // The emulator is named in the extension host's environment: no endpoint settings point at it.
    assert.doesNotMatch(settings, /huaweicloud\.(endpoints|credentialSource)/);

    await openWorkbench(started.url);
    // The window as it was left: the Huawei Cloud view open, the documents in their tabs, the links in place.
    await page.locator('.sidebar .title-label').filter({ hasText: 'Huawei Cloud' }).waitFor({ timeout: 30_000 });
    await page
      .locator('.tabs-container .tab')
      .filter({ hasText: 'experiments.network.json' })
      .waitFor({ timeout: 30_000 });
    await page.locator('.tabs-container .tab').filter({ hasText: 'web-servers.address-group.json' }).first().click();
    await page.locator('.codelens-decoration').filter({ hasText: 'Linked to' }).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(screenshots, 'npm-start-again.png') });
  });

  it('with --fresh: a new emulator state, a new profile and a new address', async () => {
    // The browser's profile is in the folder --fresh clears: closed first, so that it writes nothing there meanwhile.
    await browser?.close();
    browser = undefined;
    await stop(started);
    started = await npmStart(home, ['--fresh']);
    assert.notEqual(started.port, firstPort);
    assert.match(started.output(), /npm start --fresh: cleared /);
    assert.match(started.output(), /; made training, web-servers, showcase-creating/);
    assert.doesNotMatch(
      readFileSync(join(files.profile, 'user-data', 'User', 'settings.json'), 'utf8'),
      /editor\.fontSize/,
    );
    await stop(started);
  });
});
