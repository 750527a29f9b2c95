// Open in Console: the console page of each kind, per region, and the connections that have none.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONSOLE_PAGES, consolePage } from '../../../../src/core/explorer/consolePages';
import { resolveEndpoints } from '../../../../src/core/cloud/endpoints';

const publicConnection = (region: string) => ({
  region,
  source: 'secretStorage',
  endpoints: resolveEndpoints(region, {}),
});
const group = { id: 'dd18a501-fcd5-4adc-acfe-b0e2384baf08', name: 'web-servers' };
const network = { id: 'network-7a03-86c13962597848eeb29c5861153a391f', name: 'network-7a03' };

describe('consolePage', () => {
  it("opens the IP address group list and the ModelArts console of the connection's region, saying where the resource is", () => {
    const groups = consolePage('addressGroup', group, publicConnection('ap-southeast-3'));
    assert.deepEqual(groups, {
      ok: true,
      scope: 'list',
      url: 'https://console.huaweicloud.com/vpc/?region=ap-southeast-3#/vpc/ipGroups/list',
      note: 'The VPC console has no address for one address group: it opens on the IP address group list in ap-southeast-3. Look for address group web-servers (dd18a501-fcd5-4adc-acfe-b0e2384baf08) there.',
    });
    const networks = consolePage('network', network, publicConnection('cn-north-4'));
    assert.deepEqual(networks, {
      ok: true,
      scope: 'service',
      url: 'https://console.huaweicloud.com/modelarts/?region=cn-north-4',
      note: 'The ModelArts console has no address for one network: it opens on ModelArts in cn-north-4. Network network-7a03 (network-7a03-86c13962597848eeb29c5861153a391f) is under Dedicated Resource Pools › Elastic Cluster › Network.',
    });
    // ModelArts in ap-southeast-1 answers on its .cn endpoint: that is its public one, and has a console.
    assert.equal(consolePage('network', network, publicConnection('ap-southeast-1')).ok, true);
  });

  it("has one entry per kind, each a page of Huawei Cloud's console with the region in its query", () => {
    assert.deepEqual(Object.keys(CONSOLE_PAGES).sort(), ['addressGroup', 'network']);
    for (const entry of Object.values(CONSOLE_PAGES)) {
      const url = new URL(entry.page('la-north-2'));
      assert.equal(url.origin, 'https://console.huaweicloud.com');
      assert.equal(url.searchParams.get('region'), 'la-north-2');
      // The region is encoded: nothing it holds can add a parameter or move the fragment.
      const hostile = new URL(entry.page('x&locale=en#/evil'));
      assert.equal(hostile.searchParams.get('region'), 'x&locale=en#/evil');
      assert.equal(hostile.searchParams.get('locale'), null);
    }
  });

  it('no server value reaches the address; the note shows them escaped', () => {
    const hostile = { id: '../../#/iam/users?x=1', name: 'evil\u202E[click](command:workbench.action.quit)\n' };
    const page = consolePage('addressGroup', hostile, publicConnection('cn-north-4'));
    assert.ok(page.ok);
    assert.equal(page.url, 'https://console.huaweicloud.com/vpc/?region=cn-north-4#/vpc/ipGroups/list');
    assert.doesNotMatch(page.note ?? '', /\u202E|\n|\]\(command/);
    assert.match(page.note ?? '', /evil\\u202E\[click\]\\\(command:workbench\.action\.quit\)\\n/);
  });

  it('the emulator has no console: nothing to open, and it says so', () => {
    const page = consolePage('network', network, {
      region: 'cn-north-4',
      source: 'emulator',
      endpoints: resolveEndpoints('cn-north-4', { modelarts: 'http://127.0.0.1:4790', vpc: 'http://127.0.0.1:4790' }),
    });
    assert.deepEqual(page.ok ? undefined : [page.reason, page.message], [
      'emulator',
      "The local emulator has no web console, so nothing was opened: Open in Console shows resources in Huawei Cloud's console. Stop the emulator and connect to your account to open network network-7a03 (network-7a03-86c13962597848eeb29c5861153a391f) there.",
    ]);
  });

  it('a connection to other endpoints (a private cloud, a proxy) has no known console: the public one is not opened', () => {
    const privateCloud = {
      region: 'cn-north-4',
      source: 'environment',
      endpoints: resolveEndpoints('cn-north-4', { vpc: 'https://vpc.private.example.com' }),
    };
    const page = consolePage('addressGroup', group, privateCloud);
    assert.equal(page.ok ? 'opened' : page.reason, 'customEndpoint');
    assert.match(
      page.ok ? '' : page.message,
      /^This connection reaches VPC at https:\/\/vpc\.private\.example\.com \(huaweicloud\.endpoints\), not at Huawei Cloud's public endpoint for cn-north-4: that cloud's console is not known, so nothing was opened\./,
    );
    // Only the kind's own service counts: ModelArts still answers on its public endpoint there.
    assert.equal(consolePage('network', network, privateCloud).ok, true);
    // The public endpoint written out in the setting is the public endpoint.
    const explicit = {
      region: 'cn-north-4',
      source: 'environment',
      endpoints: resolveEndpoints('cn-north-4', { vpc: 'https://VPC.cn-north-4.myhuaweicloud.com/' }),
    };
    assert.equal(consolePage('addressGroup', group, explicit).ok, true);
    // Another region's endpoint is not this region's.
    const elsewhere = {
      region: 'cn-north-4',
      source: 'environment',
      endpoints: resolveEndpoints('cn-north-4', { vpc: 'https://vpc.cn-east-3.myhuaweicloud.com' }),
    };
    assert.equal(consolePage('addressGroup', group, elsewhere).ok, false);
  });

  it('a region that is no region ID opens nothing', () => {
    const page = consolePage('addressGroup', group, {
      region: 'cn-north-4#/x',
      source: 'environment',
      endpoints: resolveEndpoints('cn-north-4', {}),
    });
    assert.equal(page.ok ? 'opened' : page.reason, 'region');
  });
});
