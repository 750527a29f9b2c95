// What the status bar item shows, as one pure function of the operations, the connection and the time: testable
// without VS Code, and the one place that decides between idle, provisioning, done and failed.
import * as l10n from '@vscode/l10n';
import { shownMarkdown, shownValue } from '../display';
import { KINDS } from '../kinds';
import type { Operation, OperationKind } from './tracker';

/** The status bar's click: core names no VS Code module, so `manifest.test.ts` checks it equals `Command.showOperations`. */
export const SHOW_OPERATIONS_COMMAND = 'huaweicloud.showOperations';

/** How long a success keeps its check mark before the item is back to the connection. */
export const SUCCESS_SHOWN_MS = 5_000;
/** While something is followed the tooltip says for how long: it is written again this often. */
export const ELAPSED_REFRESH_MS = 15_000;
/** Operations listed in the tooltip; the quick pick lists them all. */
const TOOLTIP_OPERATIONS = 5;

export interface StatusBarView {
  /** With product icons: `$(cloud) cn-north-4`, `$(sync~spin) net-a: Creating`. */
  readonly text: string;
  /** Markdown, with product icons. */
  readonly tooltip: string;
  /** `error` while a failure, a timeout or a paused operation waits for a person to open it. */
  readonly background: 'error' | undefined;
  readonly command: string;
  /** When the view changes by time alone (a check mark expires, an elapsed time moves on): render again then. */
  readonly renderAgainAt: number | undefined;
}

/** A problem a person has not looked at yet: it keeps the error background. */
function needsAttention(op: Operation): boolean {
  if (op.state === 'following') return op.paused;
  return (op.state === 'failed' || op.state === 'timedOut') && !op.acknowledged;
}

/** `12 s`, `3 min 5 s`, `1 h 2 min`. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return l10n.t('{0} s', seconds);
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return seconds % 60 === 0 ? l10n.t('{0} min', minutes) : l10n.t('{0} min {1} s', minutes, seconds % 60);
  }
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? l10n.t('{0} h', hours) : l10n.t('{0} h {1} min', hours, minutes % 60);
}

// Functions: translated when shown, after the VS Code layer has configured the display language.
const KIND_WORDS: Readonly<Record<OperationKind, () => string>> = {
  create: () => l10n.t('create'),
  delete: () => l10n.t('delete'),
  update: () => l10n.t('update'),
  observe: () => l10n.t('provisioning'),
};

/** `network create`, `address group update`. */
export function describeOperation(op: Pick<Operation, 'resourceKind' | 'kind'>): string {
  return l10n.t('{0} {1}', KINDS[op.resourceKind].noun, KIND_WORDS[op.kind]());
}

/** The phase, or what the state says when the phase alone would mislead. */
export function outcomeOf(op: Operation): string {
  const phase = op.phase || l10n.t('in progress');
  if (op.state === 'timedOut') return l10n.t('timed out (still {0})', phase);
  if (op.state === 'abandoned') return l10n.t('no longer followed');
  if (op.state === 'following' && op.paused) return l10n.t('{0}, paused', phase);
  return phase;
}

/** A product icon per state (the spinner only where something moves). */
export function iconOf(op: Operation): string {
  switch (op.state) {
    case 'following':
      return op.paused ? '$(debug-pause)' : '$(sync~spin)';
    case 'succeeded':
      return '$(check)';
    case 'failed':
      return '$(error)';
    case 'timedOut':
      return '$(watch)';
    case 'abandoned':
      return '$(circle-slash)';
  }
}

/** `net-a: Creating` in the item's text, where `$(…)` is an icon: the name and the phase are shown escaped. */
const textOf = (op: Operation) => `${shownValue(op.name)}: ${shownValue(outcomeOf(op))}`;

function tooltipLine(op: Operation, now: number): string {
  const elapsed = formatElapsed((op.settledAt ?? now) - op.startedAt);
  const when = op.state === 'following' ? l10n.t('for {0}', elapsed) : l10n.t('after {0}', elapsed);
  const detail = op.detail ? ` — ${shownMarkdown(op.detail)}` : '';
  return `${iconOf(op)} **${shownMarkdown(op.name)}** · ${describeOperation(op)}: ${shownMarkdown(outcomeOf(op))} (${when})${detail}`;
}

function whenOf(op: Operation, now: number): string {
  if (op.settledAt === undefined) return l10n.t('started {0} ago', formatElapsed(now - op.startedAt));
  const took = formatElapsed(op.settledAt - op.startedAt);
  const ago = formatElapsed(now - op.settledAt);
  return op.state === 'abandoned'
    ? l10n.t('stopped after {0}, {1} ago', took, ago)
    : l10n.t('settled after {0}, {1} ago', took, ago);
}

/**
 * An operation as the operations list offers it (a quick pick, where `$(…)` is an icon): its name, what it is and
 * its phase, then when, its detail and its request id; every value shown escaped.
 */
export function operationChoice(op: Operation, now: number): { label: string; description: string; detail: string } {
  const parts = [
    whenOf(op, now),
    ...(op.detail ? [op.detail] : []),
    ...(op.requestId ? [l10n.t('request id {0}', op.requestId)] : []),
  ];
  return {
    label: `${iconOf(op)} ${shownValue(op.name)}`,
    description: `${describeOperation(op)} · ${shownValue(outcomeOf(op))}`,
    detail: shownValue(parts.join(' · ')),
  };
}

/**
 * The status bar item for these operations (newest first, as the tracker lists them) on the connection labelled
 * `connectionLabel` (a region, or "Local emulator") at `now`. In order of precedence: something followed shows a spinner
 * with its name and phase (a count when several are); otherwise an unopened failure, timeout or pause shows with the
 * error background; otherwise a success shows a check for `SUCCESS_SHOWN_MS`; otherwise the connection. The error
 * background stays, whatever the text, until every failure was opened (`acknowledged`). A click always opens the
 * operations list.
 */
export function statusBarView(operations: readonly Operation[], connectionLabel: string, now: number): StatusBarView {
  const following = operations.filter((op) => op.state === 'following');
  const moving = following.filter((op) => !op.paused);
  const problems = operations.filter(needsAttention);
  const recentSuccesses = operations.filter(
    (op) => op.state === 'succeeded' && op.settledAt !== undefined && now - op.settledAt < SUCCESS_SHOWN_MS,
  );

  let text: string;
  if (moving.length === 1 && moving[0]) {
    text = `$(sync~spin) ${textOf(moving[0])}`;
  } else if (moving.length > 1) {
    const phases = new Set(moving.map((op) => op.phase));
    const [phase] = phases;
    text = `$(sync~spin) ${l10n.t('{0} operations: {1}', moving.length, phases.size === 1 && phase ? shownValue(phase) : l10n.t('in progress'))}`;
  } else if (problems.length === 1 && problems[0]) {
    text = `${problems[0].state === 'following' ? '$(debug-pause)' : '$(error)'} ${textOf(problems[0])}`;
  } else if (problems.length > 1) {
    text = `$(error) ${l10n.t('{0} operations need attention', problems.length)}`;
  } else if (recentSuccesses.length === 1 && recentSuccesses[0]) {
    text = `$(check) ${textOf(recentSuccesses[0])}`;
  } else if (recentSuccesses.length > 1) {
    text = `$(check) ${l10n.t('{0} operations done', recentSuccesses.length)}`;
  } else {
    text = `$(cloud) ${shownValue(connectionLabel)}`;
  }
  // Something moving hides the problems from the text, not from the colour.
  if (moving.length > 0 && problems.length > 0) text += ` · $(error) ${problems.length}`;

  const listed = operations
    .filter((op) => op.state === 'following' || needsAttention(op) || recentSuccesses.includes(op))
    .slice(0, TOOLTIP_OPERATIONS);
  const tooltip = [
    `**${l10n.t('Huawei Cloud')}** · ${shownMarkdown(connectionLabel)}`,
    ...(listed.length > 0 ? ['', ...listed.map((op) => `- ${tooltipLine(op, now)}`)] : []),
    '',
    problems.length > 0
      ? l10n.t('Click to open the operations that failed, or to change the region.')
      : l10n.t('Click for recent provisioning operations, or to change the region.'),
  ].join('\n');

  const expiries = recentSuccesses.map((op) => (op.settledAt ?? now) + SUCCESS_SHOWN_MS);
  if (following.length > 0) expiries.push(now + ELAPSED_REFRESH_MS);
  return {
    text,
    tooltip,
    background: problems.length > 0 ? 'error' : undefined,
    command: SHOW_OPERATIONS_COMMAND,
    renderAgainAt: expiries.length > 0 ? Math.min(...expiries) : undefined,
  };
}
