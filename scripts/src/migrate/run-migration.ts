// A whole migration: check the source, refuse a non-empty target, copy row for row, then compare. Refusals
// (nothing written) throw MigrationRefusedError; differences found after the copy come back in the report.
import { copyLedger } from './copy-ledger.js';
import type { CopyResult } from './copy-ledger.js';
import { compareLedgers } from './compare-ledgers.js';
import type { Comparison } from './compare-ledgers.js';
import { CopyFailedError, MigrationRefusedError, NEW_TARGET } from './migration-errors.js';
import type { LedgerEndpoint } from './ledger-endpoint.js';
import type { LedgerLocation } from './ledger-location.js';
import type { MigrateConfig } from './migrate-options.js';
import { checkPostgresTarget, openPostgresSource, openPostgresTarget } from './postgres-endpoint.js';
import { checkSqliteTarget, openSqliteSource, openSqliteTarget } from './sqlite-endpoint.js';

export interface MigrationLog {
  /** A step begins or ends: one line. */
  phase(message: string): void;
  progress(step: 'copy' | 'compare', position: number, toPosition: number): void;
}

export interface MigrationReport {
  readonly source: string;
  readonly target: string;
  readonly headPosition: number;
  readonly headHash: string;
  /** Seconds spent verifying the source's chain; null with --no-verify-source. */
  readonly sourceVerifySeconds: number | null;
  readonly copy: CopyResult;
  readonly comparison: Comparison;
}

const SCHEMA_TOO_NEW = 'SCHEMA_TOO_NEW';

const removeHint = (location: LedgerLocation): string => (location.kind === 'sqlite'
  ? `delete ${location.path} and its -wal and -shm files`
  : `DROP SCHEMA "${location.schema}" CASCADE`);

async function open(location: LedgerLocation, role: 'source' | 'target'): Promise<LedgerEndpoint> {
  try {
    if (location.kind === 'sqlite') return role === 'source' ? openSqliteSource(location.path) : openSqliteTarget(location.path);
    return await (role === 'source' ? openPostgresSource(location) : openPostgresTarget(location));
  } catch (error) {
    // A ledger written by a newer Estafet is refused like any other unusable source or target.
    if (error instanceof Error && 'code' in error && error.code === SCHEMA_TOO_NEW) {
      throw new MigrationRefusedError(`${role === 'source' ? '--from' : '--to'}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

export async function runMigration(config: MigrateConfig, log: MigrationLog, now: () => number): Promise<MigrationReport> {
  const source = await open(config.from, 'source');
  try {
    const head = await source.store.headPosition();
    if (head === 0) throw new MigrationRefusedError(`--from: ${source.label} holds no events; there is nothing to migrate`);
    // Before the source's chain is verified, which takes a while on a large ledger: an unreachable server or an
    // occupied target is said at once. Nothing is created yet.
    if (config.to.kind === 'sqlite') checkSqliteTarget(config.to.path);
    else await checkPostgresTarget(config.to);
    let sourceVerifySeconds: number | null = null;
    let headHash: string;
    if (config.verifySource) {
      log.phase(`verifying the source's hash chain: ${source.label}, ${head} events`);
      const started = now();
      const chain = await source.store.verifyChain({ toPosition: head });
      if (!chain.ok) {
        throw new MigrationRefusedError(`--from: the source's hash chain does not verify at position ${chain.position}: ${chain.reason}. `
          + 'Nothing was copied; --no-verify-source copies it as it is.');
      }
      sourceVerifySeconds = (now() - started) / 1000;
      headHash = chain.headHash;
    } else {
      const [last] = await source.store.readAll({ fromPosition: head - 1, limit: 1 });
      if (last === undefined) throw new MigrationRefusedError(`--from: ${source.label} has no event at its head position ${head}`);
      headHash = last.hash;
    }

    const target = await open(config.to, 'target');
    try {
      const writer = await target.openWriter();
      let copy: CopyResult;
      try {
        const occupied = await target.occupiedTables();
        if (occupied.length > 0) {
          throw new MigrationRefusedError(`--to: ${target.label} is not empty (rows in ${occupied.join(', ')}); ${NEW_TARGET}`);
        }
        log.phase(`copying ${head} events into ${target.label}`);
        let copied = 0;
        try {
          copy = await copyLedger(source, writer, {
            toPosition: head, batchSize: config.batchSize, now,
            onProgress: (p) => {
              copied = p.position;
              log.progress('copy', p.position, p.toPosition);
            },
          });
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new CopyFailedError(`the copy stopped after position ${copied} of ${head}: ${reason}. The target holds a `
            + `partial ledger: remove it (${removeHint(config.to)}) before migrating again`, { cause: error });
        }
      } finally {
        await writer.close();
      }
      log.phase('comparing the target with the source');
      const comparison = await compareLedgers(source, target, { position: head, hash: headHash }, {
        batchSize: config.batchSize, now, onProgress: (p) => log.progress('compare', p.position, p.toPosition),
      });
      return { source: source.label, target: target.label, headPosition: head, headHash, sourceVerifySeconds, copy, comparison };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
