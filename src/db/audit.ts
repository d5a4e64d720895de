// Every read and write of a citizen's data leaves a row here. Details hold ids
// and kinds only: never a note, a name or anything typed free-hand.
import type { Db, SourceChannel } from './types.js';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  citizenId?: string | null;
  channel: SourceChannel;
  details?: Record<string, string | number | boolean | null>;
}

export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      citizenId: entry.citizenId ?? null,
      channel: entry.channel,
      details: entry.details ?? undefined,
    },
  });
}
