import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultEndpoint, resolveEndpoints, validateEndpoint } from '../../../../src/core/cloud/endpoints';

describe('endpoints', () => {
  it('derives each service from the region, with the ModelArts ap-southeast-1 exception', () => {
    assert.deepEqual(resolveEndpoints('cn-north-4', {}), {
      modelarts: 'https://modelarts.cn-north-4.myhuaweicloud.com',
      vpc: 'https://vpc.cn-north-4.myhuaweicloud.com',
      iam: 'https://iam.cn-north-4.myhuaweicloud.com',
    });
    assert.equal(defaultEndpoint('modelarts', 'ap-southeast-1'), 'https://modelarts.ap-southeast-1.myhuaweicloud.cn');
    assert.equal(defaultEndpoint('vpc', 'ap-southeast-1'), 'https://vpc.ap-southeast-1.myhuaweicloud.com');
  });

  it('lets the setting override any service, then the credentials override IAM', () => {
    const endpoints = resolveEndpoints('cn-north-4', { vpc: 'https://vpc.example.test/' }, 'https://iam.example.test');
    assert.equal(endpoints.vpc, 'https://vpc.example.test');
    assert.equal(endpoints.iam, 'https://iam.example.test');
    assert.equal(resolveEndpoints('cn-north-4', { iam: 'https://a.test' }, 'https://b.test').iam, 'https://a.test');
  });

  it('requires https except on loopback addresses', () => {
    assert.equal(validateEndpoint('http://127.0.0.1:4566', 'x'), 'http://127.0.0.1:4566');
    assert.equal(validateEndpoint('http://127.9.9.9', 'x'), 'http://127.9.9.9');
    assert.equal(validateEndpoint('http://[::1]:8080/', 'x'), 'http://[::1]:8080');
    assert.equal(validateEndpoint('http://localhost:8080', 'x'), 'http://localhost:8080');
    assert.equal(validateEndpoint('http://2130706433:9', 'x'), 'http://127.0.0.1:9');
    assert.equal(validateEndpoint('http://0x7f.1', 'x'), 'http://127.0.0.1');
    for (const url of [
      'http://10.0.0.1',
      'http://192.168.1.1',
      'http://vpc.cn-north-4.myhuaweicloud.com',
      'http://128.0.0.1',
      'ftp://127.0.0.1',
      'http://127.0.0.1.example.test',
      'http://[::2]',
      'http://localhost.example.test',
    ]) {
      assert.throws(
        () => validateEndpoint(url, 'huaweicloud.endpoints.vpc'),
        /huaweicloud\.endpoints\.vpc: .*must use https/,
        url,
      );
    }
  });

  it('rejects what is not a base URL, and a malformed region', () => {
    assert.throws(() => validateEndpoint('vpc.example', 'x'), /not a URL/);
    assert.throws(() => validateEndpoint('https://h/?a=1', 'x'), /base URL/);
    assert.throws(() => resolveEndpoints('north4', {}), /region "north4" is not a Huawei Cloud region ID/);
  });
});
