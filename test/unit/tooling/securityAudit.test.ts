// `npm run audit` (scripts/audit.mjs) against a registry on 127.0.0.1 that plays each case: no audit endpoint (as
// the registry reachable here: 405), no registry at all, no advisories, and an advisory for a runtime dependency.
// Where advisories come, npm's own report and exit status pass through unchanged; where none can come, it says so
// and exits 2 — never 0, which would read as "no vulnerabilities". The advisories are the test's own: no real
// registry is asked, so a new real advisory cannot fail this test.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { projectRoot } from '../../../scripts/lib/codeServer.mjs';
import { type Listening, listenOnLoopback } from '../../support/loopback';

type Mode = 'no audit endpoint' | 'no advisories' | 'an advisory';

describe('security: npm run audit', () => {
  let server: Listening;
  let registry: string;
  let mode: Mode = 'no audit endpoint';
  /** The package names npm asked advisories for. */
  let asked: string[] = [];
  /** npm's cache for these runs (it keeps advisories and packuments), not the user's. */
  const cache = mkdtempSync(join(tmpdir(), 'hwc-audit-cache-'));

  before(async () => {
    server = await listenOnLoopback(
      createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const body = Buffer.concat(chunks);
          if (req.method === 'POST' && req.url === '/-/npm/v1/security/advisories/bulk') {
            if (mode === 'no audit endpoint') {
              res.writeHead(405, { Allow: 'GET,HEAD' }).end();
              return;
            }
            const text = req.headers['content-encoding'] === 'gzip' ? gunzipSync(body).toString() : body.toString();
            asked = Object.keys(JSON.parse(text) as Record<string, unknown>);
            const advisories =
              mode === 'an advisory'
                ? {
                    ofetch: [
                      {
                        id: 1099999,
                        url: 'https://advisories.example.test/1099999',
                        title: 'Planted advisory of this test',
                        severity: 'high',
                        vulnerable_versions: '<=99.0.0',
                        cwe: ['CWE-400'],
                        cvss: { score: 7.5, vectorString: null },
                      },
                    ],
                  }
                : {};
            res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(advisories));
            return;
          }
          // npm reads the packument of an advised package to see which versions are affected.
          if (req.method === 'GET' && req.url === '/ofetch') {
            res.writeHead(200, { 'Content-Type': 'application/json' }).end(
              JSON.stringify({
                name: 'ofetch',
                'dist-tags': { latest: '1.5.1' },
                versions: {
                  '1.5.1': {
                    name: 'ofetch',
                    version: '1.5.1',
                    dist: { tarball: `${registry}ofetch/-/ofetch-1.5.1.tgz` },
                  },
                },
              }),
            );
            return;
          }
          res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":"not found"}');
        });
      }),
    );
    registry = `${server.url}/`;
  });
  after(async () => {
    await server.close();
    rmSync(cache, { recursive: true, force: true });
  });

  /** Runs the script as `npm run audit -- --registry <url>` does; asynchronously, as the registry lives in this process. */
  const audit = (registryUrl: string) =>
    new Promise<{ status: number | null; output: string }>((resolve) => {
      execFile(
        process.execPath,
        [join(projectRoot, 'scripts', 'audit.mjs'), '--registry', registryUrl],
        { cwd: projectRoot, encoding: 'utf8', timeout: 120_000, env: { ...process.env, npm_config_cache: cache } },
        (error, stdout, stderr) => {
          resolve({
            status: error ? (typeof error.code === 'number' ? error.code : null) : 0,
            output: `${stdout}${stderr}`,
          });
        },
      );
    });

  it('says plainly that nothing was checked, and exits 2, when the registry has no audit endpoint (405)', async () => {
    mode = 'no audit endpoint';
    const { status, output } = await audit(registry);
    assert.equal(status, 2, output);
    assert.match(
      output,
      /no advisory source could be reached: the audit request to http:\/\/127\.0\.0\.1:\d+\/ failed \(HTTP 405 Method Not Allowed/,
    );
    assert.match(output, /were NOT checked for known vulnerabilities: this is no clean result/);
    assert.doesNotMatch(output, /found 0 vulnerabilities/);
  });

  it('says the same when no registry answers at all', async () => {
    const closedPort = 'http://127.0.0.1:9/';
    const { status, output } = await audit(closedPort);
    assert.equal(status, 2, output);
    assert.match(output, /the audit request to http:\/\/127\.0\.0\.1:9\/ failed \(.*ECONNREFUSED/);
  });

  it("passes npm's report and exit status through when advisories can be had: none for the runtime dependencies", async () => {
    mode = 'no advisories';
    const { status, output } = await audit(registry);
    assert.equal(status, 0, output);
    assert.match(output, /found 0 vulnerabilities/);
    // --omit=dev: the runtime dependencies only.
    assert.ok(asked.includes('ofetch') && asked.includes('ajv'), asked.join(', '));
    assert.ok(
      !asked.includes('esbuild') && !asked.includes('typescript'),
      `dev dependencies were audited: ${asked.join(', ')}`,
    );
  });

  it("…and one for a runtime dependency: npm's report names it, and its exit status 1 passes through", async () => {
    mode = 'an advisory';
    const { status, output } = await audit(registry);
    assert.equal(status, 1, output);
    assert.match(output, /ofetch/);
    assert.match(output, /Planted advisory of this test/);
  });
});
