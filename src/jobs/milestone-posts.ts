// Automatic milestone posts to the team channel (issue 14), in the
// celebration's anonymous style: no citizen, no person, only the team's count.
//   - a monthly target reached before the month is over: once per target and month;
//     the target for citizens moved up also says where the pipeline stands now
//     (how many are ready, close, further away: counts, as in the digest);
//   - a round number of citizens into work or education this year (the 25th,
//     50th, 100th, …): once per number and year. Only the highest number
//     reached is posted, so a team that passes two at once (or a first run late
//     in the year) gets one post, not a backlog.
// Each post is a team announcement with its own outbox key (outbox-queries.ts:
// announcementDelivery), so every tick, instance and restart may plan it and
// it still goes out once. Teams that turned celebrations off get none.
// Checked on the hour and the half hour in working hours (08:00–17:00), not
// every minute: an idle tick reads no target or result (test/jobs/idle-ticks),
// and a milestone is news for the day, not for the minute.
import { formatMonth } from '../domain/i18n/format.js';
import { messagesFor } from '../domain/i18n/messages.js';
import { localDateTimeToInstant, startOfMonth, toDbDate, todayIn } from '../domain/local-date.js';
import { pipelineFields } from '../domain/pipeline.js';
import { okReply, type Reply } from '../domain/reply.js';
import { announcementDelivery, enqueueDeliveries, existingDeliveryKeys, type NewDelivery } from '../db/outbox-queries.js';
import { countJobResults } from '../db/job-result-queries.js';
import { pipelineOf } from '../db/pipeline-queries.js';
import { actualForMetric } from '../db/target-queries.js';
import type { JobDeps } from './job.js';

export const KIND = 'milestone';

/** Round numbers of citizens into work or education in a year worth a post. */
export const ROUND_NUMBERS = [25, 50, 100, 150, 200, 250, 300, 400, 500] as const;

export function targetSubject(metric: string, month: string): string {
  return `target:${metric}:${month.slice(0, 7)}`;
}

export function roundNumberSubject(year: string, count: number): string {
  return `year:${year}:${count}`;
}

/** Whether `now` is a check time: :00 or :30 (Copenhagen is a whole hour off UTC) from 08:00 to 17:00. */
export function isCheckTime(now: Date): boolean {
  const today = todayIn(now);
  if (now.getUTCMinutes() % 30 !== 0) return false;
  return now >= localDateTimeToInstant(today, '08:00') && now <= localDateTimeToInstant(today, '17:00');
}

export async function run(deps: JobDeps, now: Date): Promise<number> {
  if (!isCheckTime(now)) return 0;
  const db = deps.prisma;
  const today = todayIn(now);
  const month = startOfMonth(today);
  const year = today.slice(0, 4);
  const m = messagesFor('da'); // team channels speak Danish
  const teams = await db.team.findMany({ where: { celebrationsEnabled: true }, select: { id: true } });
  if (teams.length === 0) return 0;
  const targets = await db.monthlyTarget.findMany({ where: { teamId: { in: teams.map((x) => x.id) }, month: toDbDate(month), target: { gt: 0 } } });
  const keyOf = (teamId: string, subjectId: string) => announcementDelivery({ kind: KIND, teamId, subjectId, reply: okReply('') }).key;
  // Targets already posted this month are not counted again.
  const posted = await existingDeliveryKeys(db, targets.map((x) => keyOf(x.teamId, targetSubject(x.metric, month))));
  const deliveries: NewDelivery[] = [];
  for (const target of targets) {
    const subjectId = targetSubject(target.metric, month);
    if (posted.has(keyOf(target.teamId, subjectId))) continue;
    const actual = await actualForMetric(db, target.teamId, target.metric, month, today);
    if (actual < target.target) continue;
    const label = m.labels.targetMetric[target.metric];
    const monthName = formatMonth(month, 'da');
    const text = m.milestone.targetReached(label, actual, target.target, monthName);
    const pipeline = target.metric === 'READINESS_MOVES' ? pipelineFields(m.pipeline, await pipelineOf(db, { teamId: target.teamId }, month, today), monthName)[0] : undefined;
    const extra = pipeline ? `${pipeline.label}: ${pipeline.value}` : undefined;
    deliveries.push(announcementDelivery({ kind: KIND, teamId: target.teamId, subjectId, reply: post(m.milestone.targetReachedTitle, text, extra) }));
  }
  for (const team of teams) {
    const count = await countJobResults(db, { teamId: team.id }, `${year}-01-01`, today);
    const reached = [...ROUND_NUMBERS].reverse().find((n) => count >= n);
    if (reached === undefined) continue;
    const text = m.milestone.roundNumber(reached, year);
    deliveries.push(announcementDelivery({ kind: KIND, teamId: team.id, subjectId: roundNumberSubject(year, reached), reply: post(m.milestone.roundNumberTitle, text) }));
  }
  // Unique keys: what was posted before (or by another instance just now) is left alone.
  return enqueueDeliveries(db, deliveries, now);
}

/** The celebration's shape: a header and one sentence (and a line of counts), naming no one. */
function post(title: string, text: string, context?: string): Reply {
  return okReply(`${title} ${text}${context ? `\n${context}` : ''}`, [
    { type: 'header', text: title },
    { type: 'text', text },
    ...(context ? [{ type: 'context' as const, text: context }] : []),
  ], 'channel');
}

