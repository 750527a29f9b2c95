// `npm run screenshots`: the pictures of the README and docs/, taken in the workbench `npm start` serves (VS Code
// 1.139 from code-server, the extension loaded from this folder, pointed at the local emulator with its well-known
// key), driven with Playwright on Chromium as a person would use it, into images/.
//   --check  the same run, its pictures written to out/screenshots-check/ (not committed): npm test's `screenshots`
//            layer, so that a change that breaks a picture's state fails; exits non-zero when a state is not reached
//   --list   prints the pictures a run takes, one file name a line, and exits (the docs test reads it)
// Everything the pictures show is made here: the documents, the resources (created through the UI), the emulator's
// faults and delays. The English pictures come first; then a second workbench in Simplified Chinese (the zh-cn
// language pack of test/fixtures, a CJK font from setup-vscode.sh) takes *.zh-cn.png. Ends with one line
// `N passed, N failed`, a picture each.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ensureNpmPackages, ensureVSCodeHarness } from './lib/bootstrap.mjs';
import { projectRoot, startCodeServer } from './lib/codeServer.mjs';
import { readManifest } from './lib/manifest.mjs';
import { startEmulatorProcess } from './lib/emulatorProcess.mjs';
import { runCommand } from './lib/workbench.mjs';

const USAGE = 'usage: npm run screenshots [-- --check | --list]';
const args = process.argv.slice(2);
const unknown = args.filter((arg) => !['--check', '--list'].includes(arg));
if (unknown.length > 0 || args.length > 1) {
  console.error(
    `screenshots: unexpected ${unknown.length > 0 ? `argument ${unknown.join(' ')}` : 'arguments: give one option'}\n${USAGE}`,
  );
  process.exit(2);
}
const check = args.includes('--check');

/** The workbench names an extension's status bar element `<publisher>.<name>.<item id>`. */
const manifest = readManifest(); // the English texts: its %key% placeholders resolved through package.nls.json
const STATUS_ITEM_ID = `${manifest.publisher}.${manifest.name}.huaweicloud.status`;
const walkthrough = manifest.contributes?.walkthroughs?.[0];
const REGION = 'cn-north-4';
/**
 * How long a new network stays `Creating` in the emulator: the provisioning tracker looks after 2, 6 and 14 s, so
 * it sees `Creating` at 2 and 6 s and `Active` at 14 s, leaving the explorer's picture about ten seconds.
 */
const CREATE_DELAY_MS = 12_000;
const WAIT_MS = 30_000;
/** Wide enough for a resource's row with its phase and CIDR. */
const SIDE_BAR_WIDTH = 480;

/** The documents of the workspace the pictures show, written anew each run. */
const networkDocument = (name, cidr) => ({
  apiVersion: 'v1',
  kind: 'Network',
  metadata: { labels: { 'os.modelarts/name': name, 'os.modelarts/workspace.id': '0' } },
  spec: { cidr },
});
const DOCUMENTS = {
  'training-net.network.json': networkDocument('training-net', '172.16.0.0/16'),
  'batch-jobs.network.json': networkDocument('batch-jobs', '172.17.0.0/16'),
  'inference-net.network.json': networkDocument('inference-net', '192.168.0.0/17'),
  'office-egress.address-group.json': {
    address_group: {
      name: 'office-egress',
      ip_version: 4,
      ip_set: ['192.168.3.0/24', '192.168.5.20-192.168.5.100'],
      max_capacity: 20,
      description: 'Office NAT egress',
      enterprise_project_id: '0',
    },
  },
  // A range written backwards: an error with a quick fix.
  'partner-ranges.address-group.json': {
    address_group: {
      name: 'partner-ranges',
      ip_version: 4,
      ip_set: ['203.0.113.0/24', '198.51.100.200-198.51.100.10'],
      max_capacity: 20,
      description: 'Partners',
    },
  },
};
/** The network that ends `Abnormal` (an emulator fault), so that the explorer shows every phase. */
const ABNORMAL_NETWORK = 'batch-jobs';

/**
 * The pictures, in the order they are taken: each step drives the workbench to its state, waits until the state is
 * reached (throwing, with what was missing, otherwise), and returns what to photograph: a locator, or a clip of the
 * page; `after` leaves the workbench ready for the next. Later steps build on earlier ones, so the first failure ends
 * the run.
 * @type {{ file: string, what: string, take: (ctx: Context) => Promise<Shot>, after?: (ctx: Context) => Promise<void> }[]}
 */
const STEPS = [
  {
    file: 'diagnostic-fix.png',
    what: 'a diagnostic and its lightbulb fix',
    async take(ctx) {
      // Two networks are created first: by the time the explorer is photographed they have settled, one Abnormal.
      await ctx.emulator.control('PUT', 'faults', { abnormalNetworks: [ABNORMAL_NETWORK] });
      await ctx.create('batch-jobs.network.json', /^batch-jobs: Creating$/);
      await ctx.create('training-net.network.json', /^2 operations: Creating$/);

      await ctx.open('partner-ranges.address-group.json');
      await ctx.shown(
        ctx.page.locator('.editor-group-container.active .squiggly-error').first(),
        'the red squiggle under the reversed range',
      );
      // The cursor on the line shows the lightbulb; the mouse on the squiggle shows the diagnostic.
      const reversed = ctx.editorText('198.51.100.200-198.51.100.10');
      await reversed.click({ position: { x: 3, y: 5 } });
      await reversed.hover();
      const hover = await ctx.shown(
        ctx.page.locator('.monaco-hover:visible').filter({ hasText: 'the range is reversed' }),
        "the diagnostic's hover",
      );
      await hover.locator('a, .action').filter({ hasText: 'Quick Fix' }).first().click();
      const fix = await ctx.shown(
        ctx.page.locator('.action-widget').filter({ hasText: FIX_TITLE }),
        `the quick fix "${FIX_TITLE}"`,
      );
      await ctx.shown(ctx.page.locator('.editor-group-container.active .lightBulbWidget').first(), 'the lightbulb');
      await ctx.shown(hover, "the diagnostic's hover beside the quick fix");
      return ctx.editorRegion([hover, fix]);
    },
    async after(ctx) {
      // Fixed, then created: the explorer shows it too.
      await ctx.page.locator('.action-widget .monaco-list-row').filter({ hasText: FIX_TITLE }).click();
      await ctx.shown(
        ctx.editorLines().filter({ hasText: '198.51.100.10-198.51.100.200' }),
        'the range, swapped by the fix',
      );
      await ctx.page
        .locator('.editor-group-container.active .squiggly-error')
        .first()
        .waitFor({ state: 'detached', timeout: WAIT_MS });
      await ctx.page.keyboard.press('Control+S');
      await ctx.create('partner-ranges.address-group.json');
    },
  },
  {
    file: 'hover.png',
    what: 'an address hover',
    async take(ctx) {
      await ctx.open('office-egress.address-group.json');
      await ctx.editorText('192.168.5.20-192.168.5.100').hover();
      const hover = await ctx.shown(
        ctx.page
          .locator('.monaco-hover:visible')
          .filter({ hasText: 'IPv4, 81 addresses: 192.168.5.20 – 192.168.5.100' }),
        'the hover of the range',
      );
      return ctx.editorRegion([hover]);
    },
    async after(ctx) {
      await ctx.page.mouse.move(5, 400);
    },
  },
  {
    file: 'compare.png',
    what: 'Compare with Live',
    async take(ctx) {
      // Created from its document, which is linked to it since: an edit is a difference.
      await runCommand(ctx.page, 'View: Close All Editors');
      await ctx.create('office-egress.address-group.json');
      await ctx.replaceInEditor('Office NAT egress', 'Office NAT and VPN egress');
      await ctx.replaceInEditor('192.168.5.20-192.168.5.100', '192.168.5.20-192.168.5.120');
      await ctx.page.keyboard.press('Control+S');
      await ctx.shown(ctx.page.locator('.tabs-container .tab.active:not(.dirty)'), 'the document saved');
      // Side by side needs the width the side bar takes.
      await runCommand(ctx.page, 'View: Toggle Primary Side Bar Visibility');
      await ctx.page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: WAIT_MS });
      await runCommand(ctx.page, 'Huawei Cloud: Compare with Live');
      const diff = ctx.page.locator('.editor-group-container.active .monaco-diff-editor.side-by-side').first();
      await ctx.shown(
        diff.locator('.editor.modified .view-lines').filter({ hasText: '192.168.5.120' }),
        "the document's side of the diff",
      );
      await ctx.shown(
        diff.locator('.editor.original .view-lines').filter({ hasText: '192.168.5.100' }),
        'the live side of the diff',
      );
      await ctx.shown(diff.locator('.char-insert').first(), 'the difference marked');
      const tabs = await ctx.page.locator('.editor-group-container.active .title').first().boundingBox();
      const lines = await diff.locator('.editor.modified .view-line').last().boundingBox();
      if (!tabs || !lines) throw new Error('the diff editor is not laid out');
      return { clip: { x: tabs.x, y: tabs.y, width: tabs.width, height: lines.y + lines.height + 12 - tabs.y } };
    },
    async after(ctx) {
      await runCommand(ctx.page, 'View: Toggle Primary Side Bar Visibility');
      await runCommand(ctx.page, 'View: Close All Editors');
    },
  },
  {
    file: 'status-creating.png',
    what: 'the status bar while a network is Creating',
    async take(ctx) {
      // The networks created first have settled; the Abnormal one waits, with the error background, to be opened.
      await ctx.statusText(/^batch-jobs: Abnormal$/, 60_000);
      await ctx.status.click();
      await ctx.shown(
        ctx.page.locator('.quick-input-widget .quick-input-title').filter({ hasText: 'Provisioning Operations' }),
        'the operations list',
      );
      await ctx.page
        .locator('.quick-input-list .monaco-list-row')
        .filter({ hasText: ABNORMAL_NETWORK })
        .first()
        .click();
      await ctx.statusText(/^Local emulator$/);
      await ctx.create('inference-net.network.json', /^inference-net: Creating$/);
      await ctx.shown(ctx.status.locator('.codicon-modifier-spin, .codicon-sync').first(), 'the spinner');
      return ctx.statusBar();
    },
  },
  {
    file: 'explorer.png',
    what: 'the explorer with phases',
    async take(ctx) {
      for (const list of ['ModelArts Networks', 'VPC Address Groups']) {
        const row = ctx.row(list);
        if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
      }
      await ctx.rowWith('inference-net', 'Creating', 'codicon-modifier-spin');
      await ctx.rowWith('training-net', 'Active', 'codicon-pass');
      await ctx.rowWith(ABNORMAL_NETWORK, 'Abnormal', 'codicon-error');
      await ctx.rowWith('office-egress', 'Normal', 'codicon-pass');
      await ctx.rowWith('partner-ranges', 'Normal', 'codicon-pass');
      await ctx.statusText(/^inference-net: Creating$/);
      const title = await ctx.page.locator('.part.titlebar').boundingBox();
      const top = title ? title.y + title.height : 0;
      return { clip: { x: 0, y: top, width: 900, height: 330 } };
    },
  },
  {
    file: 'status-active.png',
    what: 'the status bar at Active',
    async take(ctx) {
      await ctx.statusText(/^inference-net: Active$/, 60_000);
      await ctx.shown(ctx.status.locator('.codicon-check'), 'the check mark');
      return ctx.statusBar();
    },
  },
  {
    file: 'delete-confirm.png',
    what: 'the delete confirmation',
    async take(ctx) {
      await ctx.row('training-net').click({ button: 'right' });
      await ctx.page
        .locator('.context-view .monaco-menu .action-label')
        .filter({ hasText: /^Delete…$/ })
        .click();
      const dialog = await ctx.shown(
        ctx.page.locator('.monaco-dialog-box').filter({ hasText: 'Delete network training-net' }),
        'the confirmation',
      );
      await ctx.shown(dialog.getByRole('button', { name: 'Delete' }), 'its Delete button');
      return dialog;
    },
    async after(ctx) {
      await ctx.page.locator('.monaco-dialog-box').getByRole('button', { name: 'Cancel' }).click();
    },
  },
  {
    file: 'filter.png',
    what: 'Filter by Name offering the names loaded',
    async take(ctx) {
      // The list's inline filter icon, as a person finds it.
      const list = ctx.row('VPC Address Groups');
      await list.hover();
      await list.locator('.actions .action-label[aria-label^="Filter by Name"]').click();
      const input = ctx.page.locator('.quick-input-widget input');
      await ctx.shown(input, 'the filter box');
      await input.fill('office');
      await ctx.shown(
        ctx.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'office-egress' }).first(),
        'the loaded name offered',
      );
      return ctx.page.locator('.quick-input-widget');
    },
    async after(ctx) {
      await ctx.page.keyboard.press('Escape');
    },
  },
  // Taken when the extension contributes a walkthrough.
  ...(walkthrough
    ? [
        {
          file: 'walkthrough.png',
          what: 'the walkthrough',
          async take(ctx) {
            await runCommand(ctx.page, 'View: Close All Editors');
            await runCommand(ctx.page, 'Welcome: Open Walkthrough...');
            const input = ctx.page.locator('.quick-input-widget input');
            await input.fill(walkthrough.title);
            await ctx.page
              .locator('.quick-input-list .monaco-list-row')
              .filter({ hasText: walkthrough.title })
              .first()
              .click();
            const steps = ctx.page.locator('.gettingStartedContainer .getting-started-step');
            await ctx.shown(steps.first(), `the walkthrough "${walkthrough.title}"`);
            const editor = await ctx.page.locator('.part.editor').boundingBox();
            if (!editor) throw new Error('the editor area is not shown');
            return { clip: { x: editor.x, y: editor.y, width: editor.width, height: Math.min(editor.height, 460) } };
          },
        },
      ]
    : []),
];
const FIX_TITLE = 'Swap the ends of the range: 198.51.100.10-198.51.100.200';

/** The contributed strings in Chinese (package.nls.zh-cn.json resolved), for the pictures of the zh-cn workbench. */
const chineseManifest = readManifest({ locale: 'zh-cn' });
const chineseCategory = chineseManifest.contributes.commands[0].category;
/**
 * The pictures of the workbench in Simplified Chinese: a second workbench, started with the zh-cn language pack of
 * test/fixtures (scripts/lib/languagePack.mjs), on the same emulator, after the English pictures.
 */
const CHINESE_STEPS = [
  {
    file: 'workbench.zh-cn.png',
    what: 'the workbench in Chinese: the Huawei Cloud view and the commands in the palette',
    async take(ctx) {
      const { page } = ctx;
      const title = chineseManifest.contributes.viewsContainers.activitybar[0].title;
      await page.locator(`.activitybar .action-item a[aria-label^="${title}"]`).click();
      // The connection and its two services, then the networks the English pictures created.
      await ctx.shown(
        page.locator('.sidebar .monaco-list-row').nth(2),
        'the connection in the Huawei Cloud view',
        60_000,
      );
      await ctx.widenSideBar();
      await page.locator('.sidebar .monaco-list-row').nth(1).click();
      await ctx.shown(page.locator('.sidebar .monaco-list-row').nth(4), "the connection's networks");
      await page.keyboard.press('F1');
      const input = await ctx.shown(page.locator('.quick-input-widget input'), 'the command palette');
      await input.fill(`>${chineseCategory}`);
      await ctx.shown(
        page
          .locator('.quick-input-list .monaco-list-row')
          .filter({ hasText: `${chineseCategory}: ` })
          .nth(3),
        `the "${chineseCategory}" commands in the palette`,
      );
      return { clip: { x: 0, y: 0, ...page.viewportSize() } };
    },
    async after(ctx) {
      await ctx.page.keyboard.press('Escape');
    },
  },
];

/** The workbenches the pictures are taken in, one after the other: English, then Chinese. */
const SESSIONS = [
  { locale: undefined, steps: STEPS },
  { locale: 'zh-cn', steps: CHINESE_STEPS },
];
const ALL_STEPS = SESSIONS.flatMap((session) => session.steps);

if (args.includes('--list')) {
  for (const { file } of ALL_STEPS) console.log(file);
  process.exit(0);
}

/** @typedef {import('playwright-core').Locator | { clip: { x: number, y: number, width: number, height: number } }} Shot */
/** @typedef {ReturnType<typeof makeContext>} Context */

/** What the steps share: the page, the emulator, and what a person does there, each waiting for its effect. */
function makeContext(page, emulator, workspace) {
  const status = page.locator(`[id="${STATUS_ITEM_ID}"]`);
  const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ctx = {
    page,
    emulator,
    status,
    /** Waits for `locator` to be shown; the error says that `what` was not. */
    async shown(locator, what, timeout = WAIT_MS) {
      try {
        await locator.waitFor({ state: 'visible', timeout });
      } catch {
        throw new Error(`${what} was not shown within ${timeout / 1000} s`);
      }
      return locator;
    },
    /** A row of the Resources view, by its label. */
    row: (label) =>
      page
        .locator('.sidebar .monaco-list-row')
        .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
        .first(),
    /** Waits until the row `label` is at `phase`: the phase is the row's icon, `icon`. */
    async rowWith(label, phase, icon) {
      const row = ctx.row(label);
      await ctx.shown(row, `the explorer's row ${label}`);
      await ctx.shown(row.locator(`.custom-view-tree-node-item-icon.${icon}`), `the ${icon} icon of the row ${label}`);
    },
    /** The status bar item's text (icons are elements, not text), once it matches `expected`. */
    async statusText(expected, timeout = WAIT_MS) {
      const deadline = Date.now() + timeout;
      let text = '';
      while (Date.now() < deadline) {
        text = (await status.innerText().catch(() => '')).trim();
        if (expected.test(text)) return text;
        await page.waitForTimeout(200);
      }
      throw new Error(`the status bar item reads "${text}", not ${expected}, after ${timeout / 1000} s`);
    },
    /** Opens a file of the workspace with Go to File. */
    async open(file) {
      await page.keyboard.press('Control+P');
      const input = await ctx.shown(page.locator('.quick-input-widget input'), 'Go to File');
      await input.fill(file);
      await ctx.shown(
        page.locator('.quick-input-list .monaco-list-row').filter({ hasText: file }).first(),
        `${file} in Go to File`,
      );
      await input.press('Enter');
      await ctx.shown(
        page.locator(`.tabs-container .tab.active[data-resource-name="${file}"]`),
        `the editor of ${file}`,
      );
      await ctx.shown(ctx.editorLines().filter({ hasText: '{' }), `the text of ${file}`);
      // The CodeLenses above the document move its lines down when they come: wait for them before pointing at a line.
      await ctx.shown(
        page.locator('.editor-group-container.active .codelens-decoration').first(),
        `the CodeLenses of ${file}`,
      );
    },
    /**
     * Opens `file` and runs Create from Document on it; then waits until the status bar matches `following` (a
     * network), or the explorer lists the group (an address group is NORMAL from the start).
     */
    async create(file, following) {
      await ctx.open(file);
      await runCommand(page, 'Huawei Cloud: Create from Document');
      if (following) await ctx.statusText(following);
      else {
        const name = JSON.parse(readFileSync(join(workspace, file), 'utf8')).address_group.name;
        await ctx.shown(ctx.row(name), `the explorer's row of the new group ${name}`);
      }
    },
    /** The text lines of the active editor. */
    editorLines: () => page.locator('.editor-group-container.active .monaco-editor .view-lines').first(),
    /** The token of the active editor that shows `text` (a JSON string: with its quotes). */
    editorText: (text) =>
      page
        .locator('.editor-group-container.active .monaco-editor .view-line span')
        .filter({ hasText: new RegExp(`^"?${escapeRegExp(text)}"?$`) })
        .last(),
    /** Replaces the only occurrence of `text` in the active editor with `replacement`, through Find and typing. */
    async replaceInEditor(text, replacement) {
      await ctx.editorLines().click();
      await page.keyboard.press('Control+F');
      const find = await ctx.shown(
        page.locator('.find-widget.visible textarea, .find-widget.visible input').first(),
        'the find widget',
      );
      await find.fill(text);
      await ctx.shown(
        page.locator('.find-widget.visible .matchesCount').filter({ hasText: /^1 of 1$/ }),
        `one match of "${text}"`,
      );
      // Closing Find leaves the match selected: typing replaces it.
      await page.keyboard.press('Escape');
      await page.keyboard.type(replacement);
      await ctx.shown(ctx.editorLines().filter({ hasText: replacement }), `"${replacement}" in the editor`);
    },
    /** The status bar from its left end to a little past the item (which sits on the left). */
    async statusBar() {
      const bar = await page.locator('.part.statusbar').boundingBox();
      const item = await status.boundingBox();
      if (!bar || !item) throw new Error('the status bar is not shown');
      return {
        clip: { x: bar.x, y: bar.y, width: Math.min(bar.width, item.x + item.width + 16 - bar.x), height: bar.height },
      };
    },
    /**
     * The active editor's document (from its line numbers and CodeLens to its last line) with the `widgets` shown
     * over it, and a margin.
     */
    async editorRegion(widgets) {
      const editor = await page.locator('.editor-group-container.active .monaco-editor').first().boundingBox();
      if (!editor) throw new Error('no editor is shown');
      // Where the text ends: lines are as wide as the editor, their tokens are not.
      const text = await page
        .locator('.editor-group-container.active .monaco-editor .view-line > span')
        .evaluateAll((spans) => ({
          right: Math.max(...spans.map((span) => span.getBoundingClientRect().right)),
          bottom: Math.max(...spans.map((span) => span.getBoundingClientRect().bottom)),
        }));
      const boxes = [{ x: editor.x, y: editor.y, width: text.right - editor.x, height: text.bottom - editor.y }];
      for (const locator of widgets) {
        const box = await locator.boundingBox();
        if (!box) throw new Error(`${locator} is not shown`);
        boxes.push(box);
      }
      // A hover may reach past the editor's edges, over the side bar or the tabs.
      const left = Math.max(0, Math.min(...boxes.map((b) => b.x)) - 4);
      const right = Math.min(editor.x + editor.width, Math.max(...boxes.map((b) => b.x + b.width)) + 12);
      const top = Math.max(0, Math.min(...boxes.map((b) => b.y)));
      const bottom = Math.min(editor.y + editor.height, Math.max(...boxes.map((b) => b.y + b.height)) + 12);
      return { clip: { x: left, y: top, width: right - left, height: bottom - top } };
    },
    /** Opens the Resources view, waits for the connection, and widens the side bar so that rows are not cut. */
    async openResourcesView() {
      await page.locator('.activitybar .action-item a[aria-label^="Huawei Cloud"]').click();
      // The connection is the emulator's, named as such (npm start's, through HUAWEICLOUD_EMULATOR_URL).
      await ctx.shown(ctx.row('Local emulator'), 'the connection in the Resources view', 60_000);
      await ctx.widenSideBar();
    },
    /** Widens the side bar so that the Resources view's rows are not cut. */
    async widenSideBar() {
      const sash = await page.locator('.monaco-sash.primary-sidebar-sash').boundingBox();
      if (!sash) throw new Error('the side bar has no sash to widen it by');
      await page.mouse.move(sash.x + sash.width / 2, sash.y + sash.height / 2);
      await page.mouse.down();
      await page.mouse.move(SIDE_BAR_WIDTH, sash.y + sash.height / 2, { steps: 10 });
      await page.mouse.up();
    },
  };
  return ctx;
}

function step(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function main() {
  ensureNpmPackages();
  ensureVSCodeHarness();
  step(process.execPath, ['scripts/build.mjs']);

  const outputDir = join(projectRoot, check ? join('out', 'screenshots-check') : 'images');
  mkdirSync(outputDir, { recursive: true });
  const workspace = join(projectRoot, 'out', 'screenshots-workspace');
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(workspace, { recursive: true });
  for (const [file, document] of Object.entries(DOCUMENTS)) {
    writeFileSync(join(workspace, file), `${JSON.stringify(document, null, 2)}\n`);
  }

  // As `npm start` serves it: the emulator first, named in the extension host's environment, so that the connection
  // is the "Local emulator" one. In memory, and slow enough that `Creating` stays on screen.
  const emulator = await startEmulatorProcess([
    '--port',
    '0',
    '--quiet',
    '--pending-ms',
    '0',
    '--create-delay-ms',
    String(CREATE_DELAY_MS),
  ]);
  const results = [];
  const started = Date.now();
  try {
    for (const [n, session] of SESSIONS.entries()) {
      // A failure ends the run: the steps build on one another, and the next session on the emulator's state.
      if (results.includes(false)) {
        for (const rest of session.steps) console.error(`not run ${rest.file}: ${rest.what}`);
        results.push(...session.steps.map(() => false));
        continue;
      }
      await takeSession(session, { emulator, workspace, outputDir, results, first: n === 0 });
    }
  } finally {
    emulator.stop();
  }
  const failed = results.filter((ok) => !ok).length;
  if (failed === 0) {
    console.log(
      `\nThe pictures are in ${outputDir} (${((Date.now() - started) / 1000).toFixed(0)} s in the workbench).`,
    );
  }
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

/**
 * Takes the pictures of `session` in a workbench of its display language (`locale`: the fixture language pack, see
 * scripts/lib/languagePack.mjs), pushing one result a picture into `results`; stops at the first state not reached.
 */
async function takeSession({ locale, steps }, { emulator, workspace, outputDir, results, first }) {
  const server = await startCodeServer({
    locale,
    settings: {
      'huaweicloud.region': REGION,
      'editor.minimap.enabled': false,
      'workbench.editor.enablePreview': false,
      'breadcrumbs.enabled': false,
    },
  });
  try {
    const page = await server.openWorkbench({
      folder: workspace,
      payload: [
        ['extensionDevelopmentPath', server.remoteUri(projectRoot)],
        ['extensionEnvironment', JSON.stringify({ HUAWEICLOUD_EMULATOR_URL: emulator.url })],
        ['skipWelcome', 'true'],
      ],
    });
    await page.setViewportSize({ width: 1100, height: 700 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const ctx = makeContext(page, emulator, workspace);
    // The English pictures start in the Resources view, widened; the others open what they show themselves.
    if (first) await ctx.openResourcesView();
    for (const [i, shotStep] of steps.entries()) {
      const path = join(outputDir, shotStep.file);
      const stepStarted = Date.now();
      try {
        const shot = await shotStep.take(ctx);
        await page.waitForTimeout(300);
        if ('clip' in shot) await page.screenshot({ path, clip: roundClip(shot.clip) });
        else await shot.screenshot({ path });
        await shotStep.after?.(ctx);
        results.push(true);
        console.log(
          `ok      ${shotStep.file}: ${shotStep.what} (${(statSync(path).size / 1024).toFixed(1)} KB, ${((Date.now() - stepStarted) / 1000).toFixed(1)} s)`,
        );
      } catch (error) {
        const failure = join(projectRoot, 'out', 'screenshots-failed', shotStep.file);
        mkdirSync(dirname(failure), { recursive: true });
        await page.screenshot({ path: failure }).catch(() => {});
        console.error(
          `FAILED  ${shotStep.file}: ${shotStep.what} — the state was not reached: ${error.message.split('\n')[0]} (the page: ${failure})`,
        );
        for (const rest of steps.slice(i + 1)) console.error(`not run ${rest.file}: ${rest.what}`);
        results.push(...steps.slice(i).map(() => false));
        break;
      }
    }
  } finally {
    await server.stop();
  }
}

/** Whole pixels, so that a clip never blurs. */
function roundClip({ x, y, width, height }) {
  const left = Math.floor(x);
  const top = Math.floor(y);
  return { x: left, y: top, width: Math.ceil(x + width) - left, height: Math.ceil(y + height) - top };
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`screenshots: ${error.stack ?? error}`);
    console.log(`0 passed, ${ALL_STEPS.length} failed`);
    process.exit(1);
  },
);
