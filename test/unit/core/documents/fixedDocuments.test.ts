// When a document counts as fixed: the walkthrough's "Fix it with the checks" step completes then.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FixedDocuments } from '../../../../src/core/documents/fixedDocuments';

describe('fixed documents', () => {
  it('a document is fixed when a check finds no error after one that found some, once', () => {
    const fixed = new FixedDocuments();
    assert.equal(fixed.checked('untitled:network-1.network.json', 0), false, 'valid from the start: nothing was fixed');
    assert.equal(fixed.checked('untitled:network-1.network.json', 2), false);
    assert.equal(fixed.checked('untitled:network-1.network.json', 1), false, 'one error left');
    assert.equal(fixed.checked('untitled:network-1.network.json', 0), true);
    assert.equal(fixed.checked('untitled:network-1.network.json', 0), false, 'still valid: fixed already');
  });

  it('keeps documents apart, and forgets one that closed', () => {
    const fixed = new FixedDocuments();
    fixed.checked('file:///a.network.json', 1);
    assert.equal(fixed.checked('file:///b.network.json', 0), false, 'another document');
    fixed.forget('file:///a.network.json');
    assert.equal(fixed.checked('file:///a.network.json', 0), false, 'closed with its errors, opened again valid');
  });
});
