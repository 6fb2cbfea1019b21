// Liveness and readiness in one: the store answers, and says how durable its writes are.
import type { FastifyPluginCallback } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

const HealthSchema = z.object({
  status: z.literal('ok'),
  headPosition: z.number().int().describe('The global position of the newest event (0 when empty)'),
  durability: z.object({ journalMode: z.string(), synchronous: z.string() }).nullable()
    .describe('What SQLite reports in effect (WAL, FULL); null for a store that does not say'),
});

const healthRoutes: FastifyPluginCallback = (app, _options, done) => {
  app.withTypeProvider<ZodTypeProvider>().get('/healthz', {
    schema: {
      tags: ['meta'],
      summary: 'Health: the head position of the event log and the store\'s durability (no token needed)',
      response: { 200: HealthSchema },
    },
  }, async () => ({ status: 'ok' as const, headPosition: await app.store.headPosition(), durability: app.storeDurability() }));
  done();
};

export default healthRoutes;
