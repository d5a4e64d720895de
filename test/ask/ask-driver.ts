// The console driver with the export folder in a temp directory, so the
// plain-chat and CSV tests can read exported files back.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleDriver, type ConsoleDriver } from '../helpers/console-driver.js';
import type { Database } from '../helpers/test-database.js';

export interface AskDriver extends ConsoleDriver {
  exportDir: string;
}

export async function askDriver(db: Database, now: Date, adminEmails: string[] = []): Promise<AskDriver> {
  const exportDir = await mkdtemp(join(tmpdir(), 'jobbot-exports-'));
  return { ...consoleDriver(db, { now, adminEmails, exportDir }), exportDir };
}
