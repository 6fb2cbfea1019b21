// The continuity process's checkpoints in the read models' PostgreSQL schema, for workers on several machines.
// Same rule as on SQLite: a checkpoint never moves back, so two workers saving at once cannot lose progress.
import type { Pool } from 'pg';
import type { CheckpointStore } from './continuity-checkpoints.js';

export const createPostgresCheckpoints = async (pool: Pool, schema: string): Promise<CheckpointStore> => {
  const table = `"${schema}"."process_checkpoints"`;
  // Under the schema's lock: workers starting at once would otherwise race on CREATE TABLE IF NOT EXISTS.
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`estafet-read-model:${schema}`]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${table} (name TEXT PRIMARY KEY, position BIGINT NOT NULL)`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return {
    async load(name) {
      const { rows } = await pool.query<{ position: string }>(`SELECT position FROM ${table} WHERE name = $1`, [name]);
      return Number(rows[0]?.position ?? 0);
    },
    async save(name, position) {
      await pool.query(`INSERT INTO ${table} (name, position) VALUES ($1, $2)
        ON CONFLICT (name) DO UPDATE SET position = GREATEST(${table}.position, EXCLUDED.position)`, [name, position]);
    },
  };
};
