// A small Huawei Cloud stand-in for unit tests: listens on 127.0.0.1, verifies every request's signature as the
// API gateway does (401 APIGW.0301 otherwise), and answers with whatever the test scripts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HttpClient } from '../../src/core/cloud/http';
import { verifyRequest } from '../../src/core/cloud/signer';
import { listenOnLoopback } from './loopback';

export const TEST_KEY = { accessKeyId: 'TESTAK0000000000', secretAccessKey: 'test-secret-key-never-shown' };

export interface ReceivedCall {
  method: string;
  /** Path and raw query, as received. */
  target: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  json: unknown;
}

/** What a handler returns: a response, or a way of failing at the connection level. */
export type Reply =
  { status: number; body?: unknown; headers?: Record<string, string>; raw?: string } | { drop: true } | { hang: true };

export type Handler = (call: ReceivedCall) => Reply | Promise<Reply>;

export interface FakeCloud {
  readonly url: string;
  readonly calls: ReceivedCall[];
  /** Requests refused with 401 because their signature did not verify: method and target. */
  readonly rejected: string[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startFakeCloud(handler: Handler = () => ({ status: 200, body: {} })): Promise<FakeCloud> {
  let current = handler;
  const calls: ReceivedCall[] = [];
  const rejected: string[] = [];

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const target = req.url ?? '/';
        const verification = verifyRequest({ method: req.method ?? 'GET', target, headers: req.headers, body }, (ak) =>
          ak === TEST_KEY.accessKeyId ? TEST_KEY.secretAccessKey : undefined,
        );
        if (!verification.ok) {
          rejected.push(`${req.method} ${target}`);
          res.writeHead(401, { 'Content-Type': 'application/json', 'X-Request-Id': 'req-unauthorized' });
          res.end(
            JSON.stringify({
              error_code: 'APIGW.0301',
              error_msg: `Incorrect IAM authentication information: ${verification.reason}`,
            }),
          );
          return;
        }
        const parsed = new URL(target, 'http://127.0.0.1');
        const text = body.toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        const call: ReceivedCall = {
          method: req.method ?? 'GET',
          target,
          path: parsed.pathname,
          query: parsed.searchParams,
          headers: req.headers,
          body: text,
          json,
        };
        calls.push(call);
        const reply = await current(call);
        if ('drop' in reply) {
          req.socket.destroy();
          return;
        }
        if ('hang' in reply) return;
        const payload = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
        res.writeHead(reply.status, {
          'Content-Type': reply.raw === undefined ? 'application/json' : 'text/html',
          ...reply.headers,
        });
        res.end(payload);
      })();
    });
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    calls,
    rejected,
    handle(next) {
      current = next;
    },
    close,
  };
}

/** A client signing with TEST_KEY that never waits: `attempts` in all, 500 ms timeout. */
export function testHttpClient(attempts = 1): HttpClient {
  return new HttpClient({
    signingKey: async () => TEST_KEY,
    sleep: async () => {},
    timeoutMs: 500,
    retry: { maxAttempts: attempts, maxElapsedMs: 10_000, baseDelayMs: 1, maxDelayMs: 1 },
  });
}

/** `count` networks as the list API answers them: the client checks every item's shape. */
export function sampleNetworks(count: number, projectId: string): object[] {
  return Array.from({ length: count }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Network',
    metadata: { name: `net-${i}-${projectId}`, labels: { 'os.modelarts/name': `net-${i}` } },
    spec: { cidr: `192.168.${i}.0/24` },
    status: { phase: 'Active' },
  }));
}

/** `count` address groups as the list API answers them. */
export function sampleAddressGroups(count: number): object[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `group-${i}`,
    ip_version: 4,
    ip_set: [],
  }));
}
