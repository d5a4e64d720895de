// Composition root: config → database → handlers → channels → jobs. Nothing
// else wires anything; every other module gets what it needs passed in.
import { join } from 'node:path';
import { createConsoleClock } from './channels/console/console-clock.js';
import { createConsoleChannel } from './channels/console/console-channel.js';
import { createConsoleOutbound } from './channels/console/console-outbound.js';
import { createHttpServer, type HttpServer } from './channels/http-server.js';
import type { OutboundChannel } from './delivery/outbound-channel.js';
import { databaseReadiness } from './channels/readiness.js';
import { startSlack, type SlackChannel } from './channels/slack/slack-channel.js';
import { startTeams } from './channels/teams/teams-channel.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { defaultMigrationPaths, readMigrationList } from './db/migrations.js';
import { seedDemoIfEmpty } from './db/seed-demo.js';
import type { RouterDeps } from './handlers/context.js';
import { announcementDeliverer } from './delivery/deliver-announcements.js';
import { runTick, startScheduler } from './jobs/schedule.js';
import { createLogger } from './logger.js';
import { logSafeError } from './log-safe-error.js';
import { loadRulesFile } from './rules-file.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger(config.LOG_LEVEL);
  if (config.JOBBOT_RULES_FILE) log('rules.loaded', loadRulesFile(config.JOBBOT_RULES_FILE));
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  log('database.ready', { kind: db.kind, migrationsApplied: db.appliedMigrations.length });

  const platformConfigured = config.hasSlack || config.hasTeams;
  const seedDemo = config.JOBBOT_DEMO === 'true' || (config.JOBBOT_DEMO === 'auto' && !platformConfigured);

  // One clock for router, scheduler and console, so the console's :clock moves them all.
  const clock = createConsoleClock(() => new Date());
  if (seedDemo && (await seedDemoIfEmpty(db.prisma, clock.now()))) log('demo.seeded', {});
  // The outbox delivers through every configured channel; the first that can reach a recipient sends.
  const channels: OutboundChannel[] = [];
  const deps: RouterDeps = {
    prisma: db.prisma,
    clock: clock.now,
    adminEmails: config.JOBBOT_ADMIN_EMAILS,
    log,
    // Celebrations go out right after the command's commit, through every channel.
    afterCommit: announcementDeliverer({ prisma: db.prisma, channels: () => channels, clock: clock.now, log }),
  };

  let http: HttpServer | undefined;
  let slack: SlackChannel | undefined;
  if (platformConfigured) {
    const expectedMigrations = (await readMigrationList(defaultMigrationPaths.migrationsDir)).migrationDirectories.map((m) => m.path);
    http = createHttpServer((error) => log('http.error', { error: logSafeError(error) }, 'error'), {
      readiness: databaseReadiness(db.prisma, { expectedMigrations }),
      onReadinessChange: (readiness) => log('http.readiness', { ...readiness }, readiness.ready ? 'info' : 'warn'),
    });
    if (config.SLACK_BOT_TOKEN) {
      slack = await startSlack({
        router: deps,
        botToken: config.SLACK_BOT_TOKEN,
        signingSecret: config.SLACK_SIGNING_SECRET,
        appToken: config.SLACK_APP_TOKEN,
        apiUrl: config.SLACK_API_URL,
        http,
        log,
      });
      channels.push(slack.outbound);
    }
    if (config.hasTeams) {
      const teams = startTeams({
        http,
        router: deps,
        appId: config.MICROSOFT_APP_ID,
        appPassword: config.MICROSOFT_APP_PASSWORD,
        tenantId: config.MICROSOFT_APP_TENANT_ID,
        authOff: config.TEAMS_AUTH === 'off',
        nodeEnv: process.env.NODE_ENV,
        log,
      });
      channels.push(teams.outbound);
    }
    const port = await http.listen(config.PORT);
    http.markReady();
    log('http.listening', { port });
  }

  const useConsole = process.argv.includes('--console') || !platformConfigured;
  const consoleChannel = useConsole
    ? createConsoleChannel(deps, {
        input: process.stdin,
        output: process.stdout,
        actAs: config.JOBBOT_CONSOLE_USER.replace(/^@/, ''),
        interactive: Boolean(process.stdin.isTTY),
        clock,
        outbound: createConsoleOutbound(db.prisma, (text) => process.stdout.write(`${text}\n`)),
        exportDir: join(config.DATA_DIR, 'exports'),
        runJobs: (now, outbound) => runTick({ prisma: db.prisma, channels: [outbound], log, retentionMonths: config.JOBBOT_RETENTION_MONTHS }, now),
      })
    : undefined;
  if (consoleChannel) channels.push(consoleChannel.outbound);
  // On a pipe the console is a script: jobs run only on :run-jobs, so the output is exactly the answers.
  const interactiveConsole = useConsole && Boolean(process.stdin.isTTY);
  const stopScheduler = !useConsole || interactiveConsole ? startScheduler({ prisma: db.prisma, channels, clock: clock.now, log, afterMorning: slack?.refreshHomes, retentionMonths: config.JOBBOT_RETENTION_MONTHS }) : undefined;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await stopScheduler?.();
      await slack?.stop();
      await http?.close();
      await db.close();
    })());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void stop().then(() => process.exit(0)));
  }

  if (consoleChannel) {
    await consoleChannel.start();
    await consoleChannel.closed;
    await stop();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`jobbot: ${error.message}\n`);
  } else {
    process.stderr.write(`jobbot: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
