// The personal dashboard (Slack App Home; a Teams tab could show the same):
// the user's caseload facts (check-ins due this week and overdue, active
// placements and follow-ups due, outcomes this month, caseload against the
// norm), for managers the team's and this month's targets, and buttons that
// open the forms. Built from the same handlers as /caseload and /targets.
import { messagesFor } from '../../domain/i18n/messages.js';
import { todayIn } from '../../domain/local-date.js';
import { okReply, type Reply, type ReplyBlock } from '../../domain/reply.js';
import { recordCitizensShown } from '../../db/audit.js';
import type { StaffMember } from '../../db/staff-queries.js';
import type { SourceChannel } from '../../db/types.js';
import { showCaseload } from './caseload.js';
import type { HandlerContext } from '../context.js';
import type { RouterDeps } from '../context.js';
import { listTargets } from './targets.js';

/**
 * The dashboard as of now. Building it writes nothing: the handlers it reuses
 * audit their own views (caseload.view), which a refresh the user did not ask
 * for must not leave behind. When the user `opened` it, that is audited once
 * as dashboard.view.
 */
export async function buildDashboard(deps: RouterDeps, actor: StaffMember, channel: SourceChannel, options: { opened?: boolean } = {}): Promise<Reply> {
  const t = messagesFor(actor.locale);
  const now = deps.clock();
  const h = t.home;
  const time = new Intl.DateTimeFormat(t.locale === 'da' ? 'da-DK' : 'en-GB', { timeZone: 'Europe/Copenhagen', dateStyle: 'medium', timeStyle: 'short' }).format(now);
  const blocks: ReplyBlock[] = [
    { type: 'header', text: h.title },
    { type: 'context', text: h.updated(time) },
    {
      type: 'actions',
      actions: [
        { id: 'meeting.log', label: h.logMeeting, value: '', style: 'primary' },
        { id: 'placement.log', label: h.startPlacement, value: '' },
        { id: 'followup.log', label: h.logFollowUp, value: '' },
        { id: 'outcome.log', label: h.logOutcome, value: '' },
      ],
    },
  ];
  // One transaction so the numbers agree with each other, rolled back: the handlers' own view audits go with it.
  // The citizens the caseload part names, read from its own (rolled back) audit rows: logged below as the dashboard's.
  let shown: string[] = [];
  try {
    await deps.prisma.$transaction(async (db) => {
      const ctx: HandlerContext = { db, now, today: todayIn(now), actor, t, channel, adminEmails: deps.adminEmails, announce: () => {} };
      const before = (await db.auditLog.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0n;
      const caseload = await showCaseload(ctx, []);
      shown = (await db.auditLog.findMany({ where: { id: { gt: before }, citizenId: { not: null } }, select: { citizenId: true } })).flatMap((r) => (r.citizenId ? [r.citizenId] : []));
      blocks.push(...caseload.blocks);
      if (actor.role === 'MANAGER' && actor.teamId) {
        const targets = await listTargets(ctx, []);
        blocks.push({ type: 'header', text: h.targetsTitle }, ...targets.blocks.filter((b) => b.type !== 'header'));
      }
      throw new ReadOnly();
    });
  } catch (error) {
    if (!(error instanceof ReadOnly)) throw error;
  }
  if (options.opened) await recordCitizensShown(deps.prisma, { actorId: actor.id, action: 'dashboard.view', channel }, shown);
  return okReply(h.title, blocks);
}

/** Ends the dashboard's transaction without keeping anything it wrote. */
class ReadOnly extends Error {
  constructor() {
    super('dashboard is read-only');
  }
}
