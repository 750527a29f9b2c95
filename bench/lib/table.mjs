// The benchmark table, in Markdown (it goes into docs/performance-and-reliability.md as printed): one row per figure, its anchor measured in
// the same run, their ratio, the goal and whether it is met.

/** @typedef {{ what: string, figure: string, anchor: string, ratio: string, goal: string, met: boolean | string | undefined }} Row */

export const KB = 1024;

export const formatMs = (value) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
export const formatKb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
export const formatRatio = (value) => `${value.toFixed(2)}×`;
/**
 * A ratio as the goals state them, to two decimals: a ratio printed 1.10× meets "≤ 1.10×". The noise between runs
 * is far larger than the rounding.
 */
export const atGoalPrecision = (value) => Math.round(value * 100) / 100;
export const formatDelta = (value) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(2)} ms`;

function metCell(met) {
  if (met === true) return 'met';
  if (met === false) return '**not met**';
  return met ?? '—';
}

/** `|` in a cell would end it. */
const cell = (text) =>
  String(text ?? '—')
    .replaceAll('|', '\\|')
    .replaceAll('\n', ' ');

/** @param {Row[]} rows */
export function markdownTable(rows) {
  const lines = ['| what | figure | anchor | ratio | goal | met |', '|---|---|---|---|---|---|'];
  for (const row of rows) {
    lines.push(
      `| ${[row.what, row.figure, row.anchor, row.ratio, row.goal, metCell(row.met)].map(cell).join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

/** A row that could not be measured in this run, saying why: never a figure from elsewhere. */
export function notMeasuredRow(what, goal, reason) {
  return { what, figure: `not measured: ${reason}`, anchor: '—', ratio: '—', goal, met: 'not measured' };
}
