// What a resource's phase or status means for whoever waits on it: still changing, settled well, or settled badly.
// One reading of the lifecycles of api-notes.md, shared by the provisioning tracker, the status bar and the tree
// (each reaches it through its kind's entry in ../kinds.ts).
import * as l10n from '@vscode/l10n';
import type { AddressGroup } from './addressGroups';
import type { Network } from './networks';

export interface Phase {
  /** For people: `Creating`, `Active · peer Connecting`, `UPDATE_FAILED`, `Deleting`. */
  readonly text: string;
  /** Still changing by itself: worth looking at again. */
  readonly transitional: boolean;
  /** Settled badly (`Abnormal`, `UPDATE_FAILED`, a peer connection or SFS Turbo link `Abnormal`). */
  readonly failed: boolean;
  /** A network whose deletion was accepted (it answers GET with `metadata.deletionTimestamp` until it is gone). */
  readonly deleting: boolean;
  /** Why it failed, when it did, in the service's words where it gave some. */
  readonly reason?: string;
  /** The same reason in the display language, for people (the log keeps `reason`). */
  readonly shownReason?: string;
}

/**
 * A part of a network that settles on its own: the network itself, a peer connection (Connecting), an SFS Turbo
 * link (Creating, Deleting). Phases the notes do not list are taken as still changing: the services add phases, and calling an unknown one settled
 * would end the wait early — a wait that never settles ends at the provisioning timeout instead.
 */
function partState(value: string): 'settled' | 'failed' | 'transitional' {
  if (value === 'Active') return 'settled';
  return value === 'Abnormal' ? 'failed' : 'transitional';
}

/** "peer Connecting", or "2 peers Connecting" when several are. */
function counted(notes: string[], singular: string, plural: string): string[] {
  const counts = new Map<string, number>();
  for (const note of notes) counts.set(note, (counts.get(note) ?? 0) + 1);
  return [...counts].map(([value, count]) => (count === 1 ? `${singular} ${value}` : `${count} ${plural} ${value}`));
}

/** A list from an answer (or from a stored snapshot), or none when it is anything else. */
function listOf<T>(value: T[] | undefined): (T | undefined)[] {
  return Array.isArray(value) ? value : [];
}

/**
 * A network's phase in the service's word: `""`, which it answers right after a create before it says Creating, is
 * Creating (to a person both mean "being created").
 */
export function networkStatedPhase(network: Network): string {
  const raw = typeof network.status?.phase === 'string' ? network.status.phase : '';
  return raw === '' ? 'Creating' : raw;
}

/**
 * A network's phase, its peer connections' and SFS Turbo links' with it: `""` or `Creating`, being deleted, or
 * `Active` with a peer `Connecting` or a link `Creating` / `Deleting` is transitional ("Active · peer Connecting");
 * `Active` settled; `Abnormal` (of the network, or of a peer or link once nothing else moves) failed.
 */
export function networkPhase(network: Network): Phase {
  if (network.metadata?.deletionTimestamp) {
    return { text: 'Deleting', transitional: true, failed: false, deleting: true };
  }
  const base = networkStatedPhase(network);
  const baseState = partState(base);
  const peers = listOf(network.status?.connectionStatus?.peerConnectionStatus)
    .map((peer) => peer?.phase)
    // A peer listed without a phase tells nothing either way.
    .filter((phase): phase is string => typeof phase === 'string')
    .map((phase) => (phase === '' ? 'pending' : phase));
  const links = listOf(network.status?.connectionStatus?.sfsTurboStatus)
    .map((link) => link?.status)
    .filter((status): status is string => typeof status === 'string' && status !== '');
  const unsettledPeers = peers.filter((phase) => phase !== 'Active');
  const unsettledLinks = links.filter((status) => status !== 'Active');
  const notes = [
    ...counted(unsettledPeers, 'peer', 'peers'),
    ...counted(unsettledLinks, 'SFS Turbo', 'SFS Turbo links'),
  ];
  const text = [base, ...notes].join(' · ');
  const partStates = [...unsettledPeers.map(partState), ...unsettledLinks.map(partState)];

  // An Abnormal network stays so whatever its peers do; otherwise anything still moving keeps the wait going, and
  // only then does an Abnormal peer or link make the outcome a failure.
  if (baseState === 'failed') {
    return failedNetwork(text);
  }
  if (baseState === 'transitional' || partStates.includes('transitional')) {
    return { text, transitional: true, failed: false, deleting: false };
  }
  if (partStates.includes('failed')) {
    return failedNetwork(text);
  }
  return { text, transitional: false, failed: false, deleting: false };
}

/** A network that settled badly, and why, in English for the log and in the display language for people. */
function failedNetwork(text: string): Phase {
  return {
    text,
    transitional: false,
    failed: true,
    deleting: false,
    reason: `the network is ${text}`,
    shownReason: l10n.t('the network is {0}', text),
  };
}

/** A group's status in the service's word: a group without one is NORMAL (the VPC API always gives one). */
export function addressGroupStatedPhase(group: AddressGroup): string {
  return typeof group.status === 'string' && group.status !== '' ? group.status : 'NORMAL';
}

/** A group's status: `UPDATING` is transitional, `NORMAL` settled, `UPDATE_FAILED` failed. */
export function addressGroupPhase(group: AddressGroup): Phase {
  const status = typeof group.status === 'string' ? group.status : '';
  // The VPC API always gives a status; a group without one has nothing in progress that could be waited for.
  if (status === '' || status === 'NORMAL') {
    return { text: status || 'NORMAL', transitional: false, failed: false, deleting: false };
  }
  if (status === 'UPDATE_FAILED') {
    const message =
      typeof group.status_message === 'string' && group.status_message.trim() !== ''
        ? group.status_message.trim()
        : undefined;
    return {
      text: status,
      transitional: false,
      failed: true,
      deleting: false,
      reason: message ? `the update failed: ${message}` : 'the update failed',
      shownReason: message ? l10n.t('the update failed: {0}', message) : l10n.t('the update failed'),
    };
  }
  // UPDATING, and any status the notes do not list (see partState).
  return { text: status, transitional: true, failed: false, deleting: false };
}
