// Composition root: config → database → handlers → channels. Nothing else
// wires anything; every other module gets what it needs passed in.
import { join } from 'node:path';
import { runConsole } from './channels/console/console-channel.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { seedDemoIfEmpty } from './db/seed-demo.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger(config.LOG_LEVEL);
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  log('database.ready', { kind: db.kind, migrationsApplied: db.appliedMigrations.length });

  const platformConfigured = config.hasSlack || config.hasTeams;
  const seedDemo = config.JOBBOT_DEMO === 'true' || (config.JOBBOT_DEMO === 'auto' && !platformConfigured);
  if (seedDemo && (await seedDemoIfEmpty(db.prisma, new Date()))) log('demo.seeded', {});

  const deps = { prisma: db.prisma, clock: () => new Date(), adminEmails: config.JOBBOT_ADMIN_EMAILS, log: (event: string, fields: Record<string, unknown>) => log(event, fields, 'error') };
  if (platformConfigured) {
    log('channels.platform.unavailable', { note: 'Slack and Teams channels are not part of this build yet; starting the console.' }, 'warn');
  }
  const stop = async () => {
    await db.close();
  };
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  await runConsole(deps, {
    input: process.stdin,
    output: process.stdout,
    actAs: config.JOBBOT_CONSOLE_USER.replace(/^@/, ''),
    interactive: Boolean(process.stdin.isTTY),
    exportDir: join(config.DATA_DIR, 'exports'),
  });
  await stop();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`jobbot: ${error.message}\n`);
  } else {
    process.stderr.write(`jobbot: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
