/**
 * Parses the timestamps of both APIs, which come with and without a zone: `2019-06-28T02:06:38`,
 * `2019-06-28T02:06:38Z`, `2019-06-28T02:06:38.000+00:00`, `2019-06-28 02:06:38`. A time without a zone is UTC.
 * Undefined for anything else, never an Invalid Date.
 */
export function parseTimestamp(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (!match) return undefined;
  const [, date, time, fraction = '', zone = 'Z'] = match;
  const normalizedZone = zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const parsed = new Date(`${date}T${time}${fraction.slice(0, 4)}${normalizedZone}`);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}
