// `npm run purge [-- --dry-run]`: erases the closed cases past the retention
// period (JOBBOT_RETENTION_MONTHS, default 6 months after closing) with every
// row that names them, as the daily housekeeping does. --dry-run only counts.
// A composition root like index.ts: config → database → purge.
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { monthsBefore, purgeClosedCases } from './db/retention.js';
import { csvDate } from './domain/caseload-csv.js';
import { todayIn } from './domain/local-date.js';

const USAGE = 'usage: npm run purge [-- --dry-run]';

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((a) => a !== '--dry-run');
  if (unknown.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const dryRun = argv.includes('--dry-run');
  const config = loadConfig(process.env);
  const months = config.JOBBOT_RETENTION_MONTHS;
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const now = new Date();
    const result = await purgeClosedCases(db.prisma, now, { months, dryRun });
    const c = result.counts;
    const before = csvDate(monthsBefore(todayIn(now), months));
    const rows = [
      `${c.meetings} meetings`,
      `${c.placements} placements`,
      `${c.followUps} follow-ups`,
      `${c.outcomes} outcomes`,
      `${c.caseworkerChanges} caseworker changes`,
      `${c.auditRows} audit rows`,
      `${c.reminderStates + c.processedRequests + c.deliveriesDeleted + c.deliveriesRedacted + c.importBatches} other rows`,
    ].join(', ');
    const verb = dryRun ? 'would be erased (dry run: nothing changed)' : 'erased';
    process.stdout.write(`jobbot purge: ${result.citizens} closed cases closed before ${before} (retention ${months} months) ${verb}: ${rows}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`jobbot purge: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
