// /milepæl [text] (English /milestone): a manager shares the team's progress
// (this month's targets with the pace still needed, the readiness pipeline,
// the year's tally, the chart) with a few words of their own in the team channel. A preview first,
// only for the manager, with a button (and `/milepæl send <text>` where there
// are no buttons, as in the console); then the post, through the outbox like
// a celebration: once per team, day and text. Counts only, never a citizen:
// the words pass the CPR check and a length limit, and may not name a case.
import { createHash } from 'node:crypto';
import { TARGET_METRICS } from '../../domain/enums.js';
import { containsCprNumber } from '../../domain/cpr.js';
import { formatMonth } from '../../domain/i18n/format.js';
import { messagesFor } from '../../domain/i18n/messages.js';
import { startOfMonth, toDbDate } from '../../domain/local-date.js';
import { pipelineFields } from '../../domain/pipeline.js';
import { okReply, type Reply, type ReplyBlock } from '../../domain/reply.js';
import { targetLine, workingDaysLeftInMonth } from '../../domain/target-progress.js';
import { announcementDelivery, existingDeliveryKeys } from '../../db/outbox-queries.js';
import { countJobResults } from '../../db/job-result-queries.js';
import { pipelineOf } from '../../db/pipeline-queries.js';
import { actualForMetric } from '../../db/target-queries.js';
import type { Db } from '../../db/types.js';
import { teamChartAttachment } from '../../charts/team-chart.js';
import { fail, type Checked } from '../arguments.js';
import { requireManager } from '../citizen/citizen-access.js';
import type { HandlerContext } from '../context.js';

export const MILESTONE_KIND = 'milestone';
export const MILESTONE_POST_ACTION = 'milestone.post';
/** A few words, not a report: the same limit as a meeting note. */
export const MAX_MILESTONE_TEXT = 200;

/** `/milepæl [text]`: the preview, only for the manager. */
export async function previewMilestone(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const { t } = ctx;
  const team = await managersTeam(ctx);
  if (!team.ok) return team.reply;
  const text = await checkText(ctx, args.join(' '));
  if (!text.ok) return text.reply;
  const post = await milestoneBlocks(ctx.db, team.value, ctx.today, text.value, ctx.actor.displayName);
  const command = `/${t.locale === 'da' ? 'milepæl' : 'milestone'} send${text.value ? ` ${text.value}` : ''}`;
  const blocks: ReplyBlock[] = [
    { type: 'context', text: t.milestone.previewTitle },
    ...post.blocks,
    { type: 'context', text: t.milestone.chartNote },
    { type: 'text', text: t.milestone.sendHint(`\`${command}\``) },
    { type: 'actions', actions: [{ id: MILESTONE_POST_ACTION, label: t.milestone.sendButton, value: text.value, style: 'primary' }] },
  ];
  return okReply(`${t.milestone.previewTitle}\n${post.text}`, blocks);
}

/** `/milepæl send [text]`. */
export function sendMilestoneCommand(ctx: HandlerContext, args: string[]): Promise<Reply> {
  return sendMilestone(ctx, args.join(' '));
}

/** The preview's button: its value is the text, checked again as if typed. */
export function milestoneAction(ctx: HandlerContext, value: string): Promise<Reply> {
  return sendMilestone(ctx, value);
}

async function sendMilestone(ctx: HandlerContext, raw: string): Promise<Reply> {
  const { t } = ctx;
  const team = await managersTeam(ctx);
  if (!team.ok) return team.reply;
  const text = await checkText(ctx, raw);
  if (!text.ok) return text.reply;
  // The same words on the same day are one post, however often the button is pressed.
  const subjectId = `manual:${ctx.today}:${createHash('sha256').update(text.value).digest('hex').slice(0, 16)}`;
  const key = announcementDelivery({ kind: MILESTONE_KIND, teamId: team.value.id, subjectId, reply: okReply('') }).key;
  if ((await existingDeliveryKeys(ctx.db, [key])).has(key)) return okReply(t.milestone.alreadyPosted);
  const post = await milestoneBlocks(ctx.db, team.value, ctx.today, text.value, ctx.actor.displayName);
  const chart = await teamChartAttachment(ctx.db, team.value, startOfMonth(ctx.today), 'da');
  const reply: Reply = { ...okReply(post.text, post.blocks, 'channel'), ...(chart ? { attachment: chart } : {}) };
  ctx.announce({ kind: MILESTONE_KIND, teamId: team.value.id, subjectId, reply });
  return okReply(t.milestone.posted(team.value.name));
}

async function managersTeam(ctx: HandlerContext): Promise<Checked<{ id: string; name: string }>> {
  const team = requireManager(ctx);
  if (!team.ok) return team;
  const found = await ctx.db.team.findUniqueOrThrow({ where: { id: team.value }, select: { id: true, name: true } });
  return { ok: true, value: found };
}

/** The manager's words: trimmed, unquoted, within the limit, no CPR number, no case reference. */
async function checkText(ctx: HandlerContext, raw: string): Promise<Checked<string>> {
  const { t } = ctx;
  const text = raw.trim().replace(/^["“„](.*)["”“]$/s, '$1').trim();
  if (text.length > MAX_MILESTONE_TEXT) return fail(t.milestone.textTooLong(MAX_MILESTONE_TEXT));
  if (containsCprNumber(text)) return fail(t.errors.cpr, t.errors.cprHint);
  // Any word with a digit could be a case reference: refused if a citizen has it.
  const words = [...new Set(text.split(/[\s,.;:!?()"“”„']+/).filter((w) => /\d/.test(w)).map((w) => w.toUpperCase()))];
  if (words.length) {
    const named = await ctx.db.citizen.findFirst({ where: { ref: { in: words, mode: 'insensitive' } }, select: { ref: true } });
    if (named) return fail(t.milestone.namesCitizen(named.ref));
  }
  return { ok: true, value: text };
}

/** The post as the team channel sees it (in Danish, like every team post): counts only. */
export async function milestoneBlocks(db: Db, team: { id: string; name: string }, today: string, text: string, author: string): Promise<{ text: string; blocks: ReplyBlock[] }> {
  const m = messagesFor('da');
  const t = m.milestone;
  const month = startOfMonth(today);
  const monthName = formatMonth(month, 'da');
  const blocks: ReplyBlock[] = [{ type: 'header', text: t.title(team.name) }];
  if (text) blocks.push({ type: 'text', text: t.quote(text, author) });
  const targets = await db.monthlyTarget.findMany({ where: { teamId: team.id, month: toDbDate(month) } });
  const lines: string[] = [];
  const daysLeft = workingDaysLeftInMonth(today, month);
  const words = { line: m.reminders.targetLine, pace: m.targets.pace, reached: m.targets.reached };
  for (const metric of TARGET_METRICS) {
    const target = targets.find((x) => x.metric === metric);
    if (!target) continue;
    lines.push(targetLine(words, m.labels.targetMetric[metric], await actualForMetric(db, team.id, metric, month, today), target.target, daysLeft));
  }
  blocks.push(lines.length ? { type: 'list', title: t.targetsTitle(monthName), items: lines } : { type: 'text', text: t.noTargets(monthName) });
  // The pipeline as the digest shows it: how many are ready, close, further away; never who.
  const pipeline = pipelineFields(m.pipeline, await pipelineOf(db, { teamId: team.id }, month, today), monthName);
  blocks.push({ type: 'fields', fields: pipeline });
  const year = today.slice(0, 4);
  const ofYear = await countJobResults(db, { teamId: team.id }, `${year}-01-01`, today);
  blocks.push({ type: 'context', text: t.yearLine(ofYear, year) });
  const pipelineText = pipeline.map((f) => `${f.label}: ${f.value}`);
  return { text: [t.title(team.name), ...(text ? [t.quote(text, author)] : []), ...lines, ...pipelineText, t.yearLine(ofYear, year)].join('\n'), blocks };
}
