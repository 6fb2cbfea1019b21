// The deployment files as the compose checks see them: the compose file's services (zod-checked), an override
// merged in the way docker compose merges it, `${VAR...}` interpolation from a host environment, and the
// Dockerfile's final stage (CMD, ENTRYPOINT, ENV, COPY sources).
import { z } from 'zod';

const ScalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** `KEY: value` or `- KEY=value`; null means "the host's value", as in compose. */
const EnvironmentSchema = z.union([z.record(z.string(), ScalarSchema), z.array(z.string())]);
const CommandSchema = z.union([z.string(), z.array(z.string())]);

const ServiceSchema = z.object({
  image: z.string().optional(),
  build: z.union([z.string(), z.object({ context: z.string().optional(), dockerfile: z.string().optional() })]).optional(),
  command: CommandSchema.optional(),
  entrypoint: CommandSchema.optional(),
  environment: EnvironmentSchema.optional(),
  depends_on: z.union([z.array(z.string()), z.record(z.string(), z.object({ condition: z.string().optional() }))]).optional(),
  healthcheck: z.object({ test: CommandSchema.optional(), disable: z.boolean().optional() }).optional(),
  ports: z.array(z.union([z.string(), z.number(), z.object({ target: z.number() })])).optional(),
  volumes: z.array(z.union([z.string(), z.object({ type: z.string().optional(), source: z.string().optional() })])).optional(),
});
export type Service = z.infer<typeof ServiceSchema>;

export const ComposeSchema = z.object({
  services: z.record(z.string(), ServiceSchema),
  volumes: z.record(z.string(), z.unknown()).nullish(),
});
export type Compose = z.infer<typeof ComposeSchema>;

/** An override: the same shape, every service partial. */
export const OverrideSchema = z.object({ services: z.record(z.string(), ServiceSchema) });

/** The environment as a map; list entries without `=` and null values take the host's value, as compose does. */
export const environmentOf = (service: Service, host: Readonly<Record<string, string>>): Map<string, string | undefined> => {
  const environment = service.environment ?? {};
  const entries: [string, string | undefined][] = Array.isArray(environment)
    ? environment.map((entry) => {
      const equals = entry.indexOf('=');
      return equals < 0 ? [entry, host[entry]] : [entry.slice(0, equals), entry.slice(equals + 1)];
    })
    : Object.entries(environment).map(([name, value]) => [name, value === null ? host[name] : String(value)]);
  return new Map(entries);
};

const recordOfEnvironment = (service: Service): Record<string, string | null> => Object.fromEntries(
  [...environmentOf(service, {})].map(([name, value]) => [name, value ?? null]));

/** depends_on as a map, from either of its forms. */
export const dependsOnRecord = (dependsOn: Service['depends_on']): Record<string, { condition?: string | undefined }> =>
  Array.isArray(dependsOn) ? Object.fromEntries(dependsOn.map((name) => [name, {}])) : { ...dependsOn };

/**
 * `docker compose -f base -f override`: environment and depends_on merge key by key, ports and volumes add up,
 * anything else in the override replaces. A service only the override names is returned in `unknown`.
 */
export const mergeOverride = (base: Compose, override: z.infer<typeof OverrideSchema>): { merged: Compose; unknown: string[] } => {
  const services: Record<string, Service> = { ...base.services };
  const unknown: string[] = [];
  for (const [name, extra] of Object.entries(override.services)) {
    const current = services[name];
    if (current === undefined) unknown.push(name);
    const into = current ?? {};
    services[name] = {
      ...into,
      ...extra,
      environment: { ...recordOfEnvironment(into), ...recordOfEnvironment(extra) },
      depends_on: { ...dependsOnRecord(into.depends_on), ...dependsOnRecord(extra.depends_on) },
      ports: [...into.ports ?? [], ...extra.ports ?? []],
      volumes: [...into.volumes ?? [], ...extra.volumes ?? []],
    };
  }
  return { merged: { ...base, services }, unknown };
};

export class InterpolationError extends Error {
  constructor(readonly variable: string, detail: string) {
    super(`${variable}: ${detail}`);
  }
}

// $$ | ${NAME} | ${NAME:-x} ${NAME-x} ${NAME:?x} ${NAME?x} ${NAME:+x} ${NAME+x} | $NAME
const INTERPOLATION = /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** Compose's interpolation of one value. A required variable the host lacks throws an InterpolationError. */
export const interpolate = (value: string, host: Readonly<Record<string, string>>): string =>
  value.replace(INTERPOLATION, (match, braced: string | undefined, operator: string | undefined, argument: string | undefined,
    bare: string | undefined) => {
    if (match === '$$') return '$';
    const name = braced ?? bare ?? '';
    const hostValue = host[name];
    const empty = hostValue === undefined || hostValue === '';
    switch (operator) {
      case ':-': return empty ? argument ?? '' : hostValue;
      case '-': return hostValue ?? argument ?? '';
      case ':+': return empty ? '' : argument ?? '';
      case '+': return hostValue === undefined ? '' : argument ?? '';
      case ':?':
      case '?':
        if (operator === ':?' ? empty : hostValue === undefined) {
          throw new InterpolationError(name, `must be set on the host (${argument ?? 'required'})`);
        }
        return hostValue ?? '';
      default: return hostValue ?? '';
    }
  });

/** What the checks read of a Dockerfile: the final stage's CMD, ENTRYPOINT and ENV, every stage's COPY sources. */
export interface DockerfileSummary {
  readonly cmd: readonly string[] | null;
  readonly entrypoint: readonly string[] | null;
  readonly env: ReadonlyMap<string, string>;
  /** COPY/ADD sources of every stage taken from the build context (not `--from` another stage). */
  readonly copySources: readonly string[];
}

const JsonArgsSchema = z.array(z.string());

const commandForm = (rest: string): string[] =>
  (rest.startsWith('[') ? JsonArgsSchema.parse(JSON.parse(rest)) : ['/bin/sh', '-c', rest]);

const unquote = (value: string): string =>
  (/^".*"$/.test(value) ? value.slice(1, -1).replace(/\\(.)/g, '$1') : /^'.*'$/.test(value) ? value.slice(1, -1) : value);

const envPairs = (rest: string): [string, string][] => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(rest)) {
    const legacy = /^([A-Za-z_][A-Za-z0-9_]*)\s+(.*)$/.exec(rest);
    return legacy?.[1] === undefined ? [] : [[legacy[1], legacy[2] ?? '']];
  }
  return [...rest.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)]
    .map((match): [string, string] => [match[1] ?? '', unquote(match[2] ?? '')]);
};

export const parseDockerfile = (text: string): DockerfileSummary => {
  const instructions = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const space = line.search(/\s/);
      return { keyword: (space < 0 ? line : line.slice(0, space)).toUpperCase(), rest: space < 0 ? '' : line.slice(space).trim() };
    });
  const copySources = instructions
    .filter(({ keyword, rest }) => (keyword === 'COPY' || keyword === 'ADD') && !/(^|\s)--from=/.test(rest))
    .flatMap(({ rest }) => rest.split(/\s+/).filter((arg) => !arg.startsWith('--')).slice(0, -1));
  const finalStage = instructions.slice(instructions.map((instruction) => instruction.keyword).lastIndexOf('FROM') + 1);
  let cmd: string[] | null = null;
  let entrypoint: string[] | null = null;
  const env = new Map<string, string>();
  for (const { keyword, rest } of finalStage) {
    if (keyword === 'CMD') cmd = commandForm(rest);
    if (keyword === 'ENTRYPOINT') entrypoint = commandForm(rest);
    if (keyword === 'ENV') for (const [name, value] of envPairs(rest)) env.set(name, value);
  }
  return { cmd, entrypoint, env, copySources };
};
