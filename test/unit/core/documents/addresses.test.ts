// Addresses are read once, by the module's own readers for the common spellings (four-part decimal IPv4, IPv6 in
// hexadecimal groups) and by ipaddr.js for the rest, into strings of their bytes. These property tests hold every
// answer — what is an address, its value, a block's ends, duplicates and overlaps — to what ipaddr.js says.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ipaddr from 'ipaddr.js';
import {
  type AddressEntry,
  addressValue,
  findConflicts,
  parseAddress,
  parseEntry,
} from '../../../../src/core/documents/addresses';
import { mulberry32 as random } from '../../../support/random';

const bytesValue = (bytes: number[]) => bytes.reduce((sum, byte) => (sum << 8n) | BigInt(byte), 0n);

/** What ipaddr.js says a written address is: four-part decimal IPv4, or IPv6 without a zone. */
function ipaddrAddress(text: string): { family: 4 | 6; value: bigint } | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
    return { family: 4, value: bytesValue(ipaddr.IPv4.parse(text).toByteArray()) };
  }
  if (!text.includes('%') && ipaddr.IPv6.isValid(text)) {
    return { family: 6, value: bytesValue(ipaddr.IPv6.parse(text).toByteArray()) };
  }
  return undefined;
}

const read = (text: string) => {
  const address = parseAddress(text);
  return address && { family: address.family, value: addressValue(address.family, address.address) };
};

describe('addresses, against ipaddr.js', () => {
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

  it('reads four-part decimal IPv4 exactly when ipaddr.js does, to the same value (50,000 random dotted strings)', () => {
    const next = random(seed);
    const PARTS = [
      '0',
      '1',
      '9',
      '10',
      '99',
      '100',
      '199',
      '249',
      '250',
      '255',
      '256',
      '260',
      '299',
      '300',
      '999',
      '1000',
      '00',
      '01',
      '010',
      '0255',
      '',
      ' 1',
      '1 ',
      '+1',
      '-1',
      '1e2',
      '0x1f',
      'a',
      '٣',
      '1.5',
    ];
    const counts = { yes: 0, no: 0 };
    for (let i = 0; i < 50_000; i++) {
      const partCount = next() < 0.9 ? 4 : Math.floor(next() * 6);
      const parts = Array.from({ length: partCount }, () =>
        next() < 0.6 ? String(Math.floor(next() * 256)) : PARTS[Math.floor(next() * PARTS.length)],
      );
      const text = parts.join(next() < 0.97 ? '.' : ',');
      const expected = ipaddrAddress(text);
      counts[expected ? 'yes' : 'no']++;
      assert.deepEqual(read(text), expected, `seed ${seed}: ${JSON.stringify(text)}`);
    }
    assert.ok(counts.yes > 10_000 && counts.no > 10_000, JSON.stringify(counts));
  });

  it('reads IPv6 exactly when ipaddr.js does, to the same value (50,000 random colon strings)', () => {
    const next = random(seed + 1);
    const GROUPS = [
      '0',
      '1',
      'a',
      'F',
      'db8',
      'DB8',
      '2001',
      'ffff',
      'FfFf',
      '0000',
      '00000',
      '10000',
      'fffff',
      'g',
      '',
      '1.2.3.4',
      '255.255.255.255',
      '256.1.1.1',
      '01.1.1.1',
    ];
    const counts = { yes: 0, no: 0 };
    for (let i = 0; i < 50_000; i++) {
      const groups = Array.from({ length: Math.floor(next() * 10) }, () =>
        next() < 0.5 ? Math.floor(next() * 0x10000).toString(16) : GROUPS[Math.floor(next() * GROUPS.length)],
      );
      let text = groups.join(':');
      // One "::" (or two, or ":::") somewhere, most of the time; sometimes a zone or a lone colon at an end.
      for (let gaps = next() < 0.75 ? 1 : Math.floor(next() * 3); gaps > 0; gaps--) {
        const at = Math.floor(next() * (text.length + 1));
        text = `${text.slice(0, at)}${next() < 0.9 ? '::' : ':::'}${text.slice(at)}`;
      }
      if (next() < 0.05) text += '%eth0';
      if (next() < 0.05) text = next() < 0.5 ? `:${text}` : `${text}:`;
      const expected = ipaddrAddress(text);
      counts[expected ? 'yes' : 'no']++;
      assert.deepEqual(read(text), expected, `seed ${seed}: ${JSON.stringify(text)}`);
    }
    assert.ok(counts.yes > 10_000 && counts.no > 10_000, JSON.stringify(counts));
  });

  it('gives a CIDR block the network and broadcast addresses ipaddr.js gives it, and says when host bits are set', () => {
    const next = random(seed + 2);
    for (let i = 0; i < 20_000; i++) {
      const v4 = next() < 0.5;
      const address = v4
        ? Array.from({ length: 4 }, () => Math.floor(next() * 256)).join('.')
        : Array.from({ length: 8 }, () => (next() < 0.3 ? '0' : Math.floor(next() * 0x10000).toString(16))).join(':');
      const prefix = Math.floor(next() * (v4 ? 33 : 129));
      const text = `${address}/${prefix}`;
      const parsed = parseEntry(text);
      assert.ok(parsed.ok, text);
      const family = v4 ? ipaddr.IPv4 : ipaddr.IPv6;
      const network = bytesValue(family.networkAddressFromCIDR(text).toByteArray());
      const broadcast = bytesValue(family.broadcastAddressFromCIDR(text).toByteArray());
      const { entry } = parsed;
      assert.deepEqual(
        [
          entry.kind,
          entry.family,
          addressValue(entry.family, entry.first),
          addressValue(entry.family, entry.last),
          entry.prefix,
          entry.hostBitsSet,
        ],
        ['cidr', v4 ? 4 : 6, network, broadcast, prefix, network !== bytesValue(family.parse(address).toByteArray())],
        `seed ${seed}: ${text}`,
      );
    }
  });

  it('finds repeats, the same addresses and overlaps as a comparison of every pair of ipaddr.js intervals does', () => {
    const next = random(seed + 3);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    // A small space, so that entries meet often; IPv6 written in several ways.
    const v4 = () => `10.0.0.${Math.floor(next() * 64)}`;
    const v6 = () =>
      pick(['2001:db8::', '2001:DB8::', '2001:db8:0:0:0:0:0:', '2001:0db8::']) + Math.floor(next() * 64).toString(16);
    const entry = () => {
      const address = next() < 0.6 ? v4 : v6;
      const choice = next();
      if (choice < 0.4) return address();
      if (choice < 0.7) {
        const ends = [address(), address()];
        const [low, high] = ends.map((end) => ipaddrAddress(end)?.value ?? 0n);
        return (low ?? 0n) <= (high ?? 0n) ? ends.join('-') : ends.reverse().join('-');
      }
      const base = address();
      return `${base}/${base.includes(':') ? 122 + Math.floor(next() * 7) : 26 + Math.floor(next() * 7)}`;
    };
    for (let i = 0; i < 3000; i++) {
      // Up to 60 entries (short lists and long ones are sorted differently), some written again exactly as before.
      const texts: string[] = [];
      for (let n = 1 + Math.floor(next() * 60); n > 0; n--) {
        texts.push(texts.length > 0 && next() < 0.15 ? pick(texts) : entry());
      }
      const items = texts.map((text, index) => ({
        index,
        text,
        entry: (parseEntry(text) as { ok: true; entry: AddressEntry }).entry,
      }));
      // The oracle: each entry as an interval of ipaddr.js's numbers.
      const interval = (text: string) => {
        if (text.includes('/')) {
          const family = text.includes(':') ? ipaddr.IPv6 : ipaddr.IPv4;
          return {
            family: family === ipaddr.IPv4 ? 4 : 6,
            first: bytesValue(family.networkAddressFromCIDR(text).toByteArray()),
            last: bytesValue(family.broadcastAddressFromCIDR(text).toByteArray()),
          };
        }
        const [start, end = start] = text.split('-').map((part) => ipaddrAddress(part));
        assert.ok(start && end);
        return { family: start.family, first: start.value, last: end.value };
      };
      const intervals = items.map((item) => interval(item.text));
      const same = (a: number, b: number) =>
        intervals[a]?.family === intervals[b]?.family &&
        intervals[a]?.first === intervals[b]?.first &&
        intervals[a]?.last === intervals[b]?.last;
      const { repeats, sameAddresses, overlaps } = findConflicts(items);
      const context = `seed ${seed}: ${JSON.stringify(texts)}`;

      const firstWritten = items.filter((item) => items.findIndex((other) => other.text === item.text) === item.index);
      assert.deepEqual(
        repeats.map(({ first, repeat }) => [first.index, repeat.index]),
        items
          .filter((item) => !firstWritten.includes(item))
          .map((item) => [items.findIndex((other) => other.text === item.text), item.index]),
        context,
      );
      const distinct = firstWritten.filter(
        (item) => firstWritten.find((other) => same(other.index, item.index)) === item,
      );
      assert.deepEqual(
        sameAddresses.map(({ first, repeat }) => [first.index, repeat.index]),
        firstWritten
          .filter((item) => !distinct.includes(item))
          .map((item) => [distinct.find((other) => same(other.index, item.index))?.index, item.index]),
        context,
      );

      // Overlaps: each pair shares addresses; and each distinct entry that shares addresses with one before it (by
      // first address, then as written) is paired exactly once, with one of those.
      const before = (a: number, b: number) => {
        const x = intervals[a];
        const y = intervals[b];
        return !!x && !!y && x.family === y.family && (x.first < y.first || (x.first === y.first && a < b));
      };
      const share = (a: number, b: number) =>
        intervals[a]?.family === intervals[b]?.family &&
        (intervals[a]?.first ?? 0n) <= (intervals[b]?.last ?? 0n) &&
        (intervals[b]?.first ?? 0n) <= (intervals[a]?.last ?? 0n);
      for (const { a, b } of overlaps) {
        assert.ok(share(a.index, b.index) && before(a.index, b.index), `${context}: ${a.text} and ${b.text}`);
      }
      const expectedLater = distinct
        .filter((item) => distinct.some((other) => before(other.index, item.index) && share(other.index, item.index)))
        .map((item) => item.index);
      assert.deepEqual(
        overlaps.map(({ b }) => b.index).sort((x, y) => x - y),
        expectedLater,
        context,
      );
    }
  });
});
