// The ledger's command handler, wired to the store, the clock and the rules this deployment configured, and
// the node's id minter: time-ordered ids (UUIDv7) for events, generated entities and correlations.
import fp from 'fastify-plugin';
import { createCommandHandler, createEventIdMinter, defaultRules } from '@estafet/ledger';
import type { CommandHandler } from '@estafet/ledger';
import type { ApiConfig } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    commands: CommandHandler;
    /** A new time-ordered id (UUIDv7), strictly increasing on this node. */
    newId: () => string;
  }
}

export interface CommandsPluginOptions {
  readonly config: Pick<ApiConfig, 'minGolonganPolicy'>;
  readonly clock: () => Date;
}

export default fp<CommandsPluginOptions>((app, { config, clock }, done) => {
  const rules = { ...defaultRules, minimumGolonganPolicy: config.minGolonganPolicy };
  const newId = createEventIdMinter();
  app.decorate('newId', newId);
  app.decorate('commands', createCommandHandler({ store: app.store, clock, newId, rules }));
  done();
}, { name: 'commands', dependencies: ['store'] });
