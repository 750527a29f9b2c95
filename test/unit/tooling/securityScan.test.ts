// The secret scanner the security suite relies on finds what it looks for, in every form a secret may have been
// written in, and never prints it: a scanner that missed a planted secret would make every scan pass.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { describeFindings, scanContent, scanFolder } from '../../support/secretScan.mjs';

const SK = 'plantedSecretKey0123456789abcdefGHIJKLmn';
const TOKEN = 'planted+Security/Token=0123456789abcdef';
const needles = [
  { label: 'SK', value: SK },
  { label: 'token', value: TOKEN },
];

describe('security: the secret scanner', () => {
  it('finds a planted secret in a text and reports it without its value', () => {
    const findings = scanContent('a log line', `2026-11-23 info request signed with ${SK} for nothing`, needles);
    assert.deepEqual(
      findings.map((f) => [f.label, f.encoding]),
      [['SK', 'utf8']],
    );
    const report = describeFindings(findings);
    assert.match(report, /SK \(utf8\) in a log line at 36/);
    assert.ok(!report.includes(SK), 'the report prints the secret');
    assert.ok(
      !report.includes(SK.slice(0, 8)) && !report.includes(SK.slice(-8)),
      'the report prints part of the secret',
    );
  });

  it('finds nothing in a text that holds no secret, nor one cut short', () => {
    assert.deepEqual(scanContent('clean', `nothing here, not even ${SK.slice(0, -1)}`, needles), []);
  });

  it('finds it UTF-16, percent-encoded, JSON-escaped and inside base64 at any alignment', () => {
    assert.deepEqual(
      scanContent('utf16', Buffer.from(`x${SK}y`, 'utf16le'), needles).map((f) => f.encoding),
      ['utf16le'],
    );
    assert.deepEqual(
      scanContent('url', `https://h/?t=${encodeURIComponent(TOKEN)}&x=1`, needles).map((f) => f.encoding),
      ['percent-encoded'],
    );
    assert.deepEqual(
      scanContent('json', JSON.stringify({ a: `"${TOKEN}"` }), needles).map((f) => f.label),
      ['token'],
    );
    for (const prefix of ['', 'a', 'ab', 'abc', 'abcd']) {
      for (const suffix of ['', 'z', 'zy']) {
        const base64 = Buffer.from(`${prefix}${SK}${suffix}`).toString('base64');
        assert.deepEqual(
          scanContent('base64', `Authorization: Basic ${base64}`, needles).map((f) => f.encoding),
          ['base64'],
          `prefix "${prefix}", suffix "${suffix}"`,
        );
        const urlSafe = Buffer.from(`${prefix}${TOKEN}${suffix}`).toString('base64url');
        assert.equal(scanContent('base64url', urlSafe, needles).length, 1, `base64url, prefix "${prefix}"`);
      }
    }
  });

  it('masks any other secret the context overlaps', () => {
    const [finding] = scanContent('two', `${TOKEN.slice(10)} then ${SK}`, [
      { label: 'SK', value: SK },
      { label: 'token', value: TOKEN },
    ]);
    assert.ok(finding);
    assert.ok(!finding.context.includes(TOKEN.slice(10, 16)), finding.context);
  });

  it('refuses a needle so short it would match by chance', () => {
    assert.throws(() => scanContent('x', 'abc', [{ label: 'short', value: 'abc123' }]), /shorter than 12 characters/);
  });

  describe('a folder', () => {
    let root: string;
    let outside: string;
    before(() => {
      root = mkdtempSync(join(tmpdir(), 'hwc-scan-'));
      outside = mkdtempSync(join(tmpdir(), 'hwc-scan-outside-'));
      mkdirSync(join(root, 'User', 'globalStorage', 'x'), { recursive: true });
      writeFileSync(
        join(root, 'User', 'globalStorage', 'x', 'state.bin'),
        Buffer.concat([Buffer.alloc(100, 0xff), Buffer.from(SK, 'utf16le')]),
      );
      writeFileSync(join(root, 'clean.log'), 'nothing\n'.repeat(1000));
      // Straddles the 64-byte chunks the scan is told to read.
      writeFileSync(join(root, 'straddling.log'), `${'.'.repeat(50)}${TOKEN}${'.'.repeat(50)}`);
      writeFileSync(join(outside, 'elsewhere.txt'), SK);
      symlinkSync(join(outside, 'elsewhere.txt'), join(root, 'link.txt'));
    });
    after(() => {
      rmSync(root, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    });

    it('finds what is in files at any depth and across read chunks, once each, without following links', () => {
      const { findings, files, bytes } = scanFolder(root, needles, { chunkSize: 64 });
      assert.equal(files.length, 3);
      assert.ok(bytes > 8000);
      assert.deepEqual(findings.map((f) => [f.label, f.encoding, f.where.slice(root.length)]).sort(), [
        ['SK', 'utf16le', '/User/globalStorage/x/state.bin'],
        ['token', 'utf8', '/straddling.log'],
      ]);
      assert.equal(findings.find((f) => f.label === 'token')?.offset, 50);
    });
  });
});
