// The status bar item as a pure function of the operations, the connection label and the time: every state.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shownMarkdown } from '../../../../src/core/display';
import {
  ELAPSED_REFRESH_MS,
  formatElapsed,
  statusBarView,
  SUCCESS_SHOWN_MS,
} from '../../../../src/core/provisioning/statusBar';
import type { Operation } from '../../../../src/core/provisioning/tracker';
import { Command } from '../../../../src/vscode/commandIds';

const NOW = 1_700_000_000_000;

function op(name: string, more: Partial<Operation> = {}): Operation {
  return {
    id: `id-${name}`,
    kind: 'create',
    resourceKind: 'network',
    resourceId: `${name}-86c13962597848eeb29c5861153a391f`,
    name,
    connectionKey: 'key',
    phase: 'Creating',
    state: 'following',
    startedAt: NOW - 65_000,
    since: NOW - 65_000,
    acknowledged: false,
    paused: false,
    looks: 3,
    ...more,
  };
}

const settled = (
  name: string,
  state: Operation['state'],
  phase: string,
  agoMs: number,
  more: Partial<Operation> = {},
) => op(name, { state, phase, settledAt: NOW - agoMs, ...more });

describe('statusBarView', () => {
  it('idle: the connection (region, or Emulator), no background, the operations list on click, no re-render', () => {
    const view = statusBarView([], 'cn-north-4', NOW);
    assert.equal(view.text, '$(cloud) cn-north-4');
    assert.equal(view.background, undefined);
    assert.equal(view.command, Command.showOperations);
    assert.equal(view.renderAgainAt, undefined);
    assert.match(view.tooltip, /^\*\*Huawei Cloud\*\* · cn\\-north\\-4\n/);
    assert.equal(statusBarView([], 'Emulator', NOW).text, '$(cloud) Emulator');
  });

  it('provisioning: a spinner with the name and phase; re-rendered while it runs (the tooltip says for how long)', () => {
    const view = statusBarView([op('net-a')], 'cn-north-4', NOW);
    assert.equal(view.text, '$(sync~spin) net-a: Creating');
    assert.equal(view.background, undefined);
    assert.equal(view.command, Command.showOperations);
    assert.equal(view.renderAgainAt, NOW + ELAPSED_REFRESH_MS);
    assert.match(view.tooltip, /\$\(sync~spin\) \*\*net\\-a\*\* · network create: Creating \(for 1 min 5 s\)/);
    assert.equal(
      statusBarView([op('net-a', { phase: 'Active · peer Connecting', kind: 'update' })], 'x', NOW).text,
      '$(sync~spin) net-a: Active · peer Connecting',
    );
  });

  it('several running: a count, with their phase when they share one', () => {
    assert.equal(
      statusBarView([op('a'), op('b'), op('c')], 'cn-north-4', NOW).text,
      '$(sync~spin) 3 operations: Creating',
    );
    assert.equal(
      statusBarView([op('a'), op('b', { phase: 'UPDATING', resourceKind: 'addressGroup' })], 'cn-north-4', NOW).text,
      '$(sync~spin) 2 operations: in progress',
    );
  });

  it('settled well: a check for a few seconds, then the connection again', () => {
    const done = settled('net-a', 'succeeded', 'Active', 1_000);
    const view = statusBarView([done], 'cn-north-4', NOW);
    assert.equal(view.text, '$(check) net-a: Active');
    assert.equal(view.background, undefined);
    assert.equal(view.renderAgainAt, NOW - 1_000 + SUCCESS_SHOWN_MS);
    const later = statusBarView([done], 'cn-north-4', NOW - 1_000 + SUCCESS_SHOWN_MS);
    assert.equal(later.text, '$(cloud) cn-north-4');
    assert.equal(later.renderAgainAt, undefined);
    assert.equal(
      statusBarView([settled('a', 'succeeded', 'Active', 100), settled('b', 'succeeded', 'Deleted', 200)], 'x', NOW)
        .text,
      '$(check) 2 operations done',
    );
  });

  it('Abnormal, UPDATE_FAILED and timed out: the error background until the operation is opened (acknowledged)', () => {
    const abnormal = settled('net-a', 'failed', 'Abnormal', 3_600_000);
    const view = statusBarView([abnormal], 'cn-north-4', NOW);
    assert.equal(view.text, '$(error) net-a: Abnormal');
    assert.equal(view.background, 'error');
    assert.equal(view.command, Command.showOperations);
    assert.equal(view.renderAgainAt, undefined, 'a failure stays without any timer');
    assert.match(view.tooltip, /Click to open the operations that failed/);

    const updateFailed = settled('group_a', 'failed', 'UPDATE_FAILED', 10, {
      resourceKind: 'addressGroup',
      kind: 'update',
      detail: 'the update failed: quota',
    });
    const groupView = statusBarView([updateFailed], 'cn-north-4', NOW);
    assert.equal(groupView.text, '$(error) group_a: UPDATE_FAILED');
    assert.equal(groupView.background, 'error');
    assert.match(
      groupView.tooltip,
      /\*\*group\\_a\*\* · address group update: UPDATE\\_FAILED \(after 1 min 4 s\) — the update failed: quota/,
    );

    const timedOut = statusBarView([settled('net-a', 'timedOut', 'Creating', 10)], 'cn-north-4', NOW);
    assert.equal(timedOut.text, '$(error) net-a: timed out (still Creating)');
    assert.equal(timedOut.background, 'error');

    const opened = statusBarView([{ ...abnormal, acknowledged: true }], 'cn-north-4', NOW);
    assert.equal(opened.text, '$(cloud) cn-north-4');
    assert.equal(opened.background, undefined);
  });

  it('paused by rejected credentials: no spinner, the error background', () => {
    const view = statusBarView(
      [op('net-a', { paused: true, detail: 'paused: the credentials were rejected' })],
      'cn-north-4',
      NOW,
    );
    assert.equal(view.text, '$(debug-pause) net-a: Creating, paused');
    assert.equal(view.background, 'error');
  });

  it('abandoned operations are no problem: back to the connection', () => {
    const view = statusBarView([settled('net-a', 'abandoned', 'Creating', 10)], 'Emulator', NOW);
    assert.equal(view.text, '$(cloud) Emulator');
    assert.equal(view.background, undefined);
  });

  it('something running hides an unopened failure from the text, not from the colour; several failures are counted', () => {
    const view = statusBarView([op('net-b'), settled('net-a', 'failed', 'Abnormal', 10)], 'cn-north-4', NOW);
    assert.equal(view.text, '$(sync~spin) net-b: Creating · $(error) 1');
    assert.equal(view.background, 'error');
    const two = statusBarView(
      [settled('a', 'failed', 'Abnormal', 10), settled('b', 'timedOut', 'Creating', 10)],
      'cn-north-4',
      NOW,
    );
    assert.equal(two.text, '$(error) 2 operations need attention');
    // A failure outranks a fresh success.
    assert.equal(
      statusBarView([settled('ok', 'succeeded', 'Active', 10), settled('bad', 'failed', 'Abnormal', 20)], 'x', NOW)
        .text,
      '$(error) bad: Abnormal',
    );
  });

  it('the tooltip lists at most five operations, names shown literally', () => {
    const many = Array.from({ length: 8 }, (_, i) => op(`net-${i}`));
    const lines = statusBarView(many, 'cn-north-4', NOW)
      .tooltip.split('\n')
      .filter((line) => line.startsWith('- '));
    assert.equal(lines.length, 5);
    assert.equal(shownMarkdown('a_b*c[d](e)$(x)'), 'a\\_b\\*c\\[d\\]\\(e\\)\\$\\(x\\)');
  });

  it('formats elapsed time', () => {
    assert.deepEqual([0, 12_400, 60_000, 185_000, 3_600_000, 3_720_000].map(formatElapsed), [
      '0 s',
      '12 s',
      '1 min',
      '3 min 5 s',
      '1 h',
      '1 h 2 min',
    ]);
  });
});
