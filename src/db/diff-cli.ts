// `npm run db:diff -- <name>`: writes the next migration from prisma/schema.prisma.
import { diffMigration } from './migrations.js';

const name = process.argv[2];
if (!name) {
  console.error('Usage: npm run db:diff -- <migration-name>');
  process.exit(2);
}
const result = await diffMigration(name);
if (result.created) {
  console.log(`Wrote prisma/migrations/${result.created}/migration.sql`);
} else {
  console.log('No change: the migrations already match prisma/schema.prisma. Nothing written.');
}
