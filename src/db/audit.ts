// Every read and write of a citizen's data leaves a row here. Details hold ids
// and kinds only: never a note, a name or anything typed free-hand.
//
// "Who saw citizen X?" is answered by citizenId: an answer that shows citizens
// (lists, questions, exports, reminders) writes one row per citizen it showed,
// with the answer's action, besides its summary row (citizenId null).
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

/**
 * One row per citizen an answer showed, then the answer's summary row with the
 * count: one createMany, one statement however long the list. Duplicates (a
 * citizen on two lines of the same answer) are recorded once.
 */
export async function recordCitizensShown(db: Db, entry: Omit<AuditEntry, 'citizenId'>, citizenIds: readonly string[]): Promise<void> {
  const unique = [...new Set(citizenIds)];
  // The citizens' rows and the summary row in one statement (one round trip on the answer path, issue 15).
  await db.auditLog.createMany({
    data: [
      ...unique.map((citizenId) => ({ actorId: entry.actorId, action: entry.action, citizenId, channel: entry.channel })),
      { actorId: entry.actorId, action: entry.action, citizenId: null, channel: entry.channel, details: { ...entry.details, citizens: unique.length } },
    ],
  });
}

/**
 * Refused attempts (who tried to see what they may not), written after the
 * command's transaction was rolled back, with the root client. Action names
 * end in ".refused"; details hold a reason code, never the refused text.
 */
export async function recordRefusals(db: Db, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.auditLog.createMany({
    data: entries.map((e) => ({ actorId: e.actorId, action: e.action, citizenId: e.citizenId ?? null, channel: e.channel, details: e.details ?? undefined })),
  });
}
