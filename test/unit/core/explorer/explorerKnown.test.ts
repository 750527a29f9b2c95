// What the explorer's model holds of its connection, for the live-aware checks: synchronous, sends nothing, and
// says when it changes.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExplorerModel } from '../../../../src/core/explorer/model';
import type { ServiceNode } from '../../../../src/core/explorer/nodes';
import { addressGroup, fakeConnection, network, PROJECT, settle } from '../../../support/explorerFakes';
import { tagged } from '../../../../src/core/kinds';

function setup() {
  const connection = fakeConnection({
    network: Array.from({ length: 7 }, (_, i) => network(`net-${i}`)),
    addressGroup: Array.from({ length: 12 }, (_, i) => addressGroup(i)),
  });
  const model = new ExplorerModel({ open: async () => connection, pageSize: () => 5 });
  let changes = 0;
  model.onDidChangeKnown(() => changes++);
  const services = async () => {
    const [root] = await model.children();
    const [networks, groups] = await model.children(root);
    return { network: networks as ServiceNode, addressGroup: groups as ServiceNode };
  };
  return { model, connection, changes: () => changes, services };
}

const names = (model: ExplorerModel) => ({
  networks: model.known()?.networks.map((item) => item.metadata.labels['os.modelarts/name']),
  addressGroups: model.known()?.addressGroups.map((item) => item.name),
});

describe('explorer model: what it knows', () => {
  it('knows nothing, and opens nothing, before the tree is asked for', async () => {
    const { model, connection, changes } = setup();
    assert.equal(model.known(), undefined);
    await settle();
    assert.equal(changes(), 0);
    assert.deepEqual(connection.calls, []);
  });

  it('knows the connection once opened, then each page loaded, without a request of its own', async () => {
    const { model, connection, changes, services } = setup();
    const { network: networks, addressGroup: groups } = await services();
    await settle();
    assert.deepEqual(model.known(), {
      identity: 'fake-environment',
      projectId: PROJECT,
      networks: [],
      addressGroups: [],
    });
    assert.ok(changes() >= 1, 'opening the connection was not told');
    const before = changes();
    await model.children(networks);
    await model.children(groups);
    await settle();
    assert.ok(changes() > before, 'a loaded page was not told');
    assert.deepEqual(names(model), {
      networks: ['net-0', 'net-1', 'net-2', 'net-3', 'net-4'],
      addressGroups: ['group-0', 'group-1', 'group-2', 'group-3', 'group-4'],
    });
    const calls = connection.calls.length;
    const first = model.known();
    assert.equal(model.known(), first, 'the snapshot is built again with nothing changed');
    assert.equal(connection.calls.length, calls);
  });

  it('holds every list loaded (other filters too) and pinned resources, each once', async () => {
    const { model, services } = setup();
    const { addressGroup: groups } = await services();
    await model.children(groups);
    model.showResource(tagged('addressGroup', addressGroup(40, { name: 'pinned' })));
    model.showResource(tagged('addressGroup', addressGroup(1, { name: 'renamed' })));
    model.setFilter('addressGroup', 'group-9');
    await model.children(groups);
    assert.deepEqual(names(model).addressGroups, [
      'pinned',
      'group-0',
      'renamed',
      'group-2',
      'group-3',
      'group-4',
      'group-9',
    ]);
  });

  it('follows updates, deletions and refreshes, and forgets everything when the connection changes', async () => {
    const { model, changes, services } = setup();
    const { network: networks } = await services();
    await model.children(networks);
    await settle();

    let before = changes();
    model.updateResource(tagged('network', network('net-1', { cidr: '172.16.0.0/24' })));
    await settle();
    assert.equal(changes(), before + 1);
    assert.equal(model.known()?.networks[1]?.spec.cidr, '172.16.0.0/24');

    before = changes();
    model.updateResource(tagged('network', network('net-not-held')));
    model.removeResource('network', 'not-held');
    await settle();
    assert.equal(changes(), before, 'a change to nothing held was told');

    before = changes();
    model.removeResource('network', network('net-2').metadata.name);
    await settle();
    assert.equal(changes(), before + 1);
    assert.deepEqual(names(model).networks, ['net-0', 'net-1', 'net-3', 'net-4']);

    await model.refresh(networks);
    assert.deepEqual(names(model).networks, [], 'a refreshed list still holds what it held');
    await model.children(networks);
    assert.deepEqual(
      names(model).networks,
      ['net-0', 'net-1', 'net-2', 'net-3', 'net-4'],
      'not the list as the server has it',
    );

    before = changes();
    model.reset();
    await settle();
    assert.equal(changes(), before + 1);
    assert.equal(model.known(), undefined);
  });

  it('tells of several changes in one turn once', async () => {
    const { model, changes, services } = setup();
    const { network: networks } = await services();
    await model.children(networks);
    await settle();
    const before = changes();
    for (let i = 0; i < 5; i++) {
      model.updateResource(tagged('network', network(`net-${i}`, { cidr: `172.16.${i}.0/24` })));
    }
    await settle();
    assert.equal(changes(), before + 1);
  });
});
