// Paging per parent: one ResourceGroup per list shown (a kind, as filtered, in a workspace), holding the items
// loaded so far, the cursor of the next page, the last error and the load in flight. Nothing loads until asked;
// asking again while a load runs hands out that load; only `loadMore` fetches a page beyond the first.
import type { BrowseEntry } from '../cloud/requests';

/** What one page is asked for with. */
export interface PageQuery {
  /** The exact name to list (the servers' own filter); undefined lists everything. */
  readonly filter: string | undefined;
  /** Networks only: the ModelArts workspace to list. */
  readonly workspaceId: string | undefined;
  readonly limit: number;
}

export interface FetchedPage<T> {
  readonly entries: readonly BrowseEntry<T>[];
  /** Absent on the last page. */
  readonly cursor: string | undefined;
}

/** One page: the first when `cursor` is undefined. The shape `allPages` walks, with the query and a signal. */
export type FetchPage<T> = (
  cursor: string | undefined,
  query: PageQuery,
  signal: AbortSignal,
) => Promise<FetchedPage<T>>;

export interface ResourceGroupOptions<T> {
  readonly filter: string | undefined;
  readonly workspaceId: string | undefined;
  readonly fetchPage: FetchPage<T>;
  /** Read at each page, so that a changed setting applies to the next page. */
  readonly limit: () => number;
  readonly idOf: (resource: T) => string | undefined;
  /** The client-side check of what the server returned for this filter and workspace. */
  readonly matches: (resource: T) => boolean;
  /** Called with the resources of each page as it is accepted. */
  readonly onPage?: (resources: readonly T[]) => void;
}

/** The key of a group: its kind, workspace and filter. A different filter or workspace is a different list. */
export function groupKey(kind: string, workspaceId: string | undefined, filter: string | undefined): string {
  return JSON.stringify([kind, workspaceId ?? null, filter ?? null]);
}

export class ResourceGroup<T> {
  private readonly loaded: BrowseEntry<T>[] = [];
  /** Position in `loaded` of each resource ID: a resource that a later page repeats is shown once. */
  private readonly positions = new Map<string, number>();
  private readonly cursors = new Set<string>();
  private readonly controller = new AbortController();
  private inFlight: Promise<void> | undefined;
  private nextCursor: string | undefined;
  private started = false;
  private loadingMore = false;
  private failure: unknown;
  private droppedCount = 0;
  private pageCount = 0;

  constructor(private readonly options: ResourceGroupOptions<T>) {}

  get filter(): string | undefined {
    return this.options.filter;
  }

  get workspaceId(): string | undefined {
    return this.options.workspaceId;
  }

  /** Entries loaded so far, in the server's order. */
  get entries(): readonly BrowseEntry<T>[] {
    return this.loaded;
  }

  /** Whether the first page was asked for (a group that never was is not shown as empty). */
  get isStarted(): boolean {
    return this.started;
  }

  /** The load in flight, if any. */
  get loading(): Promise<void> | undefined {
    return this.inFlight;
  }

  /** Whether the load in flight is of a page after the first (the items loaded so far can be shown meanwhile). */
  get isLoadingMore(): boolean {
    return this.inFlight !== undefined && this.loadingMore;
  }

  /** Whether the server has another page. */
  get hasMore(): boolean {
    return this.nextCursor !== undefined;
  }

  /** The error of the last load, until the next load starts. */
  get error(): unknown {
    return this.failure;
  }

  /** Resources the server returned that did not match the filter or the workspace (not shown). */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Pages fetched. */
  get pages(): number {
    return this.pageCount;
  }

  has(id: string): boolean {
    return this.positions.has(id);
  }

  /** The first page, once: a second call hands out the same load, or nothing when it is done. */
  loadFirst(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.started) return Promise.resolve();
    return this.fetch(undefined);
  }

  /** The next page, and only that; the first when none was loaded. A call while a load runs hands that load out. */
  loadMore(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (!this.started) return this.fetch(undefined);
    if (this.nextCursor === undefined) return Promise.resolve();
    return this.fetch(this.nextCursor);
  }

  /** After a failure: the page that failed again (the first, or the next). Never automatic: see the model. */
  retry(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    return this.fetch(this.loaded.length === 0 && this.nextCursor === undefined ? undefined : this.nextCursor);
  }

  /** Replaces a loaded resource by ID; false when this group does not hold it. */
  replace(id: string, resource: T): boolean {
    const position = this.positions.get(id);
    if (position === undefined) return false;
    this.loaded[position] = { ok: true, resource };
    return true;
  }

  /** Removes a loaded resource by ID; false when this group does not hold it. */
  remove(id: string): boolean {
    const position = this.positions.get(id);
    if (position === undefined) return false;
    this.loaded.splice(position, 1);
    this.positions.clear();
    this.loaded.forEach((entry, index) => {
      const entryId = entry.ok ? this.options.idOf(entry.resource) : undefined;
      if (entryId !== undefined) this.positions.set(entryId, index);
    });
    return true;
  }

  /** Stops the load in flight; what it brings back is dropped. The group is not used again. */
  abort(): void {
    this.controller.abort();
  }

  private fetch(cursor: string | undefined): Promise<void> {
    this.started = true;
    this.loadingMore = cursor !== undefined;
    this.failure = undefined;
    const signal = this.controller.signal;
    const query: PageQuery = {
      filter: this.options.filter,
      workspaceId: this.options.workspaceId,
      limit: this.options.limit(),
    };
    // Started at once (a second caller finds it in flight); a fetch that throws before its promise is a failure too.
    const load: Promise<void> = new Promise<FetchedPage<T>>((resolve) =>
      resolve(this.options.fetchPage(cursor, query, signal)),
    )
      .then(
        (page) => {
          if (!signal.aborted) this.accept(page);
        },
        (error: unknown) => {
          if (!signal.aborted) this.failure = error;
        },
      )
      .finally(() => {
        if (this.inFlight === load) this.inFlight = undefined;
      });
    this.inFlight = load;
    return load;
  }

  private accept(page: FetchedPage<T>): void {
    this.pageCount++;
    const accepted: T[] = [];
    for (const entry of page.entries) {
      if (!entry.ok) {
        // Kept: a malformed item is shown degraded. It cannot be checked against the filter, and hiding what the
        // server sent would hide the problem.
        this.loaded.push(entry);
        continue;
      }
      if (!this.options.matches(entry.resource)) {
        this.droppedCount++;
        continue;
      }
      accepted.push(entry.resource);
      const id = this.options.idOf(entry.resource);
      const position = id === undefined ? undefined : this.positions.get(id);
      if (position !== undefined) {
        // A list that shifted between pages repeats an item: shown once, with the newer data.
        this.loaded[position] = entry;
      } else {
        if (id !== undefined) this.positions.set(id, this.loaded.length);
        this.loaded.push(entry);
      }
    }
    this.options.onPage?.(accepted);
    const cursor = page.cursor === '' ? undefined : page.cursor;
    if (cursor !== undefined && this.cursors.has(cursor)) {
      this.nextCursor = undefined;
      this.failure = new Error(
        'the server gave the same page cursor twice: stopped here rather than list the same items again',
      );
      return;
    }
    if (cursor !== undefined) this.cursors.add(cursor);
    this.nextCursor = cursor;
  }
}
