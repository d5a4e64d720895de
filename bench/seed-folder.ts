// Seeds the municipality (bench/municipality.ts) into a PGlite folder, for
// `BENCH_DATA_DIR=<folder> npm run bench:tick` and bench:tick-threads run alone
// (npm run bench seeds and caches its own).
//   npx tsx bench/seed-folder.ts <folder>
import { openDatabase } from '../src/db/client.js';
import { refreshPlannerStatistics } from '../src/db/planner-statistics.js';
import { seedMunicipality } from './municipality.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: npx tsx bench/seed-folder.ts <folder>');
const db = await openDatabase({ dataDir: dir });
try {
  console.log(await seedMunicipality(db.prisma));
  await refreshPlannerStatistics(db.prisma);
} finally {
  await db.close();
}
