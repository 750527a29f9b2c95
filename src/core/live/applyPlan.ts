// What Apply does with a document and the live resource it is, decided here and nowhere else: create it (nothing
// lives), update it with this body after a person confirms these changes, only have the service check the update
// (a group document asking for a dry run), or refuse and say why (a network being deleted, a link to the other kind,
// a change no update can make, nothing to change). Pure: no `vscode`, no request. The VS Code command asks what the
// plan says to ask, sends what it says to send, and shows what it says (src/vscode/live/apply.ts).
import * as l10n from '@vscode/l10n';
import type { AddressGroupUpdate } from '../api/addressGroups';
import type { NetworkPatch } from '../api/networks';
import { shownValue } from '../display';
import type { DocumentRequest } from '../documents/documentRequest';
import { type DocumentOf, type Kind, KINDS, phaseOf, type ResourceOf } from '../kinds';
import { applyConfirmation, type Change, diffOf, type DiffOf, type LiveResource } from './liveDocuments';
import { resourceId, resourceName } from './liveResource';

/** Per kind, the body of its update: a network's JSON merge patch, a group's PUT. */
interface Bodies {
  readonly network: NetworkPatch;
  readonly addressGroup: AddressGroupUpdate;
}

/**
 * An update to send: the live resource as the person saw it (the update reads it again, and stops if it changed
 * since), the document, and the body that makes one match the other — a network's JSON merge patch, a group's PUT.
 */
export type UpdateTarget<K extends Kind = Kind> = {
  [P in K]: {
    readonly kind: P;
    readonly live: ResourceOf<P>;
    readonly document: DocumentOf<P>;
    readonly body: Bodies[P];
  };
}[K];

/** Why Apply sends nothing. */
export type ApplyRefusal =
  /** A network whose deletion was accepted: it answers until it is gone, then Apply creates it anew. */
  | { readonly kind: 'refuse'; readonly why: 'deleting'; readonly resource: LiveResource; readonly message: string }
  /** The document is linked to a resource of the other kind. */
  | { readonly kind: 'refuse'; readonly why: 'otherKind'; readonly resource: LiveResource; readonly message: string }
  /** The document changes what no update can change: these fields, each with why. */
  | {
      readonly kind: 'refuse';
      readonly why: 'immutable';
      readonly resource: LiveResource;
      /** Every difference, the immutable ones among them (what Compare with Live counts). */
      readonly changes: readonly Change[];
      readonly immutable: readonly Change[];
      readonly message: string;
    }
  /** The document already matches the live resource. */
  | { readonly kind: 'refuse'; readonly why: 'unchanged'; readonly resource: LiveResource; readonly message: string };

export type ApplyPlan<K extends Kind = Kind> =
  /** Nothing lives: the document is created, as Create from Document would (a group's `dry_run` is the create's). */
  | { readonly kind: 'create'; readonly request: DocumentRequest }
  /** The changes shown, then `confirmation` asked; once confirmed, `target` is sent. */
  | {
      readonly kind: 'update';
      readonly resource: LiveResource;
      readonly changes: readonly Change[];
      readonly target: UpdateTarget<K>;
      readonly confirmation: { readonly message: string; readonly detail: string };
    }
  /** A group document asking for a dry run: the service checks the update (nothing changes); nothing is asked. */
  | {
      readonly kind: 'dryRun';
      readonly resource: LiveResource;
      readonly changes: readonly Change[];
      readonly target: UpdateTarget<'addressGroup'>;
    }
  | ApplyRefusal;

export interface ApplyPlanOptions {
  /** Where the resource lives, named in the confirmation. */
  readonly where: { readonly projectId: string; readonly region: string };
}

/**
 * What Apply needs to know of a kind beyond its entry in the table of kinds: its diff's update body, and its update
 * as a dry run. A record keyed by kind, which the compiler keeps complete.
 */
interface KindPlanning<K extends Kind> {
  /** The body of the update in the kind's diff (undefined when nothing can be updated). */
  readonly body: (diff: DiffOf<K>) => Bodies[K] | undefined;
  /**
   * The update as a dry run, when the document asks for one (the table's `dryRun.asked`) and the kind's service can
   * check an update (a group's PUT with `dry_run`).
   */
  readonly dryRun: (target: UpdateTarget<K>) => UpdateTarget<'addressGroup'> | undefined;
}

const PLANNING: { readonly [K in Kind]: KindPlanning<K> } = {
  network: {
    body: (diff) => diff.patch,
    // ModelArts has no dry run: a network's update is only ever sent once confirmed.
    dryRun: () => undefined,
  },
  addressGroup: {
    body: (diff) => diff.update,
    dryRun: (target) => (KINDS.addressGroup.dryRun?.asked(target.document) === true ? target : undefined),
  },
};

const nounOf = (kind: Kind): string => KINDS[kind].noun;

/** "network net-a", "address group web": a document's kind and name, shown escaped. */
export const describeRequest = (request: Pick<DocumentRequest, 'kind' | 'name'>): string =>
  `${nounOf(request.kind)} ${shownValue(request.name)}`;

/** Why a change no update can make stops Apply, field by field (the notification, and the log). */
export function immutableRefusal(resource: LiveResource, immutable: readonly Change[]): string {
  const fields = immutable.map((change) => `${change.summary}: ${change.why ?? ''}`).join(' ');
  return l10n.t(
    'Apply: {0} {1} cannot be updated to match this document — {2} Nothing was sent.',
    nounOf(resource.kind),
    shownValue(resourceName(resource)),
    fields,
  );
}

/**
 * The changes between a live resource and a document of its kind, the immutable ones among them (Compare with Live
 * counts them, whatever Apply would do); undefined when the document is of the other kind.
 */
export function changesBetween(
  live: LiveResource,
  document: DocumentRequest,
): { readonly changes: readonly Change[]; readonly immutable: readonly Change[] } | undefined {
  const diff = diffOf(live, document);
  return diff && { changes: diff.changes, immutable: diff.immutable };
}

/**
 * What Apply does with a checked document (`document`) and the live resource it is (`live`, as read just now; none
 * when nothing lives): in this order, a network being deleted is refused, a link to the other kind is refused, a
 * change no update can make is refused with its fields, a document that matches is refused as unchanged, a group
 * document asking for a dry run gets the update's dry run, and any other difference is an update to confirm.
 */
export function planApply(
  document: DocumentRequest,
  live: LiveResource | undefined,
  options: ApplyPlanOptions,
): ApplyPlan {
  if (!live) return { kind: 'create', request: document };
  // A network whose deletion was accepted still answers GET, with its deletionTimestamp, until it is gone; a group's
  // deletion is done when it is answered.
  if (phaseOf(live).deleting) {
    return {
      kind: 'refuse',
      why: 'deleting',
      resource: live,
      message: l10n.t(
        '{0} {1} is being deleted: nothing was sent (once it is gone, Apply creates it anew)',
        nounOf(live.kind),
        resourceName(live),
      ),
    };
  }
  // findLive only ever gives a resource of the document's kind; a link of the other kind is ignored there.
  const diff = diffOf(live, document);
  if (!diff) {
    return {
      kind: 'refuse',
      why: 'otherKind',
      resource: live,
      message: l10n.t(
        'this {0} document is linked to {1}: unlink it first',
        nounOf(document.kind),
        KINDS[live.kind].aNoun,
      ),
    };
  }
  // The kinds are the same (the diff is there), so the resource and the document are of one kind's sides.
  return planUpdate(live.kind, live, document as Extract<DocumentRequest, { kind: typeof live.kind }>, diff, options);
}

function planUpdate<K extends Kind>(
  kind: K,
  resource: Extract<LiveResource, { kind: K }>,
  request: Extract<DocumentRequest, { kind: K }>,
  diff: DiffOf<K>,
  options: ApplyPlanOptions,
): ApplyPlan<K> {
  const planning: KindPlanning<K> = PLANNING[kind];
  // Read as any kind's resource: its ID and name are the table's.
  const live: LiveResource = resource;
  const { changes, immutable } = diff;
  if (immutable.length > 0) {
    return {
      kind: 'refuse',
      why: 'immutable',
      resource,
      changes,
      immutable,
      message: immutableRefusal(live, immutable),
    };
  }
  // With no immutable change, every change is in the body: no body is no change.
  const body = planning.body(diff);
  if (body === undefined) {
    return {
      kind: 'refuse',
      why: 'unchanged',
      resource,
      message: l10n.t(
        '{0} already matches the live {1} ({2}): nothing was sent.',
        describeRequest(request),
        nounOf(kind),
        shownValue(resourceId(live)),
      ),
    };
  }
  // The resource and the document are this kind's (the caller's diff says so).
  const target = { kind, live: resource.resource, document: request.document, body } as UpdateTarget<K>;
  const dryRun = planning.dryRun(target);
  if (dryRun) return { kind: 'dryRun', resource, changes, target: dryRun };
  return {
    kind: 'update',
    resource,
    changes,
    target,
    confirmation: applyConfirmation({ kind, name: resourceName(live), id: resourceId(live) }, options.where, changes),
  };
}
