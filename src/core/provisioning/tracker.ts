// The provisioning tracker: one state machine that follows every resource in a transitional phase (a network being
// created or deleted, a peer connection connecting, an SFS Turbo link changing, an address group UPDATING) by GET
// with backoff until it settles or the provisioning timeout passes. The status bar, the tree and the operations
// quick pick all read it. Time comes from an injected clock and the GET from an injected `fetch`, so every path is
// tested in plain Node; when nothing is being followed it holds no timer at all.
import * as l10n from '@vscode/l10n';
import { HuaweiCloudError, saysResourceIsGone } from '../cloud/errors';
import { isKind, type Kind, type LiveResource, phaseOf } from '../kinds';
import { isRecord } from '../values';
import { isUsableId } from '../cloud/pathSegments';

/** What started the wait: an action of this extension, or a transitional resource the tree came across. */
export type OperationKind = 'create' | 'delete' | 'update' | 'observe';

/**
 * `following`: looked at again and again; `succeeded` / `failed`: the resource settled (or, for a deletion, is
 * gone); `timedOut`: still transitional when the provisioning timeout passed; `abandoned`: no longer followed
 * because the connection it belongs to is no longer the one in use.
 */
export type OperationState = 'following' | 'succeeded' | 'failed' | 'timedOut' | 'abandoned';

/** One operation as the tracker's readers see it: a copy, plain JSON. */
/** How long a look waits for another look of a connection not yet proven to accept its signature. */
const UNPROVEN_CONNECTION_WAIT_MS = 250;

export interface Operation {
  readonly id: string;
  readonly kind: OperationKind;
  readonly resourceKind: Kind;
  /** The network ID (`metadata.name`) or the address group ID. */
  readonly resourceId: string;
  /** For people: the network's display name or the group's name. */
  readonly name: string;
  /** The connection it belongs to (`Connection.identity`): it is only ever looked at through that connection. */
  readonly connectionKey: string;
  /** The phase as last seen (see `phaseOf`); `Deleted` once a deletion is over. */
  readonly phase: string;
  readonly state: OperationState;
  readonly startedAt: number;
  /** When the current wait began: the start, or the last action merged into it. The timeout counts from here. */
  readonly since: number;
  readonly settledAt?: number | undefined;
  /** Why it failed, timed out, was abandoned or is paused; or what went wrong with the last look. */
  readonly detail?: string | undefined;
  /** The request id of the action's answer: what support asks for. */
  readonly requestId?: string | undefined;
  /** The resource as last seen. */
  readonly resource?: LiveResource | undefined;
  /** Set once a person opened it from the operations list: a failure then stops colouring the status bar. */
  readonly acknowledged: boolean;
  /** Following, but not looked at until the credentials change: its connection's signature was rejected (401). */
  readonly paused: boolean;
  /** GETs answered so far (a failed one counts too). */
  readonly looks: number;
}

export interface TrackRequest {
  readonly kind: OperationKind;
  readonly resourceKind: Kind;
  readonly resourceId: string;
  readonly name: string;
  readonly connectionKey: string;
  /** The phase as the caller knows it, when it has no resource to give. */
  readonly phase?: string | undefined;
  /** The resource as the action's answer gave it: its phase is read from it (and may already be settled). */
  readonly resource?: LiveResource | undefined;
  /** The action's answer said the resource is gone (a group's DELETE 204, a 404): the operation settles at once. */
  readonly gone?: true | undefined;
  readonly requestId?: string | undefined;
}

/** What one GET found: the resource, or that it no longer exists (404). */
export type Look = { readonly resource: LiveResource } | { readonly gone: true };

export interface TrackerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The pause before the n-th look (from 0) is `firstMs × factor^n`, at most `maxMs`. */
export interface Backoff {
  readonly firstMs: number;
  readonly maxMs: number;
  readonly factor: number;
}

/**
 * A first look after 2 s (a create's answer often still says "" or Creating), then 4, 8, 16 and every 20 s: a
 * network takes minutes, and the Terraform provider settles for one look every 20 s.
 */
export const DEFAULT_BACKOFF: Backoff = { firstMs: 2_000, maxMs: 20_000, factor: 2 };

/** Operations kept for the operations list (settled ones beyond this are forgotten, oldest first). */
export const MAX_OPERATIONS = 50;

export interface TrackerOptions {
  /**
   * One GET of the operation's resource through the operation's connection, cancelled through `signal`. A 404
   * may be answered `{ gone: true }` or thrown as a HuaweiCloudError: both mean gone.
   */
  fetch(operation: Operation, signal: AbortSignal): Promise<Look>;
  /** The provisioning timeout (`huaweicloud.provisioningTimeoutMinutes`), read at each look so a change applies. */
  timeoutMs(): number;
  clock?: TrackerClock | undefined;
  backoff?: Backoff | undefined;
  maxOperations?: number | undefined;
  log?: ((line: string) => void) | undefined;
}

/** What `snapshot()` returns and `restore()` takes: plain JSON, for the workspace state. */
export interface TrackerSnapshot {
  readonly version: 1;
  /** Newest first. */
  readonly operations: readonly Operation[];
}

export interface Disposable {
  dispose(): void;
}

const SYSTEM_CLOCK: TrackerClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** An operation and what following it takes: at most one timer and one GET at a time. */
interface Entry {
  op: Mutable<Operation>;
  timer?: unknown;
  inFlight?: AbortController | undefined;
  /** Looks since the wait (re)started: picks the next pause. */
  attempt: number;
}

/** The phase an operation shows before anything was seen of its resource. */
const DEFAULT_PHASES: Readonly<Record<OperationKind, string>> = {
  create: 'Creating',
  delete: 'Deleting',
  update: 'Updating',
  observe: '',
};

const OPERATION_KINDS: readonly string[] = ['create', 'delete', 'update', 'observe'];
const STATES: readonly string[] = ['following', 'succeeded', 'failed', 'timedOut', 'abandoned'];

const keyOf = (op: Pick<Operation, 'connectionKey' | 'resourceKind' | 'resourceId'>) =>
  `${op.connectionKey}\n${op.resourceKind}\n${op.resourceId}`;

/**
 * Errors after which looking again cannot help and may hurt: a rejected signature (five in a row lock the access
 * key for five minutes) and credentials or settings that cannot be used (nothing is sent).
 */
function stopsTheConnection(error: unknown): error is HuaweiCloudError {
  return error instanceof HuaweiCloudError && (error.status === 401 || error.kind === 'configuration');
}

/**
 * Whether a failed look was nevertheless answered by the service with a status other than 401 — which it gives only
 * to a signature it accepted. No answer at all (a reset, a time-out, a cancellation) proves nothing of the keys; nor
 * does a redirect, which Huawei Cloud's APIs never send (something else in the way does).
 */
function provesTheSignature(error: unknown): boolean {
  return (
    error instanceof HuaweiCloudError &&
    error.status !== undefined &&
    error.status !== 401 &&
    (error.status < 300 || error.status >= 400)
  );
}

/**
 * An operation's detail twice: in English for the log (which stays English), and in the display language for the
 * operation people read (`Operation.detail`).
 */
interface Detail {
  readonly logged: string;
  readonly shown: string;
}

const connectionChanged = (): Detail => ({
  logged: 'no longer followed: the connection changed',
  shown: l10n.t('no longer followed: the connection changed'),
});

function minutes(ms: number): string {
  const value = Math.round(ms / 60_000);
  return value >= 1 ? `${value} min` : `${Math.round(ms / 1000)} s`;
}

/**
 * The resource a stored operation last saw, with its kind: as stored (`{ kind, resource }`), or as versions before
 * the kinds' table stored it (the resource alone, of the operation's kind). Anything else is no resource.
 */
function storedResource(kind: Kind, stored: unknown): LiveResource | undefined {
  if (!isRecord(stored)) return undefined;
  if (stored.kind === kind && isRecord(stored.resource)) return stored as unknown as LiveResource;
  return { kind, resource: stored } as unknown as LiveResource;
}

/** One stored operation, checked field by field: the workspace state may hold anything (an older version, a hand edit). */
function parseOperation(value: unknown): Mutable<Operation> | undefined {
  if (!isRecord(value)) return undefined;
  const {
    id,
    kind,
    resourceKind,
    resourceId,
    name,
    connectionKey,
    phase,
    state,
    startedAt,
    since,
    settledAt,
    detail,
    requestId,
    resource,
    acknowledged,
    looks,
  } = value;
  const strings = [id, resourceId, name, connectionKey, phase];
  // The resource's ID goes into the path of every look: one a request path cannot carry is no operation to follow.
  if (
    !strings.every((field) => typeof field === 'string') ||
    id === '' ||
    !isUsableId(resourceId) ||
    connectionKey === ''
  ) {
    return undefined;
  }
  if (!OPERATION_KINDS.includes(kind as string) || !isKind(resourceKind) || !STATES.includes(state as string)) {
    return undefined;
  }
  if (typeof startedAt !== 'number' || !Number.isFinite(startedAt)) return undefined;
  return {
    id: id as string,
    kind: kind as OperationKind,
    resourceKind,
    resourceId: resourceId as string,
    name: name as string,
    connectionKey: connectionKey as string,
    phase: phase as string,
    state: state as OperationState,
    startedAt,
    since: typeof since === 'number' && Number.isFinite(since) ? since : startedAt,
    settledAt: typeof settledAt === 'number' && Number.isFinite(settledAt) ? settledAt : undefined,
    detail: typeof detail === 'string' ? detail : undefined,
    requestId: typeof requestId === 'string' ? requestId : undefined,
    resource: storedResource(resourceKind, resource),
    acknowledged: acknowledged === true,
    paused: false,
    looks: typeof looks === 'number' && Number.isInteger(looks) && looks >= 0 ? looks : 0,
  };
}

/** A copy without the fields that are not set, so that it is plain JSON and compares equal to a stored one. */
function copyOf(op: Mutable<Operation>): Operation {
  return Object.fromEntries(Object.entries(op).filter(([, value]) => value !== undefined)) as unknown as Operation;
}

let idCounter = 0;
function newId(now: number): string {
  idCounter = (idCounter + 1) % 1_000_000;
  const random =
    typeof globalThis.crypto?.randomUUID === 'function'
      ? globalThis.crypto.randomUUID().slice(0, 8)
      : Math.random().toString(16).slice(2, 10);
  return `${now.toString(36)}-${idCounter.toString(36)}-${random}`;
}

/**
 * Follows resources in transitional phases until they settle. One operation per resource and connection: tracking
 * a resource that is already followed merges into its operation. At most one GET per operation is in flight, none
 * after a 401 on its connection until `credentialsChanged()`, none through any connection but its own, and no timer
 * exists when nothing is followed.
 */
export class Tracker implements Disposable {
  private readonly clock: TrackerClock;
  private readonly backoff: Backoff;
  private readonly maxOperations: number;
  /** Newest first. */
  private entries: Entry[] = [];
  private readonly listeners = new Set<(changed: readonly Operation[]) => void>();
  /** Connections whose signature was rejected (or whose credentials could not be used): nothing is sent through them. */
  private readonly stopped = new Set<string>();
  /**
   * Connections whose service has answered a look with something other than a rejected signature (since the last
   * rejection): until then their looks go one at a time.
   */
  private readonly answered = new Set<string>();
  /** The connection in use, once `connectionChanged` told it: operations of any other are not followed. */
  private currentKey: string | undefined;
  private disposed = false;

  constructor(private readonly options: TrackerOptions) {
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.maxOperations = options.maxOperations ?? MAX_OPERATIONS;
  }

  /**
   * Starts following a resource, or merges into the operation that already follows it on that connection: an
   * action (create, delete, update) takes the operation over and restarts its wait and backoff; an observation
   * only brings news of its phase. A resource given already settled, or `gone`, settles the operation at once (no
   * GET).
   */
  track(request: TrackRequest): Operation {
    if (this.disposed) throw new Error('the provisioning tracker is disposed');
    const now = this.clock.now();
    const existing = this.entries.find((entry) => entry.op.state === 'following' && keyOf(entry.op) === keyOf(request));
    if (existing) {
      const op = existing.op;
      if (request.kind !== 'observe') {
        op.kind = request.kind;
        op.since = now;
        op.acknowledged = false;
        if (request.requestId !== undefined) op.requestId = request.requestId;
        existing.attempt = 0;
      }
      if (request.name) op.name = request.name;
      if (request.phase !== undefined) op.phase = request.phase;
      if (request.gone) this.apply(existing, { gone: true });
      else if (request.resource) this.apply(existing, { resource: request.resource });
      this.fire([existing]);
      // An action wants an early look; an observation changes nothing of the rhythm.
      if (op.state === 'following' && request.kind !== 'observe' && !op.paused && !existing.inFlight) {
        this.schedule(existing, this.backoff.firstMs);
      }
      return copyOf(op);
    }

    const entry: Entry = {
      attempt: 0,
      op: {
        id: newId(now),
        kind: request.kind,
        resourceKind: request.resourceKind,
        resourceId: request.resourceId,
        name: request.name,
        connectionKey: request.connectionKey,
        phase: request.phase ?? DEFAULT_PHASES[request.kind],
        state: 'following',
        startedAt: now,
        since: now,
        settledAt: undefined,
        detail: undefined,
        requestId: request.requestId,
        resource: undefined,
        acknowledged: false,
        paused: false,
        looks: 0,
      },
    };
    this.entries.unshift(entry);
    this.trim();
    if (this.currentKey !== undefined && request.connectionKey !== this.currentKey) {
      // Tracked by an action that finished after the connection changed: it belongs to a connection no longer used.
      this.settle(entry, 'abandoned', connectionChanged());
    } else if (request.gone) {
      this.apply(entry, { gone: true });
    } else if (request.resource) {
      this.apply(entry, { resource: request.resource });
    }
    if (entry.op.state === 'following') this.startFollowing(entry);
    this.fire([entry]);
    return copyOf(entry.op);
  }

  /** Recent operations, newest first: every one still followed, and the last settled ones (at most `maxOperations` in all). */
  operations(): Operation[] {
    return this.entries.map((entry) => copyOf(entry.op));
  }

  /** Whether any operation is still followed. */
  get following(): boolean {
    return this.entries.some((entry) => entry.op.state === 'following');
  }

  /** Called with the operations that changed (a phase, a state, a detail, an acknowledgement). */
  onDidChange(listener: (changed: readonly Operation[]) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Marks an operation as seen by a person: a failure no longer colours the status bar. */
  acknowledge(id: string): void {
    const entry = this.entries.find((candidate) => candidate.op.id === id);
    if (!entry || entry.op.acknowledged) return;
    entry.op.acknowledged = true;
    this.fire([entry]);
  }

  /**
   * The connection in use is now `newKey` (undefined: none can be opened, or it is not known). Every operation of
   * another connection ends `abandoned`, its GET cancelled: it is never looked at through another connection, and its
   * own is gone. Until the next change, an operation tracked on another connection than a known `newKey` is
   * abandoned at once (an action that finished after the change).
   */
  connectionChanged(newKey: string | undefined): void {
    this.currentKey = newKey;
    const abandoned = this.entries.filter(
      (entry) => entry.op.state === 'following' && entry.op.connectionKey !== newKey,
    );
    for (const entry of abandoned) this.settle(entry, 'abandoned', connectionChanged());
    this.fire(abandoned);
  }

  /** Credentials or trust changed: connections stopped by a 401 may be tried again, and their operations resume. */
  credentialsChanged(): void {
    this.stopped.clear();
    this.answered.clear();
    const resumed = this.entries.filter((entry) => entry.op.state === 'following' && entry.op.paused);
    for (const entry of resumed) {
      entry.op.paused = false;
      entry.op.detail = undefined;
      entry.attempt = 0;
      this.schedule(entry, this.backoff.firstMs);
    }
    this.fire(resumed);
  }

  /** Every operation as plain JSON, for the workspace state. */
  snapshot(): TrackerSnapshot {
    // What the explorer only observed is followed while the view shows it, not after a reload.
    return { version: 1, operations: this.operations().filter((op) => op.kind !== 'observe') };
  }

  /**
   * Takes back the operations of a snapshot (after a window reload): those still following are followed again, the
   * first look after the usual first pause; settled ones return to the list. Anything malformed is skipped; an
   * operation already known (same id, or the same resource followed) is not duplicated.
   */
  restore(snapshot: unknown): void {
    if (this.disposed || !isRecord(snapshot) || snapshot.version !== 1 || !Array.isArray(snapshot.operations)) return;
    const restored: Entry[] = [];
    for (const value of snapshot.operations) {
      const op = parseOperation(value);
      if (!op) continue;
      const known = this.entries.some(
        (entry) =>
          entry.op.id === op.id ||
          (op.state === 'following' && entry.op.state === 'following' && keyOf(entry.op) === keyOf(op)),
      );
      if (!known) restored.push({ op, attempt: 0 });
    }
    if (restored.length === 0) return;
    this.entries = [...this.entries, ...restored].sort((a, b) => b.op.startedAt - a.op.startedAt);
    this.trim();
    const following = restored.filter((entry) => this.entries.includes(entry) && entry.op.state === 'following');
    for (const entry of following) {
      if (this.currentKey !== undefined && entry.op.connectionKey !== this.currentKey) {
        this.settle(entry, 'abandoned', connectionChanged());
      } else this.startFollowing(entry);
    }
    this.fire(restored.filter((entry) => this.entries.includes(entry)));
  }

  /** Stops every timer and cancels every GET; the operations stay as they are (a snapshot taken before survives). */
  dispose(): void {
    this.disposed = true;
    for (const entry of this.entries) this.stop(entry);
    this.listeners.clear();
  }

  // ---- following ----

  private startFollowing(entry: Entry): void {
    if (this.stopped.has(entry.op.connectionKey)) this.pause(entry);
    else this.schedule(entry, this.backoff.firstMs);
  }

  private schedule(entry: Entry, delayMs: number): void {
    this.clearTimer(entry);
    const op = entry.op;
    // Never past the deadline: the last look is the one that tells whether it timed out.
    const deadline = op.since + this.options.timeoutMs();
    const wait = Math.max(0, Math.min(delayMs, deadline - this.clock.now()));
    entry.timer = this.clock.setTimeout(() => {
      entry.timer = undefined;
      void this.look(entry);
    }, wait);
  }

  private delayFor(attempt: number): number {
    return Math.min(this.backoff.firstMs * this.backoff.factor ** attempt, this.backoff.maxMs);
  }

  private async look(entry: Entry): Promise<void> {
    const op = entry.op;
    if (this.disposed || op.state !== 'following' || op.paused || entry.inFlight) return;
    if (this.stopped.has(op.connectionKey)) {
      this.pause(entry);
      this.fire([entry]);
      return;
    }
    // Until the service has answered one look of a connection with anything but a 401, its looks go one at a time:
    // many resources listed at once must not send many bad signatures at once (five in a row lock the access key).
    // A look that got no answer (a reset, a time-out) proves nothing either way.
    if (
      !this.answered.has(op.connectionKey) &&
      this.entries.some((other) => other !== entry && other.inFlight && other.op.connectionKey === op.connectionKey)
    ) {
      this.schedule(entry, UNPROVEN_CONNECTION_WAIT_MS);
      return;
    }
    const controller = new AbortController();
    entry.inFlight = controller;
    let outcome: { look: Look } | { error: unknown };
    try {
      outcome = { look: await this.options.fetch(copyOf(op), controller.signal) };
    } catch (error) {
      outcome = { error };
    }
    if (entry.inFlight === controller) entry.inFlight = undefined;
    // Abandoned, disposed or paused while the GET ran: what it found belongs to nobody.
    if (controller.signal.aborted || this.disposed || op.state !== 'following' || op.paused) return;
    op.looks++;
    entry.attempt++;
    let retryAfterMs = 0;

    if (!('error' in outcome) || provesTheSignature(outcome.error)) this.answered.add(op.connectionKey);
    if ('look' in outcome || saysResourceIsGone(outcome.error)) {
      if (this.apply(entry, 'look' in outcome ? outcome.look : { gone: true })) this.fire([entry]);
    } else if (stopsTheConnection(outcome.error)) {
      this.stopConnection(op.connectionKey, outcome.error);
      return;
    } else {
      // A network error, a timeout, a 5xx, a 429, an unreadable answer: the resource's fate is unknown, so it is
      // looked at again with the same backoff (and no sooner than the server asked).
      const error = outcome.error;
      const summary =
        error instanceof HuaweiCloudError ? error.summary : error instanceof Error ? error.message : String(error);
      retryAfterMs = error instanceof HuaweiCloudError ? (error.retryAfterMs ?? 0) : 0;
      op.detail = l10n.t('the last look failed: {0}', summary);
      this.options.log?.(`Following ${op.name}: the last look failed: ${summary}`);
      this.fire([entry]);
    }

    if (op.state !== 'following') return;
    const timeoutMs = this.options.timeoutMs();
    if (this.clock.now() >= op.since + timeoutMs) {
      this.settle(entry, 'timedOut', {
        logged: `still ${op.phase || 'in progress'} after ${minutes(timeoutMs)} (huaweicloud.provisioningTimeoutMinutes): no longer followed`,
        shown: l10n.t(
          'still {0} after {1} (huaweicloud.provisioningTimeoutMinutes): no longer followed',
          op.phase || l10n.t('in progress'),
          minutes(timeoutMs),
        ),
      });
      this.fire([entry]);
      return;
    }
    this.schedule(entry, Math.max(this.delayFor(entry.attempt), retryAfterMs));
  }

  /** What a look (or the action's own answer) found; whether anything a reader sees changed. */
  private apply(entry: Entry, look: Look): boolean {
    const op = entry.op;
    if ('gone' in look) {
      // Gone is the end of a deletion: of one this extension asked for, or of one the last look saw under way.
      const deleting = op.kind === 'delete' || (op.resource !== undefined && phaseOf(op.resource).deleting);
      if (deleting) this.settle(entry, 'succeeded', undefined, 'Deleted');
      else {
        this.settle(
          entry,
          'failed',
          {
            logged: 'it no longer exists (the service answers 404 Not Found)',
            shown: l10n.t('it no longer exists (the service answers 404 Not Found)'),
          },
          'Gone',
        );
      }
      return true;
    }
    const before = JSON.stringify([op.phase, op.detail]);
    const phase = phaseOf(look.resource);
    op.resource = look.resource;
    op.phase = phase.text;
    op.detail = undefined;
    // A deletion is over only when the resource is gone, whatever phase it shows meanwhile.
    if (op.kind !== 'delete' && !phase.transitional) {
      // The reason (src/core/api/phases.ts) quotes the service's phase or message: one text for the log and screen.
      if (phase.failed) {
        this.settle(
          entry,
          'failed',
          phase.reason === undefined ? undefined : { logged: phase.reason, shown: phase.shownReason ?? phase.reason },
        );
      } else this.settle(entry, 'succeeded');
      return true;
    }
    return before !== JSON.stringify([op.phase, op.detail]);
  }

  /** Ends the wait; readers are told by the caller (several may settle at once). */
  private settle(entry: Entry, state: Exclude<OperationState, 'following'>, detail?: Detail, phase?: string): void {
    this.stop(entry);
    const op = entry.op;
    op.state = state;
    op.settledAt = this.clock.now();
    op.detail = detail?.shown;
    op.paused = false;
    if (phase !== undefined) op.phase = phase;
    this.options.log?.(
      `${op.name}: ${state}${op.phase ? ` (${op.phase})` : ''}${detail?.logged ? `: ${detail.logged}` : ''}`,
    );
  }

  /** After a 401: nothing more is sent through this connection until the credentials change. */
  private stopConnection(connectionKey: string, error: HuaweiCloudError): void {
    this.stopped.add(connectionKey);
    this.answered.delete(connectionKey);
    const rejected = error.status === 401;
    this.options.log?.(
      `Provisioning tracker: ${
        rejected
          ? `paused: the credentials were rejected (${error.code ?? 'HTTP 401'}); looking again could lock the access key, so it resumes when the credentials change`
          : `paused: ${error.summary}; it resumes when the credentials or settings change`
      }`,
    );
    const reason = rejected
      ? l10n.t(
          'paused: the credentials were rejected ({0}); looking again could lock the access key, so it resumes when the credentials change',
          error.code ?? 'HTTP 401',
        )
      : l10n.t('paused: {0}; it resumes when the credentials or settings change', error.summary);
    const affected = this.entries.filter(
      (entry) => entry.op.state === 'following' && entry.op.connectionKey === connectionKey,
    );
    for (const entry of affected) {
      this.pause(entry);
      entry.op.detail = reason;
    }
    this.fire(affected);
  }

  private pause(entry: Entry): void {
    this.stop(entry);
    entry.op.paused = true;
    entry.op.detail ??= l10n.t('paused: the credentials of its connection were rejected; it resumes when they change');
  }

  private stop(entry: Entry): void {
    this.clearTimer(entry);
    entry.inFlight?.abort();
    entry.inFlight = undefined;
  }

  private clearTimer(entry: Entry): void {
    if (entry.timer === undefined) return;
    this.clock.clearTimeout(entry.timer);
    entry.timer = undefined;
  }

  /** Forgets the oldest settled operations beyond the bound; followed ones are always kept. */
  private trim(): void {
    let excess = this.entries.length - this.maxOperations;
    for (let i = this.entries.length - 1; i >= 0 && excess > 0; i--) {
      if (this.entries[i]?.op.state !== 'following') {
        this.entries.splice(i, 1);
        excess--;
      }
    }
  }

  private fire(entries: readonly Entry[]): void {
    if (entries.length === 0 || this.disposed) return;
    const changed = entries.map((entry) => copyOf(entry.op));
    for (const listener of [...this.listeners]) {
      try {
        listener(changed);
      } catch (error) {
        // One failing reader (the tree, the status bar) must not stop the others or the tracker.
        this.options.log?.(
          `Provisioning tracker: a listener failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
}
