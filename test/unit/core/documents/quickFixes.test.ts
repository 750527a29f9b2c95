import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDocument, type Finding } from '../../../../src/core/documents/checks';
import { type AddressEntry, parseEntry } from '../../../../src/core/documents/addresses';
import {
  applyEdits,
  correctedGroupName,
  freeNetworkBlock,
  type QuickFix,
  quickFixesFor,
  snippetWithFreeBlock,
} from '../../../../src/core/documents/quickFixes';
import { correctedNetworkName } from '../../../../src/core/api/networkIds';

const network = (cidr: string, name = 'network-7a03') =>
  JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'Network',
      metadata: { labels: { 'os.modelarts/name': name } },
      spec: { cidr },
    },
    null,
    2,
  );
const group = (addressGroup: Record<string, unknown>) =>
  JSON.stringify({ address_group: { name: 'g', ip_version: 4, ...addressGroup } }, null, 2);

const findingOf = (text: string, rule: string): Finding => {
  const found = checkDocument(text).findings.find((f) => f.rule === rule);
  assert.ok(found, `no ${rule} finding in ${text}`);
  return found;
};

/**
 * Applies the one fix offered for the document's first finding of `rule`, and checks the result: valid JSON with no
 * finding of that rule left. Returns the fixed text and the fix.
 */
function fixed(text: string, rule: string): { text: string; fix: QuickFix } {
  const fixes = quickFixesFor(text, findingOf(text, rule));
  assert.equal(fixes.length, 1, `one fix for ${rule}`);
  const fix = fixes[0] as QuickFix;
  assert.equal(fix.rule, rule);
  const result = applyEdits(text, fix.edits);
  const check = checkDocument(result);
  assert.ok(check.parsed, `not JSON after the fix: ${result}`);
  assert.deepEqual(
    check.findings.filter((f) => f.rule === rule),
    [],
    result,
  );
  return { text: result, fix };
}

const value = (text: string) =>
  JSON.parse(text) as {
    address_group: Record<string, unknown>;
    spec: { cidr: string };
    metadata: { labels: Record<string, string> };
  };

describe('applyEdits', () => {
  it('applies edits given in any order against the original offsets', () => {
    assert.equal(
      applyEdits('abcdef', [
        { offset: 4, length: 1, newText: 'E' },
        { offset: 0, length: 2, newText: '' },
        { offset: 6, length: 0, newText: '!' },
      ]),
      'cdEf!',
    );
  });

  it('refuses overlapping edits', () => {
    assert.throws(
      () =>
        applyEdits('abcdef', [
          { offset: 0, length: 3, newText: '' },
          { offset: 2, length: 1, newText: 'x' },
        ]),
      RangeError,
    );
  });
});

describe('quick fixes: each leaves no finding of its rule', () => {
  it('a reversed range: swaps its ends, in ip_set and in ip_extra_set', () => {
    const { text, fix } = fixed(
      group({ ip_set: ['10.0.0.1', '192.168.3.100-192.168.3.20'] }),
      'address-group.range-reversed',
    );
    assert.deepEqual(value(text).address_group.ip_set, ['10.0.0.1', '192.168.3.20-192.168.3.100']);
    assert.equal(fix.title, 'Swap the ends of the range: 192.168.3.20-192.168.3.100');
    const extra = fixed(
      group({ ip_extra_set: [{ ip: '2001:db8::9-2001:db8::1', remarks: 'x' }], ip_version: 6 }),
      'address-group.range-reversed',
    );
    assert.deepEqual(value(extra.text).address_group.ip_extra_set, [{ ip: '2001:db8::1-2001:db8::9', remarks: 'x' }]);
  });

  it('a group CIDR with host bits: the network address', () => {
    const { text, fix } = fixed(group({ ip_set: ['192.168.5.1/24'] }), 'address-group.cidr-host-bits');
    assert.deepEqual(value(text).address_group.ip_set, ['192.168.5.0/24']);
    assert.equal(fix.title, 'Use the network address: 192.168.5.0/24');
  });

  it('a network CIDR with host bits: the network address', () => {
    const { text } = fixed(network('192.168.128.1/17'), 'network.cidr-host-bits');
    assert.equal(value(text).spec.cidr, '192.168.128.0/17');
    assert.deepEqual(checkDocument(text).findings, []);
  });

  it('a duplicate entry: removes it with its comma, wherever it stands', () => {
    const middle = fixed(
      group({ ip_set: ['10.0.0.1', '10.0.0.2', '10.0.0.1', '10.0.0.3'] }),
      'address-group.duplicate',
    );
    assert.deepEqual(value(middle.text).address_group.ip_set, ['10.0.0.1', '10.0.0.2', '10.0.0.3']);
    assert.equal(middle.fix.title, 'Remove the duplicate 10.0.0.1');
    const last = fixed(group({ ip_set: ['10.0.0.1', '10.0.0.1'] }), 'address-group.duplicate');
    assert.deepEqual(value(last.text).address_group.ip_set, ['10.0.0.1']);
    const compact = '{"address_group":{"name":"g","ip_version":4,"ip_set":["10.0.0.1","10.0.0.1","10.0.0.2"]}}';
    assert.equal(
      fixed(compact, 'address-group.duplicate').text,
      '{"address_group":{"name":"g","ip_version":4,"ip_set":["10.0.0.1","10.0.0.2"]}}',
    );
  });

  it('a duplicate in ip_extra_set: removes the whole entry, remarks included', () => {
    const { text } = fixed(
      group({
        ip_extra_set: [
          { ip: '10.0.0.1', remarks: 'a' },
          { ip: '10.0.0.1', remarks: 'b' },
        ],
      }),
      'address-group.duplicate',
    );
    assert.deepEqual(value(text).address_group.ip_extra_set, [{ ip: '10.0.0.1', remarks: 'a' }]);
  });

  it('more entries than max_capacity: raises it to the count', () => {
    const { text, fix } = fixed(
      group({ max_capacity: 1, ip_set: ['10.0.0.1', '10.0.0.2', '10.0.0.3'] }),
      'address-group.capacity',
    );
    assert.equal(value(text).address_group.max_capacity, 3);
    assert.equal(fix.title, 'Raise max_capacity to 3, the number of entries');
  });

  it('inserts max_capacity when absent, at the indentation of its neighbours or inline in a one-line document', () => {
    const finding: Finding = { severity: 'error', rule: 'address-group.capacity', message: '', offset: 0, length: 0 };
    const text = group({ ip_set: ['10.0.0.1', '10.0.0.2'] });
    const [fix] = quickFixesFor(text, { ...finding, offset: text.indexOf('"ip_set"'), length: '"ip_set"'.length });
    const result = applyEdits(text, fix?.edits ?? []);
    assert.equal(value(result).address_group.max_capacity, 2);
    assert.match(result, /\],\n {4}"max_capacity": 2\n {2}\}/);
    const oneLine = '{"address_group":{"name":"g","ip_version":4,"ip_set":["10.0.0.1"]}}';
    const [inline] = quickFixesFor(oneLine, {
      ...finding,
      offset: oneLine.indexOf('"ip_set"'),
      length: '"ip_set"'.length,
    });
    assert.equal(
      applyEdits(oneLine, inline?.edits ?? []),
      '{"address_group":{"name":"g","ip_version":4,"ip_set":["10.0.0.1"], "max_capacity": 1}}',
    );
  });

  it('offers no capacity fix for more than 20 entries: the API takes no more', () => {
    const text = group({ max_capacity: 5, ip_set: Array.from({ length: 21 }, (_, i) => `10.0.0.${i}`) });
    assert.deepEqual(quickFixesFor(text, findingOf(text, 'address-group.capacity')), []);
  });

  it('entries of the other family: changes ip_version when every entry agrees', () => {
    const { text, fix } = fixed(group({ ip_set: ['2001:db8::1', '2001:db8::/64'] }), 'address-group.family');
    assert.equal(value(text).address_group.ip_version, 6);
    assert.equal(fix.title, 'Change ip_version to 6: every entry is IPv6');
    const extra = fixed(group({ ip_version: 6, ip_extra_set: [{ ip: '10.0.0.1' }] }), 'address-group.family');
    assert.equal(value(extra.text).address_group.ip_version, 4);
  });

  it('offers no ip_version change when the entries disagree', () => {
    const text = group({ ip_set: ['10.0.0.1', '2001:db8::1'] });
    assert.deepEqual(quickFixesFor(text, findingOf(text, 'address-group.family')), []);
  });

  const outside: [string, string][] = [
    ['10.0.0.0/16', '172.16.0.0/16'],
    ['192.169.0.0/16', '192.168.0.0/16'],
    ['172.32.5.0/24', '172.31.255.0/24'],
    ['172.15.0.0/13', '172.16.0.0/13'],
    ['192.168.0.0/15', '172.30.0.0/15'],
    ['200.0.0.0/20', '192.168.240.0/20'],
    ['0.0.0.0/24', '172.16.0.0/24'],
  ];
  for (const [cidr, nearest] of outside) {
    it(`a network CIDR outside the allowed ranges: ${cidr} → ${nearest}, the nearest allowed block of that size`, () => {
      const { text, fix } = fixed(network(cidr), 'network.cidr-range');
      assert.equal(value(text).spec.cidr, nearest);
      assert.match(
        fix.title,
        new RegExp(
          `^Use ${nearest.replace(/\./g, '\\.')}: the /\\d+ block nearest to ${cidr.replace(/\./g, '\\.')} inside 172\\.16\\.0\\.0/12 \\(/12-/24\\) or 192\\.168\\.0\\.0/16 \\(/16-/24\\)$`,
        ),
      );
      assert.deepEqual(checkDocument(text).findings, []);
    });
  }

  it('a block larger than any range allows (10.0.0.0/8) gets the largest allowed block, 172.16.0.0/12', () => {
    const { text, fix } = fixed(network('10.0.0.0/8'), 'network.cidr-range');
    assert.equal(value(text).spec.cidr, '172.16.0.0/12');
    assert.match(fix.title, /^Use 172\.16\.0\.0\/12: the largest block nearest to 10\.0\.0\.0\/8 inside/);
  });

  it('offers no block for a size smaller than any range allows (10.0.0.0/28)', () => {
    const text = network('10.0.0.0/28');
    assert.deepEqual(quickFixesFor(text, findingOf(text, 'network.cidr-range')), []);
  });

  const networkNames: [string, string][] = [
    ['My_Network', 'my-network'],
    ['1st net!', 'st-net'],
    ['ab', 'ab-net'],
    ['Net-', 'net-net'],
    [`a${'b'.repeat(40)}`, `a${'b'.repeat(31)}`],
    ['日本', 'network'],
  ];
  for (const [name, corrected] of networkNames) {
    it(`a network name with forbidden characters: "${name}" → "${corrected}"`, () => {
      const before = network('192.168.0.0/16', name);
      const rule = checkDocument(before).findings.find((f) => f.rule.startsWith('schema.'))?.rule ?? 'none';
      const { text, fix } = fixed(before, rule);
      assert.equal(value(text).metadata.labels['os.modelarts/name'], corrected);
      assert.equal(fix.title, `Rename to ${corrected}`);
      assert.deepEqual(checkDocument(text).findings, []);
    });
  }

  const groupNames: [string, string][] = [
    ['office group', 'office_group'],
    ['a<b>', 'a_b_'],
    ['😀x', '_x'],
    ['n'.repeat(70), 'n'.repeat(64)],
  ];
  for (const [name, corrected] of groupNames) {
    it(`a group name with forbidden characters: "${name.slice(0, 12)}" → "${corrected.slice(0, 12)}"`, () => {
      const before = group({ name, ip_set: ['10.0.0.1'] });
      const rule = checkDocument(before).findings.find((f) => f.rule.startsWith('schema.'))?.rule ?? 'none';
      const { text } = fixed(before, rule);
      assert.equal(value(text).address_group.name, corrected);
      assert.deepEqual(checkDocument(text).findings, []);
    });
  }

  it('offers no rename for a pattern finding elsewhere (a network description), nor for an empty group name', () => {
    const description = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Network',
      metadata: { labels: { 'os.modelarts/name': 'abcd' }, annotations: { 'os.modelarts/description': 'a<b' } },
      spec: { cidr: '192.168.0.0/16' },
    });
    assert.deepEqual(quickFixesFor(description, findingOf(description, 'schema.pattern')), []);
    const empty = group({ name: '', ip_set: ['10.0.0.1'] });
    assert.deepEqual(quickFixesFor(empty, findingOf(empty, 'schema.minLength')), []);
  });

  it('offers nothing for a finding whose text has changed since, or a rule without a fix', () => {
    const text = group({ ip_set: ['192.168.5.1/24'] });
    const finding = findingOf(text, 'address-group.cidr-host-bits');
    assert.deepEqual(quickFixesFor(text.replace('"g"', '"gg"'), finding), []);
    const overlap = group({ ip_set: ['10.0.0.0/24', '10.0.0.5'] });
    assert.deepEqual(quickFixesFor(overlap, findingOf(overlap, 'address-group.overlap')), []);
  });
});

describe('corrected names always match the API patterns', () => {
  it('network names', () => {
    for (const name of ['', '-', '---a', 'A', 'Z9', 'a'.repeat(100), 'a--', 'x_y_z', '9-a-9', 'ÄÖÜ-abc']) {
      assert.match(correctedNetworkName(name), /^[a-z][a-z0-9-]{2,30}[a-z0-9]$/, name);
    }
  });

  it('group names (a non-empty one stays non-empty)', () => {
    for (const name of ['-', ' ', '<>', 'a'.repeat(100), '😀'.repeat(40)]) {
      assert.match(correctedGroupName(name), /^[A-Za-z0-9_.-]{1,64}$/, name);
    }
  });
});

describe('the network block a fix chooses, knowing the networks on the connection', () => {
  const entry = (text: string): AddressEntry => {
    const parsed = parseEntry(text);
    assert.ok(parsed.ok, text);
    return parsed.entry;
  };
  const blocks = (...texts: string[]) => texts.map(entry);
  const chosen = (written: string, ...taken: string[]) => {
    const choice = freeNetworkBlock(entry(written), blocks(...taken));
    assert.ok(choice.ok, `no block for ${written}: ${choice.ok ? '' : choice.reason}`);
    return choice.block;
  };

  it('keeps the nearest allowed block when nothing overlaps it', () => {
    assert.equal(chosen('10.0.0.0/16', '192.168.0.0/16'), '172.16.0.0/16');
  });

  it('skips a taken block for the nearest free one of the same size, by numeric distance', () => {
    // 10.0.0.0/16 is nearest to 172.16.0.0/16 (taken), then 172.17.0.0/16.
    assert.equal(chosen('10.0.0.0/16', '172.16.0.0/16'), '172.17.0.0/16');
    // A /24 network inside the nearest /16 takes it too.
    assert.equal(chosen('10.0.0.0/16', '172.16.5.0/24', '172.17.0.0/20'), '172.18.0.0/16');
    // Inside a range, the nearer neighbour wins: 172.20.0.0/16 is 1 block below, 172.22.0.0/16 1 above; the lower on a tie.
    assert.equal(chosen('172.21.0.0/16', '172.21.0.0/16'), '172.20.0.0/16');
    assert.equal(chosen('172.21.0.0/16', '172.19.0.0/16', '172.20.0.0/15', '172.22.0.0/16'), '172.23.0.0/16');
  });

  it('crosses to the other range when one is full, whichever is nearer', () => {
    assert.equal(chosen('192.168.0.0/16', '192.168.0.0/16'), '172.31.0.0/16');
  });

  const chosenNone = (written: string, ...taken: string[]): string => {
    const choice = freeNetworkBlock(entry(written), blocks(...taken));
    assert.ok(!choice.ok, `a block was chosen: ${choice.ok ? choice.block : ''}`);
    assert.equal(choice.taken, true);
    return choice.reason;
  };

  it('says so when every block of the size overlaps a known network', () => {
    assert.match(
      chosenNone('10.0.0.0/16', '172.16.0.0/12', '192.168.0.0/16'),
      /^every \/16 block inside 172\.16\.0\.0\/12 \(\/12-\/24\) or 192\.168\.0\.0\/16 \(\/16-\/24\) overlaps a network known on this connection$/,
    );
    // A /24 fits nowhere when both ranges are covered by networks, however small they are.
    const spread = Array.from({ length: 16 }, (_, i) => `172.${16 + i}.0.0/16`);
    assert.match(chosenNone('172.16.0.0/24', ...spread, '192.168.0.0/17', '192.168.128.0/17'), /every \/24 block/);
  });

  it('a block too large for any range gets the largest free allowed block', () => {
    assert.equal(chosen('10.0.0.0/8'), '172.16.0.0/12');
    // 172.16.0.0/12 is taken in part: its free half is the largest block left.
    assert.equal(chosen('10.0.0.0/8', '172.16.0.0/24'), '172.24.0.0/13');
    // Networks in every /16 of 172.16.0.0/12: 192.168.0.0/16 is the largest free.
    assert.equal(
      chosen('10.0.0.0/8', ...Array.from({ length: 16 }, (_, i) => `172.${16 + i}.0.0/24`)),
      '192.168.0.0/16',
    );
    assert.match(
      chosenNone('10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'),
      /^every block inside .* overlaps a network known on this connection$/,
    );
  });

  it('ignores known blocks of the other family, and a block no range can take', () => {
    assert.equal(chosen('10.0.0.0/16', '2001:db8::/32'), '172.16.0.0/16');
    const tooSmall = freeNetworkBlock(entry('10.0.0.0/28'), []);
    assert.ok(!tooSmall.ok && !tooSmall.taken && /no allowed range takes a \/28 block/.test(tooSmall.reason));
  });

  it('the fixes of an outside CIDR, host bits and the overlap warning all write a free block', () => {
    const taken = blocks('172.16.0.0/16', '192.168.1.0/24');
    const outside = network('10.0.0.0/16');
    const [rangeFix] = quickFixesFor(outside, findingOf(outside, 'network.cidr-range'), { takenNetworkBlocks: taken });
    assert.equal(value(applyEdits(outside, rangeFix?.edits ?? [])).spec.cidr, '172.17.0.0/16');
    assert.match(
      rangeFix?.title ?? '',
      /^Use 172\.17\.0\.0\/16: the \/16 block nearest to 10\.0\.0\.0\/16 inside .* that overlaps no network known on this connection$/,
    );

    const hostBits = network('192.168.1.7/24');
    const [hostFix] = quickFixesFor(hostBits, findingOf(hostBits, 'network.cidr-host-bits'), {
      takenNetworkBlocks: taken,
    });
    assert.equal(value(applyEdits(hostBits, hostFix?.edits ?? [])).spec.cidr, '192.168.0.0/24');
    assert.match(hostFix?.title ?? '', /the network address, 192\.168\.1\.0\/24, overlaps a network known/);
    const free = network('192.168.2.7/24');
    assert.equal(
      quickFixesFor(free, findingOf(free, 'network.cidr-host-bits'), { takenNetworkBlocks: taken })[0]?.title,
      'Use the network address: 192.168.2.0/24',
    );

    const overlapping = network('172.16.0.0/16');
    const start = overlapping.indexOf('"172.16.0.0/16"');
    const finding = {
      severity: 'warning' as const,
      rule: 'network.cidr-overlaps-live',
      message: 'overlaps',
      offset: start,
      length: '"172.16.0.0/16"'.length,
    };
    const [overlapFix] = quickFixesFor(overlapping, finding, { takenNetworkBlocks: taken });
    assert.equal(
      overlapFix?.title,
      'Use 172.17.0.0/16: the nearest /16 block that overlaps no network known on this connection',
    );
    assert.equal(value(applyEdits(overlapping, overlapFix?.edits ?? [])).spec.cidr, '172.17.0.0/16');

    const full = quickFixesFor(overlapping, finding, { takenNetworkBlocks: blocks('172.16.0.0/12', '192.168.0.0/16') });
    assert.equal(full.length, 1);
    assert.deepEqual(full[0]?.edits, []);
    assert.match(full[0]?.unavailable ?? '', /every \/16 block .* overlaps a network known on this connection/);
  });

  it('the new-document template takes the nearest free block of its size', () => {
    const snippet = '{\n\t"spec": {\n\t\t"cidr": "${3:192.168.128.0/17}"\n\t}\n}\n';
    assert.equal(snippetWithFreeBlock(snippet, []), snippet);
    assert.equal(
      snippetWithFreeBlock(snippet, blocks('192.168.200.0/24')),
      snippet.replace('192.168.128.0/17', '192.168.0.0/17'),
    );
    assert.equal(
      snippetWithFreeBlock(snippet, blocks('192.168.0.0/16')),
      snippet.replace('192.168.128.0/17', '172.31.128.0/17'),
    );
    assert.equal(snippetWithFreeBlock(snippet, blocks('172.16.0.0/12', '192.168.0.0/16')), snippet);
  });
});
