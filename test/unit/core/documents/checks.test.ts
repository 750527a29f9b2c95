import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../../../scripts/lib/codeServer.mjs';
import { checkDocument, type Finding } from '../../../../src/core/documents/checks';
import { type Kind, kindFromFileName } from '../../../../src/core/kinds';
import { schemaHints } from '../../../../src/core/generated/schemaValidators';

const network = (cidr: string, name = 'network-7a03') =>
  JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'Network',
      metadata: { labels: { 'os.modelarts/name': name, 'os.modelarts/workspace.id': '0' } },
      spec: { cidr },
    },
    null,
    2,
  );
const group = (addressGroup: Record<string, unknown>) =>
  JSON.stringify({ address_group: { name: 'g', ip_version: 4, ...addressGroup } }, null, 2);

const errors = (text: string) => checkDocument(text).findings.filter((f) => f.severity === 'error');
const warnings = (text: string) => checkDocument(text).findings.filter((f) => f.severity === 'warning');
/** The text a finding sits on. */
const under = (text: string, finding: Finding | undefined) =>
  finding ? text.slice(finding.offset, finding.offset + finding.length) : undefined;

describe('network CIDR rules', () => {
  const accepted = [
    '172.16.0.0/12',
    '172.16.0.0/24',
    '172.31.255.0/24',
    '192.168.0.0/16',
    '192.168.128.0/17',
    '192.168.255.0/24',
    '172.20.0.0/16',
  ];
  for (const cidr of accepted) {
    it(`accepts ${cidr}`, () => assert.deepEqual(errors(network(cidr)), []));
  }

  const rejected: [string, RegExp][] = [
    [
      '172.16.0.0/11',
      /outside the private ranges ModelArts networks use\. Allowed: a block inside 172\.16\.0\.0\/12 with a prefix from \/12 to \/24, or inside 192\.168\.0\.0\/16 with a prefix from \/16 to \/24/,
    ],
    ['172.16.0.0/25', /\/25 is too small a network: inside 172\.16\.0\.0\/12 the prefix must be from \/12 to \/24/],
    ['192.168.0.0/25', /\/25 is too small a network: inside 192\.168\.0\.0\/16 the prefix must be from \/16 to \/24/],
    ['172.32.0.0/24', /outside the private ranges/],
    ['192.169.0.0/16', /outside the private ranges/],
    ['192.168.0.0/15', /outside the private ranges/],
    ['10.0.0.0/16', /outside the private ranges/],
  ];
  for (const [cidr, message] of rejected) {
    it(`rejects ${cidr}, on the cidr value, saying what is allowed`, () => {
      const text = network(cidr);
      const found = errors(text);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.match(found[0]?.message ?? '', message);
      assert.equal(under(text, found[0]), `"${cidr}"`);
    });
  }

  it('rejects host bits and suggests the network address', () => {
    const found = errors(network('192.168.128.1/17'));
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? '', /host bits set: write the network address, 192\.168\.128\.0\/17/);
  });

  it("leaves a malformed CIDR to the schema, with the schema's message", () => {
    const found = errors(network('192.168.1/24'));
    assert.deepEqual(
      found.map((f) => f.rule),
      ['schema.pattern'],
    );
    assert.match(found[0]?.message ?? '', /An IPv4 CIDR block such as 192\.168\.128\.0\/17/);
    assert.deepEqual(
      errors(network('300.1.1.0/24')).map((f) => f.rule),
      ['network.cidr-syntax'],
    );
  });
});

describe('network names (schema)', () => {
  const cases: [string, boolean][] = [
    ['abc', false],
    ['abcd', true],
    ['a'.repeat(32), true],
    ['a'.repeat(33), false],
    ['net-', false],
    ['net-1', true],
    ['1net', false],
    ['Net-1', false],
    ['ne_t', false],
  ];
  for (const [name, ok] of cases) {
    it(`${ok ? 'accepts' : 'rejects'} "${name}" (${name.length} characters)`, () => {
      const text = network('192.168.0.0/16', name);
      const found = errors(text);
      if (ok) assert.deepEqual(found, []);
      else {
        assert.ok(found.length > 0);
        assert.equal(under(text, found[0]), JSON.stringify(name));
        assert.match(
          found.map((f) => f.message).join(' '),
          /4-32 characters, lowercase letters, digits and hyphens|Allowed: 4-32 characters/,
        );
      }
    });
  }
});

describe('network document shape (schema)', () => {
  it('names the allowed values of kind and apiVersion, and of unknown keys', () => {
    const text = JSON.stringify({
      apiVersion: 'v2',
      kind: 'Subnet',
      metadata: { labels: { 'os.modelarts/name': 'abcd' } },
      spec: { cidr: '192.168.0.0/16', mtu: 1 },
    });
    const messages = checkDocument(text, { kind: 'network' }).findings.map((f) => f.message);
    assert.ok(messages.includes('Must be "v1". API version. Allowed: v1.'), messages.join('\n'));
    assert.ok(messages.some((m) => /^Must be "Network"\./.test(m)));
    assert.ok(messages.includes('Property "mtu" is not allowed. Allowed here: cidr, ipv6enable, connection.'));
  });

  it('refuses a key given twice, on the second', () => {
    const text =
      '{"apiVersion":"v1","kind":"Network","metadata":{"labels":{"os.modelarts/name":"abcd"}},"spec":{"cidr":"172.16.0.0/16","cidr":"10.0.0.0/8"}}';
    const found = checkDocument(text).findings.filter((f) => f.rule === 'json.duplicate-key');
    assert.equal(found.length, 1);
    assert.equal(found[0]?.offset, text.lastIndexOf('"cidr"'));
  });

  it('reports a missing required property with what it is', () => {
    const text = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Network',
      metadata: { labels: {} },
      spec: { cidr: '192.168.0.0/16' },
    });
    const found = checkDocument(text).findings;
    assert.equal(found.length, 1);
    assert.match(found[0]?.message ?? '', /^Missing property "os\.modelarts\/name"\. Display name: 4-32 characters/);
    assert.equal(under(text, found[0]), '"labels"');
  });
});

describe('address-group rules', () => {
  it("accepts addresses, ranges and CIDR blocks of the group's version, IPv6 too", () => {
    assert.deepEqual(errors(group({ ip_set: ['192.168.3.2', '192.168.3.20-192.168.3.30', '10.0.0.0/8'] })), []);
    assert.deepEqual(
      errors(group({ ip_version: 6, ip_set: ['2001:db8::1', '2001:db8::/64', '2001:db9::1-2001:db9::ff'] })),
      [],
    );
  });

  it('rejects an IPv6 entry in an IPv4 group, on that entry', () => {
    const text = group({ ip_set: ['192.168.3.2', '2001:db8::1'] });
    const found = errors(text);
    assert.equal(found.length, 1);
    assert.equal(under(text, found[0]), '"2001:db8::1"');
    assert.match(found[0]?.message ?? '', /is an IPv6 entry, but ip_version is 4: every entry must be IPv4/);
  });

  it('rejects a reversed range and says the right order', () => {
    const found = errors(group({ ip_set: ['192.168.3.100-192.168.3.20'] }));
    assert.match(
      found[0]?.message ?? '',
      /the range is reversed: it must start with the lower address \(192\.168\.3\.20-192\.168\.3\.100\)/,
    );
    // A rule of its own, which its quick fix (swap the ends) is keyed by; other syntax errors keep theirs.
    assert.deepEqual(
      found.map((f) => f.rule),
      ['address-group.range-reversed'],
    );
    assert.deepEqual(
      errors(group({ ip_set: ['192.168.3.100-abc'] })).map((f) => f.rule),
      ['address-group.entry-syntax'],
    );
  });

  it('rejects what is no address, range or block', () => {
    for (const entry of ['192.168.3', 'abc', '10.0.0.0/33', '10.0.0.1-2001:db8::1', ' 10.0.0.1', '010.0.0.1']) {
      assert.equal(errors(group({ ip_set: [entry] })).length, 1, entry);
    }
  });

  it('rejects duplicates naming both, and warns about overlaps naming both', () => {
    const text = group({ ip_set: ['192.168.3.2', '192.168.3.2'] });
    const dup = errors(text);
    assert.equal(dup.length, 1);
    const firstLine = text.slice(0, text.indexOf('"192.168.3.2"')).split('\n').length;
    assert.ok(firstLine > 1);
    assert.match(
      dup[0]?.message ?? '',
      new RegExp(`^192\\.168\\.3\\.2 duplicates 192\\.168\\.3\\.2 on line ${firstLine}: each entry may appear once`),
    );
    assert.equal(dup[0]?.offset, text.lastIndexOf('"192.168.3.2"'));
    const overlap = warnings(group({ ip_set: ['192.168.3.20-192.168.3.100', '192.168.3.40'] }));
    assert.equal(overlap.length, 1);
    assert.match(overlap[0]?.message ?? '', /192\.168\.3\.40 overlaps 192\.168\.3\.20-192\.168\.3\.100/);
  });

  const sameAddresses: [string, string, number][] = [
    ['1.1.1.1', '1.1.1.1/32', 4],
    ['2001:db8::a', '2001:DB8::A', 6],
    ['2001:db8::a', '2001:db8:0:0:0:0:0:a', 6],
    ['10.0.0.0/24', '10.0.0.0-10.0.0.255', 4],
    ['10.1.1.1', '10.1.1.1-10.1.1.1', 4],
    ['192.168.5.1/24', '192.168.5.0/24', 4],
  ];
  for (const [first, second, version] of sameAddresses) {
    it(`warns, naming both, that ${second} after ${first} may be refused, without calling it an error`, () => {
      for (const text of [
        group({ ip_version: version, ip_set: [first, second] }),
        group({ ip_version: version, ip_extra_set: [{ ip: first }, { ip: second }] }),
      ]) {
        assert.deepEqual(errors(text), []);
        const same = warnings(text).filter((f) => f.rule === 'address-group.same-addresses');
        assert.equal(same.length, 1, JSON.stringify(warnings(text)));
        assert.equal(under(text, same[0]), JSON.stringify(second));
        assert.equal(
          same[0]?.message,
          `${second} covers the same addresses as ${first}, written differently: the API's pages name only identical entries as duplicates (VPC.9901), but the service may refuse it as one. Keep one of them.`,
        );
      }
    });
  }

  it('keeps an identical repeat an error, even after the same addresses written differently', () => {
    const text = group({ ip_set: ['1.1.1.1/32', '1.1.1.1', '1.1.1.1'] });
    const dup = errors(text);
    assert.deepEqual(
      dup.map((f) => f.rule),
      ['address-group.duplicate'],
    );
    assert.equal(dup[0]?.offset, text.lastIndexOf('"1.1.1.1"'));
    assert.deepEqual(
      warnings(text).map((f) => [f.rule, under(text, f)]),
      [['address-group.same-addresses', '"1.1.1.1"']],
    );
  });

  it('accepts remarks: null, as every answer of the API has it', () => {
    const text = group({
      ip_extra_set: [
        { ip: '192.168.5.0/24', remarks: null },
        { ip: '192.168.3.2', remarks: 'x' },
      ],
    });
    assert.deepEqual(checkDocument(text).findings, []);
    assert.equal(
      errors(group({ ip_extra_set: [{ ip: '10.0.0.1', remarks: 5 }] }))[0]?.message,
      'Must be string or null, not number. Remarks: up to 255 characters, no angle brackets (< or >), or null for none (as the API answers).',
    );
  });

  it('counts entries against 20 and against max_capacity', () => {
    const entries = (n: number) => Array.from({ length: n }, (_, i) => `10.0.${i}.0/24`);
    assert.deepEqual(errors(group({ ip_set: entries(20) })), []);
    const over = errors(group({ ip_set: entries(21) }));
    assert.equal(over.length, 1);
    assert.match(over[0]?.message ?? '', /more than 20 items/);
    assert.deepEqual(errors(group({ max_capacity: 5, ip_set: entries(5) })), []);
    const capacity = errors(group({ max_capacity: 5, ip_set: entries(6) }));
    assert.equal(capacity.length, 1);
    assert.match(
      capacity[0]?.message ?? '',
      /6 entries, but max_capacity is 5: remove 1 or raise max_capacity \(at most 20\)/,
    );
  });

  it('rejects ip_set together with ip_extra_set, and warns when neither is there', () => {
    const both = errors(group({ ip_set: ['10.0.0.1'], ip_extra_set: [{ ip: '10.0.0.2' }] }));
    assert.equal(both.length, 1);
    assert.match(both[0]?.message ?? '', /ip_set and ip_extra_set cannot both be given: keep one of them/);
    assert.match(warnings(group({}))[0]?.message ?? '', /no entries: add ip_set/);
  });

  it('checks ip_extra_set entries and refuses angle brackets in remarks, names and descriptions', () => {
    const text = group({ ip_extra_set: [{ ip: '10.0.0.1', remarks: 'a <b>' }, { ip: '2001:db8::1' }] });
    const found = errors(text);
    assert.equal(found.length, 2, JSON.stringify(found));
    assert.match(found.map((f) => f.message).join('\n'), /Angle brackets \(< and >\) are not allowed/);
    assert.match(errors(group({ name: 'a b' }))[0]?.message ?? '', /Allowed: letters, digits, underscores/);
    assert.match(errors(group({ description: '<x>' }))[0]?.message ?? '', /Angle brackets/);
    assert.equal(errors(group({ name: 'x'.repeat(64) })).length, 0);
    assert.equal(errors(group({ name: 'x'.repeat(65) })).length, 1);
  });

  it('warns about host bits in a CIDR entry', () => {
    assert.match(warnings(group({ ip_set: ['192.168.5.1/24'] }))[0]?.message ?? '', /stands for 192\.168\.5\.0\/24/);
  });
});

describe('hostile documents', () => {
  const deepCidr = (levels: number) =>
    `{"apiVersion":"v1","kind":"Network","metadata":{"labels":{"os.modelarts/name":"abcd"}},"spec":{"cidr":"10.0.0.0/8","x":${'['.repeat(levels - 2)}${']'.repeat(levels - 2)}}}`;

  it('refuses nesting deeper than 64 levels with one error on the bracket that goes too deep, and checks the rest', () => {
    // The root object, spec and x's arrays: level 65 is the 63rd bracket of x.
    const text = deepCidr(3000);
    const found = checkDocument(text).findings;
    const depth = found.filter((f) => f.rule === 'json.depth');
    assert.equal(depth.length, 1, JSON.stringify(depth));
    assert.equal(depth[0]?.severity, 'error');
    assert.equal(depth[0]?.offset, text.indexOf('[') + 62);
    assert.equal(depth[0]?.length, 1);
    assert.match(
      depth[0]?.message ?? '',
      /^This value is nested more than 64 levels deep: a document nests at most 64 levels \(a network or address-group document needs at most 5\)\. What lies deeper is not checked\.$/,
    );
    // The rules still check the rest of the document, and the schema still sees the unknown key.
    assert.ok(found.some((f) => f.rule === 'network.cidr-range'));
    assert.ok(found.some((f) => f.rule === 'schema.additionalProperties' && under(text, f) === '"x"'));
  });

  it('accepts nesting of exactly 64 levels, and many brackets side by side or in strings', () => {
    assert.deepEqual(
      checkDocument(deepCidr(64)).findings.filter((f) => f.rule === 'json.depth'),
      [],
    );
    assert.equal(checkDocument(deepCidr(65)).findings.filter((f) => f.rule === 'json.depth').length, 1);
    const wide = group({
      ip_extra_set: Array.from({ length: 20 }, (_, i) => ({ ip: `10.0.0.${i}`, remarks: '[{'.repeat(100) })),
    });
    assert.deepEqual(checkDocument(wide).findings, []);
  });

  it('names how many other places nest too deep, and finds the kind of a deep document by its content', () => {
    const deep = `[${'['.repeat(70)}${']'.repeat(70)}]`;
    const text = `{"address_group":{"name":"g","ip_version":4,"ip_set":["10.0.0.1"],"a":${deep},"b":${deep},"c":${deep}}}`;
    const check = checkDocument(text);
    assert.equal(check.kind, 'addressGroup');
    const depth = check.findings.filter((f) => f.rule === 'json.depth');
    assert.equal(depth.length, 1);
    assert.match(
      depth[0]?.message ?? '',
      /^This value is nested more than 64 levels deep \(and so are 2 more places\): /,
    );
  });

  const huge = 200_000;
  const tooLong = (check: { findings: Finding[] }) => check.findings.filter((f) => f.rule === 'json.too-long');

  it('checks the first 1,000 entries of a 200,000-entry ip_set, and says once that the rest was not checked and what the API takes', () => {
    const text = group({ ip_set: Array.from({ length: huge }, () => '10.0.0.1') });
    const check = checkDocument(text, { kind: 'addressGroup', schema: false });
    assert.equal(check.findings.filter((f) => f.rule === 'address-group.duplicate').length, 999);
    const cut = tooLong(check);
    assert.equal(cut.length, 1);
    assert.equal(cut[0]?.severity, 'warning');
    // On the first entry not checked: the 1,001st.
    assert.equal(cut[0]?.offset, text.split('"10.0.0.1"', 1001).join('"10.0.0.1"').length);
    assert.equal(
      cut[0]?.message,
      '200,000 entries: only the first 1,000 were checked (syntax, IP version, duplicates, overlaps), the rest were not. The API takes at most 20 entries in a group (and no more than max_capacity).',
    );
    assert.ok(check.nodesChecked < 1_100, `${check.nodesChecked} nodes checked`);
  });

  it('bounds the work on a 200,000-entry ip_extra_set, schema included', () => {
    const text = group({ ip_extra_set: Array.from({ length: huge }, (_, i) => ({ ip: 'x', remarks: `${i}` })) });
    const check = checkDocument(text);
    assert.equal(check.findings.filter((f) => f.rule === 'address-group.entry-syntax').length, 1_000);
    assert.deepEqual(
      check.findings.filter((f) => f.rule.startsWith('schema.')).map((f) => f.rule),
      ['schema.maxItems'],
    );
    assert.equal(tooLong(check).length, 1);
    assert.ok(check.nodesChecked < 3_100, `${check.nodesChecked} nodes checked`);
  });

  it('bounds the work on a network with 200,000 peer connections', () => {
    const text = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Network',
      metadata: { labels: { 'os.modelarts/name': 'abcd' } },
      spec: {
        cidr: '192.168.0.0/16',
        connection: {
          peerConnectionList: Array.from({ length: huge }, (_, i) => ({ peerVpcId: i, peerSubnetId: 's' })),
        },
      },
    });
    const check = checkDocument(text);
    assert.equal(check.findings.filter((f) => f.rule === 'schema.type').length, 1_000);
    const cut = tooLong(check);
    assert.equal(cut.length, 1);
    assert.equal(cut[0]?.message, '200,000 entries: only the first 1,000 were checked, the rest were not.');
    assert.ok(check.nodesChecked < 3_100, `${check.nodesChecked} nodes checked`);
  });

  it('bounds the work on an object of 200,000 properties, and claims nothing missing that may lie past the cut', () => {
    const keys = Array.from({ length: huge }, (_, i) => `"k${i}":1`).join(',');
    const text = `{"address_group":{${keys},"name":"g","ip_version":4,"ip_set":["10.0.0.1"]}}`;
    const check = checkDocument(text);
    assert.equal(check.findings.filter((f) => f.rule === 'schema.additionalProperties').length, 1_000);
    assert.deepEqual(
      check.findings.filter((f) => f.rule === 'schema.required'),
      [],
    );
    const cut = tooLong(check);
    assert.equal(cut.length, 1);
    assert.equal(cut[0]?.offset, text.indexOf('"k1000"'));
    assert.match(
      cut[0]?.message ?? '',
      /^200,003 properties: only the first 1,000 were checked, the rest were not\. No object of a network or address-group document has more than 7\.$/,
    );
    assert.ok(check.nodesChecked < 1_100, `${check.nodesChecked} nodes checked`);
  });

  it("lists 1,000 of the schema's findings, and says where the unlisted ones start", () => {
    // 20 entries of 60 unknown keys each: no list or object is cut, but they make 1,200 findings.
    const entry = Object.fromEntries(Array.from({ length: 60 }, (_, k) => [`k${k}`, 1]));
    const text = group({ ip_extra_set: Array.from({ length: 20 }, (_, i) => ({ ip: `10.0.0.${i}`, ...entry })) });
    const check = checkDocument(text);
    assert.equal(check.findings.filter((f) => f.rule === 'schema.additionalProperties').length, 1_000);
    const more = check.findings.filter((f) => f.rule === 'schema.too-many');
    assert.equal(more.length, 1);
    assert.equal(
      more[0]?.message,
      'The schema finds more problems than the 1,000 listed, from here on: fix those first.',
    );
    // On the entry of the first unlisted one: the 17th (the 1,000 listed are 16 × 60 + 40 unknown keys).
    assert.equal(more[0]?.offset, text.lastIndexOf('{', text.indexOf('"ip": "10.0.0.16"')));
  });

  it('counts brackets as the parser pairs them: a closing bracket of the other kind closes nothing', () => {
    // jsonc-parser skips a `}` inside an array (and a `]` inside an object) and keeps nesting after the comma.
    const text = `{"address_group":${'[},'.repeat(5000)}1}`;
    const depth = checkDocument(text, { kind: 'addressGroup' }).findings.filter((f) => f.rule === 'json.depth');
    assert.equal(depth.length, 1);
    assert.equal(depth[0]?.offset, '{"address_group":'.length + 3 * 63);
  });
});

describe('keys named like the properties of every JavaScript object', () => {
  const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'prototype'];
  // A value that, were it to become a prototype, would supply the required properties it sits beside.
  const VALUES = [
    '{"name":"g","ip_version":4,"apiVersion":"v1","kind":"Network","labels":{},"cidr":"192.168.0.0/16","ip":"10.0.0.1","peerVpcId":"v","peerSubnetId":"s"}',
    '1',
    'null',
    '[]',
  ];
  // Each object of both kinds, missing its required properties, where the key is put: `@` marks the place.
  const PLACES: [string, Kind, string][] = [
    ['root of an address group', 'addressGroup', '{"dry_run":true,@}'],
    ['address_group', 'addressGroup', '{"address_group":{@}}'],
    ['ip_extra_set entry', 'addressGroup', '{"address_group":{"name":"g","ip_version":4,"ip_extra_set":[{@}]}}'],
    ['root of a network', 'network', '{"apiVersion":"v1","kind":"Network",@}'],
    ['metadata', 'network', '{"apiVersion":"v1","kind":"Network","metadata":{@},"spec":{"cidr":"192.168.0.0/16"}}'],
    [
      'labels',
      'network',
      '{"apiVersion":"v1","kind":"Network","metadata":{"labels":{@}},"spec":{"cidr":"192.168.0.0/16"}}',
    ],
    [
      'spec',
      'network',
      '{"apiVersion":"v1","kind":"Network","metadata":{"labels":{"os.modelarts/name":"abcd"}},"spec":{@}}',
    ],
    [
      'peer connection',
      'network',
      '{"apiVersion":"v1","kind":"Network","metadata":{"labels":{"os.modelarts/name":"abcd"}},"spec":{"cidr":"192.168.0.0/16","connection":{"peerConnectionList":[{@}]}}}',
    ],
  ];
  const withoutKey = (place: string) => place.replace(/,@|@/, '');
  for (const [where, kind, place] of PLACES) {
    it(`give the normal "not allowed" finding in the ${where}, and hide nothing missing`, () => {
      const expected = checkDocument(withoutKey(place), { kind }).findings.map((f) => `${f.rule}: ${f.message}`);
      assert.ok(
        expected.some((f) => f.startsWith('schema.required')),
        `the place must lack a required property: ${expected.join('; ')}`,
      );
      for (const key of KEYS) {
        for (const value of VALUES) {
          const text = place.replace('@', `"${key}":${value}`);
          const found = checkDocument(text, { kind }).findings;
          const unknown = found.filter((f) => f.rule === 'schema.additionalProperties');
          assert.equal(unknown.length, 1, `${text}: ${JSON.stringify(found)}`);
          assert.equal(under(text, unknown[0]), `"${key}"`);
          assert.match(unknown[0]?.message ?? '', new RegExp(`^Property "${key}" is not allowed\\. Allowed here: `));
          assert.deepEqual(
            found.filter((f) => f !== unknown[0]).map((f) => `${f.rule}: ${f.message}`),
            expected,
            text,
          );
        }
      }
    });
  }

  it('find nothing in the compiled tables of what each schema node allows', () => {
    for (const key of KEYS) {
      assert.equal((schemaHints as Record<string, unknown>)[key], undefined, key);
      for (const hints of [schemaHints.network, schemaHints.addressGroup]) {
        assert.equal(hints[key], undefined, key);
        assert.equal(hints['#']?.[key as 'allowed'], undefined, key);
      }
    }
  });

  it('are keys like any other for the kind a document is recognised by, and for keys given twice', () => {
    assert.equal(checkDocument('{"__proto__":{"address_group":{}}}').kind, undefined);
    assert.equal(checkDocument('{"constructor":"Network","kind":"Network","apiVersion":"v1"}').kind, 'network');
    const twice = '{"address_group":{"name":"g","ip_version":4,"toString":1,"toString":2}}';
    assert.deepEqual(
      checkDocument(twice)
        .findings.filter((f) => f.rule === 'json.duplicate-key')
        .map((f) => f.offset),
      [twice.lastIndexOf('"toString"')],
    );
  });
});

describe('documents as they are published', () => {
  // test/fixtures/examples holds the create-request examples of ../shared/seeds and ../shared/reference, as published.
  const examplesDir = join(projectRoot, 'test/fixtures/examples');
  for (const file of readdirSync(examplesDir)) {
    it(`the published example ${file} validates with no error`, () => {
      const text = readFileSync(join(examplesDir, file), 'utf8');
      const check = checkDocument(text, { kind: kindFromFileName(file) });
      assert.deepEqual(
        check.findings.filter((f) => f.severity === 'error'),
        [],
      );
      // The address-group example overlaps itself (192.168.3.40 lies in 192.168.3.20-192.168.3.100): a warning only.
      if (check.kind === 'addressGroup') {
        assert.deepEqual(
          check.findings.map((f) => f.rule),
          ['address-group.overlap'],
        );
      }
    });
  }

  it('recognises documents by file name and by content', () => {
    assert.equal(kindFromFileName('/a/b/x.network.json'), 'network');
    assert.equal(kindFromFileName('x.Address-Group.JSON'), 'addressGroup');
    assert.equal(kindFromFileName('x.json'), undefined);
    assert.equal(checkDocument('{"kind":"Network","apiVersion":"v1"}').kind, 'network');
    assert.equal(checkDocument('{"address_group":{}}').kind, 'addressGroup');
    assert.equal(checkDocument('{"kind":"Network","apiVersion":"v2"}').kind, undefined);
    assert.equal(checkDocument('{"address_group":[]}').kind, undefined);
  });

  it('never throws, and reports nothing for broken JSON but what its rules can still see', () => {
    for (const text of [
      '',
      '{',
      '[]',
      'null',
      '{"address_group": {"ip_set": ["1.2.3"',
      '"x"',
      '{"kind":"Network","apiVersion":"v1","spec":{"cidr":5}}',
    ]) {
      assert.doesNotThrow(() => checkDocument(text));
    }
    const partial = checkDocument('{"kind":"Network","apiVersion":"v1","spec":{"cidr":"10.0.0.0/8"', {
      kind: 'network',
    });
    assert.equal(partial.parsed, false);
    assert.deepEqual(
      partial.findings.map((f) => f.rule),
      ['network.cidr-range'],
    );
  });
});

describe('what only an update can set (network.update-only)', () => {
  const withUpdateOnlyFields = JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'Network',
      metadata: {
        labels: { 'os.modelarts/name': 'network-7a03' },
        annotations: { 'os.modelarts/description': 'team a' },
      },
      spec: { cidr: '192.168.0.0/16', connection: { sfsTurboConnectionList: [{ sfsId: 'sfs-1', name: 'turbo' }] } },
    },
    null,
    2,
  );

  it('flags the description annotation and SFS Turbo links, on their keys, in a document not linked to a live network', () => {
    const found = errors(withUpdateOnlyFields);
    assert.deepEqual(
      found.map((f) => f.rule),
      ['network.update-only', 'network.update-only'],
    );
    assert.deepEqual(
      found.map((f) => under(withUpdateOnlyFields, f)),
      ['"annotations"', '"sfsTurboConnectionList"'],
    );
    assert.match(
      found[0]?.message ?? '',
      /can only be set on a live network, through an update: a create request cannot carry it/,
    );
  });

  it('accepts them in a linked document, where the schema checks them like any field', () => {
    assert.deepEqual(checkDocument(withUpdateOnlyFields, { linked: true }).findings, []);
    const badDescription = withUpdateOnlyFields.replace('team a', 'a<b');
    assert.deepEqual(
      checkDocument(badDescription, { linked: true }).findings.map((f) => f.rule),
      ['schema.pattern'],
    );
  });
});
