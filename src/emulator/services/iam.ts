// IAM's project lookup (GET /v3/projects?name=<region>): each region's project, made on first sight.
import type { Call, Reply, Route, ServiceContext } from '../route';

export function iamRoutes(context: ServiceContext): Route[] {
  return [
    {
      name: 'iam.projects',
      method: 'GET',
      pattern: /^\/v3\/projects\/?$/,
      service: 'iam',
      handle: (call) => listProjects(context, call),
    },
  ];
}

function listProjects({ store }: ServiceContext, call: Call): Reply {
  const name = call.url.searchParams.get('name');
  const projects = name && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(name) ? [store.projectFor(name)] : [];
  return {
    status: 200,
    body: {
      projects: projects.map((p) => ({
        id: p.id,
        name: p.name,
        domain_id: 'emulatordomain000000000000000000',
        enabled: true,
        is_domain: false,
        parent_id: 'emulatordomain000000000000000000',
        description: '',
        links: {},
      })),
      links: { self: `http://${String(call.headers.host ?? '127.0.0.1')}/v3/projects`, previous: null, next: null },
    },
  };
}
