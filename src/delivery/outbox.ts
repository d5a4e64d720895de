// The outbox worker: delivers PENDING rows through the configured channels.
//
// Exactly once: a job claims a delivery by inserting its unique key
// (enqueueDeliveries). The worker then claims a row for sending with a
// compare-and-set on (status, attempts) and a lease (nextAttemptAt = now +
// LEASE), sends, and marks it SENT. Two instances never both win the claim.
// A process that dies between sending and marking leaves the row SENDING;
// when the lease runs out another pass sends it again: that one message may
// arrive twice, nothing is lost.
//
// Audit: a DM that names citizens discloses their data. When the platform has
// accepted such a message (not when it is planned: a message can still be
// skipped or fail), one AuditLog row 'reminder.delivered' is written per
// citizen it names: actorId = the recipient (who now has seen the case),
// channel = the channel that carried it, details = the delivery's kind and
// id. A message resent after a crash is logged again: it was disclosed again.
//
// Failures: retried with backoff (1, 5, 15, 60 min); after MAX_ATTEMPTS, or at
// once for a permanent error, the row is FAILED, logged, and listed by
// `/jobbot failed` for the team's admins and managers. 429s (Retry-After)
// pause the channel and do not use up an attempt. A recipient no channel can
// reach is SKIPPED.
import type { Destination, OutboundChannel, SendResult } from './outbound-channel.js';
import { ANY_CHANNEL, splitPayload } from '../db/outbox-queries.js';
import type { Prisma, PrismaClient, SourceChannel } from '../db/types.js';
import type { Log } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { ChannelPacer } from './pacer.js';
import { limiter } from './pool.js';
import { logSafeError } from '../log-safe-error.js';

export const MAX_ATTEMPTS = 5;
export const LEASE_MS = 10 * 60_000;
const BACKOFF_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];
const MAX_ERROR_LENGTH = 300;

function retryDelayMs(attemptsMade: number): number {
  return BACKOFF_MS[Math.min(attemptsMade, BACKOFF_MS.length) - 1] ?? 60_000;
}

export interface OutboxDeps {
  prisma: PrismaClient;
  channels: readonly OutboundChannel[];
  log?: Log;
  /** Shared across passes so rate limits survive between ticks. */
  pacer?: ChannelPacer;
  maxAttempts?: number;
  /** Platform calls in flight at once (each conversation is sent to in order, all of a batch's conversations at once). */
  concurrency?: number;
  batchSize?: number;
  /** Counts sends, retries, failures and 429s per channel for /metrics. */
  metrics?: Pick<Metrics, 'delivery' | 'rateLimited'>;
  /** True once shutdown began: no further message is started; the rest stay queued for the next start. */
  stopping?: () => boolean;
}

export interface DrainResult {
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
  deferred: number;
}

type Row = Prisma.DeliveryGetPayload<object>;

/** Sends in flight at once; conversations are each paced on their own (1 message a second on Slack and Teams). */
const DEFAULT_CONCURRENCY = 16;
const DEFAULT_BATCH_SIZE = 200;
/** A bound on passes in one drain (10 000 rows at the default batch), so a drain always ends. */
const MAX_PASSES = 50;

/**
 * Sends what is due. A full batch is followed by the next one at once, not a
 * minute later at the next tick: the outbox works at the platforms' rate.
 */
export async function drainOutbox(deps: OutboxDeps, now: Date, options: { keys?: readonly string[] } = {}): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, retrying: 0, failed: 0, skipped: 0, deferred: 0 };
  if (options.keys && options.keys.length === 0) return result;
  const batchSize = deps.batchSize ?? DEFAULT_BATCH_SIZE;
  const pacer = deps.pacer ?? new ChannelPacer();
  const sends = limiter(deps.concurrency ?? DEFAULT_CONCURRENCY);
  for (let pass = 0; pass < MAX_PASSES && !deps.stopping?.(); pass++) {
    // Each pass leaves every row it read sent, failed, skipped or due later, so the next pass reads new rows.
    const rows = await deps.prisma.delivery.findMany({
      where: {
        status: { in: ['PENDING', 'SENDING'] },
        nextAttemptAt: { lte: now },
        ...(options.keys ? { key: { in: [...options.keys] } } : {}),
      },
      // seq: rows enqueued in one run share createdAt; each conversation gets them in the order they were planned.
      orderBy: [{ createdAt: 'asc' }, { seq: 'asc' }],
      take: batchSize,
    });
    if (rows.length === 0) break;
    // One queue per conversation, in order; conversations in parallel, bounded.
    const groups = new Map<string, Row[]>();
    for (const row of rows) {
      const dest = row.audience === 'team' ? `team:${row.teamId}` : `dm:${row.recipientId}`;
      const queue = groups.get(dest);
      if (queue) queue.push(row);
      else groups.set(dest, [row]);
    }
    // Every conversation of the batch at once, each waiting for its own pacing; only the platform calls
    // are bounded (`concurrency` in flight). Bounding conversations instead let 16 of them sit out their
    // pacing while the other 34 waited: 800 DMs to 50 people took 48 s where 15 s are allowed (issue 15).
    await Promise.all(
      [...groups.entries()].map(async ([conversation, queue]) => {
        for (const row of queue) {
          if (deps.stopping?.()) break;
          const outcome = await deliverOne(deps, pacer, row, conversation, now, sends);
          result[outcome]++;
        }
      }),
    );
    if (rows.length < batchSize || options.keys) break;
  }
  return result;
}

function destinationOf(row: Row): Destination | undefined {
  if (row.audience === 'team' && row.teamId) return { audience: 'team', teamId: row.teamId };
  if (row.audience === 'dm' && row.recipientId) return { audience: 'dm', staffId: row.recipientId };
  return undefined;
}

async function pickChannel(deps: OutboxDeps, row: Row, destination: Destination): Promise<OutboundChannel | undefined> {
  // A retry stays on the channel it was first tried on, if this instance has it.
  if (row.channel !== ANY_CHANNEL) {
    const same = deps.channels.find((c) => c.name === row.channel);
    if (same) return same;
  }
  for (const channel of deps.channels) if (await channel.canReach(destination)) return channel;
  return undefined;
}

async function deliverOne(deps: OutboxDeps, pacer: ChannelPacer, row: Row, conversation: string, now: Date, sends: ReturnType<typeof limiter>): Promise<keyof DrainResult> {
  const { prisma } = deps;
  const owned = { id: row.id, status: row.status, attempts: row.attempts };
  const destination = destinationOf(row);
  const channel = destination ? await pickChannel(deps, row, destination) : undefined;
  if (!destination || !channel) {
    const done = await prisma.delivery.updateMany({ where: owned, data: { status: 'SKIPPED', error: 'no configured channel can reach the recipient' } });
    if (done.count === 1) deps.log?.('delivery.skipped', { key: row.key, kind: row.kind }, 'warn');
    return 'skipped';
  }
  if (!(await pacer.acquire(channel.name, conversation))) {
    await prisma.delivery.updateMany({ where: owned, data: { nextAttemptAt: new Date(now.getTime() + pacer.waitFor(channel.name, conversation)) } });
    return 'deferred';
  }
  const attempt = row.attempts + 1;
  const mine = { id: row.id, status: 'SENDING' as const, attempts: attempt };
  const { reply, citizenIds } = splitPayload(row.payload);
  // Claimed and sent in a send slot. A 429 may have paused the channel while this one waited for its
  // slot: then it waits for a later pass instead of sending into the pause.
  const sent = await sends(async (): Promise<SendResult | 'deferred'> => {
    const paused = pacer.pausedFor(channel.name);
    if (paused > 0) {
      await prisma.delivery.updateMany({ where: owned, data: { nextAttemptAt: new Date(now.getTime() + paused) } });
      return 'deferred';
    }
    const claimed = await prisma.delivery.updateMany({
      where: owned,
      data: { status: 'SENDING', attempts: attempt, channel: channel.name, nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
    });
    if (claimed.count !== 1) return 'deferred'; // another instance has it
    try {
      return await channel.send(destination, reply);
    } catch (error) {
      return { ok: false, error: logSafeError(error) };
    }
  });
  if (sent === 'deferred') return 'deferred';

  if (sent.ok) {
    pacer.succeeded(channel.name);
    await prisma.delivery.updateMany({
      where: mine,
      data: { status: 'SENT', sentAt: now, error: null, ...(sent.messageRef ? { messageRef: sent.messageRef } : {}) },
    });
    await auditDisclosure(deps, row, channel.name, citizenIds);
    deps.metrics?.delivery(channel.name, 'sent');
    return 'sent';
  }
  const error = sent.error.slice(0, MAX_ERROR_LENGTH);
  if (sent.retryAfterMs !== undefined && !sent.permanent) {
    const pause = pacer.rateLimited(channel.name, sent.retryAfterMs);
    // A 429 is the platform pacing us, not a failure: the attempt is given back.
    await prisma.delivery.updateMany({ where: mine, data: { status: 'PENDING', attempts: row.attempts, error, nextAttemptAt: new Date(now.getTime() + pause) } });
    deps.log?.('delivery.rate-limited', { key: row.key, channel: channel.name, pauseMs: pause }, 'warn');
    deps.metrics?.rateLimited(channel.name);
    return 'retrying';
  }
  const maxAttempts = deps.maxAttempts ?? MAX_ATTEMPTS;
  if (sent.permanent || attempt >= maxAttempts) {
    await prisma.delivery.updateMany({ where: mine, data: { status: 'FAILED', error } });
    deps.log?.('delivery.failed', { key: row.key, kind: row.kind, channel: channel.name, attempts: attempt, error }, 'error');
    deps.metrics?.delivery(channel.name, 'failed');
    return 'failed';
  }
  await prisma.delivery.updateMany({ where: mine, data: { status: 'PENDING', error, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempt)) } });
  deps.log?.('delivery.retry', { key: row.key, kind: row.kind, channel: channel.name, attempts: attempt }, 'warn');
  deps.metrics?.delivery(channel.name, 'retrying');
  return 'retrying';
}

const SOURCE_CHANNEL: Record<OutboundChannel['name'], SourceChannel> = { console: 'CONSOLE', slack: 'SLACK', teams: 'TEAMS' };

/** One audit row per citizen a sent message named (see the header). */
async function auditDisclosure(deps: OutboxDeps, row: Row, channel: OutboundChannel['name'], citizenIds: readonly string[]): Promise<void> {
  if (citizenIds.length === 0) return;
  try {
    await deps.prisma.auditLog.createMany({
      data: citizenIds.map((citizenId) => ({
        actorId: row.recipientId,
        action: 'reminder.delivered',
        citizenId,
        channel: SOURCE_CHANNEL[channel],
        details: { kind: row.kind, deliveryId: row.id },
      })),
    });
  } catch (error) {
    // The message is out; a missing audit row must be visible in the logs.
    deps.log?.('delivery.audit-failed', { key: row.key, kind: row.kind, error: logSafeError(error) }, 'error');
  }
}
