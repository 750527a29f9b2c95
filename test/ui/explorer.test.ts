// The explorer as a person sees it: the packaged extension in the workbench, its tree rows read from the DOM (label,
// description, icon), a group expanded by a click and "Load more…" clicked, against the emulator seeded in this process.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { projectRoot, startCodeServer } from '../../scripts/lib/codeServer.mjs';
import { DEFAULT_CREDENTIALS, Emulator } from '../../src/emulator/server';
import { projectIdFor } from '../../src/emulator/store';
import { treeRow, treeRows } from '../support/workbench';

const vsix = join(projectRoot, 'huaweicloud-networks.vsix');
const screenshots = join(projectRoot, 'out', 'screenshots');

describe('the explorer in the workbench', () => {
  let server: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  let emulator: Emulator;
  let page: Page;

  const rows = () => treeRows(page);
  const row = (label: string) => treeRow(page, label);
  /**
   * The rows whose description holds `pattern` (a CIDR, an entry count) where the sidebar does not show it whole: at
   * the workbench's default sidebar width, what tells rows apart must not be cut off (what follows it may be).
   */
  const cutOff = async (pattern: RegExp) =>
    page.locator('.sidebar .monaco-list-row .custom-view-tree-node-item').evaluateAll(
      (items, source) =>
        items.flatMap((row) => {
          const container = row.querySelector('.monaco-icon-label-container');
          const text = row.querySelector('.label-description')?.firstChild;
          // 3: a text node.
          const match = text?.nodeType === 3 ? new RegExp(source).exec(text.textContent ?? '') : null;
          if (!container || !text || !match) return [];
          const range = row.ownerDocument.createRange();
          range.setStart(text, match.index);
          range.setEnd(text, match.index + match[0].length);
          return range.getBoundingClientRect().right > container.getBoundingClientRect().right + 0.5
            ? [row.textContent ?? '']
            : [];
        }),
      pattern.source,
    );

  before(async () => {
    emulator = new Emulator({});
    emulator.store.seed(projectIdFor('cn-north-4'), { networks: 2, addressGroups: 12 });
    const url = await emulator.listen();
    server = await startCodeServer({
      vsix,
      settings: {
        'huaweicloud.endpoints': { iam: url, modelarts: url, vpc: url },
        'huaweicloud.region': 'cn-north-4',
        'huaweicloud.credentialSource': 'environment',
        'huaweicloud.pageSize': 5,
      },
      // The emulator's well-known test key, as a person would export it for the SDKs.
      env: {
        HUAWEICLOUD_SDK_AK: DEFAULT_CREDENTIALS.accessKeyId,
        HUAWEICLOUD_SDK_SK: DEFAULT_CREDENTIALS.secretAccessKey,
      },
    });
    page = await server.openWorkbench({ folder: join(projectRoot, 'sample') });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    mkdirSync(screenshots, { recursive: true });
  });

  after(async () => {
    await server?.stop();
    await emulator?.close();
  });

  it('shows the connection and its two lists; a click on a list shows its first page with phases, then Load more… the next', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="Huawei Cloud"]').click();
    await row('AK HWCE…').waitFor({ timeout: 30_000 });
    await row('VPC Address Groups').waitFor();
    const projectId = projectIdFor('cn-north-4');
    assert.deepEqual(await rows(), [
      { label: 'AK HWCE…', description: 'cn-north-4', icon: 'codicon-cloud' },
      { label: 'ModelArts Networks', description: 'workspace 0', icon: 'codicon-type-hierarchy' },
      { label: 'VPC Address Groups', description: '', icon: 'codicon-list-unordered' },
    ]);
    // Whose keys and from where, and the project, are in the connection's tooltip.
    await row('AK HWCE…').hover();
    const tooltip = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'Credentials from' }).first();
    await tooltip.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(
      await tooltip.innerText(),
      new RegExp(
        `Credentials from: the environment \\(HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK\\)[\\s\\S]*Project: ${projectId}`,
      ),
    );
    await page.keyboard.press('Escape');

    await row('VPC Address Groups').click();
    await row('Load more…').waitFor({ timeout: 15_000 });
    const firstPage = await rows();
    assert.deepEqual(firstPage.slice(3), [
      ...[0, 1, 2, 3, 4].map((n) => ({
        label: `seed-group-00000${n}`,
        description: n % 5 === 4 ? '1 entry · IPv6' : '1 entry · IPv4',
        icon: 'codicon-pass',
      })),
      { label: 'Load more…', description: '5 loaded', icon: 'codicon-more' },
    ]);
    await page.screenshot({ path: join(screenshots, 'explorer-first-page.png') });

    await row('Load more…').click();
    await row('seed-group-000009').waitFor({ timeout: 15_000 });
    const secondPage = await rows();
    assert.deepEqual(
      secondPage.slice(3).map((shown) => shown.label),
      [...Array.from({ length: 10 }, (_, n) => `seed-group-${String(n).padStart(6, '0')}`), 'Load more…'],
    );
    assert.equal(secondPage.at(-1)?.description, '10 loaded');

    await row('ModelArts Networks').click();
    await row('seed-net-000001').waitFor({ timeout: 15_000 });
    const networks = (await rows()).filter((shown) => shown.label.startsWith('seed-net-'));
    assert.deepEqual(networks, [
      { label: 'seed-net-000000', description: '172.16.0.0/24', icon: 'codicon-pass' },
      { label: 'seed-net-000001', description: '172.17.0.0/24', icon: 'codicon-pass' },
    ]);
    assert.deepEqual(await cutOff(/\d+\.\d+\.\d+\.\d+\/\d+/), [], 'a CIDR cut off at the default sidebar width');
    assert.deepEqual(await cutOff(/\d+ entr(y|ies)/), [], 'an entry count cut off at the default sidebar width');
    assert.equal(
      (await rows()).filter((shown) => /\d+\.\d+\.\d+\.\d+\/\d+|\d+ entr(y|ies)/.test(shown.description)).length,
      12,
      'the rows the checks read',
    );
    await page.screenshot({ path: join(screenshots, 'explorer.png') });
  });

  it('Filter by Name: one box offers the loaded names, a part of names searches further pages, a new name replaces the filter, Clear filter clears it', async () => {
    const input = page.locator('.quick-input-widget input');
    /** The box's items as shown: label, description, and whether Enter would take it. */
    const boxItems = async () =>
      page.locator('.quick-input-widget .quick-input-list .monaco-list-row').evaluateAll((items) =>
        items.map((item) => ({
          label: item.querySelector('.label-name')?.textContent?.trim() ?? '',
          description: item.querySelector('.label-description')?.textContent?.trim() ?? '',
          focused: item.classList.contains('focused'),
        })),
      );
    /** Opens the box from the group's inline action, the group's row found by its label as it is now. */
    const openBox = async (groupsLabel: string) => {
      const groups = row(groupsLabel);
      await groups.hover();
      await groups.locator('.actions .action-label[aria-label="Filter by Name"]').click();
      await page
        .locator('.quick-input-widget .quick-input-title')
        .filter({ hasText: 'Filter VPC Address Groups by Name' })
        .waitFor({ state: 'visible' });
    };
    const firstItem = async (label: string) => {
      await page
        .locator('.quick-input-widget .quick-input-list .monaco-list-row.focused .label-name')
        .filter({ hasText: new RegExp(`^${label}$`) })
        .waitFor({ timeout: 5_000 });
      return (await boxItems()).find((item) => item.focused);
    };

    await openBox('VPC Address Groups');
    // Nothing typed: the names loaded (the first test loaded two pages).
    await firstItem('seed-group-000000');
    assert.deepEqual(
      (await boxItems()).slice(0, 2).map((item) => item.label),
      ['seed-group-000000', 'seed-group-000001'],
    );
    // What no name can hold says why, and Enter keeps the box open with the reason.
    await input.fill('two words');
    assert.equal((await firstItem('two words'))?.description, 'cannot be a name');
    await input.press('Enter');
    await page
      .locator('.quick-input-widget')
      .filter({ hasText: 'no name contains this' })
      .first()
      .waitFor({ state: 'visible' });

    // A part of names no loaded name holds: the exact name for the server first, names containing it second; taken,
    // what is loaded matches none, so Search further… looks through the next pages.
    await input.fill('group-00001');
    assert.deepEqual(await firstItem('group-00001'), {
      label: 'group-00001',
      description: 'exact name · ask the server',
      focused: true,
    });
    assert.deepEqual((await boxItems())[1], {
      label: 'group-00001',
      description: 'names containing it · 0 loaded',
      focused: false,
    });
    await input.press('ArrowDown');
    await input.press('Enter');
    const groupsRow = 'VPC Address Groups';
    await row('Name contains "group-00001"').waitFor({ timeout: 15_000 });
    await row('seed-group-000000').waitFor({ state: 'detached', timeout: 15_000 });
    await row('Search further…').click();
    await row('seed-group-000011').waitFor({ timeout: 15_000 });
    const found = await rows();
    assert.deepEqual(found.slice(found.findIndex((shown) => shown.label === groupsRow)), [
      { label: groupsRow, description: '', icon: 'codicon-filter' },
      { label: 'Name contains "group-00001"', description: '', icon: 'codicon-filter' },
      { label: 'seed-group-000010', description: '1 entry · IPv4', icon: 'codicon-pass' },
      { label: 'seed-group-000011', description: '1 entry · IPv4', icon: 'codicon-pass' },
    ]);
    await page.screenshot({ path: join(screenshots, 'explorer-filter-contains.png') });

    // The same box changes the filter: a loaded name typed in full is the default, exact.
    await openBox(groupsRow);
    await input.fill('seed-group-000007');
    assert.deepEqual(await firstItem('seed-group-000007'), {
      label: 'seed-group-000007',
      description: 'loaded',
      focused: true,
    });
    await input.press('Enter');
    await row('Name is "seed-group-000007"').waitFor({ timeout: 15_000 });
    await row('seed-group-000010').waitFor({ state: 'detached', timeout: 15_000 });
    const filtered = await rows();
    assert.deepEqual(filtered.slice(filtered.findIndex((shown) => shown.label === groupsRow)), [
      { label: groupsRow, description: '', icon: 'codicon-filter' },
      { label: 'Name is "seed-group-000007"', description: '', icon: 'codicon-filter' },
      { label: 'seed-group-000007', description: '1 entry · IPv4', icon: 'codicon-pass' },
    ]);
    await page.screenshot({ path: join(screenshots, 'explorer-filtered.png') });

    // A name not loaded is the server's exact filter; the box opens from the filter's row too.
    await row('Name is "seed-group-000007"').click();
    await page
      .locator('.quick-input-widget .quick-input-title')
      .filter({ hasText: 'Filter VPC Address Groups by Name' })
      .waitFor({ state: 'visible' });
    await input.fill('no-such-group');
    assert.deepEqual(await firstItem('no-such-group'), {
      label: 'no-such-group',
      description: 'exact name · ask the server',
      focused: true,
    });
    await input.press('Enter');
    await row('No address groups (name is "no-such-group")').waitFor({ timeout: 15_000 });

    // Opened on a filtered list, the box's first item clears it: Enter does.
    await openBox(groupsRow);
    assert.equal((await firstItem('Clear filter'))?.description, 'now: name is "no-such-group"');
    await input.press('Enter');
    await row('seed-group-000000').waitFor({ timeout: 15_000 });
    assert.equal((await rows()).find((shown) => shown.label === groupsRow)?.icon, 'codicon-list-unordered');
  });
});
