// Starts the API: configuration from the environment, listen, print the URL (and, on a first start without
// configured tokens, the generated ones, once), and close gracefully on SIGINT/SIGTERM.
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import type { ApiConfig } from './config.js';
import { TOKEN_FILE_NAME } from './auth/token-file.js';

const start = async (config: ApiConfig): Promise<void> => {
  const app = await buildApp({ config });
  await app.listen({ port: config.port, host: config.host });

  const generated = app.takeGeneratedTokens();
  if (generated.length > 0) {
    // Printed straight to the terminal, never logged: the plaintext exists nowhere else from now on.
    process.stdout.write(`\nAPI tokens (shown once; only their hashes are kept in ${config.dataDir}/${TOKEN_FILE_NAME}):\n`);
    for (const { role, token } of generated) process.stdout.write(`  ${role.padEnd(8)} ${token}\n`);
    process.stdout.write(`To issue new ones: stop the server, rm ${config.dataDir}/${TOKEN_FILE_NAME}, start again.\n\n`);
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  process.stdout.write(`Estafet API on http://${config.host}:${port} (docs at /docs)\n`);

  let closing = false;
  const close = (signal: string): void => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'closing');
    app.close().then(() => process.exit(0), (error: unknown) => {
      app.log.error({ err: error }, 'close failed');
      process.exit(1);
    });
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
};

try {
  // `npm run api` passes --no-worker: this node only serves; a separate `npm run worker` keeps the read models.
  const noWorker = process.argv.includes('--no-worker');
  await start(loadConfig(noWorker ? { ...process.env, WORKER: 'external' } : process.env));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`Configuration error: ${error.message}\n`);
  process.exit(1);
}
