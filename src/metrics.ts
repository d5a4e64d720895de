// Prometheus metrics (GET /metrics on the shared HTTP server): what an IT
// department watches. Labels are bounded sets (command words, channel names,
// statuses), never a citizen, a person or free text. One registry per process,
// built by the composition root and passed on; nothing is registered at import.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type CommandOutcome = 'ok' | 'error' | 'replayed';
export type DeliveryStatus = 'sent' | 'retrying' | 'failed' | 'skipped';

export interface Metrics {
  readonly registry: Registry;
  /** A command, button or form answered: its kind (the command's English word, `button:<id>`, `form:<command>`), outcome and time. */
  commandAnswered(kind: string, outcome: CommandOutcome, seconds: number): void;
  delivery(channel: string, status: DeliveryStatus): void;
  /** The platform asked us to wait (Slack or Teams 429). */
  rateLimited(channel: string): void;
  schedulerRun(seconds: number): void;
}

export interface MetricsOptions {
  /** Rows waiting in the outbox (PENDING), read when Prometheus scrapes. */
  outboxDepth?: () => Promise<number>;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  // Process metrics, including nodejs_eventloop_lag_seconds: a stalled loop delays Slack's 3 s acks.
  collectDefaultMetrics({ register: registry, prefix: 'jobbot_' });
  const commands = new Counter({ name: 'jobbot_commands_total', help: 'Commands, buttons and forms answered, by kind and outcome.', labelNames: ['kind', 'outcome'], registers: [registry] });
  const latency = new Histogram({
    name: 'jobbot_command_duration_seconds',
    help: 'Time from a command reaching the router to its answer, including the database transaction.',
    labelNames: ['kind'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const deliveries = new Counter({ name: 'jobbot_deliveries_total', help: 'Outbox delivery attempts by channel and result.', labelNames: ['channel', 'status'], registers: [registry] });
  const limited = new Counter({ name: 'jobbot_rate_limited_total', help: 'Sends the platform asked us to retry later (HTTP 429).', labelNames: ['channel'], registers: [registry] });
  const scheduler = new Histogram({ name: 'jobbot_scheduler_run_seconds', help: 'One scheduler pass: planning every job and draining the outbox.', buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30], registers: [registry] });
  if (options.outboxDepth) {
    const depth = options.outboxDepth;
    new Gauge({
      name: 'jobbot_outbox_depth',
      help: 'Deliveries waiting to be sent (PENDING rows).',
      registers: [registry],
      async collect() {
        this.set(await depth());
      },
    });
  }
  return {
    registry,
    commandAnswered(kind, outcome, seconds) {
      commands.inc({ kind, outcome });
      latency.observe({ kind }, seconds);
    },
    delivery: (channel, status) => deliveries.inc({ channel, status }),
    rateLimited: (channel) => limited.inc({ channel }),
    schedulerRun: (seconds) => scheduler.observe(seconds),
  };
}

/** Seconds since a process.hrtime.bigint() reading. */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}
