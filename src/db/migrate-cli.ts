// `npm run db:migrate`: applies pending migrations to the configured database
// (DATABASE_URL, else PGlite in DATA_DIR, default ./data) and says what it did.
import { openDatabase } from './client.js';

const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = process.env.DATA_DIR || './data';
const db = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir });
try {
  const where = db.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${dataDir}`;
  if (db.appliedMigrations.length === 0) {
    console.log(`${where}: already up to date, no migration applied.`);
  } else {
    console.log(`${where}: applied ${db.appliedMigrations.length} migration(s):`);
    for (const name of db.appliedMigrations) console.log(`  ${name}`);
  }
} finally {
  await db.close();
}
