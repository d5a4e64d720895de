// What the Slack listeners share, built once per channel by createSlackChannel
// and passed to every module (no module keeps state of its own): the router,
// the Web API client, the outbound channel, the log, the bot's own ids and the
// tracker of work still running after an ack.
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
  track: Track;
  /** Tells the user a request failed (the outage or the internal error); never rejects. */
  answerFailure: (what: string, onFailure: FailureAnswer) => Promise<void>;
}

/**
 * Work in flight after the ack: awaited by idle() and stop(). An acknowledged
 * request that fails (the database is down, a bug) still ends in an answer
 * when it says how (onFailure).
 */
export function createWorkTracker(
  prisma: PrismaClient,
  log: SlackLog,
): Pick<SlackDeps, 'track' | 'answerFailure'> & { idle: () => Promise<void> } {
  const inflight = new Set<Promise<void>>();
  async function answerFailure(what: string, onFailure: FailureAnswer): Promise<void> {
    try {
      await onFailure.send(await failureText(prisma, messagesFor(onFailure.locale())));
    } catch (error) {
      log('slack.failure_answer.failed', { what, error: errorCode(error) }, 'error');
    }
  }
  const track: Track = (what, work, onFailure) => {
    const p: Promise<void> = work()
      .catch(async (error: unknown) => {
        log('slack.failed', { what, error: errorCode(error) }, 'error');
        if (onFailure) await answerFailure(what, onFailure);
      })
      .finally(() => inflight.delete(p));
    inflight.add(p);
    return p;
  };
  const idle = async () => {
    while (inflight.size) await Promise.allSettled([...inflight]);
  };
  return { track, idle, answerFailure };
}
