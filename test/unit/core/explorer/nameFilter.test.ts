// Filter by Name in plain Node: what the box offers for what is typed (and in which order), matching by a part of a
// name, the model's filter by a part of a name over what is loaded, and Search further's bound and cancellation.
import * as assert from 'node:assert/strict';
import { describe as suite, it } from 'node:test';
import { describe } from '../../../../src/core/explorer/describe';
import { ExplorerModel } from '../../../../src/core/explorer/model';
import {
  type FilterChoice,
  filterChoices,
  nameMatches,
  OFFERED_NAMES,
  SEARCH_MAX_PAGES,
  searchPages,
} from '../../../../src/core/explorer/nameFilter';
import type { ExplorerNode, LoadMoreNode, ServiceNode } from '../../../../src/core/explorer/nodes';
import { addressGroupFilterProblem, namePartProblem } from '../../../../src/core/explorer/resources';
import { addressGroup, deferred, fakeConnection, network, settle } from '../../../support/explorerFakes';

const rules = {
  exactProblem: addressGroupFilterProblem,
  partProblem: (text: string) => namePartProblem('addressGroup', text),
};
/** A choice in short: `clear`, `exact:x`, `contains:x (n)`, `invalid:x`. */
const short = (choice: FilterChoice) =>
  choice.action === 'clear'
    ? 'clear'
    : choice.action === 'invalid'
      ? `invalid:${choice.text}`
      : choice.filter.match === 'exact'
        ? `exact:${choice.filter.text}${choice.loaded ? ' (loaded)' : ''}`
        : `contains:${choice.filter.text} (${choice.loadedMatches})`;
const loaded = ['seed-group-000001', 'seed-group-000002', 'web'];

suite('Filter by Name: the choices of the box', () => {
  it('offers the loaded names when nothing is typed, after Clear filter when a filter is active', () => {
    assert.deepEqual(filterChoices('', loaded, undefined, rules).map(short), [
      'exact:seed-group-000001 (loaded)',
      'exact:seed-group-000002 (loaded)',
      'exact:web (loaded)',
    ]);
    assert.deepEqual(filterChoices('  ', loaded, { text: 'web', match: 'exact' }, rules).map(short).slice(0, 2), [
      'clear',
      'exact:seed-group-000001 (loaded)',
    ]);
    assert.deepEqual(filterChoices('', [], undefined, rules), []);
  });

  it('a part of loaded names: names containing it first (case ignored), then the exact name for the server, then the names', () => {
    assert.deepEqual(filterChoices('Seed-Group', loaded, undefined, rules).map(short), [
      'contains:Seed-Group (2)',
      'exact:Seed-Group',
      'exact:seed-group-000001 (loaded)',
      'exact:seed-group-000002 (loaded)',
    ]);
  });

  it('a loaded name: that name first; a name not loaded: sent as the exact filter first; a new name replaces the active one, Clear filter stays last', () => {
    assert.deepEqual(filterChoices('web', loaded, undefined, rules).map(short), [
      'exact:web (loaded)',
      'contains:web (1)',
    ]);
    assert.deepEqual(filterChoices('other-7', loaded, { text: 'web', match: 'exact' }, rules).map(short), [
      'exact:other-7',
      'contains:other-7 (0)',
      'clear',
    ]);
  });

  it('what cannot be in a name is one item saying why (Enter shows it), and nothing to set', () => {
    const [choice, ...rest] = filterChoices('two words', loaded, undefined, rules);
    assert.equal(choice?.action, 'invalid');
    assert.match(choice?.action === 'invalid' ? choice.problem : '', /1-64 letters.*no name contains this/);
    assert.deepEqual(rest, []);
    // A part of a name may start with "-", which no exact network name may: only the search among loaded names then.
    const networkRules = {
      exactProblem: (text: string) => (text.startsWith('-') ? 'no' : undefined),
      partProblem: (text: string) => namePartProblem('network', text),
    };
    assert.deepEqual(filterChoices('-000', ['net-0001'], undefined, networkRules).map(short), [
      'contains:-000 (1)',
      'exact:net-0001 (loaded)',
    ]);
  });

  it('offers at most OFFERED_NAMES loaded names, each once', () => {
    const many = Array.from({ length: OFFERED_NAMES + 30 }, (_, n) => `g-${n}`);
    assert.equal(filterChoices('', [...many, ...many], undefined, rules).length, OFFERED_NAMES);
  });

  it('matches a part of a name ignoring case, an exact name exactly', () => {
    assert.equal(nameMatches('Seed-Group-1', { text: 'group', match: 'contains' }), true);
    assert.equal(nameMatches('Seed-Group-1', { text: 'seed-group', match: 'exact' }), false);
    assert.equal(nameMatches(undefined, { text: 'x', match: 'contains' }), false);
    assert.equal(nameMatches(undefined, undefined), true);
  });
});

suite('Filter by Name: searching further pages', () => {
  /** A list of `pages` pages, `matchesPer(page)` matches in each. */
  const list = (pages: number, matchesPer: (page: number) => number) => {
    let loadedPages = 0;
    let matches = 0;
    return {
      loaded: () => loadedPages,
      steps: {
        loadNext: async () => {
          matches += matchesPer(loadedPages);
          loadedPages++;
        },
        hasMore: () => loadedPages < pages,
        matches: () => matches,
        failed: () => false,
      },
    };
  };

  it('stops once the pages brought what was wanted, at the end of the list, or at its bound of pages', async () => {
    const found = list(100, (page) => (page === 3 ? 7 : 0));
    assert.deepEqual(await searchPages(found.steps, { wanted: 5 }), { pages: 4, found: 7, end: 'found' });
    const short = list(2, () => 0);
    assert.deepEqual(await searchPages(short.steps, { wanted: 5 }), { pages: 2, found: 0, end: 'end' });
    const endless = list(1000, () => 0);
    const progress: number[] = [];
    assert.deepEqual(await searchPages(endless.steps, { wanted: 5, onPage: ({ pages }) => progress.push(pages) }), {
      pages: SEARCH_MAX_PAGES,
      found: 0,
      end: 'limit',
    });
    assert.equal(endless.loaded(), SEARCH_MAX_PAGES);
    assert.deepEqual(
      progress,
      Array.from({ length: SEARCH_MAX_PAGES }, (_, n) => n + 1),
    );
  });

  it('a cancel ends the search at once, without waiting for the page in flight', async () => {
    const held = deferred<void>();
    const controller = new AbortController();
    let loads = 0;
    const search = searchPages(
      {
        loadNext: () => {
          loads++;
          return held.promise;
        },
        hasMore: () => true,
        matches: () => 0,
        failed: () => false,
      },
      { wanted: 1, signal: controller.signal },
    );
    controller.abort();
    assert.deepEqual(await search, { pages: 0, found: 0, end: 'cancelled' });
    assert.equal(loads, 1);
  });

  it('a failed page ends the search', async () => {
    assert.deepEqual(
      await searchPages(
        { loadNext: async () => undefined, hasMore: () => true, matches: () => 0, failed: () => true },
        { wanted: 1 },
      ),
      { pages: 1, found: 0, end: 'failed' },
    );
  });
});

suite('explorer model: a filter by a part of a name', () => {
  const setup = () => {
    const connection = fakeConnection({
      addressGroup: Array.from({ length: 23 }, (_, n) =>
        addressGroup(n, { name: n >= 20 ? `Web-${n}` : `group-${n}` }),
      ),
    });
    const model = new ExplorerModel({ open: async () => connection, pageSize: () => 5 });
    return { model, connection };
  };
  const groupsNode = async (model: ExplorerModel) => {
    const [root] = await model.children();
    return (await model.children(root))[1] as ServiceNode;
  };
  const labels = (nodes: ExplorerNode[]) => nodes.map((node) => describe(node).label);

  it('matches what is loaded without a request, says so in its first row, and Search further loads pages until it finds more', async () => {
    const { model, connection } = setup();
    const groups = await groupsNode(model);
    await model.children(groups);
    assert.deepEqual(model.loadedNames('addressGroup'), ['group-0', 'group-1', 'group-2', 'group-3', 'group-4']);
    model.setFilter('addressGroup', { text: 'WEB', match: 'contains' });
    await settle();
    assert.equal(describe(groups).iconId, 'filter');
    const before = await model.children(groups);
    assert.deepEqual(labels(before), ['Name contains "WEB"', 'Search further…']);
    assert.equal(describe(before[1] as LoadMoreNode).description, '0 of 5 loaded match');
    assert.equal(connection.calls.length, 1, 'a filter by a part of a name asked the server');
    assert.equal(connection.calls[0]?.query.filter, undefined);

    const pages: number[] = [];
    const outcome = await model.searchFurther('addressGroup', { onPage: ({ pages: done }) => pages.push(done) });
    assert.deepEqual(outcome, { pages: 4, found: 3, end: 'end' });
    assert.deepEqual(pages, [1, 2, 3, 4]);
    assert.deepEqual(labels(await model.children(groups)), ['Name contains "WEB"', 'Web-20', 'Web-21', 'Web-22']);
    assert.ok(connection.calls.every((call) => call.query.filter === undefined));

    // A part matching loaded names shows them at once; clearing shows the whole list as loaded.
    model.setFilter('addressGroup', { text: 'group-1', match: 'contains' });
    assert.deepEqual(labels(await model.children(groups)), [
      'Name contains "group-1"',
      'group-1',
      ...Array.from({ length: 10 }, (_, n) => `group-${n + 10}`),
    ]);
    model.setFilter('addressGroup', undefined);
    assert.equal((await model.children(groups)).length, 23);
    assert.equal(connection.calls.length, 5);
  });

  it('Search further stops at its bound of pages, and goes on from there when asked again', async () => {
    const connection = fakeConnection({ network: Array.from({ length: 60 }, (_, n) => network(`net-${n}`)) });
    const model = new ExplorerModel({ open: async () => connection, pageSize: () => 2 });
    const [root] = await model.children();
    const networks = (await model.children(root))[0] as ServiceNode;
    await model.children(networks);
    model.setFilter('network', { text: 'absent', match: 'contains' });
    assert.deepEqual(await model.searchFurther('network', { maxPages: 3 }), { pages: 3, found: 0, end: 'limit' });
    assert.equal(connection.calls.length, 4);
    assert.equal(describe((await model.children(networks))[1] as ExplorerNode).description, '0 of 8 loaded match');
    assert.deepEqual(await model.searchFurther('network', { maxPages: 3 }), { pages: 3, found: 0, end: 'limit' });
    assert.equal(connection.calls.length, 7);
    // Without a filter by a part of a name there is nothing to search.
    model.setFilter('network', 'net-1');
    assert.equal(await model.searchFurther('network'), undefined);
  });
});
