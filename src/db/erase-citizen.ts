// Erasure of one citizen (GDPR art. 17): the one function behind
// `/citizen forget` and the retention of closed cases. It finds every row
// that names the citizen, so the confirmation can say what will go and the
// erasure removes exactly that:
//   - the citizen and its meetings (with participants), placements, follow-ups,
//     outcomes and caseworker changes (deleted; the schema cascades);
//   - reminder states whose subject holds the citizen's or a placement's id;
//   - audit rows with its citizenId, rows whose details hold one of its ids,
//     and anonymous rows of its team's staff with the reference as a value;
//   - processed-request replies (kept for replaying retries) that name the
//     reference or one of its ids, or whose key does (Slack's key for a
//     reminder button holds its value: a subject with the citizen's id);
//   - outbox messages that name it: a message not yet sent is deleted (its job
//     plans the slot again, without the citizen, while the slot is open), and so
//     is one whose key holds one of its ids (a celebration, keyed by the outcome,
//     which is never planned again); a sent, skipped or failed one keeps its row
//     and key, so it is never sent twice,
//     but its content is replaced by {"erased": true};
//   - import previews of its team that name the reference (a preview applied
//     later would bring the citizen back);
//   - undo entries of changes that touched it.
// Replies and messages are matched on the reference as a word of its own, in
// any team: a message naming the same reference in another team is erased too
// (erring towards erasure; these are short-lived copies).
// What is left is ONE audit row `citizen.erased` with who, when, the team,
// why and the counts: never the reference, not even hashed (a hash of a short
// reference is found again by trying every reference).
import type { Citizen, Db, Prisma, SourceChannel } from './types.js';

export interface CitizenDataIds {
  meetings: string[];
  placements: string[];
  followUps: string[];
  outcomes: string[];
  caseworkerChanges: string[];
  subGoals: string[];
  readinessChanges: string[];
  reminderStates: string[];
  auditRows: bigint[];
  processedRequests: string[];
  deliveriesDeleted: string[];
  deliveriesRedacted: string[];
  importBatches: string[];
  /** Undo entries (kept ten minutes) of changes that touched the citizen. */
  undoableChanges: string[];
}

export type ErasureCounts = Record<keyof CitizenDataIds, number>;

export type ErasureReason = 'request' | 'retention';

export const ERASED_PAYLOAD = { erased: true } as const;

function escapeRegex(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, (c) => `\\${c}`);
}

/**
 * A PostgreSQL regular expression (use with ~*) for a reference named in a
 * text: not inside a longer reference, number or date ("C-1042" is not found in
 * "C-1042-B", "2026" not in "2026-11-23"), but before a full stop or "'s".
 */
export function refInTextPattern(ref: string): string {
  return `(?<![A-Za-z0-9_./-])${escapeRegex(ref)}(?![A-Za-z0-9_]|[./-][A-Za-z0-9])`;
}

/** The reference as a whole JSON string value ("ref": "C-1042"): where audit details and import previews keep it. */
export function refAsValuePattern(ref: string): string {
  return `"${escapeRegex(ref)}"`;
}

function idsPattern(ids: readonly string[]): string {
  return ids.map((id) => id.replace(/[^A-Za-z0-9-]/g, '')).join('|');
}

/** Every row that names the citizen, by table. */
export async function findCitizenData(db: Db, citizen: Pick<Citizen, 'id' | 'ref' | 'teamId'>): Promise<CitizenDataIds> {
  const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);
  const where = { citizenId: citizen.id };
  const meetings = ids(await db.meeting.findMany({ where, select: { id: true } }));
  const placements = ids(await db.placement.findMany({ where, select: { id: true } }));
  const followUps = ids(await db.placementFollowUp.findMany({ where: { placementId: { in: placements } }, select: { id: true } }));
  const outcomes = ids(await db.outcome.findMany({ where, select: { id: true } }));
  const caseworkerChanges = ids(await db.caseworkerChange.findMany({ where, select: { id: true } }));
  const subGoals = ids(await db.subGoal.findMany({ where, select: { id: true } }));
  const readinessChanges = ids(await db.readinessChange.findMany({ where, select: { id: true } }));
  // Consultant changes and mentor support (issue 14) go with the citizen (cascade); their ids in audit and undo rows too.
  const continuity = [
    ...ids(await db.consultantChange.findMany({ where, select: { id: true } })),
    ...ids(await db.mentorSupport.findMany({ where, select: { id: true } })),
  ];
  const subjectIds = [citizen.id, ...placements];
  const reminderStates = ids(
    await db.reminderState.findMany({ where: { OR: subjectIds.map((id) => ({ subject: { contains: id } })) }, select: { id: true } }),
  );
  // Ids of every row that is about to go: audit details and button values hold them.
  const anyId = idsPattern([citizen.id, ...meetings, ...placements, ...followUps, ...outcomes, ...caseworkerChanges, ...subGoals, ...readinessChanges, ...continuity]);
  const ref = refInTextPattern(citizen.ref);
  // Audit rows and previews are records, not copies: only an exact value counts, so a numeric reference never takes a count with it.
  const refValue = refAsValuePattern(citizen.ref);
  const auditRows = (
    await db.$queryRaw<Array<{ id: bigint }>>`
      SELECT a.id FROM "AuditLog" a
      WHERE a."citizenId" = ${citizen.id}
         OR a.details::text ~* ${anyId}
         OR (a."citizenId" IS NULL AND a.details::text ~* ${refValue}
             AND (a."actorId" IS NULL OR a."actorId" IN (SELECT s.id FROM "Staff" s WHERE s."teamId" = ${citizen.teamId})))`
  ).map((r) => r.id);
  const processedRequests = ids(
    await db.$queryRaw<Array<{ id: string }>>`
      SELECT key AS id FROM "ProcessedRequest" WHERE response::text ~* ${ref} OR response::text ~* ${anyId} OR key ~* ${anyId}`,
  );
  const deliveries = await db.$queryRaw<Array<{ id: string; status: string; keyNames: boolean }>>`
      SELECT id, status::text AS status, key ~* ${anyId} AS "keyNames" FROM "Delivery"
      WHERE payload::text ~* ${ref} OR payload::text ~* ${anyId} OR key ~* ${anyId}`;
  // A key that holds one of its ids (a celebration's outcome) is never planned again once the row is gone.
  const deleted = (d: { status: string; keyNames: boolean }) => d.keyNames || d.status === 'PENDING' || d.status === 'SENDING';
  const importBatches = ids(
    await db.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "ImportBatch" WHERE "teamId" = ${citizen.teamId} AND preview::text ~* ${refValue}`,
  );
  // Undo entries name the citizen, or hold the ids of its rows (a follow-up, a snooze) in their steps.
  const undoIds = idsPattern([citizen.id, ...meetings, ...placements, ...followUps, ...outcomes, ...caseworkerChanges, ...subGoals, ...readinessChanges, ...continuity, ...reminderStates]);
  const undoableChanges = ids(
    await db.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "UndoableChange" WHERE ${citizen.id} = ANY("citizenIds") OR steps::text ~* ${undoIds}`,
  );
  return {
    meetings,
    placements,
    followUps,
    outcomes,
    caseworkerChanges,
    subGoals,
    readinessChanges,
    reminderStates,
    auditRows,
    processedRequests,
    deliveriesDeleted: deliveries.filter(deleted).map((d) => d.id),
    deliveriesRedacted: deliveries.filter((d) => !deleted(d)).map((d) => d.id),
    importBatches,
    undoableChanges,
  };
}

export function countsOf(data: CitizenDataIds): ErasureCounts {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, (v as unknown[]).length])) as ErasureCounts;
}

export interface ErasureBy {
  /** Who asked (null: the retention job). */
  actorId: string | null;
  channel: SourceChannel;
  reason: ErasureReason;
}

/** Erases the citizen and every row that names it; leaves one anonymous `citizen.erased` audit row. Returns the counts. */
export async function eraseCitizen(db: Db, citizen: Pick<Citizen, 'id' | 'ref' | 'teamId'>, by: ErasureBy): Promise<ErasureCounts> {
  const data = await findCitizenData(db, citizen);
  await db.reminderState.deleteMany({ where: { id: { in: data.reminderStates } } });
  await db.auditLog.deleteMany({ where: { id: { in: data.auditRows } } });
  await db.processedRequest.deleteMany({ where: { key: { in: data.processedRequests } } });
  await db.delivery.deleteMany({ where: { id: { in: data.deliveriesDeleted } } });
  // Keep the key (exactly once), drop the content; a failed message can no longer be retried.
  await db.delivery.updateMany({ where: { id: { in: data.deliveriesRedacted } }, data: { payload: ERASED_PAYLOAD as Prisma.InputJsonValue } });
  await db.delivery.updateMany({ where: { id: { in: data.deliveriesRedacted }, status: 'FAILED' }, data: { status: 'SKIPPED', error: 'erased' } });
  await db.importBatch.deleteMany({ where: { id: { in: data.importBatches } } });
  await db.undoableChange.deleteMany({ where: { id: { in: data.undoableChanges } } });
  // Meetings (and their participants), placements, follow-ups, outcomes, caseworker changes,
  // sub-goals and readiness changes cascade.
  await db.citizen.delete({ where: { id: citizen.id } });
  const counts = countsOf(data);
  await db.auditLog.create({
    data: {
      actorId: by.actorId,
      action: 'citizen.erased',
      citizenId: null,
      channel: by.channel,
      details: { teamId: citizen.teamId, reason: by.reason, ...counts },
    },
  });
  return counts;
}
