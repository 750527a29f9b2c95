import * as l10n from '@vscode/l10n';
// Filter by Name: what a list is filtered by, what the filter box offers for what was typed, and the bounded search
// of further pages for a name part. The servers match names exactly only (`name=` for address groups, a label
// selector for networks): a part of a name can only be matched against what is loaded, so it searches page by page.

/** A list's name filter: an exact name (the servers' own filter), or a part of names (matched here, case-insensitive). */
export interface NameFilter {
  readonly text: string;
  readonly match: 'exact' | 'contains';
}

/** Pages one Search further loads at most: a rare part of a name in a long list must not send requests without end. */
export const SEARCH_MAX_PAGES = 10;

/** Loaded names the box offers at most (a long list is narrowed by typing). */
export const OFFERED_NAMES = 50;

/** Whether a name passes a filter; a contains filter ignores case. */
export function nameMatches(name: string | undefined, filter: NameFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (name === undefined) return false;
  return filter.match === 'exact' ? name === filter.text : name.toLowerCase().includes(filter.text.toLowerCase());
}

/** A filter as the list's label and messages say it: `name is "x"`, `name contains "x"`. */
export function describeFilter(filter: NameFilter): string {
  return filter.match === 'exact' ? l10n.t('name is "{0}"', filter.text) : l10n.t('name contains "{0}"', filter.text);
}

/** What the box offers for what was typed, the default first. */
export type FilterChoice =
  /** Lists everything again. */
  | { readonly action: 'clear'; readonly current: NameFilter }
  /** Sets this filter; `loadedMatches` names how many loaded names it matches, `loaded` whether it is a loaded name. */
  | { readonly action: 'set'; readonly filter: NameFilter; readonly loadedMatches: number; readonly loaded: boolean }
  /** What was typed cannot be a name or a part of one: nothing to set, the problem to show. */
  | { readonly action: 'invalid'; readonly text: string; readonly problem: string };

export interface FilterChoiceRules {
  /** What is wrong with a text as an exact name for the servers, if anything. */
  readonly exactProblem: (text: string) => string | undefined;
  /** What is wrong with a text as a part of a name, if anything. */
  readonly partProblem: (text: string) => string | undefined;
}

/**
 * The choices for what was typed. Nothing typed: Clear filter (when one is active), then the loaded names. A loaded
 * name: that name first (exact, the servers' filter), then the names containing it. A part of loaded names: names
 * containing it first (what is loaded, and Search further), then it as an exact name. Anything else: it as an exact
 * name sent to the servers first, then names containing it. Clear filter always stays offered while one is active.
 */
export function filterChoices(
  typed: string,
  loadedNames: readonly string[],
  active: NameFilter | undefined,
  rules: FilterChoiceRules,
): FilterChoice[] {
  const text = typed.trim();
  const names = [...new Set(loadedNames)];
  const clear: FilterChoice[] = active === undefined ? [] : [{ action: 'clear', current: active }];
  const offered = (list: readonly string[]) =>
    list.slice(0, OFFERED_NAMES).map((name): FilterChoice => ({
      action: 'set',
      filter: { text: name, match: 'exact' },
      loadedMatches: 1,
      loaded: true,
    }));
  if (text === '') return [...clear, ...offered(names)];

  const partProblem = rules.partProblem(text);
  if (partProblem !== undefined) return [{ action: 'invalid', text, problem: partProblem }, ...clear];
  const containing = names.filter((name) => nameMatches(name, { text, match: 'contains' }));
  const contains: FilterChoice = {
    action: 'set',
    filter: { text, match: 'contains' },
    loadedMatches: containing.length,
    loaded: false,
  };
  const exactProblem = rules.exactProblem(text);
  const isLoaded = names.includes(text);
  const exact: FilterChoice[] =
    exactProblem === undefined
      ? [{ action: 'set', filter: { text, match: 'exact' }, loadedMatches: isLoaded ? 1 : 0, loaded: isLoaded }]
      : [];
  const others = offered(containing.filter((name) => name !== text));
  const first = isLoaded || containing.length === 0 ? [...exact, contains] : [contains, ...exact];
  return [...first, ...others, ...clear];
}

/** How a search of further pages ended. */
export type SearchEnd = 'found' | 'end' | 'limit' | 'cancelled' | 'failed';

export interface SearchOutcome {
  readonly pages: number;
  /** Matches the pages of this search brought. */
  readonly found: number;
  readonly end: SearchEnd;
}

export interface SearchSteps {
  /** Loads the next page (a failure is kept by the list, not thrown: see `failed`). */
  readonly loadNext: () => Promise<void>;
  readonly hasMore: () => boolean;
  /** The matches loaded so far. */
  readonly matches: () => number;
  /** Whether the last page failed. */
  readonly failed: () => boolean;
}

/**
 * Loads further pages until they bring `wanted` matches, the list ends, `maxPages` pages were loaded, a page
 * fails, or the signal aborts — which ends the search at once, without waiting for the page in flight (that page
 * is still kept by the list when it comes). `onPage` hears after each page.
 */
export async function searchPages(
  steps: SearchSteps,
  options: {
    readonly wanted: number;
    readonly maxPages?: number | undefined;
    readonly signal?: AbortSignal | undefined;
    readonly onPage?: ((progress: { pages: number; maxPages: number; found: number }) => void) | undefined;
  },
): Promise<SearchOutcome> {
  const maxPages = options.maxPages ?? SEARCH_MAX_PAGES;
  const before = steps.matches();
  let pages = 0;
  const outcome = (end: SearchEnd): SearchOutcome => ({ pages, found: steps.matches() - before, end });
  const aborted =
    options.signal === undefined
      ? undefined
      : new Promise<'aborted'>((resolve) => {
          if (options.signal?.aborted) resolve('aborted');
          options.signal?.addEventListener('abort', () => resolve('aborted'), { once: true });
        });
  for (;;) {
    if (options.signal?.aborted) return outcome('cancelled');
    if (steps.matches() - before >= options.wanted) return outcome('found');
    if (!steps.hasMore()) return outcome('end');
    if (pages >= maxPages) return outcome('limit');
    const load = steps.loadNext().then(() => 'loaded' as const);
    if ((await (aborted ? Promise.race([load, aborted]) : load)) === 'aborted') return outcome('cancelled');
    pages++;
    options.onPage?.({ pages, maxPages, found: steps.matches() - before });
    if (steps.failed()) return outcome('failed');
  }
}
