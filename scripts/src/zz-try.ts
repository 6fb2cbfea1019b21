import { createSqliteEventStore } from '@estafet/ledger';
import { buildLedger, migrate } from '../../tests/migrate/migrate-fixture.js';
import { streamOf, unitEstablished } from '../../tests/store-contract/fixtures.js';
const s = createSqliteEventStore({ path: '/tmp/mig/t1/nul.db' });
await buildLedger(s, 25);
await s.append([{ streamId: streamOf('unit'), expectedVersion: 0, events: [unitEstablished('dinas-nul')] }], { idempotencyKey: 'retry\u0000key' });
await s.close();
const r = await migrate('--from', 'sqlite:/tmp/mig/t1/nul.db', '--to', 'postgres://postgres@127.0.0.1:5432/test?schema=zz_nul', '--batch-size', '100');
console.log(r.code, r.stderr);
