// Apply: make the cloud match a document. Which live resource the document is (its link, or for a network its
// name), and — once a person has seen the difference and confirmed it — the update itself: the resource read again
// just before sending (a change made since the preview stops the Apply), an address group UPDATING waited for and
// checked by a dry run first, and a lost answer settled by reading the resource back. Pure of `vscode`.
import * as l10n from '@vscode/l10n';
import type { AddressGroup, AddressGroupDocument, AddressGroupsApi, AddressGroupUpdate } from '../api/addressGroups';
import { HuaweiCloudError, saysResourceIsGone } from '../cloud/errors';
import { abortableSleep } from '../cloud/abort';
import type { ResourceLink } from './links';
import {
  type AddressGroupDiff,
  addressGroupAsDocument,
  type Change,
  diffAddressGroup,
  diffNetwork,
  type LiveResource,
  type NetworkDiff,
  networkAsDocument,
} from './liveDocuments';
import type { Network, NetworkDocument, NetworksApi } from '../api/networks';
import { isAmbiguous, type LookWindow, type RequestOptions } from '../cloud/requests';
import {
  type DocumentOf,
  type DocumentRequest,
  getLive,
  isRequestOf,
  type Kind,
  KINDS,
  type ResourceOf,
  type ServiceCalls,
  tagged,
} from '../kinds';

export interface LiveLookup {
  /** The live resource the document is; undefined when there is none (Apply creates it). */
  readonly live: LiveResource | undefined;
  /** The document was linked to a resource that no longer exists (the link should go). */
  readonly staleLink: boolean;
}

/** One GET of a resource of any kind. */
export { getLive } from '../kinds';

/**
 * The live resource a document is: the linked one when there is a link (one GET; a 404 makes the link stale); a
 * network document without a link, the network of its name (names are unique in a project). An address-group
 * document without a link is no group: names are not unique, so a name alone never picks one.
 */
export async function findLive(
  apis: {
    readonly networks: Pick<NetworksApi, 'get' | 'findByDisplayName'>;
    readonly addressGroups: Pick<AddressGroupsApi, 'get'>;
  },
  document: { readonly kind: Kind; readonly name: string },
  link: ResourceLink | undefined,
  options: RequestOptions = {},
): Promise<LiveLookup> {
  let staleLink = false;
  if (link?.kind === document.kind) {
    try {
      return { live: await getLive(apis, link.kind, link.id, options), staleLink };
    } catch (error) {
      if (!saysResourceIsGone(error)) throw error;
      staleLink = true;
    }
  }
  return { live: await byName(apis, document, options), staleLink };
}

/** The resource of a document's name, for a kind whose names are unique; none for another. */
async function byName<K extends Kind>(
  apis: ServiceCalls<'findByDisplayName', never>,
  document: { readonly kind: K; readonly name: string },
  options: RequestOptions,
): Promise<LiveResource<K> | undefined> {
  const resource = await KINDS[document.kind].findByName?.(apis, document.name, options);
  return resource && tagged(document.kind, resource);
}

/** Whether two reads of a network differ in anything a document holds (a phase moving on is no difference). */
function sameNetwork(a: Network, b: Network): boolean {
  return diffNetwork(a, networkAsDocument(b)).changes.length === 0;
}

/** Whether two reads of a group differ in anything a document holds (UPDATING → NORMAL is no difference). */
function sameAddressGroup(a: AddressGroup, b: AddressGroup): boolean {
  return diffAddressGroup(a, addressGroupAsDocument(b, { entriesAs: 'ip_extra_set' })).changes.length === 0;
}

/** How an update ended. */
export type UpdateOutcome<T, D> =
  | {
      readonly kind: 'applied';
      readonly resource: T;
      readonly changes: readonly Change[];
      readonly requestId: string | undefined;
      /** The answer was lost, and the resource read afterwards holds the change. */
      readonly settledAfterLostAnswer: boolean;
      /** The service made the change on the dry run before the PUT (it ignores `dry_run`): the PUT was not sent. */
      readonly changedByDryRun?: true;
    }
  /** The live resource changed since the preview: nothing was sent; here is the new difference. */
  | { readonly kind: 'changedSince'; readonly live: T; readonly diff: D }
  /** The document already matches the live resource: nothing was sent. */
  | { readonly kind: 'unchanged'; readonly live: T }
  /** The document changes what no update can change: nothing was sent. */
  | { readonly kind: 'refused'; readonly live: T; readonly immutable: readonly Change[] };

/** How long an UPDATING group is waited for, and how often it is looked at (as a lost create is looked for). */
export type UpdatingWait = LookWindow;

/** A group's update takes seconds: two minutes is generous, and the wait can be cancelled. */
const DEFAULT_UPDATING_WAIT: UpdatingWait = { windowMs: 120_000, firstDelayMs: 1_000, maxDelayMs: 8_000 };

/** A look after a lost answer that was itself cancelled gets this long: the user asked to stop. */
const CANCELLED_UPDATE_LOOK_MS = 10_000;

/**
 * The one look that settles an update whose answer was lost — or whose repeat, after a lost answer, met a refusal
 * that may be its own doing (409: the group is UPDATING with the change): the resource read back either holds the
 * change (applied, whatever its status) or not (unknown — the service may still apply it; never "not applied").
 */
async function settleLostUpdate<T>(
  error: HuaweiCloudError,
  what: string,
  options: RequestOptions,
  read: (options: RequestOptions) => Promise<T>,
  holdsChange: (resource: T) => boolean,
): Promise<{ resource: T }> {
  const lost = error.earlierAttemptMayHaveActed
    ? l10n.t('an attempt got no usable answer, and the last one met {0}', error.summary)
    : error.summary;
  const unknown = (why: string) =>
    error.withChangeOutcome(
      'unknown',
      l10n.t(
        'the answer to updating {0} was lost ({1}), and {2}: Compare with Live shows what it holds now',
        what,
        lost,
        why,
      ),
    );
  // The signature was just rejected: a read would only send it again (five in a row lock the access key).
  if (error.status === 401) throw unknown(l10n.t('reading it back would send the rejected signature again'));
  let resource: T;
  try {
    resource = await read(
      error.kind === 'cancelled' ? { signal: AbortSignal.timeout(CANCELLED_UPDATE_LOOK_MS) } : options,
    );
  } catch (lookError) {
    throw unknown(`reading it back failed (${lookError instanceof HuaweiCloudError ? lookError.summary : 'error'})`);
  }
  let holds: boolean;
  try {
    holds = holdsChange(resource);
  } catch (readBackError) {
    // The change was sent: a malformed read-back cannot say it was not made.
    throw unknown(
      `what was read back cannot be compared (${readBackError instanceof HuaweiCloudError ? readBackError.summary : 'malformed'})`,
    );
  }
  if (holds) return { resource };
  throw unknown('it does not show the change yet');
}

/**
 * Updates a network to match the document, after a person confirmed the difference with `preview` (the network as
 * read then): read again, stopped when it changed since; the merge patch of what still differs; a lost answer
 * settled by reading it back (a merge patch applied twice is applied once, but the outcome is reported, not guessed).
 */
export async function updateNetwork(
  api: Pick<NetworksApi, 'get' | 'update'>,
  preview: Network,
  document: NetworkDocument,
  options: RequestOptions = {},
): Promise<UpdateOutcome<Network, NetworkDiff>> {
  const id = preview.metadata.name;
  const live = await api.get(id, options);
  const diff = diffNetwork(live, document);
  if (!sameNetwork(live, preview)) return { kind: 'changedSince', live, diff };
  if (diff.immutable.length > 0) return { kind: 'refused', live, immutable: diff.immutable };
  if (!diff.patch) return { kind: 'unchanged', live };
  try {
    const { resource, requestId } = await api.update(id, diff.patch, options);
    return { kind: 'applied', resource, changes: diff.changes, requestId, settledAfterLostAnswer: false };
  } catch (error) {
    if (!isAmbiguous(error)) throw error;
    const { resource } = await settleLostUpdate(
      error,
      `network ${id}`,
      options,
      (readOptions) => api.get(id, readOptions),
      (network) => diffNetwork(network, document).patch === undefined,
    );
    return {
      kind: 'applied',
      resource,
      changes: diff.changes,
      requestId: error.requestId,
      settledAfterLostAnswer: true,
    };
  }
}

/** Reads a group, and again with backoff while it is UPDATING: another update is never overwritten mid-way. */
export async function waitWhileUpdating(
  api: Pick<AddressGroupsApi, 'get'>,
  id: string,
  wait: UpdatingWait,
  options: RequestOptions = {},
): Promise<AddressGroup> {
  const now = wait.now ?? Date.now;
  const sleep = wait.sleep ?? abortableSleep;
  const deadline = now() + wait.windowMs;
  let delay = wait.firstDelayMs;
  for (;;) {
    const group = await api.get(id, options);
    if (group.status !== 'UPDATING') return group;
    if (now() + delay > deadline) {
      throw new HuaweiCloudError(
        l10n.t(
          'address group {0} is still UPDATING after {1} s: nothing was sent; Apply again once it is NORMAL',
          id,
          Math.round(wait.windowMs / 1000),
        ),
        { kind: 'timeout', notSent: true },
      );
    }
    try {
      await sleep(delay, options.signal);
    } catch {
      throw new HuaweiCloudError(
        l10n.t('waiting for address group {0} to finish UPDATING was cancelled: nothing was sent', id),
        {
          kind: 'cancelled',
          notSent: true,
        },
      );
    }
    delay = Math.min(delay * 2, wait.maxDelayMs);
  }
}

export interface GroupUpdateOptions extends RequestOptions {
  readonly updatingWait?: UpdatingWait | undefined;
  /** Told once the dry run passed, before the PUT (progress). */
  readonly onChecked?: ((requestId: string | undefined) => void) | undefined;
}

/** What the service's check of a group's update found. */
export type GroupUpdateCheck =
  /** The dry run passed (202): nothing was changed. */
  | { readonly kind: 'checked'; readonly requestId: string | undefined }
  /** The service answered the dry run as an update, and the group read back holds the change: it ignores `dry_run`. */
  | { readonly kind: 'changedAlthoughDryRun'; readonly resource: AddressGroup; readonly requestId: string | undefined };

/** Whether a group, as read, holds what the document asks (nothing left to update). */
const groupHolds = (document: AddressGroupDocument) => (group: AddressGroup) =>
  diffAddressGroup(group, document).update === undefined;

/**
 * The dry run of a group's update (the PUT with `dry_run`, 202 when it passes). A success that is not 202 — the
 * answer to an update, from a service or a proxy that ignores `dry_run` — may mean the change was made: the group
 * is read back and said to hold it when it does; unknown when that cannot be told (the read fails, or the group is
 * still UPDATING without it); and when it plainly does not, the unexpected answer is the error it is.
 */
export async function dryRunGroupUpdate(
  api: Pick<AddressGroupsApi, 'get' | 'checkUpdate'>,
  id: string,
  update: AddressGroupUpdate,
  document: AddressGroupDocument,
  options: RequestOptions = {},
): Promise<GroupUpdateCheck> {
  try {
    return { kind: 'checked', requestId: (await api.checkUpdate(id, update, options)).requestId };
  } catch (error) {
    const answeredWithOtherSuccess =
      error instanceof HuaweiCloudError &&
      error.kind === 'unexpected' &&
      error.status !== undefined &&
      error.status >= 200 &&
      error.status < 300;
    if (!answeredWithOtherSuccess) throw error;
    const unknown = (why: string) =>
      error.withChangeOutcome(
        'unknown',
        l10n.t(
          'the dry run of the update of address group {0} was answered with a success other than 202 ({1}), so the change may have been made, and {2}: Compare with Live shows what it holds now',
          id,
          error.summary,
          why,
        ),
      );
    let group: AddressGroup;
    try {
      group = await api.get(id, options);
    } catch (lookError) {
      throw unknown(`reading it back failed (${lookError instanceof HuaweiCloudError ? lookError.summary : 'error'})`);
    }
    let holds: boolean;
    try {
      holds = groupHolds(document)(group);
    } catch (readBackError) {
      throw unknown(
        `what was read back cannot be compared (${readBackError instanceof HuaweiCloudError ? readBackError.summary : 'malformed'})`,
      );
    }
    if (holds) return { kind: 'changedAlthoughDryRun', resource: group, requestId: error.requestId };
    if (group.status === 'UPDATING') throw unknown('it is UPDATING without the change yet');
    throw error;
  }
}

/**
 * Updates an address group to match the document, after a person confirmed the difference with `preview`: an
 * UPDATING group waited for; read again, stopped when it changed since; the PUT of the changed fields checked by a
 * dry run first. A lost answer — or a PUT repeated after a lost answer that meets a refusal, such as the group
 * UPDATING with what the first attempt sent (409) — is settled by reading the group back and reporting what it
 * holds. A 409 to a PUT that was sent once is another update's, and stands.
 */
export async function updateAddressGroup(
  api: Pick<AddressGroupsApi, 'get' | 'update' | 'checkUpdate'>,
  preview: AddressGroup,
  document: AddressGroupDocument,
  options: GroupUpdateOptions = {},
): Promise<UpdateOutcome<AddressGroup, AddressGroupDiff>> {
  const { updatingWait = DEFAULT_UPDATING_WAIT, onChecked, ...requestOptions } = options;
  const id = preview.id;
  const live = await waitWhileUpdating(api, id, updatingWait, requestOptions);
  const diff = diffAddressGroup(live, document);
  if (!sameAddressGroup(live, preview)) return { kind: 'changedSince', live, diff };
  if (diff.immutable.length > 0) return { kind: 'refused', live, immutable: diff.immutable };
  if (!diff.update) return { kind: 'unchanged', live };
  const checked = await dryRunGroupUpdate(api, id, diff.update, document, requestOptions);
  if (checked.kind === 'changedAlthoughDryRun') {
    return {
      kind: 'applied',
      resource: checked.resource,
      changes: diff.changes,
      requestId: checked.requestId,
      settledAfterLostAnswer: false,
      changedByDryRun: true,
    };
  }
  onChecked?.(checked.requestId);
  try {
    const { resource, requestId } = await api.update(id, diff.update, requestOptions);
    return { kind: 'applied', resource, changes: diff.changes, requestId, settledAfterLostAnswer: false };
  } catch (error) {
    if (!isAmbiguous(error)) throw error;
    const { resource } = await settleLostUpdate(
      error,
      `address group ${id}`,
      requestOptions,
      (readOptions) => api.get(id, readOptions),
      groupHolds(document),
    );
    return {
      kind: 'applied',
      resource,
      changes: diff.changes,
      requestId: error.requestId,
      settledAfterLostAnswer: true,
    };
  }
}

// ---- either kind ----

/** Per kind, Apply's update (above), and what its progress says while it reads the resource again before sending. */
const UPDATES: {
  readonly [K in Kind]: {
    readonly reading: string;
    readonly update: (
      services: ServiceCalls<'get' | 'update', 'get' | 'update' | 'checkUpdate'>,
      preview: ResourceOf<K>,
      document: DocumentOf<K>,
      options: GroupUpdateOptions,
    ) => Promise<UpdateOutcome<ResourceOf<K>, unknown>>;
  };
} = {
  network: {
    reading: 'reading it again…',
    update: (services, preview, document, options) => updateNetwork(services.networks, preview, document, options),
  },
  addressGroup: {
    reading: 'reading it again (waiting while it is UPDATING)…',
    update: (services, preview, document, options) =>
      updateAddressGroup(services.addressGroups, preview, document, options),
  },
};

/** What Apply's progress says while it reads a resource of a kind again before its update. */
export const readingAgain = (kind: Kind): string => UPDATES[kind].reading;

/**
 * Apply's update of a live resource to a document of its kind (updateNetwork, updateAddressGroup), the outcome's
 * resources with their kind; undefined when the document is of another kind (nothing is sent).
 */
export async function updateLive<K extends Kind>(
  services: ServiceCalls<'get' | 'update', 'get' | 'update' | 'checkUpdate'>,
  preview: LiveResource<K>,
  request: DocumentRequest,
  options: GroupUpdateOptions = {},
): Promise<UpdateOutcome<LiveResource<K>, unknown> | undefined> {
  if (!isRequestOf(request, preview.kind)) return undefined;
  const outcome = await UPDATES[preview.kind].update(services, preview.resource, request.document, options);
  const wrap = (resource: ResourceOf<K>) => tagged(preview.kind, resource);
  switch (outcome.kind) {
    case 'applied':
      return { ...outcome, resource: wrap(outcome.resource) };
    case 'changedSince':
      return { ...outcome, live: wrap(outcome.live) };
    case 'unchanged':
      return { kind: 'unchanged', live: wrap(outcome.live) };
    case 'refused':
      return { ...outcome, live: wrap(outcome.live) };
  }
}
