// Coordination between nodes (ARCHITECTURE.md, Redis) as `app.coordination`: head notifications, leases and
// the as-of answer cache; over Redis when a URL is given, in process otherwise. The app's own topology brings
// one; an app on an injected store gets one made here (closed with the app) unless the caller passes its own.
import fp from 'fastify-plugin';
import { createCoordination } from '@estafet/worker';
import type { Coordination } from '@estafet/worker';

declare module 'fastify' {
  interface FastifyInstance {
    coordination: Coordination;
  }
}

export interface CoordinationPluginOptions {
  /** Made and closed by the caller (shared with an embedded worker); otherwise made here from redisUrl. */
  readonly coordination?: Coordination;
  /** REDIS_URL from the config; null or absent for in-process coordination. */
  readonly redisUrl?: string | null;
  /** Prefix of every Redis key and channel. Default 'estafet:'. */
  readonly keyPrefix?: string;
}

export default fp<CoordinationPluginOptions>((app, options, done) => {
  // Made by the caller, or opened with the app's topology: closed by whoever made it.
  const given = options.coordination ?? app.topology?.coordination;
  if (given !== undefined) {
    app.decorate('coordination', given);
    done();
    return;
  }
  const coordination = createCoordination({
    redisUrl: options.redisUrl ?? null,
    log: app.log,
    // While Redis is away, heads appended by other nodes are polled from the store.
    headSource: () => app.store.headPosition(),
    ...(options.keyPrefix === undefined ? {} : { keyPrefix: options.keyPrefix }),
  });
  app.decorate('coordination', coordination);
  app.addHook('onClose', () => coordination.close());
  done();
}, { name: 'coordination', dependencies: ['store'] });
