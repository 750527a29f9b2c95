// Which live resource a document is. A network document names its network (names are unique in a project), but an
// address group's name is not unique: a document is linked to one group when it created it, was opened from the
// explorer (Edit as Document), or the user picked one. Links are kept in the workspace's state, keyed by where the
// resource lives — the cloud or the local emulator, the region and the project (not an emulator's port, which
// changes at every start) — so the same document may be linked to a network on the emulator and to one in the cloud.
import { isUsableId } from '../cloud/pathSegments';
import { isKind, type Kind, KIND_LIST } from '../kinds';

/** The kinds a link may name, as a links file writes them. */
const KIND_WORDS = KIND_LIST.map((kind) => `"${kind}"`).join(' or ');

/** Where resources live: what a link is keyed by. */
export interface LinkScope {
  readonly source: 'cloud' | 'emulator';
  readonly region: string;
  readonly projectId: string;
}

export interface ResourceLink {
  readonly kind: Kind;
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
const isText = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT;

/**
 * A stored link checked field by field: the workspace state may hold anything (an older version, a hand edit) — an
 * ID too, which must be one a request path can carry (see ./pathSegments), or the link is none.
 */
function storedLink(value: unknown): StoredLink | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { scope, document, kind, id, name } = value as Record<string, unknown>;
  if (
    !isText(scope) ||
    !isText(document) ||
    !isKind(kind) ||
    !isText(id) ||
    !isUsableId(id) ||
    typeof name !== 'string'
  ) {
    return undefined;
  }
  return { scope, document, kind, id, name };
}

/**
 * Links to add to the workspace state, read from a file (`npm start` writes one for the documents its emulator made
 * live): `{ "version": 1, "scope": { "source", "region", "projectId" }, "links": [{ "document", "kind", "id", "name" }] }`.
 */
export interface LinkImport {
  readonly scope: LinkScope;
  readonly links: readonly (ResourceLink & { readonly document: string })[];
}

/** A larger file is refused unread: MAX_LINKS links of MAX_TEXT-long fields fit. */
export const MAX_LINK_IMPORT_BYTES = 4 * 1024 * 1024;

/** Workspace-state key of the import last taken in (its digest): the same file is not taken in twice. */
export const IMPORTED_STATE_KEY = 'huaweicloud.documentLinks.imported';

/** The import a file holds, checked field by field; throws saying what is wrong and what a file holds. */
export function parseLinkImport(text: string): LinkImport {
  const shape = `a links file holds {"version": 1, "scope": {"source": "cloud" or "emulator", "region", "projectId"}, "links": [{"document", "kind": ${KIND_WORDS}, "id", "name"}]}`;
  if (text.length > MAX_LINK_IMPORT_BYTES) {
    throw new Error(`the file is larger than ${MAX_LINK_IMPORT_BYTES / 1024 / 1024} MB: ${shape}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`the file is not JSON: ${shape}`);
  }
  const { version, scope, links } = (value !== null && typeof value === 'object' ? value : {}) as Record<
    string,
    unknown
  >;
  const { source, region, projectId } = (scope !== null && typeof scope === 'object' ? scope : {}) as Record<
    string,
    unknown
  >;
  if (
    version !== 1 ||
    (source !== 'cloud' && source !== 'emulator') ||
    !isText(region) ||
    !isText(projectId) ||
    !Array.isArray(links) ||
    links.length > MAX_LINKS
  ) {
    throw new Error(`${shape}, with at most ${MAX_LINKS} links`);
  }
  const key = scopeKey({ source, region, projectId });
  const checked = links.map((link) =>
    storedLink(link !== null && typeof link === 'object' ? { ...link, scope: key } : link),
  );
  const bad = checked.findIndex((link) => link === undefined);
  if (bad !== -1) {
    throw new Error(`link ${bad + 1} is not {"document", "kind": ${KIND_WORDS}, "id", "name"}: ${shape}`);
  }
  return {
    scope: { source, region, projectId },
    links: (checked as StoredLink[]).map(({ document, kind, id, name }) => ({ document, kind, id, name })),
  };
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

  /**
   * Takes in the links of an import, each replacing its document's link in the import's scope; an import already
   * taken in (the same links) is not taken in again, so that what a person changed since stays. False then.
   */
  async importLinks(imported: LinkImport): Promise<boolean> {
    // Loaded here, not with the extension: only an import needs it.
    const { createHash } = await import('node:crypto');
    const digest = createHash('sha256')
      .update(JSON.stringify([scopeKey(imported.scope), imported.links]))
      .digest('hex');
    if (this.memento.get(IMPORTED_STATE_KEY) === digest) return false;
    const key = scopeKey(imported.scope);
    // A document named twice is linked as its last mention says.
    const byDocument = new Map(imported.links.map((link) => [link.document, { scope: key, ...link }]));
    const others = this.all().filter((stored) => !(stored.scope === key && byDocument.has(stored.document)));
    await this.save([...others, ...byDocument.values()]);
    await this.memento.update(IMPORTED_STATE_KEY, digest);
    return true;
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
    const moved = all
      .filter((stored) => stored.document !== to)
      .map((stored) => (stored.document === from ? { ...stored, document: to } : stored));
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
  async forgetResource(scope: LinkScope, kind: Kind, id: string): Promise<string[]> {
    const key = scopeKey(scope);
    const all = this.all();
    const gone = all.filter((stored) => stored.scope === key && stored.kind === kind && stored.id === id);
    if (gone.length > 0) await this.save(all.filter((stored) => !gone.includes(stored)));
    return gone.map((stored) => stored.document);
  }
}
