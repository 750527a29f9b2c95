// The control routes under /__emulator/ (unsigned; the gateway lets only loopback hosts and JSON bodies through):
// what tests and `npm start` drive the emulator with — faults, seeding, fixtures (dependencies, workspaces), reset,
// and the identity that tells this emulator from a proxy to the cloud.
import { EMULATOR_IDENTITY } from '../core/cloud/emulatorDefaults';
import type { Faults } from './faults';
import { parseJson, safeDecode } from './replies';
import type { Reply, ServiceContext } from './route';

export const CONTROL_PREFIX = '/__emulator/';
/** Seeding more at once would hold the emulator for seconds. */
export const MAX_SEED = 100_000;

interface ControlRoute {
  readonly method: string;
  /** Matched against the path after the prefix. */
  readonly pattern: RegExp;
  readonly handle: (body: Record<string, unknown>, match: RegExpExecArray) => Reply;
}

/** Answers a control request: `path` is what follows the prefix, `text` the body (empty, or JSON). */
export type ControlHandler = (method: string, path: string, text: string) => Reply;

export function controlRoutes({ store, faults }: Pick<ServiceContext, 'store' | 'faults'>): ControlHandler {
  const routes: ControlRoute[] = [
    // What a proxy to the cloud on a loopback port cannot say: the extension checks it before it signs with the
    // well-known key an emulator it did not start (npm start's).
    { method: 'GET', pattern: /^identity$/, handle: () => ({ status: 200, body: EMULATOR_IDENTITY }) },
    { method: 'GET', pattern: /^faults$/, handle: () => ({ status: 200, body: faults.current() }) },
    {
      method: 'PUT',
      pattern: /^faults$/,
      handle: (body) => {
        try {
          faults.configure(body as Faults);
        } catch (error) {
          return { status: 400, body: { message: (error as Error).message } };
        }
        return { status: 200, body: faults.current() };
      },
    },
    {
      method: 'POST',
      pattern: /^seed$/,
      handle: (body) => {
        const region = typeof body.region === 'string' ? body.region : 'cn-north-4';
        const counts = { networks: body.networks ?? 0, addressGroups: body.addressGroups ?? 0 };
        if (
          !Object.values(counts).every((n) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= MAX_SEED)
        ) {
          return {
            status: 400,
            body: { message: `networks and addressGroups must be whole numbers from 0 to ${MAX_SEED}` },
          };
        }
        const project = store.projectFor(region);
        store.seed(project.id, counts as { networks: number; addressGroups: number });
        return { status: 200, body: { projectId: project.id } };
      },
    },
    {
      method: 'POST',
      pattern: /^workspaces$/,
      handle: (body) => {
        const region = typeof body.region === 'string' ? body.region : 'cn-north-4';
        const { name, description } = body;
        if (typeof name !== 'string' || !/^[\p{L}\p{N}_-]{1,64}$/u.test(name)) {
          return {
            status: 400,
            body: {
              message:
                'POST {"name": …} with a name of 1-64 letters, digits, "-" or "_" (and optionally "description", "region")',
            },
          };
        }
        if (description !== undefined && (typeof description !== 'string' || description.length > 256)) {
          return { status: 400, body: { message: 'description must be text of at most 256 characters' } };
        }
        const project = store.projectFor(region);
        const workspace = store.createWorkspace(project.id, {
          name,
          ...(description === undefined ? {} : { description }),
        });
        if (!workspace) {
          return {
            status: 409,
            body: {
              message: `a workspace named ${name} exists already in ${region} ("default" is the default workspace's)`,
            },
          };
        }
        return { status: 200, body: { id: workspace.id, projectId: project.id } };
      },
    },
    {
      method: 'PUT',
      pattern: /^address-groups\/([^/]+)\/dependencies$/,
      handle: (body, match) => {
        const id = safeDecode(match[1] ?? '');
        if (id === undefined || !Array.isArray(body)) {
          return {
            status: 400,
            body: { message: 'PUT a list of {type, instance_id, instance_name} for an address-group id' },
          };
        }
        store.setDependencies(id, body);
        return { status: 200, body: {} };
      },
    },
    {
      method: 'POST',
      pattern: /^reset$/,
      handle: () => {
        store.reset();
        faults.configure({});
        return { status: 200, body: {} };
      },
    },
  ];

  return (method, path, text) => {
    const parsed = text ? parseJson(text) : { ok: true as const, value: {} };
    if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object') {
      return { status: 400, body: { message: 'the body must be a JSON object or list' } };
    }
    const body = parsed.value as Record<string, unknown>;
    for (const route of routes) {
      const match = route.method === method ? route.pattern.exec(path) : null;
      if (match) return route.handle(body, match);
    }
    return { status: 404, body: { message: `no control route ${method} ${CONTROL_PREFIX}${path}` } };
  };
}
