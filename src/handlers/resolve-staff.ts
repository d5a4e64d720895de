// Who is writing, on any chat platform: a Slack user id or a Teams AAD object
// id → staff member. Known ids are looked up on the staff record
// (Staff.slackUserId, Staff.teamsAadObjectId). An unknown id is linked on first
// use when the profile's e-mail (asked for only then) equals the e-mail on
// exactly one active staff record that has no account on that platform yet;
// otherwise an admin links it with /jobbot link. Staff who have left are
// recognised and refused, never served. E-mails are never logged.
import { recordAudit } from '../db/audit.js';
import type { StaffMember } from '../db/staff-queries.js';
import type { Db, PrismaClient } from '../db/types.js';

export type StaffPlatform = 'slack' | 'teams';

export type StaffIdentity = { kind: 'staff'; staff: StaffMember } | { kind: 'inactive' } | { kind: 'unknown' };

export interface StaffAccount {
  platform: StaffPlatform;
  /** The platform's user id (Slack U…/W…, Teams AAD object id). */
  accountId: string;
  /** The profile's e-mail addresses; called only for an id not linked yet. A rejection counts as none. */
  emails: () => Promise<string[]>;
}

export async function resolveStaff(db: PrismaClient | Db, account: StaffAccount): Promise<StaffIdentity> {
  // Teams object ids are GUIDs an admin may have typed in capitals; Slack ids are upper case as given.
  const accountId = account.platform === 'teams' ? account.accountId.trim().toLowerCase() : account.accountId.trim();
  if (!accountId) return { kind: 'unknown' };
  const linked = await findLinked(db, account.platform, accountId);
  if (linked) return linked.active ? { kind: 'staff', staff: linked } : { kind: 'inactive' };

  let emails: string[];
  try {
    emails = [...new Set((await account.emails()).map((e) => e.trim().toLowerCase()).filter((e) => e.includes('@')))];
  } catch {
    emails = [];
  }
  if (emails.length === 0) return { kind: 'unknown' };
  const field = account.platform === 'slack' ? 'slackUserId' : 'teamsAadObjectId';
  // Never take over a record that is already linked to another account on this platform.
  const candidates = await db.staff.findMany({ where: { email: { in: emails, mode: 'insensitive' }, [field]: null }, include: { team: true } });
  const active = candidates.filter((s) => s.active);
  const [only] = active;
  if (active.length === 0 && candidates.length > 0) return { kind: 'inactive' };
  // No free record: a concurrent first message from the same account may have linked it meanwhile.
  if (active.length !== 1 || !only) return (await linkedNow(db, account.platform, accountId)) ?? { kind: 'unknown' };
  // A new Slack user means a new DM channel: forget any cached one.
  const data = account.platform === 'slack' ? { slackUserId: accountId, slackDmChannelId: null } : { teamsAadObjectId: accountId };
  // Only link while nobody else holds the id (two first messages at once).
  const updated = await db.staff.updateMany({ where: { id: only.id, [field]: null }, data });
  if (updated.count !== 1) return (await linkedNow(db, account.platform, accountId)) ?? { kind: 'unknown' };
  await recordAudit(db, {
    actorId: only.id,
    action: `staff.link.${account.platform}.email`,
    channel: account.platform === 'slack' ? 'SLACK' : 'TEAMS',
    details: { staffId: only.id },
  });
  return { kind: 'staff', staff: { ...only, ...data } };
}

/** The link as it stands now (read again after losing a race), or undefined when there is none. */
async function linkedNow(db: PrismaClient | Db, platform: StaffPlatform, accountId: string): Promise<StaffIdentity | undefined> {
  const staff = await findLinked(db, platform, accountId);
  if (!staff) return undefined;
  return staff.active ? { kind: 'staff', staff } : { kind: 'inactive' };
}

function findLinked(db: PrismaClient | Db, platform: StaffPlatform, accountId: string): Promise<StaffMember | null> {
  return platform === 'slack'
    ? db.staff.findUnique({ where: { slackUserId: accountId }, include: { team: true } })
    : db.staff.findFirst({ where: { teamsAadObjectId: { equals: accountId, mode: 'insensitive' } }, include: { team: true } });
}
