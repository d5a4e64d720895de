// PGlite has no autovacuum, so its planner never gets table statistics unless
// asked: without them it guessed that 33 of 30 000 citizens match and sorted
// every match for each page of a morning read (270–430 ms per 1 000-row page)
// instead of walking the primary key (7–14 ms). Housekeeping refreshes them
// daily, one table per statement with a turn of the event loop between (on
// PostgreSQL autovacuum does this too; a second ANALYZE is harmless).
import { yieldToEventLoop } from './event-loop.js';
import type { PrismaClient } from './types.js';

export async function refreshPlannerStatistics(db: PrismaClient): Promise<void> {
  const tables = await db.$queryRaw<Array<{ name: string }>>`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`;
  for (const { name } of tables) {
    await db.$executeRawUnsafe(`ANALYZE "${name.replace(/"/g, '""')}"`);
    await yieldToEventLoop();
  }
}
