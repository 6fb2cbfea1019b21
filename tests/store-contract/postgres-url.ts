// Where the PostgreSQL suites find their server: DATABASE_URL when set (an unreachable one fails the run), else
// the machine's local server if it answers, else null and the suite reports that it was skipped.
import pg from 'pg';

const LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/test';

export async function databaseUrl(): Promise<string | null> {
  const configured = process.env.DATABASE_URL;
  if (configured !== undefined && configured !== '') return configured;
  const probe = new pg.Client({ connectionString: LOCAL_URL, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
    return LOCAL_URL;
  } catch {
    return null;
  } finally {
    await probe.end().catch(() => undefined);
  }
}
