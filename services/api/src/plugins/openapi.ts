// OpenAPI from the routes' own zod schemas: the spec at GET /openapi.json, Swagger UI at /docs.
// Registered before any route so @fastify/swagger's onRoute hook sees every one of them.
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { createJsonSchemaTransform } from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const BEARER_SCHEME = 'bearerAuth';

export default fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Estafet API',
        description: 'Event-sourced ledger of ASN mobility for DKI Jakarta: record decrees (commands), '
          + 'query the auditable event log. Every command answers with the stored events.',
        version: '0.1.0',
      },
      tags: [
        { name: 'units', description: 'Organisational units (Dinas, Badan, Kecamatan, ...)' },
        { name: 'positions', description: 'Positions (jabatan), acting officials (Plt/Plh), succession' },
        { name: 'employees', description: 'Civil servants (PNS): rank, assignments, transfers, leave, development' },
        { name: 'programs', description: 'Programs led from a leadership position' },
        { name: 'complaints', description: 'Public complaints tied to a unit' },
        { name: 'corrections', description: 'Corrections and retractions of recorded events' },
        { name: 'event-log', description: 'The auditor view: filterable event log and hash-chain verification' },
        { name: 'meta', description: 'Health and API description' },
      ],
      components: {
        securitySchemes: {
          [BEARER_SCHEME]: {
            type: 'http', scheme: 'bearer',
            description: 'A role token: hr (commands), analyst, auditor (event log), public (complaint intake)',
          },
        },
      },
    },
    transform: createJsonSchemaTransform({ skipList: ['/docs', '/docs/', '/docs/*', '/docs/json', '/docs/yaml'] }),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.withTypeProvider<ZodTypeProvider>().get('/openapi.json', {
    schema: {
      tags: ['meta'],
      summary: 'The OpenAPI 3 description of this API',
      response: { 200: z.record(z.string(), z.unknown()) },
    },
  }, () => ({ ...app.swagger() }));
}, { name: 'openapi' });
