import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { prepareDocument } from '../../../../src/core/documents/documentRequest';
import { projectRoot } from '../../../../scripts/lib/codeServer.mjs';

const example = (name: string) => readFileSync(join(projectRoot, 'test/fixtures/examples', name), 'utf8');

describe("a document to a request: the editor's checks first", () => {
  it('turns the published examples into requests, named', () => {
    const network = prepareDocument(example('seed-modelarts-create-network.network.json'), '/w/seed.network.json');
    assert.ok(network.ok);
    assert.deepEqual([network.request.kind, network.request.name], ['network', 'network-7a03']);
    const group = prepareDocument(
      example('seed-vpc-create-address-group.address-group.json'),
      '/w/seed.address-group.json',
    );
    assert.ok(group.ok);
    assert.equal(group.request.kind, 'addressGroup');
    assert.ok(group.warnings > 0, 'the seed group has an overlap: a warning, which does not stop it');
  });

  it('refuses a document with errors, naming the first three by line and counting the rest', () => {
    const text = JSON.stringify(
      {
        address_group: {
          name: 'bad name!',
          ip_version: 5,
          ip_set: ['10.0.0.300', '10.0.0.1-10.0.0.0'],
          max_capacity: 99,
        },
      },
      null,
      2,
    );
    const prepared = prepareDocument(text, '/w/x.address-group.json');
    assert.equal(prepared.ok, false);
    assert.ok(!prepared.ok && prepared.errors.length > 3);
    assert.match(
      !prepared.ok ? prepared.message : '',
      /^the document has \d+ errors, so nothing was sent — line \d+: .+; line \d+: .+; line \d+: .+; and \d+ more$/,
    );
  });

  it("runs the schema too, even on a file the editor's JSON service covers", () => {
    const prepared = prepareDocument(
      '{"apiVersion":"v1","kind":"Network","metadata":{"labels":{"os.modelarts/name":"net-1"}},"spec":{"cidr":"192.168.0.0/16"},"extra":1}',
      '/w/n.network.json',
    );
    assert.ok(!prepared.ok && /extra/.test(prepared.message), !prepared.ok ? prepared.message : 'accepted');
  });

  it('refuses what is not JSON, and JSON of neither kind, saying so', () => {
    const broken = prepareDocument('{"address_group": {', '/w/x.address-group.json');
    assert.ok(!broken.ok && /not valid JSON/.test(broken.message));
    const other = prepareDocument('{"name": "x"}', '/w/package.json');
    assert.ok(!other.ok && /neither a ModelArts network document/.test(other.message));
  });

  it('refuses a key given twice, which JSON.parse would silently resolve', () => {
    const prepared = prepareDocument(
      '{"address_group": {"name": "g", "ip_version": 4, "ip_set": ["10.0.0.1"], "ip_set": ["10.0.0.2"]}}',
      '/w/g.address-group.json',
    );
    assert.equal(prepared.ok, false);
  });
});
