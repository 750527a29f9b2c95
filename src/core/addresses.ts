// IP addresses, ranges and CIDR blocks as the two APIs write them. Each address is read once, into one
// representation: its bytes as a string, one character (code 0-255) per byte, most significant first: 4 for IPv4,
// 16 for IPv6. Strings compare character by character, so within a family these compare as the addresses' numbers
// do: families, order, duplicates and overlaps are plain string comparisons, and a CIDR block's ends are its address
// with the host bits replaced. Numbers (bigint) are made only where arithmetic is needed (sizes, the nearest block).
import ipaddr from 'ipaddr.js';

export type Family = 4 | 6;

export interface AddressEntry {
  readonly kind: 'address' | 'range' | 'cidr';
  readonly family: Family;
  /** First and last address, inclusive, in the representation above (addressValue gives the number). */
  readonly first: string;
  readonly last: string;
  /** For a CIDR block: its prefix length, and whether host bits are set (192.168.5.1/24). */
  readonly prefix?: number;
  readonly hostBitsSet?: boolean;
}

/** `reversed`: a range whose ends are both valid but in the wrong order (its fix is to swap them). */
export type ParseResult = { ok: true; entry: AddressEntry } | { ok: false; reason: string; reversed?: true };

const BYTES = { 4: 4, 6: 16 } as const;

/** The number an address stands for. */
export function addressValue(address: string): bigint {
  let value = 0n;
  for (let i = 0; i < address.length; i++) value = (value << 8n) | BigInt(address.charCodeAt(i));
  return value;
}

/** The representation of the address of this family and number. */
export function addressOf(family: Family, value: bigint): string {
  const bytes: number[] = [];
  for (let i = BYTES[family] - 1; i >= 0; i--) bytes.push(Number((value >> BigInt(8 * i)) & 0xffn));
  return String.fromCharCode(...bytes);
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

/** Runs of bytes all 0 and all 255: the host part of a block's first and last address, and the groups `::` stands for. */
const CLEARED = Array.from({ length: 17 }, (_, n) => '\u0000'.repeat(n));
const SET = Array.from({ length: 17 }, (_, n) => '\u00ff'.repeat(n));

/**
 * An IPv4 address in four-part decimal, as the APIs write it: four parts of 0-255 without leading zeros, which
 * ipaddr.IPv4.isValidFourPartDecimal accepts (not 10.1, 010.0.0.1 or 0x0a000001, which ipaddr.js's parse reads
 * too); otherwise undefined. Read here, not by ipaddr.js, whose parse tries every spelling it knows through regular
 * expressions: that was most of a group's check. addresses.test.ts holds the two to the same answers.
 */
function fourPartDecimal(text: string, from: number, to: number): string | undefined {
  const octets = [0, 0, 0, 0];
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
    octets[part] = octet;
  }
  return pos === to ? String.fromCharCode(octets[0] as number, octets[1] as number, octets[2] as number, octets[3] as number) : undefined;
}

/**
 * An IPv6 address written as groups of 1-4 hexadecimal digits: eight of them, or fewer around one `::` standing
 * for at least one group of zeros (2001:db8::a, ::, fe80::1:2). undefined for any other spelling (an IPv4 tail, a
 * zone, a group of five digits…), which is left to ipaddr.js: this only spares it the common ones, and
 * addresses.test.ts holds the two to the same answers.
 */
function hexGroups(text: string, from: number, to: number): string | undefined {
  // The bytes before a `::` (all of them when there is none), and after it.
  let head = '';
  let tail = '';
  let groups = 0;
  let gap = false;
  let pos = from;
  if (text.charCodeAt(from) === COLON && text.charCodeAt(from + 1) === COLON) {
    gap = true;
    pos += 2;
  }
  while (pos < to) {
    const start = pos;
    let group = 0;
    for (let digit = hexDigit(text.charCodeAt(pos)); digit >= 0; digit = hexDigit(text.charCodeAt(++pos))) group = group * 16 + digit;
    if (pos === start || pos - start > 4) return undefined;
    const bytes = String.fromCharCode(group >> 8, group & 0xff);
    if (gap) tail += bytes;
    else head += bytes;
    groups++;
    if (pos === to) break;
    if (text.charCodeAt(pos++) !== COLON) return undefined;
    if (text.charCodeAt(pos) === COLON) {
      if (gap) return undefined;
      gap = true;
      pos++;
    } else if (pos === to) {
      return undefined;
    }
  }
  if (gap ? groups > 7 : groups !== 8) return undefined;
  return gap ? head + CLEARED[2 * (8 - groups)] + tail : head;
}

/** ipaddr.js's IPv6 parse, or undefined where it throws. */
function ipaddrIPv6(text: string): string | undefined {
  try {
    return String.fromCharCode(...ipaddr.IPv6.parse(text).toByteArray());
  } catch {
    return undefined;
  }
}

/**
 * The address written in `text` from `from` to `to` (what follows is a slash, a hyphen or nothing), read strictly:
 * IPv4 only in four-part decimal (not 10.1 or 0x0a000001), IPv6 without a zone.
 */
function readAddress(text: string, from: number, to: number): { family: Family; address: string } | undefined {
  const v4 = fourPartDecimal(text, from, to);
  if (v4 !== undefined) return { family: 4, address: v4 };
  const v6 = hexGroups(text, from, to);
  if (v6 !== undefined) return { family: 6, address: v6 };
  // An IPv4-mapped address (::ffff:1.2.3.4) is an IPv6 address here, as the API sees it.
  const written = text.slice(from, to);
  const other = written.includes(':') && !written.includes('%') ? ipaddrIPv6(written) : undefined;
  return other === undefined ? undefined : { family: 6, address: other };
}

/** Parses one address strictly: IPv4 only in four-part decimal (not 10.1 or 0x0a000001), IPv6 without a zone. */
export function parseAddress(text: string): { family: Family; address: string } | undefined {
  return readAddress(text, 0, text.length);
}

export function formatAddress(family: Family, address: string): string {
  const bytes = Array.from({ length: address.length }, (_, i) => address.charCodeAt(i));
  return family === 4 ? ipaddr.fromByteArray(bytes).toString() : (ipaddr.fromByteArray(bytes) as ipaddr.IPv6).toRFC5952String();
}

const bits = (family: Family) => (family === 4 ? 32 : 128);

/** `address` with every bit after the first `prefix` cleared (the block's first address) or set (its last). */
function hostBits(address: string, prefix: number, set: boolean): string {
  const whole = prefix >> 3;
  if (whole >= address.length) return address;
  const keptBits = prefix & 7;
  let byte = '';
  if (keptBits > 0) {
    const hostMask = 0xff >> keptBits;
    byte = String.fromCharCode((address.charCodeAt(whole) & ~hostMask) | (set ? hostMask : 0));
  }
  const rest = address.length - whole - byte.length;
  return address.slice(0, whole) + byte + (set ? SET[rest] : CLEARED[rest]);
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
  if (text !== raw) return { ok: false, reason: 'remove the spaces around the entry' };
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const address = readAddress(text, 0, slash);
    const prefix = prefixLength(text, slash + 1);
    if (!address || prefix < 0) {
      return { ok: false, reason: 'not a CIDR block: write an address, a slash and a prefix length, such as 192.168.5.0/24 or 2001:db8::/64' };
    }
    const width = bits(address.family);
    if (prefix > width) return { ok: false, reason: `the prefix /${prefix} is longer than an IPv${address.family} address: allowed /0-/${width}` };
    const first = hostBits(address.address, prefix, false);
    return { ok: true, entry: { kind: 'cidr', family: address.family, first, last: hostBits(address.address, prefix, true), prefix, hostBitsSet: first !== address.address } };
  }
  const dash = text.indexOf('-');
  if (dash >= 0) {
    const start = readAddress(text, 0, dash);
    const end = readAddress(text, dash + 1, text.length);
    if (!start || !end) return { ok: false, reason: 'not a range: write two addresses joined by a hyphen, such as 192.168.3.20-192.168.3.100' };
    if (start.family !== end.family) return { ok: false, reason: 'a range must start and end in the same IP version' };
    if (start.address > end.address) {
      return { ok: false, reversed: true, reason: `the range is reversed: it must start with the lower address (${formatAddress(end.family, end.address)}-${formatAddress(start.family, start.address)})` };
    }
    return { ok: true, entry: { kind: 'range', family: start.family, first: start.address, last: end.address } };
  }
  const address = parseAddress(text);
  if (!address) return { ok: false, reason: 'not an IP address, a range (a-b) or a CIDR block (a/n)' };
  return { ok: true, entry: { kind: 'address', family: address.family, first: address.address, last: address.address } };
}

/** The block as it should be written: the network address and prefix. */
export function canonicalCidr(entry: AddressEntry): string {
  return `${formatAddress(entry.family, entry.first)}/${entry.prefix ?? bits(entry.family)}`;
}

export function entrySize(entry: AddressEntry): bigint {
  return addressValue(entry.last) - addressValue(entry.first) + 1n;
}

export function contains(outer: AddressEntry, inner: AddressEntry): boolean {
  return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;
}

/** For hovers: first and last address, size, family. */
export function describeEntry(entry: AddressEntry): string {
  const first = formatAddress(entry.family, entry.first);
  const last = formatAddress(entry.family, entry.last);
  const size = entrySize(entry);
  const count = size === 1n ? '1 address' : `${size.toLocaleString('en-US')} addresses`;
  return entry.first === entry.last ? `IPv${entry.family} address, ${count}` : `IPv${entry.family}, ${count}: ${first} – ${last}`;
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
  x.entry.family - y.entry.family || (x.entry.first < y.entry.first ? -1 : x.entry.first > y.entry.first ? 1 : x.index - y.index);

const byRepeat = <T extends IndexedEntry>(x: { repeat: T }, y: { repeat: T }) => x.repeat.index - y.repeat.index;

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
  const sorted = [...entries].sort(byFirst);
  let reach: T | undefined;
  const keep = (current: T) => {
    if (reach?.entry.family !== current.entry.family) reach = undefined;
    if (reach && current.entry.first <= reach.entry.last) overlaps.push({ a: reach, b: current });
    if (!reach || current.entry.last > reach.entry.last) reach = current;
  };
  for (let start = 0; start < sorted.length;) {
    const first = sorted[start] as T;
    let end = start + 1;
    // Addresses of both families differ in length: an equal first address is of the same family.
    while (end < sorted.length && (sorted[end] as T).entry.first === first.entry.first) end++;
    if (end - start === 1) {
      keep(first);
    } else {
      // By last address, the first written of those entries and what each of them says.
      const byLast = new Map<string, { kept: T; byText: Map<string, T> }>();
      for (let i = start; i < end; i++) {
        const item = sorted[i] as T;
        const same = byLast.get(item.entry.last);
        if (!same) {
          byLast.set(item.entry.last, { kept: item, byText: new Map([[item.text, item]]) });
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
