// `npm run migrate -- --from LEDGER --to LEDGER`: copies a ledger between SQLite and PostgreSQL row for row
// and checks the copy. `npm run migrate -- --help` tells the rest; the work is in ./migrate/.
import { runMigrateCli } from './migrate/migrate-cli.js';

// `tap scripts/src` would load every file in the folder as a test, this one included: there it migrates nothing.
const launchedAsTest = process.env.TAP === '1';

if (!launchedAsTest) process.exitCode = await runMigrateCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
