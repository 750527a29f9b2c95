// IP addresses, ranges and CIDR blocks as the two APIs write them. Each address is read once, into one
// representation: fixed-width hexadecimal, 8 digits for IPv4 and 32 for IPv6. Within a family those strings compare
// as the numbers do, so families, order, duplicates and overlaps are plain string comparisons, and a CIDR block's
// ends are its address with the host digits replaced; numbers (bigint) are made only for sizes and hovers.
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

const DIGITS = { 4: 8, 6: 32 } as const;

/** The number an address stands for. */
export const addressValue = (hex: string): bigint => BigInt(`0x${hex}`);

/** The representation of an address of this family and number. */
export const addressHex = (family: Family, value: bigint): string => value.toString(16).padStart(DIGITS[family], '0');

const DOT = 0x2e;
const COLON = 0x3a;
const isDecimal = (code: number) => code >= 0x30 && code <= 0x39;
const isHex = (code: number) => isDecimal(code) || (code >= 0x61 && code <= 0x66) || (code >= 0x41 && code <= 0x46);

/**
 * The number of an IPv4 address in four-part decimal, as the APIs write it: four parts of 0-255 without leading
 * zeros, which ipaddr.IPv4.isValidFourPartDecimal accepts (not 10.1, 010.0.0.1 or 0x0a000001, which ipaddr.js's
 * parse reads too); otherwise -1. Read here, not by ipaddr.js, whose parse tries every spelling it knows through
 * regular expressions: that was most of a group's check. addresses.test.ts holds the two to the same answers.
 */
function fourPartDecimal(text: string): number {
  let value = 0;
  let pos = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0 && text.charCodeAt(pos++) !== DOT) return -1;
    const start = pos;
    let octet = 0;
    for (let code = text.charCodeAt(pos); isDecimal(code); code = text.charCodeAt(++pos)) {
      octet = octet * 10 + code - 0x30;
      if (octet > 255) return -1;
    }
    if (pos === start || (pos - start > 1 && text.charCodeAt(start) === 0x30)) return -1;
    value = value * 256 + octet;
  }
  return pos === text.length ? value : -1;
}

/**
 * The 32 digits of an IPv6 address written as groups of 1-4 hexadecimal digits: eight of them, or fewer around one
 * `::` standing for at least one group of zeros (2001:db8::a, ::, fe80::1:2). undefined for any other spelling (an
 * IPv4 tail, a zone, a group of five digits…), which is left to ipaddr.js: this only spares it the common ones, and
 * addresses.test.ts holds the two to the same answers.
 */
function hexGroups(text: string): string | undefined {
  const groups: string[] = [];
  let gap = -1;
  let pos = 0;
  if (text.charCodeAt(0) === COLON && text.charCodeAt(1) === COLON) {
    gap = 0;
    pos = 2;
  }
  while (pos < text.length) {
    const start = pos;
    while (isHex(text.charCodeAt(pos))) pos++;
    if (pos === start || pos - start > 4) return undefined;
    groups.push(text.slice(start, pos).padStart(4, '0'));
    if (pos === text.length) break;
    if (text.charCodeAt(pos++) !== COLON) return undefined;
    if (text.charCodeAt(pos) === COLON) {
      if (gap >= 0) return undefined;
      gap = groups.length;
      pos++;
    } else if (pos === text.length) {
      return undefined;
    }
  }
  if (gap < 0 ? groups.length !== 8 : groups.length > 7) return undefined;
  if (gap >= 0) groups.splice(gap, 0, '0000'.repeat(8 - groups.length));
  return groups.join('').toLowerCase();
}

/** ipaddr.js's IPv6 parse, or undefined where it throws. */
function ipaddrIPv6(text: string): string | undefined {
  try {
    return ipaddr.IPv6.parse(text).parts.map((part) => part.toString(16).padStart(4, '0')).join('');
  } catch {
    return undefined;
  }
}

/** Parses one address strictly: IPv4 only in four-part decimal (not 10.1 or 0x0a000001), IPv6 without a zone. */
export function parseAddress(text: string): { family: Family; hex: string } | undefined {
  const v4 = fourPartDecimal(text);
  if (v4 >= 0) return { family: 4, hex: v4.toString(16).padStart(8, '0') };
  // An IPv4-mapped address (::ffff:1.2.3.4) is an IPv6 address here, as the API sees it.
  if (!text.includes(':') || text.includes('%')) return undefined;
  const v6 = hexGroups(text) ?? ipaddrIPv6(text);
  return v6 === undefined ? undefined : { family: 6, hex: v6 };
}

export function formatAddress(family: Family, hex: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  return family === 4 ? ipaddr.fromByteArray(bytes).toString() : (ipaddr.fromByteArray(bytes) as ipaddr.IPv6).toRFC5952String();
}

const bits = (family: Family) => (family === 4 ? 32 : 128);

/** `hex` with every bit after the first `prefix` cleared (the block's first address) or set (its last). */
function hostBits(hex: string, prefix: number, set: boolean): string {
  const whole = prefix >> 2;
  if (whole >= hex.length) return hex;
  const keptBits = prefix & 3;
  let digit = '';
  if (keptBits > 0) {
    const hostMask = 0xf >> keptBits;
    digit = ((parseInt(hex.charAt(whole), 16) & ~hostMask) | (set ? hostMask : 0)).toString(16);
  }
  return hex.slice(0, whole) + digit + (set ? 'f' : '0').repeat(hex.length - whole - digit.length);
}

/** An address `a`, a range `a-b`, or a CIDR block `a/n`; the reason names what is allowed when it is none. */
export function parseEntry(raw: string): ParseResult {
  const text = raw.trim();
  if (text !== raw) return { ok: false, reason: 'remove the spaces around the entry' };
  if (text.includes('/')) {
    const [base = '', prefixText = '', ...rest] = text.split('/');
    const address = parseAddress(base);
    if (!address || rest.length > 0 || !/^\d{1,3}$/.test(prefixText)) {
      return { ok: false, reason: 'not a CIDR block: write an address, a slash and a prefix length, such as 192.168.5.0/24 or 2001:db8::/64' };
    }
    const prefix = Number(prefixText);
    const width = bits(address.family);
    if (prefix > width) return { ok: false, reason: `the prefix /${prefix} is longer than an IPv${address.family} address: allowed /0-/${width}` };
    const first = hostBits(address.hex, prefix, false);
    return { ok: true, entry: { kind: 'cidr', family: address.family, first, last: hostBits(address.hex, prefix, true), prefix, hostBitsSet: first !== address.hex } };
  }
  const dash = text.indexOf('-');
  if (dash >= 0) {
    const start = parseAddress(text.slice(0, dash));
    const end = parseAddress(text.slice(dash + 1));
    if (!start || !end) return { ok: false, reason: 'not a range: write two addresses joined by a hyphen, such as 192.168.3.20-192.168.3.100' };
    if (start.family !== end.family) return { ok: false, reason: 'a range must start and end in the same IP version' };
    if (start.hex > end.hex) {
      return { ok: false, reversed: true, reason: `the range is reversed: it must start with the lower address (${formatAddress(end.family, end.hex)}-${formatAddress(start.family, start.hex)})` };
    }
    return { ok: true, entry: { kind: 'range', family: start.family, first: start.hex, last: end.hex } };
  }
  const address = parseAddress(text);
  if (!address) return { ok: false, reason: 'not an IP address, a range (a-b) or a CIDR block (a/n)' };
  return { ok: true, entry: { kind: 'address', family: address.family, first: address.hex, last: address.hex } };
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

/**
 * Repeats and the same addresses, found with maps, then overlaps among the distinct entries, in one pass over them
 * sorted by first address: each entry is paired with the earlier one reaching furthest, so n entries give at most
 * n − 1 pairs and the whole costs n log n.
 */
export function findConflicts<T extends IndexedEntry>(entries: readonly T[]): EntryConflicts<T> {
  const repeats: { first: T; repeat: T }[] = [];
  const sameAddresses: { first: T; repeat: T }[] = [];
  const byText = new Map<string, T>();
  const byAddresses = new Map<string, T>();
  for (const item of entries) {
    const written = byText.get(item.text);
    if (written) {
      repeats.push({ first: written, repeat: item });
      continue;
    }
    byText.set(item.text, item);
    // The family is in the length.
    const key = item.entry.first + item.entry.last;
    const same = byAddresses.get(key);
    if (same) sameAddresses.push({ first: same, repeat: item });
    else byAddresses.set(key, item);
  }
  const overlaps: { a: T; b: T }[] = [];
  for (const family of [4, 6] as const) {
    const sorted = [...byAddresses.values()].filter((e) => e.entry.family === family)
      .sort((x, y) => (x.entry.first < y.entry.first ? -1 : x.entry.first > y.entry.first ? 1 : x.index - y.index));
    let reach: T | undefined;
    for (const current of sorted) {
      if (reach && current.entry.first <= reach.entry.last) overlaps.push({ a: reach, b: current });
      if (!reach || current.entry.last > reach.entry.last) reach = current;
    }
  }
  return { repeats, sameAddresses, overlaps };
}
