// Upcasting: stored events are never rewritten; an older schema version is lifted to the current
// one when it is read. Each upcaster lifts one type by one version; the registry chains them.
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  readonly up: (data: unknown) => unknown;
}

export interface UpcasterRegistry {
  /** Lifts `data` of `type` stored at `schemaVersion` to the newest version the registry knows. */
  upcast(type: string, schemaVersion: number, data: unknown): { schemaVersion: number; data: unknown };
}

export class UpcasterConflictError extends Error {
  readonly code = 'UPCASTER_CONFLICT';
}

export const createUpcasterRegistry = (upcasters: readonly Upcaster[]): UpcasterRegistry => {
  const steps = new Map<string, Upcaster>();
  for (const upcaster of upcasters) {
    const key = `${upcaster.type}@${upcaster.fromVersion}`;
    if (steps.has(key)) throw new UpcasterConflictError(`two upcasters lift ${key}`);
    steps.set(key, upcaster);
  }
  return {
    upcast(type, schemaVersion, data) {
      let version = schemaVersion;
      let current = data;
      for (let step = steps.get(`${type}@${version}`); step; step = steps.get(`${type}@${version}`)) {
        current = step.up(current);
        version += 1;
      }
      return { schemaVersion: version, data: current };
    },
  };
};

/** The catalogue's own upcasters. v1 is the first published catalogue, so none are needed yet. */
export const catalogueUpcasters: readonly Upcaster[] = [];
export const defaultUpcasters = createUpcasterRegistry(catalogueUpcasters);
