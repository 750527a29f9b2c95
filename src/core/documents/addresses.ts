// IP addresses, ranges and CIDR blocks as the two APIs write them. Each address is read once, into one
// representation, the numbers ipaddr.js keeps too: an IPv4 address's 4 octets, an IPv6 address's 8 16-bit parts,
// most significant first. Families, order, duplicates and overlaps are comparisons of these small integers, and a
// CIDR block's ends are its address with the host bits cleared or set; bigint is made only where arithmetic is
// needed (sizes, the nearest allowed network block). Strings or bigints instead cost allocations and copies on every
// comparison, and comparisons are most of what the checks of a group do.
import * as l10n from '@vscode/l10n';
import ipaddr from 'ipaddr.js';

export type Family = 4 | 6;

/** An address: 4 octets (IPv4) or 8 16-bit parts (IPv6), most significant first. */
export type Address = readonly number[];

export interface AddressEntry {
  readonly kind: 'address' | 'range' | 'cidr';
  readonly family: Family;
  /** First and last address, inclusive. */
  readonly first: Address;
  readonly last: Address;
  /** For a CIDR block: its prefix length, and whether host bits are set (192.168.5.1/24). */
  readonly prefix?: number;
  readonly hostBitsSet?: boolean;
}

/** `reversed`: a range whose ends are both valid but in the wrong order (its fix is to swap them). */
export type ParseResult = { ok: true; entry: AddressEntry } | { ok: false; reason: string; reversed?: true };

/** How many bits each number of an address holds, by family. */
const WORD_BITS = { 4: 8, 6: 16 } as const;
const WORDS = { 4: 4, 6: 8 } as const;

/** Negative, zero or positive as `a` is below, equal to or above `b`, two addresses of one family. */
export function compareAddresses(a: Address, b: Address): number {
  for (let i = 0; i < a.length; i++) {
    const difference = (a[i] as number) - (b[i] as number);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The number an address stands for. */
export function addressValue(family: Family, address: Address): bigint {
  const bits = BigInt(WORD_BITS[family]);
  return address.reduce((value, word) => (value << bits) | BigInt(word), 0n);
}

/** The address of this family and number. */
export function addressOf(family: Family, value: bigint): Address {
  const bits = BigInt(WORD_BITS[family]);
  const mask = (1n << bits) - 1n;
  return Array.from({ length: WORDS[family] }, (_, i) =>
    Number((value >> (bits * BigInt(WORDS[family] - 1 - i))) & mask),
  );
}

const DOT = 0x2e;
const COLON = 0x3a;
const isDecimal = (code: number) => code >= 0x30 && code <= 0x39;

/** The value of a hexadecimal digit, or -1. */
function hexDigit(code: number): number {
  if (isDecimal(code)) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/**
 * An IPv4 address in four-part decimal, as the APIs write it: four parts of 0-255 without leading zeros, which
 * ipaddr.IPv4.isValidFourPartDecimal accepts (not 10.1, 010.0.0.1 or 0x0a000001, which ipaddr.js's parse reads
 * too); otherwise undefined. Read here, not by ipaddr.js, whose parse tries every spelling it knows through regular
 * expressions: that was most of a group's check. addresses.test.ts holds the two to the same answers.
 */
function fourPartDecimal(text: string, from: number, to: number): Address | undefined {
  let value = 0;
  let pos = from;
  for (let part = 0; part < 4; part++) {
    if (part > 0 && text.charCodeAt(pos++) !== DOT) return undefined;
    const start = pos;
    let octet = 0;
    for (let code = text.charCodeAt(pos); isDecimal(code); code = text.charCodeAt(++pos)) {
      octet = octet * 10 + code - 0x30;
      if (octet > 255) return undefined;
    }
    if (pos === start || (pos - start > 1 && text.charCodeAt(start) === 0x30)) return undefined;
    value = value * 256 + octet;
  }
  return pos === to ? [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff] : undefined;
}

/**
 * An IPv6 address written as groups of 1-4 hexadecimal digits: eight of them, or fewer around one `::` standing
 * for at least one group of zeros (2001:db8::a, ::, fe80::1:2). undefined for any other spelling (an IPv4 tail, a
 * zone, a group of five digits…), which is left to ipaddr.js: this only spares it the common ones, and
 * addresses.test.ts holds the two to the same answers.
 */
function hexGroups(text: string, from: number, to: number): Address | undefined {
  const parts = [0, 0, 0, 0, 0, 0, 0, 0];
  let count = 0;
  // How many parts stand before the `::`.
  let gap = -1;
  let pos = from;
  if (text.charCodeAt(from) === COLON && text.charCodeAt(from + 1) === COLON) {
    gap = 0;
    pos += 2;
  }
  while (pos < to) {
    const start = pos;
    let part = 0;
    for (let digit = hexDigit(text.charCodeAt(pos)); digit >= 0; digit = hexDigit(text.charCodeAt(++pos))) {
      part = part * 16 + digit;
    }
    if (pos === start || pos - start > 4 || count === 8) return undefined;
    parts[count++] = part;
    if (pos === to) break;
    if (text.charCodeAt(pos++) !== COLON) return undefined;
    if (text.charCodeAt(pos) === COLON) {
      if (gap >= 0) return undefined;
      gap = count;
      pos++;
    } else if (pos === to) {
      return undefined;
    }
  }
  if (gap < 0) return count === 8 ? parts : undefined;
  if (count > 7) return undefined;
  // The parts after the `::` move to the end; zeros stand where they were.
  const zeros = 8 - count;
  for (let i = count - 1; i >= gap; i--) {
    parts[i + zeros] = parts[i] as number;
    parts[i] = 0;
  }
  return parts;
}

/** ipaddr.js's IPv6 parse, or undefined where it throws. */
function ipaddrIPv6(text: string): Address | undefined {
  try {
    return ipaddr.IPv6.parse(text).parts;
  } catch {
    return undefined;
  }
}

/**
 * The address written in `text` from `from` to `to` (what follows is a slash, a hyphen or nothing), read strictly:
 * IPv4 only in four-part decimal (not 10.1 or 0x0a000001), IPv6 without a zone. Its family is in its length.
 */
function readAddress(text: string, from: number, to: number): Address | undefined {
  const address = fourPartDecimal(text, from, to) ?? hexGroups(text, from, to);
  if (address) return address;
  // An IPv4-mapped address (::ffff:1.2.3.4) is an IPv6 address here, as the API sees it.
  const written = text.slice(from, to);
  return written.includes(':') && !written.includes('%') ? ipaddrIPv6(written) : undefined;
}

const familyOf = (address: Address): Family => (address.length === 4 ? 4 : 6);

/** Parses one address strictly: IPv4 only in four-part decimal (not 10.1 or 0x0a000001), IPv6 without a zone. */
export function parseAddress(text: string): { family: Family; address: Address } | undefined {
  const address = readAddress(text, 0, text.length);
  return address && { family: familyOf(address), address };
}

export function formatAddress(family: Family, address: Address): string {
  return family === 4 ? new ipaddr.IPv4([...address]).toString() : new ipaddr.IPv6([...address]).toRFC5952String();
}

const bits = (family: Family) => (family === 4 ? 32 : 128);

/** `address` with every bit after the first `prefix` cleared (the block's first address) or set (its last). */
function hostBits(family: Family, address: Address, prefix: number, set: boolean): Address {
  const wordBits = WORD_BITS[family];
  const whole = Math.floor(prefix / wordBits);
  if (whole >= address.length) return address;
  const full = (1 << wordBits) - 1;
  const hostMask = full >> (prefix - whole * wordBits);
  // Written out rather than copied and filled: a new array of small integers, the fastest kind V8 has.
  const result = family === 4 ? [0, 0, 0, 0] : [0, 0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < whole; i++) result[i] = address[i] as number;
  result[whole] = ((address[whole] as number) & ~hostMask & full) | (set ? hostMask : 0);
  if (set) for (let i = whole + 1; i < result.length; i++) result[i] = full;
  return result;
}

/** The prefix length written from `start` to the end of `text`: one to three decimal digits; otherwise -1. */
function prefixLength(text: string, start: number): number {
  if (text.length === start || text.length - start > 3) return -1;
  let prefix = 0;
  for (let pos = start; pos < text.length; pos++) {
    const code = text.charCodeAt(pos);
    if (!isDecimal(code)) return -1;
    prefix = prefix * 10 + code - 0x30;
  }
  return prefix;
}

/** An address `a`, a range `a-b`, or a CIDR block `a/n`; the reason names what is allowed when it is none. */
export function parseEntry(raw: string): ParseResult {
  const text = raw.trim();
  if (text !== raw) return { ok: false, reason: l10n.t('remove the spaces around the entry') };
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const address = readAddress(text, 0, slash);
    const prefix = prefixLength(text, slash + 1);
    if (!address || prefix < 0) {
      return {
        ok: false,
        reason: l10n.t(
          'not a CIDR block: write an address, a slash and a prefix length, such as 192.168.5.0/24 or 2001:db8::/64',
        ),
      };
    }
    const family = familyOf(address);
    const width = bits(family);
    if (prefix > width) {
      return {
        ok: false,
        reason: l10n.t('the prefix /{0} is longer than an IPv{1} address: allowed /0-/{2}', prefix, family, width),
      };
    }
    const first = hostBits(family, address, prefix, false);
    const last = hostBits(family, address, prefix, true);
    return {
      ok: true,
      entry: { kind: 'cidr', family, first, last, prefix, hostBitsSet: compareAddresses(first, address) !== 0 },
    };
  }
  const dash = text.indexOf('-');
  if (dash >= 0) {
    const start = readAddress(text, 0, dash);
    const end = readAddress(text, dash + 1, text.length);
    if (!start || !end) {
      return {
        ok: false,
        reason: l10n.t('not a range: write two addresses joined by a hyphen, such as 192.168.3.20-192.168.3.100'),
      };
    }
    const family = familyOf(start);
    if (family !== familyOf(end)) {
      return { ok: false, reason: l10n.t('a range must start and end in the same IP version') };
    }
    if (compareAddresses(start, end) > 0) {
      return {
        ok: false,
        reversed: true,
        reason: l10n.t(
          'the range is reversed: it must start with the lower address ({0})',
          `${formatAddress(family, end)}-${formatAddress(family, start)}`,
        ),
      };
    }
    return { ok: true, entry: { kind: 'range', family, first: start, last: end } };
  }
  const address = readAddress(text, 0, text.length);
  if (!address) return { ok: false, reason: l10n.t('not an IP address, a range (a-b) or a CIDR block (a/n)') };
  return { ok: true, entry: { kind: 'address', family: familyOf(address), first: address, last: address } };
}

/** The block as it should be written: the network address and prefix. */
export function canonicalCidr(entry: AddressEntry): string {
  return `${formatAddress(entry.family, entry.first)}/${entry.prefix ?? bits(entry.family)}`;
}

export function entrySize(entry: AddressEntry): bigint {
  return addressValue(entry.family, entry.last) - addressValue(entry.family, entry.first) + 1n;
}

export function contains(outer: AddressEntry, inner: AddressEntry): boolean {
  return (
    outer.family === inner.family &&
    compareAddresses(outer.first, inner.first) <= 0 &&
    compareAddresses(inner.last, outer.last) <= 0
  );
}

/** Whether two entries share an address (entries of different families never do). */
export function overlaps(a: AddressEntry, b: AddressEntry): boolean {
  return a.family === b.family && compareAddresses(a.first, b.last) <= 0 && compareAddresses(b.first, a.last) <= 0;
}

/** For hovers: first and last address, size, family. */
export function describeEntry(entry: AddressEntry): string {
  const first = formatAddress(entry.family, entry.first);
  const last = formatAddress(entry.family, entry.last);
  const size = entrySize(entry);
  return size === 1n
    ? l10n.t('IPv{0} address, 1 address', entry.family)
    : l10n.t('IPv{0}, {1} addresses: {2} – {3}', entry.family, size.toLocaleString('en-US'), first, last);
}

export interface IndexedEntry {
  readonly index: number;
  /** The entry as written. */
  readonly text: string;
  readonly entry: AddressEntry;
}

export interface EntryConflicts<T extends IndexedEntry> {
  /** Later entries written exactly as an earlier one: what the API refuses ("Duplicate ip_set in request body"). */
  readonly repeats: { first: T; repeat: T }[];
  /**
   * Later entries that cover exactly the addresses of an earlier one, written differently (1.1.1.1 and 1.1.1.1/32,
   * 2001:db8::a and 2001:DB8::A): the API's pages do not say whether it refuses them.
   */
  readonly sameAddresses: { first: T; repeat: T }[];
  /** Pairs of entries covering different addresses that share some. */
  readonly overlaps: { a: T; b: T }[];
}

/** By family, then first address, then place in the document: the order overlaps are looked for in. */
const byFirst = (x: IndexedEntry, y: IndexedEntry): number =>
  x.entry.family - y.entry.family || compareAddresses(x.entry.first, y.entry.first) || x.index - y.index;

const byRepeat = <T extends IndexedEntry>(x: { repeat: T }, y: { repeat: T }) => x.repeat.index - y.repeat.index;

/**
 * `entries` sorted by first address. A group holds at most 20 entries: sorted in place by insertion here, where
 * the comparison is inlined, it takes half the time Array.prototype.sort takes calling it; a longer list (a
 * document past what the API takes) goes to Array.prototype.sort, which stays n log n.
 */
function sortByFirst<T extends IndexedEntry>(entries: readonly T[]): T[] {
  const sorted = [...entries];
  if (sorted.length > 32) return sorted.sort(byFirst);
  for (let i = 1; i < sorted.length; i++) {
    const item = sorted[i] as T;
    let j = i - 1;
    for (; j >= 0 && byFirst(sorted[j] as T, item) > 0; j--) sorted[j + 1] = sorted[j] as T;
    sorted[j + 1] = item;
  }
  return sorted;
}

/**
 * One sort by first address, then one pass. Entries of the same addresses start at the same address, so they meet
 * in runs of one first address (nearly always of one entry): there the first written of each is kept, and the
 * others are repeats (written exactly as an earlier one) or the same addresses written differently. Overlaps are
 * looked for among the kept entries, each paired with the earlier one reaching furthest, so n entries give at most
 * n − 1 pairs. The whole costs n log n.
 */
export function findConflicts<T extends IndexedEntry>(entries: readonly T[]): EntryConflicts<T> {
  const repeats: { first: T; repeat: T }[] = [];
  const sameAddresses: { first: T; repeat: T }[] = [];
  const overlaps: { a: T; b: T }[] = [];
  const sorted = sortByFirst(entries);
  let reach: T | undefined;
  const keep = (current: T) => {
    if (reach?.entry.family !== current.entry.family) reach = undefined;
    if (reach && compareAddresses(current.entry.first, reach.entry.last) <= 0) overlaps.push({ a: reach, b: current });
    if (!reach || compareAddresses(current.entry.last, reach.entry.last) > 0) reach = current;
  };
  for (let start = 0; start < sorted.length;) {
    const first = sorted[start] as T;
    let end = start + 1;
    while (
      end < sorted.length &&
      first.entry.family === (sorted[end] as T).entry.family &&
      compareAddresses((sorted[end] as T).entry.first, first.entry.first) === 0
    ) {
      end++;
    }
    if (end - start === 1) {
      keep(first);
    } else {
      // By last address, the first written of those entries and what each of them says.
      const byLast = new Map<string, { kept: T; byText: Map<string, T> }>();
      for (let i = start; i < end; i++) {
        const item = sorted[i] as T;
        const last = item.entry.last.join(':');
        const same = byLast.get(last);
        if (!same) {
          byLast.set(last, { kept: item, byText: new Map([[item.text, item]]) });
          keep(item);
          continue;
        }
        const written = same.byText.get(item.text);
        if (written) {
          repeats.push({ first: written, repeat: item });
        } else {
          same.byText.set(item.text, item);
          sameAddresses.push({ first: same.kept, repeat: item });
        }
      }
    }
    start = end;
  }
  return { repeats: repeats.sort(byRepeat), sameAddresses: sameAddresses.sort(byRepeat), overlaps };
}
