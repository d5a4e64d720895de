// Turns a line of text from any channel into a handler call inside one
// database transaction. Refuses CPR numbers before anything else, answers
// retried requests from the processed-requests table, and never lets an
// exception reach the user as anything but a friendly message.
import { tokenize } from '../domain/command-tokens.js';
import { containsCprNumber } from '../domain/cpr.js';
import { messagesFor, type Messages } from '../domain/i18n/messages.js';
import { boundedEditDistance } from '../domain/questions/normalize.js';
import { todayIn } from '../domain/local-date.js';
import { errorReply, type Reply } from '../domain/reply.js';
import { logSafeError } from '../log-safe-error.js';
import { secondsSince } from '../metrics.js';
import { recordAudit, recordRefusals, type AuditEntry } from '../db/audit.js';
import { journalChanges } from '../db/change-journal.js';
import { CprRefusedError, valueHasCpr } from '../db/cpr-write-guard.js';
import { announcementDelivery, enqueueDeliveries } from '../db/outbox-queries.js';
import type { SourceChannel } from '../db/types.js';
import type { StaffMember } from '../db/staff-queries.js';
import { ACTIONS } from './action-table.js';
import { askQuestion } from './ask/ask-question.js';
import { COMMANDS, findCommand, type Handler } from './command-table.js';
import type { HandlerContext, Incoming, IncomingAction, RequestOrigin, Routed, RouterDeps, TeamAnnouncement } from './context.js';
import { helpFor, helpOverview } from './help.js';
import { previewImport } from './import/import-caseload.js';
import { recordUndoableChange, withUndoButton } from './entries/undo-change.js';

const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;

export async function routeCommand(deps: RouterDeps, incoming: Incoming): Promise<Routed> {
  return measured(deps, commandKind(incoming.text), () => routeCommandOnce(deps, incoming));
}

async function routeCommandOnce(deps: RouterDeps, incoming: Incoming): Promise<Routed> {
  const t = messagesFor(incoming.actor.locale);
  const done = (reply: Reply): Routed => ({ reply, announcements: [], replayed: false });
  // Privacy first: a CPR number is refused before it reaches a parser, a log or the database.
  if (containsCprNumber(incoming.text)) return done(await refuseCpr(deps, incoming, t, 'text'));

  const tokens = tokenize(incoming.text.trim());
  const [word, ...args] = tokens;
  if (!word) return done(helpOverview(t));
  if (['help', 'hjælp', 'hjaelp', '?'].includes(word.toLowerCase().replace(/^\//, ''))) return done(helpOverview(t));
  const command = findCommand(word);
  // A slash says "this is a command": a near miss gets suggestions, never an answer to a guessed question.
  if (!command && word.startsWith('/')) return done(unknownCommand(t, word));
  // Plain-chat questions (issue 6, ask-question.ts): a first word that is not a command is tried as a question.
  if (!command) return askQuestion(deps, incoming, t, { inTransaction: (run) => runInTransaction(deps, incoming, t, run), unknownCommand: () => unknownCommand(t, word), commandWords: COMMANDS.flatMap((c) => c.words) });
  if (args[0] && ['help', 'hjælp', '?'].includes(args[0].toLowerCase())) return done(helpFor(t, command.topic));
  if (command.needsArgs && args.length === 0) return done(helpFor(t, command.topic));

  const sub = command.subcommands?.find((s) => s.words.includes((args[0] ?? '').toLowerCase()));
  const handler: Handler | undefined = sub ? sub.run : command.fallback;
  if (!handler) return done(helpFor(t, command.topic));
  const handlerArgs = sub ? args.slice(1) : args;
  const fallbackReadOnly = typeof command.fallbackReadOnly === 'function' ? command.fallbackReadOnly(handlerArgs) : command.fallbackReadOnly;
  const readOnly = Boolean(sub ? sub.readOnly : fallbackReadOnly);

  try {
    // Changes are journaled so that their author can undo them (Fortryd); reads are not.
    const journal = readOnly || sub?.notUndoable ? undefined : { command: word.toLowerCase().replace(/^\//, '') };
    const routed = await runInTransaction(deps, incoming, t, (ctx) => handler(ctx, handlerArgs), journal);
    return { ...routed, changed: !readOnly && hasChanged(routed) };
  } catch (error) {
    // Log the command word and the error, never the text: it may hold citizen details.
    deps.log?.('command.failed', { command: command.words[0], error: logSafeError(error) }, 'error');
    return done(errorReply(t.errors.internal));
  }
}

export async function routeAction(deps: RouterDeps, action: IncomingAction): Promise<Routed> {
  return measured(deps, `button:${Object.hasOwn(ACTIONS, action.actionId) ? action.actionId : 'unknown'}`, () => routeActionOnce(deps, action));
}

async function routeActionOnce(deps: RouterDeps, action: IncomingAction): Promise<Routed> {
  const t = messagesFor(action.actor.locale);
  const handler = ACTIONS[action.actionId];
  if (!handler) return { reply: errorReply(t.errors.unknownCommand(action.actionId)), announcements: [], replayed: false };
  try {
    const routed = await runInTransaction(deps, action, t, (ctx) => handler(ctx, action.value));
    return { ...routed, changed: hasChanged(routed) };
  } catch (error) {
    deps.log?.('action.failed', { action: action.actionId, error: logSafeError(error) }, 'error');
    return { reply: errorReply(t.errors.internal), announcements: [], replayed: false };
  }
}

/**
 * An entry a channel already has as values (a submitted form): run in one
 * transaction like a typed command, journaled for undo, answered once per
 * request key. `command` names it in the undo journal ("meeting", …).
 */
export async function routeEntry(
  deps: RouterDeps,
  incoming: RequestOrigin,
  command: string,
  run: (ctx: HandlerContext) => Promise<Reply>,
): Promise<Routed> {
  return measured(deps, `form:${command}`, () => routeEntryOnce(deps, incoming, command, run));
}

async function routeEntryOnce(
  deps: RouterDeps,
  incoming: RequestOrigin,
  command: string,
  run: (ctx: HandlerContext) => Promise<Reply>,
): Promise<Routed> {
  const t = messagesFor(incoming.actor.locale);
  try {
    const routed = await runInTransaction(deps, incoming, t, run, { command });
    return { ...routed, changed: hasChanged(routed) };
  } catch (error) {
    deps.log?.('entry.failed', { command, error: logSafeError(error) }, 'error');
    return { reply: errorReply(t.errors.internal), announcements: [], replayed: false };
  }
}

/** A caseload CSV uploaded on a chat platform (a Slack file in a DM, …): previewed like `/jobbot import <file>`. */
export interface IncomingUpload {
  /** The file's text; never logged. previewImport refuses it whole if it holds a CPR number. */
  content: string;
  actor: StaffMember;
  channel: SourceChannel;
  requestKey?: string;
}

export async function routeImportUpload(deps: RouterDeps, upload: IncomingUpload): Promise<Routed> {
  const t = messagesFor(upload.actor.locale);
  try {
    return await runInTransaction(deps, upload, t, (ctx) => previewImport(ctx, upload.content));
  } catch (error) {
    deps.log?.('import.failed', { error: logSafeError(error) }, 'error');
    return { reply: errorReply(t.errors.internal), announcements: [], replayed: false };
  }
}

async function runInTransaction(
  deps: RouterDeps,
  incoming: RequestOrigin,
  t: Messages,
  run: (ctx: HandlerContext) => Promise<Reply>,
  journal?: { command: string },
): Promise<Routed> {
  // Staff who have left keep their history but can no longer act: one check for commands, buttons and uploads.
  if (!incoming.actor.active) return { reply: errorReply(t.errors.inactiveUser), announcements: [], replayed: false };
  const now = deps.clock();
  const key = incoming.requestKey;
  // Refused attempts (access denied) are audited after the rollback that undoes everything else.
  const refused: AuditEntry[] = [];
  const committed: Array<() => void> = [];
  try {
    const routed = await deps.prisma.$transaction(async (db): Promise<Routed> => {
      if (key) {
        const seen = await db.processedRequest.findUnique({ where: { key } });
        if (seen) return { reply: seen.response as unknown as Reply, announcements: [], replayed: true };
      }
      const announcements: TeamAnnouncement[] = [];
      const ctx: HandlerContext = {
        db,
        now,
        today: todayIn(now),
        actor: incoming.actor,
        t,
        channel: incoming.channel,
        adminEmails: deps.adminEmails,
        ...(incoming.conversation ? { conversation: incoming.conversation } : {}),
        announce: (a) => announcements.push(a),
        refused: (entry) => refused.push(entry),
        onCommit: (work) => committed.push(work),
      };
      const work = async (): Promise<Reply> => {
        const reply = await run(ctx);
        // Failed input changes nothing: roll back anything a handler wrote before it noticed.
        if (reply.status === 'error') throw new RolledBack(reply);
        // A reply never echoes a CPR number, whatever path the value took to get there.
        if (replyHasCpr(reply)) throw new CprRefusedError('Reply', 'text');
        // Team posts go into the outbox in the same transaction: delivered once, by the outbox worker.
        await enqueueDeliveries(db, announcements.map(announcementDelivery), now);
        return reply;
      };
      let reply: Reply;
      if (journal) {
        const handled = await journalChanges(db, work);
        reply = handled.result;
        if (handled.undoable && handled.steps.length > 0) {
          const change = { actorId: incoming.actor.id, command: journal.command, steps: handled.steps, citizenIds: handled.citizenIds, now };
          reply = withUndoButton(reply, await recordUndoableChange(db, change), t);
        }
      } else {
        reply = await work();
      }
      // The stored answer replays a redelivery; an attached file (an export full of citizen data) is not kept.
      if (key) await db.processedRequest.create({ data: { key, channel: incoming.channel, response: withoutAttachment(reply) as object } });
      return { reply, announcements, replayed: false };
    }, TRANSACTION_OPTIONS);
    for (const work of committed) work();
    return startAfterCommit(deps, routed);
  } catch (error) {
    if (error instanceof RolledBack) {
      await recordRefusals(deps.prisma, refused);
      return { reply: error.reply, announcements: [], replayed: false };
    }
    // The write guard (src/db/cpr-write-guard.ts) found a CPR number in a value about to be stored.
    if (error instanceof CprRefusedError) return { reply: await refuseCpr(deps, incoming, t, error.model), announcements: [], replayed: false };
    // Two deliveries of the same request raced; the other one committed first.
    if (key && isUniqueViolation(error)) {
      const seen = await deps.prisma.processedRequest.findUnique({ where: { key } });
      if (seen) return { reply: seen.response as unknown as Reply, announcements: [], replayed: true };
    }
    throw error;
  }
}

/** Counts and times every answer for /metrics (src/metrics.ts), by a bounded kind, never by its text. */
async function measured(deps: RouterDeps, kind: string, route: () => Promise<Routed>): Promise<Routed> {
  if (!deps.metrics) return route();
  const start = process.hrtime.bigint();
  const routed = await route();
  deps.metrics.commandAnswered(kind, routed.replayed ? 'replayed' : routed.reply.status === 'error' ? 'error' : 'ok', secondsSince(start));
  return routed;
}

/** The command's English word ("meeting" for /samtale), "help", or "question" for plain chat. */
function commandKind(text: string): string {
  const word = (tokenize(text.trim())[0] ?? '').toLowerCase();
  if (!word || ['help', 'hjælp', 'hjaelp', '?'].includes(word.replace(/^\//, ''))) return 'help';
  const command = findCommand(word);
  if (command) return command.words[0] ?? 'unknown';
  return word.startsWith('/') ? 'unknown' : 'question';
}

/**
 * Post-commit work (celebrations to the team channel) starts here, for every
 * channel alike; the answer need not wait for it. If it fails, the rows are
 * already in the outbox and the scheduler's worker sends them.
 */
function startAfterCommit(deps: RouterDeps, routed: Routed): Routed {
  if (routed.replayed || routed.announcements.length === 0 || !deps.afterCommit) return routed;
  const posted = deps.afterCommit(routed).catch((error: unknown) => {
    deps.log?.('after-commit.failed', { error: logSafeError(error) }, 'warn');
  });
  return { ...routed, posted };
}

/**
 * The CPR refusal, with how to write dates and phone numbers. The attempt is
 * audited (who, where, which check caught it) without the text: the refused
 * value is kept nowhere, not even in the processed-requests table.
 */
async function refuseCpr(
  deps: RouterDeps,
  incoming: { actor: StaffMember; channel: SourceChannel },
  t: Messages,
  caughtIn: string,
): Promise<Reply> {
  await recordAudit(deps.prisma, { actorId: incoming.actor.id, action: 'cpr.refused', channel: incoming.channel, details: { caughtIn } });
  deps.log?.('cpr.refused', { caughtIn }, 'warn');
  return errorReply(t.errors.cpr, t.errors.cprHint);
}

/** An attached export holds stored values, checked when they were written; the reply itself is checked here. */
const replyHasCpr = (reply: Reply): boolean => valueHasCpr(withoutAttachment(reply));

function hasChanged(routed: Routed): boolean {
  return routed.reply.status === 'ok' && !routed.replayed;
}

function withoutAttachment(reply: Reply): Reply {
  const { attachment: _file, ...rest } = reply;
  return rest;
}

class RolledBack extends Error {
  constructor(readonly reply: Reply) {
    super('rolled back');
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'P2002';
}

function unknownCommand(t: Messages, word: string): Reply {
  // Suggest the English and the Danish name of each command, not the ASCII spellings.
  const candidates = COMMANDS.flatMap((c) => c.words.slice(0, 2));
  const closest = candidates
    .map((c) => ({ c, d: boundedEditDistance(word.toLowerCase().replace(/^\//, ''), c, Infinity) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => `/${x.c}`);
  return errorReply(`${t.errors.unknownCommand(word.replace(/^\//, ''))} ${t.errors.didYouMean(closest)}`, t.errors.tryHelp);
}
