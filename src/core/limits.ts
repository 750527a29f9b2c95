// Numbers that come from settings are bounded before they reach a request: a hand-edited settings.json is not
// checked against the schema in package.json.

/** The largest page both APIs serve: ModelArts networks take a limit up to 500, address groups up to 2,000. */
export const MAX_PAGE_SIZE = 500;

/** Resources per page in the explorer when `huaweicloud.pageSize` is not set (package.json says the same). */
export const DEFAULT_PAGE_SIZE = 100;

/** A whole number within [min, max]; the fallback for anything that is not a finite number. */
export function clampedInteger(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}
