// The OpenAPI description lists every route with tags, a summary and (where a token is needed) the bearer
// scheme; every command in CommandSchema has its endpoint; and every protected route really is protected.
import t from 'tap';
import { COMMAND_TYPES } from '@estafet/events';
import { build } from './helper.js';

interface Parameter {
  in: string;
  name: string;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
  responses?: Record<string, unknown>;
  operationId?: string;
  tags?: string[];
  summary?: string;
  security?: Record<string, string[]>[];
}

interface Spec {
  openapi: string;
  components: { securitySchemes: Record<string, unknown> };
  paths: Record<string, Record<string, Operation>>;
}

const EXPECTED_ROUTES = [
  'post /units', 'post /units/{unitId}/renames', 'post /units/{unitId}/restructurings', 'post /units/{unitId}/dissolution',
  'post /positions', 'post /positions/{positionId}/reclassifications', 'post /positions/{positionId}/abolition',
  'post /positions/{positionId}/acting-appointments', 'post /positions/{positionId}/acting-appointments/{nip}/extension',
  'post /positions/{positionId}/acting-appointments/{nip}/end', 'post /positions/{positionId}/successors',
  'post /employees', 'post /employees/{nip}/rank-promotions', 'post /employees/{nip}/assignments',
  'post /employees/{nip}/transfers', 'post /employees/{nip}/leaves', 'post /employees/{nip}/leaves/end',
  'post /employees/{nip}/separation', 'post /employees/{nip}/trainings', 'post /employees/{nip}/competency-assessments',
  'post /employees/{nip}/mentors', 'post /employees/{nip}/mentors/{mentorNip}/end',
  'post /programs', 'post /programs/{programId}/phase', 'post /programs/{programId}/closure',
  'post /complaints', 'post /complaints/{complaintId}/resolution',
  'post /events/{eventId}/corrections', 'post /events/{eventId}/retractions',
  'get /events', 'get /events/stream', 'get /events/{eventId}', 'get /events/verify', 'get /healthz', 'get /openapi.json',
  'get /org-chart', 'get /org-chart/diff', 'get /employees/{nip}/timeline', 'get /positions/{positionId}/history',
  'get /units/{unitId}/history', 'get /programs', 'get /programs/{programId}', 'get /handovers',
  'get /handovers/{checklistId}', 'post /handovers/{checklistId}/tasks/{taskId}/complete',
];

const operationsOf = (paths: Record<string, Record<string, Operation>>): Map<string, Operation> =>
  new Map(Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]): [string, Operation] => [`${method} ${path}`, operation])));

t.test('/openapi.json lists every route, documented', async (t) => {
  const app = await build(t);
  const response = await app.inject({ method: 'GET', url: '/openapi.json' });
  t.equal(response.statusCode, 200);
  const spec = response.json<Spec>();
  t.match(spec.openapi, /^3\./);
  t.match(spec.components.securitySchemes.bearerAuth, { type: 'http', scheme: 'bearer' });
  const operations = operationsOf(spec.paths);
  t.same([...operations.keys()].sort(), [...EXPECTED_ROUTES].sort(), 'exactly the expected routes, /docs hidden');
  for (const [route, operation] of operations) {
    t.ok(operation.tags && operation.tags.length > 0, `${route} has a tag`);
    t.ok(operation.summary, `${route} has a summary`);
    const open = route === 'get /healthz' || route === 'get /openapi.json';
    t.equal(operation.security?.[0]?.['bearerAuth'] !== undefined, !open, `${route} security`);
  }
  const operationIds = [...operations.values()].map((operation) => operation.operationId);
  for (const command of COMMAND_TYPES) t.ok(operationIds.includes(command), `${command} has an endpoint`);

  const transfer = spec.paths['/employees/{nip}/transfers']?.['post'];
  const bodyFields = transfer?.requestBody?.content['application/json']?.schema.properties ?? {};
  t.ok(bodyFields['toPositionId'], 'body documented');
  t.notOk(bodyFields['nip'], 'path fields are not in the body');
  t.ok(transfer?.parameters?.some((p) => p.in === 'path' && p.name === 'nip'));
  t.ok(transfer?.parameters?.some((p) => p.in === 'header' && p.name === 'if-match'));
  t.ok(transfer?.responses?.['201'] && transfer.responses['409'] && transfer.responses['412']);
});

t.test('Swagger UI is served at /docs', async (t) => {
  const app = await build(t);
  const response = await app.inject({ method: 'GET', url: '/docs/' });
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-type'], /text\/html/);
});

t.test('every documented protected route answers 401 without a token', async (t) => {
  const app = await build(t);
  const operations = operationsOf((await app.inject({ method: 'GET', url: '/openapi.json' })).json<Spec>().paths);
  for (const [route, operation] of operations) {
    if (!operation.security) continue;
    const [method, path] = route.split(' ');
    const url = (path ?? '').replace(/\{[^}]+\}/g, 'x');
    const response = await app.inject({ method: method === 'get' ? 'GET' : 'POST', url, payload: method === 'get' ? undefined : {} });
    t.equal(response.statusCode, 401, route);
  }
});
