// The API package's public face: build the fastify app (server.ts listens, tests inject) and load its config.
export { buildApp } from './app.js';
export type { BuildAppOptions } from './app.js';
export { loadConfig, ConfigError, API_ROLES, API_ENVIRONMENT } from './config.js';
export type { ApiConfig, ApiRole, ConfiguredToken } from './config.js';
export { hashToken } from './auth/api-tokens.js';
export type { Caller, TokenHash } from './auth/api-tokens.js';
export { TOKEN_FILE_NAME } from './auth/token-file.js';
