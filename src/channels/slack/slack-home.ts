// The App Home: each staff member's dashboard, published when they open the
// tab, after a request of theirs changed something, and every working morning
// for everyone linked (refreshHomes, the scheduler's afterMorning hook).
import { messagesFor } from '../../domain/i18n/messages.js';
import type { Locale } from '../../domain/enums.js';
import { errorReply, okReply, type Reply } from '../../domain/reply.js';
import type { StaffMember } from '../../db/staff-queries.js';
import { buildDashboard } from '../../handlers/caseload/dashboard.js';
import type { Routed, RouterDeps } from '../../handlers/context.js';
import { runPool } from '../../delivery/pool.js';
import { asStaff } from './as-staff.js';
import { errorCode } from './identity.js';
import { parseHomeOpened } from './parse-payload.js';
import { renderHome } from './render-block-kit.js';
import type { SlackDeps } from './slack-deps.js';

/** App Homes published at once by refreshHomes (views.publish is Tier 4). */
const HOME_REFRESH_CONCURRENCY = 4;

/** Publishes the App Home; `opened` when the user opened it (audited once as dashboard.view), not a refresh. */
export async function refreshHome(deps: SlackDeps, staff: StaffMember, routerDeps: RouterDeps = deps.router, opened = false): Promise<void> {
  if (!staff.slackUserId) return;
  const t = messagesFor(staff.locale);
  const reply = await buildDashboard(routerDeps, staff, 'SLACK', { opened });
  await deps.client.views.publish({ user_id: staff.slackUserId, view: renderHome(reply, { andMore: t.common.andMore }) });
}

/** Every active staff member linked to Slack, as of `now` (a bounded pool; one failure does not stop the rest). */
export async function refreshHomes(deps: SlackDeps, now: Date): Promise<{ refreshed: number; failed: number }> {
  const staff = await deps.prisma.staff.findMany({ where: { active: true, slackUserId: { not: null } }, include: { team: true }, orderBy: { handle: 'asc' } });
  const asOfNow: RouterDeps = { ...deps.router, clock: () => now };
  let refreshed = 0;
  let failed = 0;
  await runPool(staff, HOME_REFRESH_CONCURRENCY, async (member) => {
    try {
      await refreshHome(deps, member, asOfNow);
      refreshed++;
    } catch (error) {
      failed++;
      deps.log('slack.home.refresh_failed', { staffId: member.id, error: errorCode(error) }, 'warn');
    }
  });
  deps.log('slack.homes.refreshed', { refreshed, failed }, 'info');
  return { refreshed, failed };
}

/** After answering: the router's celebrations settled and, when something changed, a fresh App Home. */
export async function afterRouted(deps: SlackDeps, actor: StaffMember, routed: Routed): Promise<void> {
  await routed.posted;
  if (routed.changed) await refreshHomeCoalesced(deps, actor);
}

/**
 * One App Home refresh at a time per person: changes that arrive while one is
 * being built ask for one more pass, not one each (five quick commands cost
 * two dashboards, not five). The pass after them shows the latest state.
 */
async function refreshHomeCoalesced(deps: SlackDeps, staff: StaffMember): Promise<void> {
  if (deps.homeRefreshes.has(staff.id)) {
    deps.homeRefreshes.set(staff.id, 'again');
    return;
  }
  deps.homeRefreshes.set(staff.id, 'running');
  try {
    do {
      deps.homeRefreshes.set(staff.id, 'running');
      await refreshHome(deps, staff);
    } while (deps.homeRefreshes.get(staff.id) === 'again');
  } finally {
    deps.homeRefreshes.delete(staff.id);
  }
}

/** app_home_opened: the dashboard for staff; for anyone else, whom to ask. */
export async function onHomeOpened(deps: SlackDeps, body: unknown): Promise<void> {
  const opened = parseHomeOpened(body);
  if (!opened) return;
  const publish = (reply: Reply, locale: Locale) =>
    deps.client.views.publish({ user_id: opened.user.userId, view: renderHome(reply, { andMore: messagesFor(locale).common.andMore }) });
  await asStaff(
    deps,
    { what: 'home', slackUserId: opened.user.userId, deny: (text) => publish(okReply(text), 'da'), fail: (text, locale) => publish(errorReply(text), locale) },
    (actor) => refreshHome(deps, actor, deps.router, true),
  );
}
