// Slack user → staff member through the platform-neutral resolveStaff
// (handlers/resolve-staff.ts). What is Slack's here is the profile lookup: the
// e-mail on the Slack profile (users.info, scope users:read.email), read only
// for a user id not linked yet. Bots and deactivated Slack users have none.
// The e-mail is never logged.
import type { webApi } from '@slack/bolt';
import type { PrismaClient } from '../../db/types.js';
import { resolveStaff, type StaffIdentity } from '../../handlers/resolve-staff.js';

export type Identity = StaffIdentity;

export async function identify(
  prisma: PrismaClient,
  client: webApi.WebClient,
  slackUserId: string,
  log: (event: string, fields: Record<string, unknown>) => void,
): Promise<Identity> {
  const identity = await resolveStaff(prisma, {
    platform: 'slack',
    accountId: slackUserId,
    emails: async () => {
      try {
        const info = await client.users.info({ user: slackUserId });
        if (info.user?.is_bot || info.user?.deleted) return [];
        const email = info.user?.profile?.email;
        return email ? [email] : [];
      } catch (error) {
        log('slack.identity.lookup_failed', { error: errorCode(error) });
        return [];
      }
    },
  });
  return identity;
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
