import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ipaddr from 'ipaddr.js';
import { describeEntry, findConflicts, parseAddress, parseEntry } from '../../../../src/core/documents/addresses';
import { hoverTextFor } from '../../../../src/core/documents/hovers';

describe('address descriptions', () => {
  const describe1 = (text: string) => {
    const parsed = parseEntry(text);
    assert.ok(parsed.ok, text);
    return describeEntry(parsed.entry);
  };

  it('gives first and last address, size and family', () => {
    assert.equal(describe1('192.168.5.0/24'), 'IPv4, 256 addresses: 192.168.5.0 – 192.168.5.255');
    assert.equal(describe1('192.168.3.20-192.168.3.100'), 'IPv4, 81 addresses: 192.168.3.20 – 192.168.3.100');
    assert.equal(describe1('192.168.3.2'), 'IPv4 address, 1 address');
    assert.equal(
      describe1('2001:db8::/64'),
      'IPv6, 18,446,744,073,709,551,616 addresses: 2001:db8:: – 2001:db8::ffff:ffff:ffff:ffff',
    );
    assert.equal(describe1('172.16.0.0/12'), 'IPv4, 1,048,576 addresses: 172.16.0.0 – 172.31.255.255');
  });

  it('parses an address exactly when ipaddr.js calls it a four-part decimal IPv4 or a zoneless IPv6 address, to its value', () => {
    const pieces = [
      '0',
      '1',
      '10',
      '010',
      '255',
      '256',
      '0x0a',
      'ffff',
      'FFFF',
      'g',
      '.',
      '.',
      ':',
      ':',
      '::',
      '%eth0',
      ' ',
      '1.2.3.4',
    ];
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const samples = [
      '10.1',
      '0x0a000001',
      '256.0.0.1',
      '1.2.3.4.5',
      '::ffff:1.2.3.4',
      'fe80::1%eth0',
      '2001:db8::g',
      '1:2:3:4:5:6:7:8:9',
      '::',
      '0.0.0.0',
    ];
    for (let i = 0; i < 20_000; i++) {
      samples.push(
        Array.from({ length: 1 + Math.floor(next() * 9) }, () => pieces[Math.floor(next() * pieces.length)]).join(''),
      );
    }
    const counts = { 4: 0, 6: 0, none: 0 };
    for (const text of samples) {
      const expected = ipaddr.IPv4.isValidFourPartDecimal(text)
        ? { family: 4 as const, address: ipaddr.IPv4.parse(text).octets }
        : !text.includes('%') && ipaddr.IPv6.isValid(text)
          ? { family: 6 as const, address: ipaddr.IPv6.parse(text).parts }
          : undefined;
      counts[expected?.family ?? 'none']++;
      assert.deepEqual(parseAddress(text), expected, text);
    }
    // The samples hold addresses of both families, not only what is none.
    assert.ok(counts[4] > 100 && counts[6] > 100, JSON.stringify(counts));
  });

  const indexed = (texts: string[]) =>
    texts.map((text, index) => {
      const parsed = parseEntry(text);
      assert.ok(parsed.ok);
      return { index, text, entry: parsed.entry };
    });

  it('finds overlaps in n log n, pairing each entry with the one reaching furthest', () => {
    const { overlaps, repeats, sameAddresses } = findConflicts(
      indexed(['10.0.0.0/8', '10.1.0.0/16', '10.2.0.1', '11.0.0.1']),
    );
    assert.deepEqual(
      overlaps.map(({ a, b }) => [a.index, b.index]),
      [
        [0, 1],
        [0, 2],
      ],
    );
    assert.deepEqual([repeats, sameAddresses], [[], []]);
  });

  it('tells identical repeats from the same addresses written differently, even inside a wider entry', () => {
    const { overlaps, repeats, sameAddresses } = findConflicts(
      indexed(['10.0.0.0/8', '10.1.1.1', '10.1.1.1/32', '10.1.1.1-10.1.1.1', '10.1.1.1/32']),
    );
    assert.deepEqual(
      repeats.map(({ first, repeat }) => [first.index, repeat.index]),
      [[2, 4]],
    );
    assert.deepEqual(
      sameAddresses.map(({ first, repeat }) => [first.index, repeat.index]),
      [
        [1, 2],
        [1, 3],
      ],
    );
    assert.deepEqual(
      overlaps.map(({ a, b }) => [a.index, b.index]),
      [[0, 1]],
    );
  });
});

describe('hovers', () => {
  const network =
    '{"apiVersion":"v1","kind":"Network","metadata":{"labels":{"os.modelarts/name":"network-7a03"}},"spec":{"cidr":"192.168.128.0/17"}}';

  it('describes a network CIDR and the ID a name will get', () => {
    assert.equal(
      hoverTextFor(network, 'x.network.json', network.indexOf('192.168.128'), ''),
      '**192.168.128.0/17**: IPv4, 32,768 addresses: 192.168.128.0 – 192.168.255.255',
    );
    assert.match(
      hoverTextFor(network, 'x.json', network.indexOf('network-7a03'), 'abc') ?? '',
      /ID will be `network-7a03-abc`/,
    );
    assert.match(
      hoverTextFor(network, 'x.json', network.indexOf('network-7a03'), '') ?? '',
      /`network-7a03-\{project_id\}`/,
    );
  });

  it('describes address-group entries in ip_set and ip_extra_set, and nothing elsewhere', () => {
    const group =
      '{"address_group":{"name":"10.0.0.1","ip_version":4,"ip_set":["10.0.0.0/30"],"ip_extra_set":[{"ip":"10.1.0.1-10.1.0.4"}]}}';
    assert.match(
      hoverTextFor(group, 'g.json', group.indexOf('10.0.0.0/30'), '') ?? '',
      /4 addresses: 10\.0\.0\.0 – 10\.0\.0\.3/,
    );
    assert.match(hoverTextFor(group, 'g.json', group.indexOf('10.1.0.1-'), '') ?? '', /4 addresses/);
    assert.equal(hoverTextFor(group, 'g.json', group.indexOf('10.0.0.1'), ''), undefined);
    assert.equal(hoverTextFor('{"ip_set":["10.0.0.1"]}', 'other.json', 12, ''), undefined);
  });

  it('still describes an entry of a document nested 100,000 levels deep elsewhere', () => {
    const group = `{"address_group":{"name":"g","ip_version":4,"ip_set":["10.0.0.0/30"],"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
    assert.match(hoverTextFor(group, 'g.address-group.json', group.indexOf('10.0.0.0/30'), '') ?? '', /4 addresses/);
  });
});
