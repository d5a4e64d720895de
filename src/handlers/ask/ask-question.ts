// Plain-chat questions (issue 6). The router sends here any text whose first
// word is not a command. Understood questions are answered inside the
// router's transaction (same access rules and audit as the commands);
// anything that reads like a change is never guessed: the reply names the
// command to use. Not understood: say so and suggest the three closest
// questions or commands.
import { isManager } from '../../domain/access.js';
import type { Messages } from '../../domain/i18n/messages.js';
import { todayIn } from '../../domain/local-date.js';
import { boundedEditDistance, foldWord } from '../../domain/questions/normalize.js';
import { MANAGER_INTENTS, understandQuestion, type Intent, type Question, type WriteTopic } from '../../domain/questions/understand.js';
import { errorReply, type Reply, type ReplyBlock } from '../../domain/reply.js';
import type { Role } from '../../domain/enums.js';
import { answerMyCaseload, answerStaffCaseload, answerTeamOverview } from './ask-caseload.js';
import { answerOutcomes } from './ask-outcomes.js';
import { answerOverdue, answerOverdueRanking } from './ask-overdue.js';
import { answerPlacements } from './ask-placements.js';
import { answerTargetProgress } from './ask-targets.js';
import { answerTimeline } from './ask-timeline.js';
import { answerUpcoming } from './ask-upcoming.js';
import type { HandlerContext } from '../context.js';
import { helpOverview } from '../help.js';
import type { Incoming, Routed, RouterDeps } from '../context.js';
import { logSafeError } from '../../log-safe-error.js';

export interface AskRouting {
  /** The router's transaction (idempotency, rollback on error replies). */
  inTransaction: (run: (ctx: HandlerContext) => Promise<Reply>) => Promise<Routed>;
  /** The router's own "unknown command" answer, kept for a single unknown word. */
  unknownCommand: () => Reply;
  /** Command words to suggest when a word is close to one ('caseload', 'sager', …). */
  commandWords: readonly string[];
}

export async function askQuestion(deps: RouterDeps, incoming: Incoming, t: Messages, routing: AskRouting): Promise<Routed> {
  const done = (reply: Reply): Routed => ({ reply, announcements: [], replayed: false });
  const understood = understandQuestion(incoming.text, todayIn(deps.clock()));
  if (understood.kind === 'write') return done(writeRefused(t, understood.topics));
  if (understood.kind === 'unknown') {
    // One unknown word is most likely a mistyped command: keep the command suggestions.
    if (understood.words.length <= 1) return done(routing.unknownCommand());
    return done(notUnderstood(t, understood.suggestions, understood.words, routing.commandWords, incoming.actor.role));
  }
  const question = understood.question;
  try {
    return await routing.inTransaction((ctx) => answerQuestion(ctx, question));
  } catch (error) {
    // Log the intent and the error, never the text: it may hold citizen details.
    deps.log?.('question.failed', { intent: question.intent, error: logSafeError(error) }, 'error');
    return done(errorReply(t.errors.internal));
  }
}

export async function answerQuestion(ctx: HandlerContext, q: Question): Promise<Reply> {
  const reply = await answerIntent(ctx, q);
  // "hvem har vi glemt?" from a caseworker or consultant is answered for their own
  // citizens, never refused and never the team's: the answer says which it is.
  if (q.team && !isManager(ctx.actor) && reply.status === 'ok') {
    return { ...reply, text: `${reply.text}\n${ctx.t.ask.ownInsteadOfTeam}`, blocks: [...reply.blocks, { type: 'context', text: ctx.t.ask.ownInsteadOfTeam }] };
  }
  return reply;
}

function answerIntent(ctx: HandlerContext, q: Question): Promise<Reply> {
  switch (q.intent) {
    case 'overdue':
      return answerOverdue(ctx, q);
    case 'overdueRanking':
      return answerOverdueRanking(ctx, q);
    case 'upcoming':
      return answerUpcoming(ctx, q);
    case 'inPlacement':
      return answerPlacements(ctx, q);
    case 'outcomes':
      return answerOutcomes(ctx, q);
    case 'myCaseload':
      return answerMyCaseload(ctx, q);
    case 'staffCaseload':
      return answerStaffCaseload(ctx, q);
    case 'teamOverview':
      return answerTeamOverview(ctx, q);
    case 'targetProgress':
      return answerTargetProgress(ctx, q);
    case 'citizenTimeline':
      return answerTimeline(ctx, q);
    case 'help':
      return Promise.resolve(helpWithQuestions(ctx.t, ctx.actor.role));
  }
}

/** The command overview followed by example questions. */
export function helpWithQuestions(t: Messages, role: Role): Reply {
  const help = helpOverview(t);
  const examples = questionsFor(role).map((intent) => t.ask.examples[intent]);
  return { ...help, blocks: [...help.blocks, { type: 'list', title: t.ask.examplesTitle, items: examples }] };
}

function questionsFor(role: Role): Intent[] {
  const all: Intent[] = ['overdue', 'upcoming', 'inPlacement', 'myCaseload', 'citizenTimeline', 'outcomes', 'targetProgress', 'teamOverview', 'overdueRanking', 'staffCaseload'];
  return isManager({ role }) ? all : all.filter((i) => !MANAGER_INTENTS.has(i));
}

function suggestionReply(t: Messages, intro: string, items: string[]): Reply {
  const blocks: ReplyBlock[] = [{ type: 'text', text: intro }, { type: 'list', items }, { type: 'context', text: t.ask.moreHelp }];
  return { text: `${intro}\n${items.join('\n')}`, blocks, visibility: 'private', status: 'error' };
}

function writeRefused(t: Messages, topics: WriteTopic[]): Reply {
  return suggestionReply(t, t.ask.writeRefused, topics.map((topic) => t.usage[topic].examples[0] ?? t.usage[topic].syntax[0] ?? ''));
}

/** Commands whose word is within two slips of a word typed, then the nearest questions; three in all. */
function notUnderstood(t: Messages, intents: Intent[], words: string[], commandWords: readonly string[], role: Role): Reply {
  const commands: string[] = [];
  for (const word of words) {
    if (word.length < 4) continue;
    const best = commandWords
      .map((c) => ({ c, d: boundedEditDistance(word, foldWord(c), 2) }))
      .filter((x) => x.d <= 2)
      .sort((a, b) => a.d - b.d)[0];
    if (best && !commands.includes(`/${best.c}`)) commands.push(`/${best.c}`);
  }
  const allowed = intents.filter((i) => i !== 'help' && i !== 'staffCaseload' && (isManager({ role }) || !MANAGER_INTENTS.has(i)));
  const items = [...commands.slice(0, 2), ...allowed.map((i) => t.ask.examples[i])].slice(0, 3);
  return suggestionReply(t, t.ask.notUnderstood, items);
}
