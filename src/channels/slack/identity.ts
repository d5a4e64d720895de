// Slack user → staff member. Linked once by Slack user id (Staff.slackUserId);
// on first use the e-mail on the Slack profile (users.info, scope
// users:read.email) is matched against the staff record's e-mail. An admin can
// link by hand with /jobbot link @user <handle>. The e-mail is never logged.
import type { webApi } from '@slack/bolt';
import { recordAudit } from '../../db/audit.js';
import type { StaffMember } from '../../db/staff-queries.js';
import type { PrismaClient } from '../../db/types.js';

export type Identity = { kind: 'staff'; staff: StaffMember } | { kind: 'inactive' } | { kind: 'unknown' };

export async function identify(
  prisma: PrismaClient,
  client: webApi.WebClient,
  slackUserId: string,
  log: (event: string, fields: Record<string, unknown>) => void,
): Promise<Identity> {
  const linked = await prisma.staff.findUnique({ where: { slackUserId }, include: { team: true } });
  if (linked) return linked.active ? { kind: 'staff', staff: linked } : { kind: 'inactive' };
  let email: string | undefined;
  try {
    const info = await client.users.info({ user: slackUserId });
    if (info.user?.is_bot || info.user?.deleted) return { kind: 'unknown' };
    email = info.user?.profile?.email?.trim().toLowerCase();
  } catch (error) {
    log('slack.identity.lookup_failed', { error: errorCode(error) });
    return { kind: 'unknown' };
  }
  if (!email) return { kind: 'unknown' };
  const byEmail = await prisma.staff.findUnique({ where: { email }, include: { team: true } });
  // Never take over a record that is already linked to another Slack user.
  if (!byEmail || byEmail.slackUserId) return { kind: 'unknown' };
  if (!byEmail.active) return { kind: 'inactive' };
  const updated = await prisma.staff.updateMany({ where: { id: byEmail.id, slackUserId: null }, data: { slackUserId, slackDmChannelId: null } });
  if (updated.count === 0) return { kind: 'unknown' };
  await recordAudit(prisma, { actorId: byEmail.id, action: 'staff.link.slack.email', channel: 'SLACK', details: { staffId: byEmail.id } });
  log('slack.identity.linked', { staffId: byEmail.id });
  return { kind: 'staff', staff: { ...byEmail, slackUserId, slackDmChannelId: null } };
}

/** Slack's error code (e.g. "user_not_found") or the error class, never request data. */
export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const data = (error as { data?: { error?: unknown } }).data;
    if (data && typeof data.error === 'string') return data.error;
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return error instanceof Error ? error.name : 'unknown';
}
