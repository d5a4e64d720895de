// What the Slack listeners share, built once per channel by createSlackChannel
// and passed to every module (no module keeps state of its own): the router,
// the Web API client, the outbound channel, the log, the bot's own ids and the
// tracker of work still running after an ack.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { webApi } from '@slack/bolt';
import type { Locale } from '../../domain/enums.js';
import { messagesFor } from '../../domain/i18n/messages.js';
import type { PrismaClient } from '../../db/types.js';
import type { RouterDeps } from '../../handlers/context.js';
import { failureText } from '../failure-answer.js';
import { errorCode } from './identity.js';
import type { createSlackOutbound } from './slack-outbound.js';

export type SlackLog = (event: string, fields?: Record<string, unknown>, level?: 'debug' | 'info' | 'warn' | 'error') => void;

/** How to tell the user that an acknowledged request failed: in their language once known, where they asked. */
export interface FailureAnswer {
  locale: () => Locale;
  send: (text: string) => Promise<unknown>;
}

/** Runs work after the ack; a failure is logged and, when onFailure says how, answered. Never rejects. */
export type Track = (what: string, work: () => Promise<void>, onFailure?: FailureAnswer) => Promise<void>;

export interface SlackDeps {
  /** The router's dependencies, with the afterCommit hook the channel settled on. */
  router: RouterDeps;
  prisma: PrismaClient;
  /** One client with the bot token for everything the channel sends (listeners and the outbox). */
  client: webApi.WebClient;
  outbound: ReturnType<typeof createSlackOutbound>;
  log: SlackLog;
  botToken: string;
  /** Web API base URL when not Slack's own (files from there are trusted too). */
  apiUrl?: string;
  /** How long a form submission may route before its ack. */
  formAckBudgetMs: number;
  /** The bot's own ids, learnt from auth.test in start(). */
  self: { botId?: string; botUserId?: string };
  /** App Home refreshes in progress per staff id; 'again' when another change came meanwhile (slack-home.ts). */
  homeRefreshes: Map<string, 'running' | 'again'>;
  track: Track;
  /** Tells the user a request failed (the outage or the internal error); never rejects. */
  answerFailure: (what: string, onFailure: FailureAnswer) => Promise<void>;
}

/**
 * How much acknowledged work runs at once. Each job holds a database
 * connection for most of its life, so a burst beyond `concurrency` waits in
 * order instead of exhausting the pool; beyond `maxWaiting` queued jobs a
 * request is refused politely (nothing done, "try again") rather than held in
 * memory without end (one that cannot be told, a form's answer, still waits).
 */
export interface AfterAckLimits {
  concurrency: number;
  maxWaiting: number;
}

// 8 of node-postgres' default pool of 10 connections: the scheduler and the outbox keep the rest.
export const AFTER_ACK_LIMITS: AfterAckLimits = { concurrency: 8, maxWaiting: 1_000 };

/**
 * Work in flight after the ack: awaited by idle() and stop(), queued ones too.
 * An acknowledged request that fails (the database is down, a bug) or is
 * refused as too many still ends in an answer when it says how (onFailure).
 */
export function createWorkTracker(
  prisma: PrismaClient,
  log: SlackLog,
  limits: AfterAckLimits = AFTER_ACK_LIMITS,
): Pick<SlackDeps, 'track' | 'answerFailure'> & { idle: () => Promise<void> } {
  const inflight = new Set<Promise<void>>();
  const waiting: Array<() => void> = [];
  let running = 0;
  // Work tracked from inside a job is part of that job: it must not wait for a slot its parent holds.
  const insideJob = new AsyncLocalStorage<true>();

  async function answerFailure(what: string, onFailure: FailureAnswer): Promise<void> {
    try {
      await onFailure.send(await failureText(prisma, messagesFor(onFailure.locale())));
    } catch (error) {
      log('slack.failure_answer.failed', { what, error: errorCode(error) }, 'error');
    }
  }
  async function refuse(what: string, onFailure: FailureAnswer): Promise<void> {
    log('slack.busy', { what, running, waiting: waiting.length }, 'warn');
    try {
      await onFailure.send(messagesFor(onFailure.locale()).errors.busy);
    } catch (error) {
      log('slack.failure_answer.failed', { what, error: errorCode(error) }, 'error');
    }
  }
  function guarded(what: string, work: () => Promise<void>, onFailure?: FailureAnswer): Promise<void> {
    let started: Promise<void>;
    try {
      started = insideJob.run(true, work);
    } catch (error) {
      started = Promise.reject(error); // thrown before its first await: still frees the slot
    }
    return started.catch(async (error: unknown) => {
      log('slack.failed', { what, error: errorCode(error) }, 'error');
      if (onFailure) await answerFailure(what, onFailure);
    });
  }
  /** The next waiting job takes the slot over, or the slot is freed. */
  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
  function run(what: string, work: () => Promise<void>, onFailure?: FailureAnswer): Promise<void> {
    if (insideJob.getStore()) return guarded(what, work, onFailure);
    // A free slot starts the work at once, as before there was a bound.
    if (running < limits.concurrency) {
      running += 1;
      return guarded(what, work, onFailure).finally(release);
    }
    // Only a request that can be told is refused: a form's answer (its entry already saved) still waits its turn.
    if (waiting.length >= limits.maxWaiting && onFailure) return refuse(what, onFailure);
    return new Promise<void>((resolve) => waiting.push(resolve)).then(() => guarded(what, work, onFailure).finally(release));
  }
  const track: Track = (what, work, onFailure) => {
    const p: Promise<void> = run(what, work, onFailure).finally(() => inflight.delete(p));
    inflight.add(p);
    return p;
  };
  const idle = async () => {
    while (inflight.size) await Promise.allSettled([...inflight]);
  };
  return { track, idle, answerFailure };
}
