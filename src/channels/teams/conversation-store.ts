// Teams conversation references in the ConversationRef table, so proactive
// messages (reminders 1:1, digests and celebrations in a team channel) work
// after a restart. One row per conversation; a personal one names the staff
// member, a channel one the jobbot team once linked (/jobbot teams-channel).
import type { ConversationReference } from 'botbuilder';
import type { Prisma, PrismaClient } from '../../db/types.js';

const PLATFORM = 'teams';

export type StoredScope = 'personal' | 'channel';

export interface StoredReference {
  id: string;
  conversationId: string;
  scope: StoredScope;
  staffId: string | null;
  teamId: string | null;
  installed: boolean;
  reference: Partial<ConversationReference>;
}

type Db = PrismaClient | Prisma.TransactionClient;

export async function saveReference(
  db: Db,
  input: { conversationId: string; scope: StoredScope; reference: Partial<ConversationReference>; staffId?: string | null },
): Promise<StoredReference> {
  const reference = JSON.parse(JSON.stringify(input.reference)) as Prisma.InputJsonValue;
  const row = await db.conversationRef.upsert({
    where: { platform_conversationId: { platform: PLATFORM, conversationId: input.conversationId } },
    // A message or a reinstall proves the bot is (again) in the conversation.
    update: { reference, installed: true, scope: input.scope, ...(input.staffId ? { staffId: input.staffId } : {}) },
    create: { platform: PLATFORM, conversationId: input.conversationId, scope: input.scope, reference, staffId: input.staffId ?? null },
  });
  return toStored(row);
}

export async function findByConversation(db: Db, conversationId: string): Promise<StoredReference | null> {
  const row = await db.conversationRef.findUnique({ where: { platform_conversationId: { platform: PLATFORM, conversationId } } });
  return row ? toStored(row) : null;
}

/** The newest installed personal chat with this staff member. */
export async function findPersonal(db: Db, staffId: string): Promise<StoredReference | null> {
  const row = await db.conversationRef.findFirst({
    where: { platform: PLATFORM, staffId, scope: 'personal', installed: true },
    orderBy: { updatedAt: 'desc' },
  });
  return row ? toStored(row) : null;
}

/** The team's linked channel (Team.teamsChannelId), if the bot is still installed there. */
export async function findTeamChannel(db: Db, teamId: string): Promise<StoredReference | null> {
  const team = await db.team.findUnique({ where: { id: teamId }, select: { teamsChannelId: true } });
  if (!team?.teamsChannelId) return null;
  const ref = await findByConversation(db, team.teamsChannelId);
  return ref?.installed ? ref : null;
}

export async function markUninstalled(db: Db, conversationId: string): Promise<void> {
  await db.conversationRef.updateMany({ where: { platform: PLATFORM, conversationId }, data: { installed: false } });
}

function toStored(row: {
  id: string;
  conversationId: string;
  scope: string;
  staffId: string | null;
  teamId: string | null;
  installed: boolean;
  reference: Prisma.JsonValue | null;
}): StoredReference {
  return {
    id: row.id,
    conversationId: row.conversationId,
    scope: row.scope === 'channel' ? 'channel' : 'personal',
    staffId: row.staffId,
    teamId: row.teamId,
    installed: row.installed,
    reference: (row.reference ?? {}) as Partial<ConversationReference>,
  };
}
