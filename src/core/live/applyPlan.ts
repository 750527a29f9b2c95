// What Apply does with a document and the live resource it is, decided here and nowhere else: create it (nothing
// lives), update it with this body after a person confirms these changes, only have the service check the update
// (a group document asking for a dry run), or refuse and say why (a network being deleted, a link to the other kind,
// a change no update can make, nothing to change). Pure: no `vscode`, no request. The VS Code command asks what the
// plan says to ask, sends what it says to send, and shows what it says (src/vscode/live/apply.ts).
import type { AddressGroup, AddressGroupDocument, AddressGroupUpdate } from '../api/addressGroups';
import type { Network, NetworkDocument, NetworkPatch } from '../api/networks';
import { shownValue } from '../display';
import { documentKindName } from '../documents/documentKinds';
import type { DocumentRequest } from '../documents/documentRequest';
import { applyConfirmation, type Change, diffAddressGroup, diffNetwork, type LiveResource } from './liveDocuments';
import { resourceId, resourceName } from './liveResource';

type Kind = LiveResource['kind'];

/** Per kind: the live resource as the service answers it, the document, and the body of its update. */
interface Sides {
  readonly network: { readonly live: Network; readonly document: NetworkDocument; readonly body: NetworkPatch };
  readonly addressGroup: {
    readonly live: AddressGroup;
    readonly document: AddressGroupDocument;
    readonly body: AddressGroupUpdate;
  };
}

/**
 * An update to send: the live resource as the person saw it (the update reads it again, and stops if it changed
 * since), the document, and the body that makes one match the other — a network's JSON merge patch, a group's PUT.
 */
export type UpdateTarget<K extends Kind = Kind> = {
  [P in K]: {
    readonly kind: P;
    readonly live: Sides[P]['live'];
    readonly document: Sides[P]['document'];
    readonly body: Sides[P]['body'];
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

/** What Apply needs to know of a kind. */
interface KindPlanning<K extends Kind> {
  /** The resource inside its tagged form. */
  readonly live: (resource: Extract<LiveResource, { kind: K }>) => Sides[K]['live'];
  /** Every difference, the immutable ones, and the body of the update (undefined when nothing can be updated). */
  readonly diff: (
    live: Sides[K]['live'],
    document: Sides[K]['document'],
  ) => { readonly changes: Change[]; readonly immutable: Change[]; readonly body: Sides[K]['body'] | undefined };
  /** Whether the resource is being deleted (its update would be refused). */
  readonly beingDeleted: (live: Sides[K]['live']) => boolean;
  /** The update as a dry run, when the document asks for one and the kind's service has one. */
  readonly dryRun: (target: UpdateTarget<K>) => UpdateTarget<'addressGroup'> | undefined;
}

const PLANNING: { readonly [K in Kind]: KindPlanning<K> } = {
  network: {
    live: (resource) => resource.network,
    diff: (live, document) => {
      const { changes, immutable, patch } = diffNetwork(live, document);
      return { changes, immutable, body: patch };
    },
    // A network whose deletion was accepted still answers GET, with its deletionTimestamp, until it is gone.
    beingDeleted: (network) => Boolean(network.metadata.deletionTimestamp),
    // ModelArts has no dry run: a network's update is only ever sent once confirmed.
    dryRun: () => undefined,
  },
  addressGroup: {
    live: (resource) => resource.group,
    diff: (live, document) => {
      const { changes, immutable, update } = diffAddressGroup(live, document);
      return { changes, immutable, body: update };
    },
    // A group's deletion is done when it is answered: there is no group being deleted to find.
    beingDeleted: () => false,
    dryRun: (target) => (target.document.dry_run === true ? target : undefined),
  },
};

/** "network net-a", "address group web": a document's kind and name, shown escaped. */
export const describeRequest = (request: Pick<DocumentRequest, 'kind' | 'name'>): string =>
  `${documentKindName(request.kind)} ${shownValue(request.name)}`;

/** Why a change no update can make stops Apply, field by field (the notification, and the log). */
export function immutableRefusal(resource: LiveResource, immutable: readonly Change[]): string {
  const fields = immutable.map((change) => `${change.summary}: ${change.why ?? ''}`).join(' ');
  return `Apply: ${documentKindName(resource.kind)} ${shownValue(resourceName(resource))} cannot be updated to match this document — ${fields} Nothing was sent.`;
}

function diffOf<K extends Kind>(kind: K, resource: Extract<LiveResource, { kind: K }>, document: Sides[K]['document']) {
  const planning = PLANNING[kind];
  return planning.diff(planning.live(resource), document);
}

/**
 * The changes between a live resource and a document of its kind, the immutable ones among them (Compare with Live
 * counts them, whatever Apply would do); undefined when the document is of the other kind.
 */
export function changesBetween(
  live: LiveResource,
  document: DocumentRequest,
): { readonly changes: readonly Change[]; readonly immutable: readonly Change[] } | undefined {
  if (live.kind !== document.kind) return undefined;
  const { changes, immutable } = diffOf(live.kind, live, document.document);
  return { changes, immutable };
}

function beingDeleted<K extends Kind>(kind: K, resource: Extract<LiveResource, { kind: K }>): boolean {
  const planning = PLANNING[kind];
  return planning.beingDeleted(planning.live(resource));
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
  if (beingDeleted(live.kind, live)) {
    return {
      kind: 'refuse',
      why: 'deleting',
      resource: live,
      message: `${documentKindName(live.kind)} ${resourceName(live)} is being deleted: nothing was sent (once it is gone, Apply creates it anew)`,
    };
  }
  // findLive only ever gives a resource of the document's kind; a link of the other kind is ignored there.
  if (live.kind !== document.kind) {
    return {
      kind: 'refuse',
      why: 'otherKind',
      resource: live,
      message: `this ${documentKindName(document.kind)} document is linked to a ${documentKindName(live.kind)}: unlink it first`,
    };
  }
  // The kinds are the same (just checked), so the resource and the document are of one kind's sides.
  return planUpdate(live.kind, live, document.document, document, options);
}

function planUpdate<K extends Kind>(
  kind: K,
  resource: Extract<LiveResource, { kind: K }>,
  document: Sides[K]['document'],
  request: DocumentRequest,
  options: ApplyPlanOptions,
): ApplyPlan<K> {
  const planning = PLANNING[kind];
  const live = planning.live(resource);
  const { changes, immutable, body } = diffOf(kind, resource, document);
  if (immutable.length > 0) {
    return {
      kind: 'refuse',
      why: 'immutable',
      resource,
      changes,
      immutable,
      message: immutableRefusal(resource, immutable),
    };
  }
  // With no immutable change, every change is in the body: no body is no change.
  if (body === undefined) {
    return {
      kind: 'refuse',
      why: 'unchanged',
      resource,
      message: `${describeRequest(request)} already matches the live ${documentKindName(kind)} (${shownValue(resourceId(resource))}): nothing was sent.`,
    };
  }
  const target: UpdateTarget<K> = { kind, live, document, body };
  const dryRun = planning.dryRun(target);
  if (dryRun) return { kind: 'dryRun', resource, changes, target: dryRun };
  return {
    kind: 'update',
    resource,
    changes,
    target,
    confirmation: applyConfirmation(
      { kind, name: resourceName(resource), id: resourceId(resource) },
      options.where,
      changes,
    ),
  };
}
