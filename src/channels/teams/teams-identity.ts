// Who is writing: Teams user (AAD object id) → staff member. Known ids are
// looked up in Staff.teamsAadObjectId. An unknown id is linked on first use
// when the Teams profile's e-mail or UPN equals the e-mail on exactly one
// active staff record that has no Teams user yet; otherwise an admin links
// it with /jobbot link.
import type { PrismaClient } from '../../db/types.js';
import type { StaffMember } from '../../db/staff-queries.js';

export interface TeamsUser {
  aadObjectId?: string;
  /** Reads the profile (TeamsInfo.getMember) only when the id is not known yet. */
  lookupEmails: () => Promise<string[]>;
}

export type IdentityResult =
  | { kind: 'known'; staff: StaffMember }
  | { kind: 'linked'; staff: StaffMember }
  | { kind: 'unknown'; aadObjectId?: string };

export async function resolveTeamsUser(prisma: PrismaClient, user: TeamsUser): Promise<IdentityResult> {
  const aad = user.aadObjectId?.trim().toLowerCase();
  if (aad) {
    // Case-insensitive: an admin may have typed the id in capitals (/jobbot link teams:<id>).
    const staff = await prisma.staff.findFirst({ where: { teamsAadObjectId: { equals: aad, mode: 'insensitive' } }, include: { team: true } });
    if (staff) return { kind: 'known', staff };
  }
  if (!aad) return { kind: 'unknown' };
  let emails: string[] = [];
  try {
    emails = [...new Set((await user.lookupEmails()).map((e) => e.trim().toLowerCase()).filter((e) => e.includes('@')))];
  } catch {
    emails = [];
  }
  if (emails.length === 0) return { kind: 'unknown', aadObjectId: aad };
  const candidates = await prisma.staff.findMany({
    where: { email: { in: emails, mode: 'insensitive' }, teamsAadObjectId: null },
    include: { team: true },
  });
  const [only] = candidates;
  if (candidates.length !== 1 || !only) return { kind: 'unknown', aadObjectId: aad };
  // Only link while nobody else holds the id (two first messages at once).
  const updated = await prisma.staff.updateMany({ where: { id: only.id, teamsAadObjectId: null }, data: { teamsAadObjectId: aad } });
  if (updated.count !== 1) {
    const staff = await prisma.staff.findUnique({ where: { teamsAadObjectId: aad }, include: { team: true } });
    return staff ? { kind: 'known', staff } : { kind: 'unknown', aadObjectId: aad };
  }
  await prisma.auditLog.create({ data: { actorId: only.id, action: 'staff.teams.linked', channel: 'TEAMS', details: { by: 'email' } } });
  return { kind: 'linked', staff: { ...only, teamsAadObjectId: aad } };
}
