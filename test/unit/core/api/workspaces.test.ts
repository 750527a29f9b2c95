// ModelArts workspaces: the client's paging and checks of what the service answers, and the emulator's route.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { HttpClient } from '../../../../src/core/cloud/http';
import { HuaweiCloudError } from '../../../../src/core/cloud/errors';
import { MAX_WORKSPACE_PAGES, WorkspacesApi } from '../../../../src/core/api/workspaces';
import { PROJECT as EMULATOR_PROJECT, startEmulator, withEmulator } from '../../../support/emulator';
import {
  type FakeCloud,
  type ReceivedCall,
  type Reply,
  startFakeCloud,
  testHttpClient,
} from '../../../support/fakeCloud';

const PROJECT = '86c13962597848eeb29c5861153a391f';
const hex = (n: number) => n.toString(16).padStart(32, '0');

/** `count` workspaces as the service lists them, the default one first. */
function sampleWorkspaces(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i === 0 ? '0' : hex(i),
    name: i === 0 ? 'default' : `ws-${String(i).padStart(4, '0')}`,
    description: '',
    owner: 'someone',
    enterprise_project_id: '0',
    enterprise_project_name: 'default',
    auth_type: 'PUBLIC',
    create_time: 1460000010000,
    update_time: 1460000010000,
    status: 'NORMAL',
    status_info: '',
  }));
}

/** A list service that pages `all` by offset (workspaces skipped) and limit, as this client expects. */
function workspaceService(all: readonly Record<string, unknown>[]) {
  return (call: ReceivedCall): Reply => {
    if (call.path !== `/v1/${PROJECT}/workspaces`) {
      return { status: 404, body: { error_code: 'APIGW.0101', error_msg: 'no such API' } };
    }
    const offset = Number(call.query.get('offset') ?? 0);
    const limit = Number(call.query.get('limit') ?? 1000);
    const page = all.slice(offset, offset + limit);
    return { status: 200, body: { total_count: all.length, count: page.length, workspaces: page } };
  };
}

async function failure(promise: Promise<unknown>): Promise<HuaweiCloudError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof HuaweiCloudError, String(error));
    return error;
  }
  return assert.fail('it did not fail');
}

describe('WorkspacesApi', () => {
  let cloud: FakeCloud;
  const api = () => new WorkspacesApi(testHttpClient(), cloud.url, PROJECT);

  before(async () => {
    cloud = await startFakeCloud();
  });
  after(() => cloud.close());
  beforeEach(() => {
    cloud.calls.length = 0;
  });

  it('lists one page signed for the project, with the query it was given', async () => {
    cloud.handle(workspaceService(sampleWorkspaces(3)));
    const page = await api().listPage({ offset: 1, limit: 2, sortBy: 'name', order: 'asc', name: 'ws' });
    assert.deepEqual(
      page.workspaces.map((w) => [w.id, w.name, w.status]),
      [
        [hex(1), 'ws-0001', 'NORMAL'],
        [hex(2), 'ws-0002', 'NORMAL'],
      ],
    );
    assert.equal(page.totalCount, 3);
    const [call] = cloud.calls;
    assert.equal(call?.headers['x-project-id'], PROJECT);
    assert.deepEqual(Object.fromEntries(call?.query ?? []), {
      offset: '1',
      limit: '2',
      sort_by: 'name',
      order: 'asc',
      name: 'ws',
    });
  });

  it('pages through 2,345 workspaces by offset, 1,000 at a time, each once: the whole list', async () => {
    cloud.handle(workspaceService(sampleWorkspaces(2345)));
    const list = await api().listAll({ sortBy: 'name', order: 'asc' });
    assert.equal(list.workspaces.length, 2345);
    assert.equal(new Set(list.workspaces.map((w) => w.id)).size, 2345);
    assert.deepEqual([list.complete, list.totalCount], [true, 2345]);
    assert.deepEqual(
      cloud.calls.map((c) => [c.query.get('offset'), c.query.get('limit')]),
      [
        ['0', '1000'],
        ['1000', '1000'],
        ['2000', '1000'],
      ],
    );
  });

  it('reads the default workspace whose ID comes as the number 0, as the reference example writes it', async () => {
    cloud.handle(() => ({
      status: 200,
      body: { total_count: 1, count: 1, workspaces: [{ id: 0, name: 'default', description: null, status: 'NORMAL' }] },
    }));
    const list = await api().listAll();
    assert.deepEqual(list.workspaces, [{ id: '0', name: 'default', status: 'NORMAL' }]);
  });

  it('stops, incomplete, at the page cap, when a page brings nothing new, or when fewer came than total_count promised', async () => {
    // Full pages of new workspaces for ever.
    let served = 0;
    cloud.handle((call) => {
      const limit = Number(call.query.get('limit'));
      const page = Array.from({ length: limit }, () => ({ id: hex(++served), name: `ws-${served}` }));
      return { status: 200, body: { workspaces: page } };
    });
    const endless = await api().listAll({}, {}, { pageSize: 3 });
    assert.deepEqual(
      [endless.complete, endless.workspaces.length, cloud.calls.length],
      [false, 3 * MAX_WORKSPACE_PAGES, MAX_WORKSPACE_PAGES],
    );

    // The same full page whatever the offset (a service counting offset in pages, say).
    cloud.calls.length = 0;
    cloud.handle(() => ({ status: 200, body: { total_count: 10, workspaces: sampleWorkspaces(3) } }));
    const repeating = await api().listAll({}, {}, { pageSize: 3 });
    assert.deepEqual([repeating.complete, repeating.workspaces.length, cloud.calls.length], [false, 3, 2]);

    // A short page while total_count says there are more.
    cloud.handle(() => ({ status: 200, body: { total_count: 50, workspaces: sampleWorkspaces(2) } }));
    const short = await api().listAll({}, {}, { pageSize: 3 });
    assert.deepEqual([short.complete, short.workspaces.length, short.totalCount], [false, 2, 50]);
  });

  it("refuses an answer that is not the API's with an error naming what is wrong", async () => {
    const cases: [unknown, RegExp][] = [
      [{ total_count: 1 }, /no workspaces list in it/],
      [[], /no workspaces list in it/],
      [{ workspaces: [null] }, /workspaces\[0\] is not an object/],
      [{ workspaces: [{ name: 'x' }] }, /workspaces\[0\]\.id is not text/],
      [{ workspaces: [{ id: '../..', name: 'x' }] }, /workspaces\[0\]\.id "\.\.\/\.\." is not a workspace ID/],
      [{ workspaces: [{ id: -1, name: 'x' }] }, /workspaces\[0\]\.id is not text/],
      [{ workspaces: [sampleWorkspaces(1)[0], { id: hex(1) }] }, /workspaces\[1\]\.name is not a name/],
      [{ workspaces: [{ id: hex(1), name: 'n'.repeat(100_000) }] }, /workspaces\[0\]\.name has 100000 characters/],
      [{ workspaces: [{ id: hex(1), name: 'x', status: 3 }] }, /workspaces\[0\]\.status is not text/],
      [{ workspaces: [{ id: hex(1), name: 'x', description: {} }] }, /workspaces\[0\]\.description is not text/],
      [{ workspaces: [{ id: hex(1), name: 'x', create_time: '2024' }] }, /workspaces\[0\]\.create_time is not a time/],
      [{ total_count: -1, workspaces: [] }, /total_count is not a count/],
      [{ count: 'two', workspaces: [] }, /count is not a count/],
      [{ workspaces: sampleWorkspaces(3) }, /lists 3 workspaces where at most 2 were asked for/],
    ];
    for (const [body, expected] of cases) {
      cloud.handle(() => ({ status: 200, body }));
      const error = await failure(api().listPage({ limit: 2 }));
      assert.equal(error.kind, 'unexpected', JSON.stringify(body).slice(0, 80));
      assert.match(error.message, expected);
      assert.match(error.message, /^HTTP 200: unexpected answer, /);
    }
  });

  it("refuses a query outside the API's ranges before sending anything", async () => {
    cloud.handle(workspaceService(sampleWorkspaces(1)));
    for (const query of [
      { limit: 0 },
      { limit: 1001 },
      { limit: 2.5 },
      { offset: -1 },
      { offset: 2 ** 31 },
      { name: 'a&b=c' },
      { name: '' },
    ]) {
      const error = await failure(api().listPage(query));
      assert.deepEqual([error.kind, error.notSent], ['invalidRequest', true], JSON.stringify(query));
      assert.match(error.message, /Nothing was sent/);
    }
    assert.equal(cloud.calls.length, 0);
  });

  it("a 403 is the error it is, with the service's code; a walk can be cancelled and times out like every call", async () => {
    cloud.handle(() => ({
      status: 403,
      body: { error_code: 'ModelArts.0203', error_msg: 'Invalid token or no permission.' },
    }));
    const denied = await failure(api().listAll());
    assert.deepEqual([denied.status, denied.code], [403, 'ModelArts.0203']);

    cloud.handle(() => ({ hang: true }));
    const timedOut = await failure(api().listAll({}, { timeoutMs: 100 }));
    assert.equal(timedOut.kind, 'timeout');

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const cancelled = await failure(
      new WorkspacesApi(
        new HttpClient({
          signingKey: async () => ({ accessKeyId: 'TESTAK0000000000', secretAccessKey: 'test-secret-key-never-shown' }),
          timeoutMs: 10_000,
        }),
        cloud.url,
        PROJECT,
      ).listAll({}, { signal: controller.signal }),
    );
    assert.equal(cancelled.kind, 'cancelled');
  });
});

describe('emulator: GET /v1/{project_id}/workspaces', () => {
  const emulator = withEmulator();
  const list = (query = '') => emulator.raw('GET', `/v1/${EMULATOR_PROJECT}/workspaces${query}`);
  const control = (body: unknown) =>
    fetch(`${emulator.url}/__emulator/workspaces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const names = (json: Record<string, unknown> | undefined) =>
    (json?.workspaces as { name: string }[]).map((w) => w.name);

  it('always lists the default workspace, ID "0" named "default", in the API\'s shape', async () => {
    const answer = await list();
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.json, {
      total_count: 1,
      count: 1,
      workspaces: [
        {
          id: '0',
          name: 'default',
          description: '',
          owner: 'emulator',
          enterprise_project_id: '0',
          enterprise_project_name: 'default',
          auth_type: 'PUBLIC',
          create_time: Date.parse('2026-01-01T00:00:00Z'),
          update_time: Date.parse('2026-01-01T00:00:00Z'),
          status: 'NORMAL',
          status_info: '',
        },
      ],
    });
  });

  it('holds the workspaces its control route adds (32 hex digits as IDs), sorted and paged as asked', async () => {
    for (const name of ['beta', 'alpha', 'gamma']) {
      assert.equal((await control({ name, description: `the ${name} team` })).status, 200);
    }
    assert.equal((await control({ name: 'alpha' })).status, 409, 'a name taken twice');
    assert.equal((await control({ name: 'default' })).status, 409, "the default workspace's name");
    for (const bad of [{}, { name: '' }, { name: 'a b' }, { name: 'x'.repeat(65) }, { name: 'ok', description: 5 }]) {
      assert.equal((await control(bad)).status, 400, JSON.stringify(bad));
    }

    const all = await list();
    assert.deepEqual(names(all.json), ['gamma', 'default', 'beta', 'alpha'], "by name, descending: the API's defaults");
    for (const workspace of all.json?.workspaces as { id: string }[]) assert.match(workspace.id, /^(0|[0-9a-f]{32})$/);
    assert.deepEqual(names((await list('?sort_by=name&order=asc')).json), ['alpha', 'beta', 'default', 'gamma']);
    const paged = await list('?sort_by=name&order=asc&offset=1&limit=2');
    assert.deepEqual([names(paged.json), paged.json?.total_count, paged.json?.count], [['beta', 'default'], 4, 2]);
    assert.deepEqual(names((await list('?name=AL')).json), ['alpha'], 'a part of a name, case ignored');
    assert.deepEqual(names((await list('?offset=9')).json), []);
  });

  it("answers a bad query value 400 with ModelArts' error body, never 500; a parameter given twice too", async () => {
    for (const query of [
      '?offset=-1',
      '?offset=x',
      '?offset=99999999999',
      '?limit=0',
      '?limit=1001',
      '?limit=1e3',
      '?sort_by=id',
      '?order=up',
      '?name=%ZZ',
      '?name=a%20b',
      `?name=${'n'.repeat(65)}`,
      '?enterprise_project_id=abc',
      '?filter_accessible=yes',
      '?limit=1&limit=2',
      '?order=asc&order=asc',
    ]) {
      const answer = await list(query);
      assert.equal(answer.status, 400, `${query}: ${JSON.stringify(answer.json)}`);
      assert.equal(answer.json?.error_code, 'ModelArts.50004000', query);
      assert.equal(typeof answer.json?.error_msg, 'string');
    }
    assert.equal((await list('?limit=1000&offset=0&filter_accessible=true&enterprise_project_id=0')).status, 200);
  });

  it('checks the signature like every route, and keeps its workspaces in the state file', async () => {
    assert.equal((await emulator.raw('GET', `/v1/${EMULATOR_PROJECT}/workspaces`, { unsigned: true })).status, 401);
    const dir = mkdtempSync(join(tmpdir(), 'hwc-workspaces-'));
    try {
      const stateFile = join(dir, 'state.json');
      const first = await startEmulator({ stateFile });
      const created = first.store.createWorkspace(EMULATOR_PROJECT, { name: 'kept' });
      await first.close();
      const second = await startEmulator({ stateFile });
      try {
        assert.deepEqual(names((await second.raw('GET', `/v1/${EMULATOR_PROJECT}/workspaces?order=asc`)).json), [
          'default',
          'kept',
        ]);
        assert.equal(second.store.listWorkspaces(EMULATOR_PROJECT)[1]?.id, created?.id);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is what the client reads: every workspace, through its paging', async () => {
    for (let i = 0; i < 25; i++) {
      emulator.store.createWorkspace(EMULATOR_PROJECT, { name: `team-${String(i).padStart(2, '0')}` });
    }
    const workspaces = new WorkspacesApi(emulator.http, emulator.url, EMULATOR_PROJECT);
    const read = await workspaces.listAll({ sortBy: 'name', order: 'asc' }, {}, { pageSize: 10 });
    assert.equal(read.complete, true);
    assert.deepEqual(
      read.workspaces.map((w) => w.name),
      ['default', ...Array.from({ length: 25 }, (_, i) => `team-${String(i).padStart(2, '0')}`)],
    );
  });
});
