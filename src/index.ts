// Composition root: config → database → handlers → channels → jobs. Nothing
// else wires anything; every other module gets what it needs passed in.
// Only what is configured is loaded: the platform SDKs (Bolt and botbuilder
// take seconds to import and hundreds of megabytes), the console and the demo
// seed are dynamic imports, each its own chunk in the bundle `npm start` runs
// (scripts/build.mjs), so a start pays only for what it uses.
import { join } from 'node:path';
import type { Channel } from './channels/channel.js';
import { createConsoleClock } from './channels/console/console-clock.js';
import { createHttpServer, type HttpServer } from './channels/http-server.js';
import { databaseReadiness } from './channels/readiness.js';
import { closeChartRenderer } from './charts/render-png.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase } from './db/client.js';
import { defaultMigrationPaths, readMigrationList } from './db/migrations.js';
import { refreshStoredRules } from './db/stored-rules.js';
import type { PrismaClient } from './db/types.js';
import { announcementDeliverer } from './delivery/deliver-announcements.js';
import type { OutboundChannel } from './delivery/outbound-channel.js';
import type { RouterDeps } from './handlers/context.js';
import { jobsThreadRunner } from './jobs/jobs-thread-runner.js';
import { runTick, startScheduler } from './jobs/schedule.js';
import { createLogger, type Log } from './logger.js';
import { logSafeError } from './log-safe-error.js';
import { createMetrics, type Metrics } from './metrics.js';
import { loadRulesFile } from './rules-file.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger(config.LOG_LEVEL);
  if (config.JOBBOT_RULES_FILE) log('rules.loaded', loadRulesFile(config.JOBBOT_RULES_FILE));
  const threads = config.JOBBOT_THREADS === 'on';
  // The platform SDKs load (seconds on a slow disk) while the database thread opens PGlite.
  const preloading = Promise.all([
    config.SLACK_BOT_TOKEN ? import('./channels/slack/slack-channel.js') : undefined,
    config.hasTeams ? import('./channels/teams/teams-channel.js') : undefined,
  ]).catch(() => undefined); // a failing import fails again, reported, where it is used
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, thread: threads });
  await preloading;
  // Rule switches admins stored in chat (issue 13) on top of the shipped or file rules.
  await refreshStoredRules(db.prisma);
  log('database.ready', { kind: db.kind, migrationsApplied: db.appliedMigrations.length });

  const platformConfigured = config.hasSlack || config.hasTeams;
  const seedDemo = config.JOBBOT_DEMO === 'true' || (config.JOBBOT_DEMO === 'auto' && !platformConfigured);

  // One clock for router, scheduler and console, so the console's :clock moves them all.
  const clock = createConsoleClock(() => new Date());
  // The seed module only for an empty database: the first start.
  if (seedDemo && (await db.prisma.team.count()) === 0) {
    const { seedDemoIfEmpty } = await import('./db/seed-demo.js');
    if (await seedDemoIfEmpty(db.prisma, clock.now())) log('demo.seeded', {});
  }
  const metrics = createMetrics({ outboxDepth: () => db.prisma.delivery.count({ where: { status: 'PENDING' } }) });
  // The outbox delivers through every configured channel; the first that can reach a recipient sends.
  const outbound: OutboundChannel[] = [];
  const deps: RouterDeps = {
    prisma: db.prisma,
    clock: clock.now,
    adminEmails: config.JOBBOT_ADMIN_EMAILS,
    log,
    metrics,
    // Celebrations go out right after the command's commit, through every channel.
    afterCommit: announcementDeliverer({ prisma: db.prisma, channels: () => outbound, clock: clock.now, log }),
  };

  const platforms = platformConfigured ? await startPlatforms(config, deps, db.prisma, metrics, log) : undefined;
  outbound.push(...(platforms?.channels.map((c) => c.outbound) ?? []));

  const useConsole = process.argv.includes('--console') || !platformConfigured;
  const consoleChannel = useConsole
    ? (await import('./channels/console/console-channel.js')).createConsoleChannel(deps, {
        input: process.stdin,
        output: process.stdout,
        actAs: config.JOBBOT_CONSOLE_USER.replace(/^@/, ''),
        interactive: Boolean(process.stdin.isTTY),
        clock,
        exportDir: join(config.DATA_DIR, 'exports'),
        runJobs: (now, out) => runTick({ prisma: db.prisma, channels: [out], log, retentionMonths: config.JOBBOT_RETENTION_MONTHS }, now, { forwardOnly: true }),
      })
    : undefined;
  if (consoleChannel) outbound.push(consoleChannel.outbound);
  // On a pipe the console is a script: jobs run only on :run-jobs, so the output is exactly the answers.
  const runScheduler = !useConsole || Boolean(process.stdin.isTTY);
  const jobsRunner =
    runScheduler && threads && db.share
      ? jobsThreadRunner({
          share: db.share,
          rulesFile: config.JOBBOT_RULES_FILE,
          retentionMonths: config.JOBBOT_RETENTION_MONTHS,
          log,
          // A quarter of the shutdown grace; the rest is for the answers in flight and closing the database.
          abandonAfterMs: config.JOBBOT_SHUTDOWN_SECONDS * 250,
        })
      : undefined;
  const stopScheduler = runScheduler
    ? startScheduler({
        prisma: db.prisma,
        channels: outbound,
        clock: clock.now,
        log,
        metrics,
        afterMorning: platforms?.refreshHomes,
        retentionMonths: config.JOBBOT_RETENTION_MONTHS,
        jobsRunner,
      })
    : undefined;

  const channels: Channel[] = [...(platforms?.channels ?? []), ...(consoleChannel ? [consoleChannel] : [])];
  // Shutdown: stop taking work (scheduler, then channels, which wait for acknowledged requests),
  // close the server and the database. Bounded: whatever is still unsent stays in the outbox
  // (claimed rows fall back to PENDING when their lease ends), so nothing is lost by exiting.
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await stopScheduler?.();
      await jobsRunner?.close();
      for (const channel of channels) await channel.stop();
      await platforms?.http.close();
      await db.close();
      // The chart worker (the digest's and month-end's PNGs) ends with the app.
      await closeChartRenderer();
    })());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log('shutdown.started', { signal, graceSeconds: config.JOBBOT_SHUTDOWN_SECONDS });
      const deadline = setTimeout(() => {
        log('shutdown.timeout', { graceSeconds: config.JOBBOT_SHUTDOWN_SECONDS }, 'warn');
        process.exit(1);
      }, config.JOBBOT_SHUTDOWN_SECONDS * 1000);
      deadline.unref();
      void stop().then(() => process.exit(0));
    });
  }

  if (consoleChannel) {
    await consoleChannel.start();
    await consoleChannel.closed;
    await stop();
  }
}

/** The HTTP server with /healthz, /readyz and /metrics, and each configured platform on it. */
async function startPlatforms(config: Config, deps: RouterDeps, prisma: PrismaClient, metrics: Metrics, log: Log) {
  const expectedMigrations = (await readMigrationList(defaultMigrationPaths.migrationsDir)).migrationDirectories.map((m) => m.path);
  const http: HttpServer = createHttpServer((error) => log('http.error', { error: logSafeError(error) }, 'error'), {
    readiness: databaseReadiness(prisma, { expectedMigrations }),
    onReadinessChange: (readiness) => log('http.readiness', { ...readiness }, readiness.ready ? 'info' : 'warn'),
  });
  // Counts and durations only, never a citizen or a name; still, expose the port to the monitoring network only.
  http.route('/metrics', async (_req, res) => {
    res.writeHead(200, { 'content-type': metrics.registry.contentType });
    res.end(await metrics.registry.metrics());
  });
  const channels: Channel[] = [];
  let refreshHomes: ((now: Date) => Promise<unknown>) | undefined;
  if (config.SLACK_BOT_TOKEN) {
    const { startSlack } = await import('./channels/slack/slack-channel.js');
    const slack = await startSlack({
      router: deps,
      botToken: config.SLACK_BOT_TOKEN,
      signingSecret: config.SLACK_SIGNING_SECRET,
      appToken: config.SLACK_APP_TOKEN,
      apiUrl: config.SLACK_API_URL,
      http,
      log,
    });
    channels.push(slack);
    refreshHomes = slack.refreshHomes;
  }
  if (config.hasTeams) {
    const { startTeams } = await import('./channels/teams/teams-channel.js');
    channels.push(
      await startTeams({
        http,
        router: deps,
        appId: config.MICROSOFT_APP_ID,
        appPassword: config.MICROSOFT_APP_PASSWORD,
        tenantId: config.MICROSOFT_APP_TENANT_ID,
        authOff: config.TEAMS_AUTH === 'off',
        nodeEnv: process.env.NODE_ENV,
        log,
      }),
    );
  }
  const port = await http.listen(config.PORT);
  http.markReady();
  log('http.listening', { port });
  return { http, channels, refreshHomes };
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`jobbot: ${error.message}\n`);
  } else {
    process.stderr.write(`jobbot: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
