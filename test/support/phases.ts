import type { Operation } from '../../src/core/provisioning/tracker';

/** Notes each phase the tracker reports for a resource, in order, once per change of phase: what a test asserts on. */
export function recordPhases(phasesSeen: Map<string, string[]>, changed: readonly Operation[]): void {
  for (const op of changed) {
    const seen = phasesSeen.get(op.resourceId) ?? [];
    if (seen.at(-1) !== op.phase) seen.push(op.phase);
    phasesSeen.set(op.resourceId, seen);
  }
}
