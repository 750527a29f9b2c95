// Which live resource a document is. A network document names its network (names are unique in a project), but an
// address group's name is not unique: a document is linked to one group when it created it, was opened from the
// explorer (Edit as Document), or the user picked one. Links are kept in the workspace's state, keyed by where the
// resource lives — the cloud or the local emulator, the region and the project (not an emulator's port, which
// changes at every start) — so the same document may be linked to a network on the emulator and to one in the cloud.
import { isUsableId } from './pathSegments';
import type { ResourceKind } from './phases';

/** Where resources live: what a link is keyed by. */
export interface LinkScope {
  readonly source: 'cloud' | 'emulator';
  readonly region: string;
  readonly projectId: string;
}

export interface ResourceLink {
  readonly kind: ResourceKind;
  readonly id: string;
  /** The resource's name when linked, for people ("Linked to dd18a501… (web-servers)"). */
  readonly name: string;
}

/** The piece of VS Code's Memento the store needs (workspace state): kept narrow so the store is plain Node. */
export interface LinkMemento {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

export const LINKS_STATE_KEY = 'huaweicloud.documentLinks';

/**
 * Links kept at most: the oldest go first. A workspace state is loaded whole into every window of the workspace,
 * so it must not grow without bound (documents get renamed, deleted, and untitled ones are never saved).
 */
export const MAX_LINKS = 500;

interface StoredLink extends ResourceLink {
  readonly scope: string;
  readonly document: string;
}

const MAX_TEXT = 2048;
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT;

/**
 * A stored link checked field by field: the workspace state may hold anything (an older version, a hand edit) — an
 * ID too, which must be one a request path can carry (see ./pathSegments), or the link is none.
 */
function storedLink(value: unknown): StoredLink | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { scope, document, kind, id, name } = value as Record<string, unknown>;
  if (!isText(scope) || !isText(document) || (kind !== 'network' && kind !== 'addressGroup') || !isText(id) || !isUsableId(id) || typeof name !== 'string') return undefined;
  return { scope, document, kind, id, name };
}

export function scopeKey(scope: LinkScope): string {
  return JSON.stringify([scope.source, scope.region, scope.projectId]);
}

/** Documents are named by their Uri's string form (`file:///…`, `untitled:…`). */
export class LinkStore {
  constructor(private readonly memento: LinkMemento) {}

  private all(): StoredLink[] {
    const stored = this.memento.get(LINKS_STATE_KEY) as { version?: unknown; links?: unknown } | undefined;
    if (stored?.version !== 1 || !Array.isArray(stored.links)) return [];
    return stored.links.map(storedLink).filter((link): link is StoredLink => link !== undefined);
  }

  private async save(links: StoredLink[]): Promise<void> {
    await this.memento.update(LINKS_STATE_KEY, { version: 1, links: links.slice(-MAX_LINKS) });
  }

  get(scope: LinkScope, document: string): ResourceLink | undefined {
    const key = scopeKey(scope);
    const found = this.all().find((link) => link.scope === key && link.document === document);
    return found && { kind: found.kind, id: found.id, name: found.name };
  }

  /** Every document linked in some scope. */
  linkedDocuments(): Set<string> {
    return new Set(this.all().map((link) => link.document));
  }

  /** Links the document to a resource in this scope, replacing its link there (the newest goes last). */
  async set(scope: LinkScope, document: string, link: ResourceLink): Promise<void> {
    const key = scopeKey(scope);
    const others = this.all().filter((stored) => !(stored.scope === key && stored.document === document));
    await this.save([...others, { scope: key, document, kind: link.kind, id: link.id, name: link.name }]);
  }

  /** Removes the document's link in this scope; false when there was none. */
  async delete(scope: LinkScope, document: string): Promise<boolean> {
    const key = scopeKey(scope);
    const all = this.all();
    const kept = all.filter((stored) => !(stored.scope === key && stored.document === document));
    if (kept.length === all.length) return false;
    await this.save(kept);
    return true;
  }

  /** The document is now another (an untitled one saved, a file renamed): its links in every scope follow it. */
  async move(from: string, to: string): Promise<boolean> {
    const all = this.all();
    if (!all.some((stored) => stored.document === from)) return false;
    const moved = all.filter((stored) => stored.document !== to).map((stored) => (stored.document === from ? { ...stored, document: to } : stored));
    await this.save(moved);
    return true;
  }

  /** Forgets every link of a document, in every scope (an untitled document discarded); false when it had none. */
  async forgetDocument(document: string): Promise<boolean> {
    const all = this.all();
    const kept = all.filter((stored) => stored.document !== document);
    if (kept.length === all.length) return false;
    await this.save(kept);
    return true;
  }

  /** Forgets every link to a resource in this scope (it was deleted); the documents that were linked to it. */
  async forgetResource(scope: LinkScope, kind: ResourceKind, id: string): Promise<string[]> {
    const key = scopeKey(scope);
    const all = this.all();
    const gone = all.filter((stored) => stored.scope === key && stored.kind === kind && stored.id === id);
    if (gone.length > 0) await this.save(all.filter((stored) => !gone.includes(stored)));
    return gone.map((stored) => stored.document);
  }
}
