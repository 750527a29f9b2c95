// The documents of sample/ (the workspace `npm start` opens): sample/valid/ holds a valid document of each kind, which
// the emulator's scenario makes live; sample/invalid/ one of each whose every finding the lightbulb can fix.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../../../scripts/lib/codeServer.mjs';
import { checkDocument } from '../../../../src/core/documents/checks';
import { kindFromFileName } from '../../../../src/core/kinds';
import { applyEdits, quickFixesFor } from '../../../../src/core/documents/quickFixes';

const documentsOf = (folder: string) =>
  readdirSync(join(projectRoot, 'sample', folder))
    .sort()
    .map((name) => ({
      name,
      kind: kindFromFileName(name),
      text: readFileSync(join(projectRoot, 'sample', folder, name), 'utf8'),
    }));

describe('sample/', () => {
  it('valid/ holds one document of each kind, without a finding', () => {
    const documents = documentsOf('valid');
    assert.deepEqual(documents.map((document) => document.kind).sort(), ['addressGroup', 'network']);
    for (const { name, kind, text } of documents) assert.deepEqual(checkDocument(text, { kind }).findings, [], name);
  });

  it('invalid/ holds one document of each kind, with errors, each finding with a quick fix; the fixes leave no finding', () => {
    const documents = documentsOf('invalid');
    assert.deepEqual(documents.map((document) => document.kind).sort(), ['addressGroup', 'network']);
    for (const { name, kind, text } of documents) {
      const { findings } = checkDocument(text, { kind });
      assert.ok(
        findings.some((finding) => finding.severity === 'error'),
        `${name} has no error`,
      );
      // As a person would: the first finding's first fix, then the checks again, until none is left.
      let fixed = text;
      for (let round = 0; round < 10; round++) {
        const [finding] = checkDocument(fixed, { kind }).findings;
        if (!finding) break;
        const [fix] = quickFixesFor(fixed, finding);
        assert.ok(fix, `${name}: no quick fix for "${finding.message}" (${finding.rule})`);
        fixed = applyEdits(fixed, fix.edits);
      }
      assert.deepEqual(checkDocument(fixed, { kind }).findings, [], `${name} after its fixes:\n${fixed}`);
      for (const finding of findings) {
        assert.ok(
          quickFixesFor(text, finding).length > 0,
          `${name}: no quick fix for "${finding.message}" (${finding.rule})`,
        );
      }
    }
  });
});
