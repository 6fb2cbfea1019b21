// The ledger's command handler, wired to the store, the clock and the rules this deployment configured.
import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import { createCommandHandler, defaultRules } from '@estafet/ledger';
import type { CommandHandler } from '@estafet/ledger';
import type { ApiConfig } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    commands: CommandHandler;
  }
}

export interface CommandsPluginOptions {
  readonly config: Pick<ApiConfig, 'minGolonganPolicy'>;
  readonly clock: () => Date;
}

export default fp<CommandsPluginOptions>((app, { config, clock }, done) => {
  const rules = { ...defaultRules, minimumGolonganPolicy: config.minGolonganPolicy };
  app.decorate('commands', createCommandHandler({ store: app.store, clock, newId: randomUUID, rules }));
  done();
}, { name: 'commands', dependencies: ['store'] });
