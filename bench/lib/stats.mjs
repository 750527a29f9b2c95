// Medians of interleaved rounds: the machines are shared and noisy, so every variant of a comparison is measured in
// the same rounds, one after the other, the order rotated each round, and the median of its samples is kept.

/** The median (of an even count, the mean of the middle two). */
export function median(values) {
  if (values.length === 0) throw new Error('no samples');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Milliseconds since `started` (a `process.hrtime.bigint()`). */
export function msSince(started) {
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Milliseconds that `fn` takes to settle. */
export async function timeMs(fn) {
  const started = process.hrtime.bigint();
  await fn();
  return msSince(started);
}

/**
 * Runs every variant once per round, `warmup` rounds first (not kept), the order rotated each round so that a noisy
 * moment of the machine hits each alike. A variant's `run` returns its own sample in milliseconds (it may time
 * itself, e.g. in a child process). Returns the samples by variant name.
 * @param {{ name: string, run: (round: number) => number | Promise<number> }[]} variants
 * @param {{ rounds: number, warmup?: number }} options
 */
export async function interleavedRounds(variants, { rounds, warmup = 0 }) {
  const samples = new Map(variants.map((variant) => [variant.name, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[(round + i) % variants.length];
      const sample = await variant.run(round);
      if (round >= warmup) samples.get(variant.name).push(sample);
    }
  }
  return samples;
}

/** The median of each variant's samples, by name. */
export function medians(samples) {
  return new Map([...samples].map(([name, values]) => [name, median(values)]));
}
