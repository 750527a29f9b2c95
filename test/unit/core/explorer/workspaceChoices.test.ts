// Select ModelArts Workspace: what its pick offers for what the list gave.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { typeAnId, workspaceChoices } from '../../../../src/core/explorer/workspaceChoices';
import type { Workspace } from '../../../../src/core/api/workspaces';

const ID = 'ccd05d1a553b4e188ea878e7dcb85e47';
const WORKSPACES: Workspace[] = [
  { id: '0', name: 'default', status: 'NORMAL' },
  { id: ID, name: 'vision-team', status: 'NORMAL', description: 'Models of the vision team' },
  {
    id: 'aaaabbbbccccddddeeeeffff00001111',
    name: 'old',
    status: 'DELETE_FAILED',
    status_info: 'resources still in use',
  },
];

const row = (choice: ReturnType<typeof workspaceChoices>[number]) => [
  choice.action,
  choice.id,
  choice.label,
  choice.description,
  choice.detail,
  choice.iconId,
];

describe('workspaceChoices', () => {
  it('lists the workspaces (name, ID, status as the console writes it), marks the current one, and ends with Type a workspace ID…', () => {
    assert.deepEqual(workspaceChoices({ workspaces: WORKSPACES, complete: true }, ID).map(row), [
      ['select', '0', 'default', '0 (default)', 'Normal', 'briefcase'],
      ['select', ID, 'vision-team', `${ID} · current`, 'Normal · Models of the vision team', 'check'],
      [
        'select',
        'aaaabbbbccccddddeeeeffff00001111',
        'old',
        'aaaabbbbccccddddeeeeffff00001111',
        'Delete failed · resources still in use',
        'warning',
      ],
      ['type', undefined, typeAnId(), 'one not listed', undefined, 'edit'],
    ]);
    assert.deepEqual(
      workspaceChoices({ workspaces: WORKSPACES, complete: true }, ID).map((choice) => choice.current),
      [false, true, false, false],
    );
  });

  it('offers the current workspace when the service did not list it (typed earlier, or not visible to this user)', () => {
    const choices = workspaceChoices({ workspaces: WORKSPACES.slice(0, 1), complete: true }, 'c0ffee');
    assert.deepEqual(row(choices[0] as never), [
      'select',
      'c0ffee',
      'Workspace c0ffee',
      'c0ffee · current',
      'Not in the list the service gave',
      'check',
    ]);
    assert.equal(choices.length, 3);
  });

  it('says when the list is incomplete, and when it could not be read: typing an ID stays the way on', () => {
    const incomplete = workspaceChoices({ workspaces: WORKSPACES, complete: false, totalCount: 5000 }, '0').at(-1);
    assert.deepEqual(row(incomplete as never), [
      'type',
      undefined,
      typeAnId(),
      'the list is incomplete',
      'Only 3 of 5000 workspaces could be listed: type the ID of another',
      'edit',
    ]);
    const failed = workspaceChoices(
      { failure: 'HTTP 403: permission denied — check the IAM permissions of the user' },
      '0',
    );
    assert.deepEqual(failed.map(row), [
      [
        'type',
        undefined,
        typeAnId(),
        'the workspaces could not be listed',
        'HTTP 403: permission denied — check the IAM permissions of the user',
        'warning',
      ],
    ]);
  });

  it('shows what the service sent escaped, and cuts a long description', () => {
    const [choice] = workspaceChoices(
      {
        workspaces: [{ id: ID, name: 'a\u202Eb$(zap)', description: `${'d'.repeat(200)}\n`, status: 'NORMAL' }],
        complete: true,
      },
      '0',
    ).slice(1);
    assert.equal(choice?.label, 'a\\u202Eb\\$(zap)');
    assert.equal(choice?.detail, `Normal · ${'d'.repeat(120)}…`);
  });
});
