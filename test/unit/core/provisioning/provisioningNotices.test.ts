// What is said when a Create's or an Apply's operation ends after the command reported it in progress.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shownValue } from '../../../../src/core/display';
import { ProvisioningNotices, provisioningNotice } from '../../../../src/core/provisioning/provisioningNotices';
import type { Operation } from '../../../../src/core/provisioning/tracker';

const op = (overrides: Partial<Operation> = {}): Operation => ({
  id: 'op-1',
  kind: 'create',
  resourceKind: 'network',
  resourceId: 'net-a-123',
  name: 'net-a',
  connectionKey: 'k',
  phase: 'Creating',
  state: 'following',
  startedAt: 0,
  since: 0,
  acknowledged: false,
  paused: false,
  looks: 0,
  ...overrides,
});

describe('provisioning notices', () => {
  it('a success as information, a failure and a timeout as errors with the reason, each starting with a capital letter', () => {
    assert.deepEqual(provisioningNotice(op({ state: 'succeeded', phase: 'Active' }), shownValue), {
      severity: 'information',
      message: 'Network net-a created: Active.',
    });
    assert.deepEqual(
      provisioningNotice(
        op({ kind: 'update', resourceKind: 'addressGroup', name: 'g', state: 'succeeded', phase: 'NORMAL' }),
        shownValue,
      ),
      { severity: 'information', message: 'Address group g updated: Normal.' },
    );
    assert.deepEqual(
      provisioningNotice(op({ state: 'failed', phase: 'Abnormal', detail: 'the network is Abnormal' }), shownValue),
      { severity: 'error', message: 'Network net-a could not be created: the network is Abnormal.' },
    );
    assert.deepEqual(
      provisioningNotice(
        op({
          kind: 'update',
          resourceKind: 'addressGroup',
          name: 'g',
          state: 'failed',
          phase: 'UPDATE_FAILED',
          detail: 'the update failed: quota',
        }),
        shownValue,
      ),
      { severity: 'error', message: 'Address group g could not be updated: the update failed: quota.' },
    );
    assert.deepEqual(
      provisioningNotice(
        op({
          state: 'timedOut',
          detail: 'still Creating after 20 minutes (huaweicloud.provisioningTimeoutMinutes): no longer followed',
        }),
        shownValue,
      ),
      {
        severity: 'error',
        message:
          'Network net-a is not created yet: still Creating after 20 minutes (huaweicloud.provisioningTimeoutMinutes): no longer followed.',
      },
    );
  });

  it('says nothing of a deletion, an observed resource, one still followed or one abandoned with its connection', () => {
    for (const quiet of [
      op({ kind: 'delete', state: 'succeeded' }),
      op({ kind: 'observe', state: 'succeeded' }),
      op(),
      op({ state: 'abandoned' }),
    ]) {
      assert.equal(provisioningNotice(quiet, shownValue), undefined, `${quiet.kind} ${quiet.state}`);
    }
  });

  it('shows a name from the server escaped', () => {
    assert.equal(
      provisioningNotice(op({ state: 'succeeded', phase: 'Active', name: 'x\n[a](command:evil)' }), shownValue)
        ?.message,
      'Network x\\n[a]\\(command:evil) created: Active.',
    );
  });

  it('says an end once, and only of an operation followed when first seen (not one its command reported settled, nor one restored settled)', () => {
    const notices = new ProvisioningNotices();
    assert.deepEqual(notices.seen([op(), op({ id: 'op-2', state: 'succeeded', phase: 'Active' })], shownValue), []);
    assert.deepEqual(notices.seen([op({ phase: 'Creating' })], shownValue), [], 'a phase change while followed');
    const ended = op({ state: 'succeeded', phase: 'Active' });
    assert.deepEqual(notices.seen([ended], shownValue), [
      { op: ended, notice: { severity: 'information', message: 'Network net-a created: Active.' } },
    ]);
    assert.deepEqual(notices.seen([ended, { ...ended, acknowledged: true }], shownValue), [], 'said again');
  });
});
