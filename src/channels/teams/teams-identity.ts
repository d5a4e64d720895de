// Teams user (AAD object id) → staff member through the platform-neutral
// resolveStaff (handlers/resolve-staff.ts). What is Teams' here is the profile
// lookup: the e-mail and UPN from TeamsInfo.getMember, read only for an object
// id not linked yet.
import type { PrismaClient } from '../../db/types.js';
import { resolveStaff, type StaffIdentity } from '../../handlers/resolve-staff.js';

export interface TeamsUser {
  aadObjectId?: string;
  /** Reads the profile (TeamsInfo.getMember) only when the id is not known yet. */
  lookupEmails: () => Promise<string[]>;
}

/** Who wrote; an unknown user's object id (lower case) is kept for the "ask an admin to link" answer. */
export type IdentityResult = Exclude<StaffIdentity, { kind: 'unknown' }> | { kind: 'unknown'; aadObjectId?: string };

export async function resolveTeamsUser(prisma: PrismaClient, user: TeamsUser): Promise<IdentityResult> {
  const aad = user.aadObjectId?.trim().toLowerCase();
  if (!aad) return { kind: 'unknown' };
  const identity = await resolveStaff(prisma, { platform: 'teams', accountId: aad, emails: user.lookupEmails });
  return identity.kind === 'unknown' ? { kind: 'unknown', aadObjectId: aad } : identity;
}
