// The outbox (Delivery table): claim a delivery with a unique insert, then the
// worker claims each row for sending with a compare-and-set on (status,
// attempts), so two instances never send the same row at once.
import type { Reply } from '../domain/reply.js';
import { noteQueuedDeliveries } from './change-journal.js';
import { guardRow } from './cpr-write-guard.js';
import { yieldToEventLoop } from './event-loop.js';
import type { Db } from './types.js';

export interface NewDelivery {
  key: string;
  kind: string;
  teamId: string | null;
  /** Staff id for direct messages; null for team-channel posts. */
  recipientId: string | null;
  audience: 'dm' | 'team';
  payload: Reply;
  /**
   * The citizens the message names (their case references). A DM that names a
   * citizen discloses their data, so the outbox worker writes one
   * 'reminder.delivered' audit row per citizen when it has sent the message.
   */
  citizenIds?: readonly string[];
}

/** What the Delivery.payload column holds: the Reply, plus the disclosed citizen ids (never sent). */
export type StoredPayload = Reply & { auditCitizenIds?: string[] };

/** The stored payload's parts: what to send and whom it discloses. */
export function splitPayload(payload: unknown): { reply: Reply; citizenIds: string[] } {
  const { auditCitizenIds, ...reply } = payload as StoredPayload;
  return { reply, citizenIds: auditCitizenIds ?? [] };
}

/** Channel value meaning "whichever configured channel can reach the recipient at send time". */
export const ANY_CHANNEL = 'auto';

/**
 * Inserts the deliveries whose key is new; existing keys are left alone
 * (ON CONFLICT DO NOTHING). Returns how many were new.
 */
/**
 * Rows per insert: the CPR guard reads every value of a batch in one
 * synchronous go, so batches keep each go short, with a turn of the event loop
 * between (issue 15: no stall over 50 ms).
 */
const ENQUEUE_BATCH = 100;

export async function enqueueDeliveries(db: Db, deliveries: readonly NewDelivery[], now: Date): Promise<number> {
  let count = 0;
  for (let i = 0; i < deliveries.length; i += ENQUEUE_BATCH) {
    if (i > 0) await yieldToEventLoop();
    const rows = deliveries.slice(i, i + ENQUEUE_BATCH).map((d) => ({
      key: d.key,
      kind: d.kind,
      teamId: d.teamId,
      recipientId: d.recipientId,
      audience: d.audience,
      channel: ANY_CHANNEL,
      status: 'PENDING' as const,
      payload: (d.citizenIds?.length ? { ...d.payload, auditCitizenIds: [...new Set(d.citizenIds)] } : d.payload) as unknown,
    }));
    count += await insertDeliveries(db, rows, now);
  }
  return count;
}

type DeliveryRow = Pick<NewDelivery, 'key' | 'kind' | 'teamId' | 'recipientId' | 'audience'> & { channel: string; status: 'PENDING' | 'SKIPPED'; payload: unknown; error?: string };

/**
 * One INSERT for the rows, passed as one JSON parameter: Prisma's createMany
 * walked every node of every payload to build its arguments (~1.5 s for the
 * 600 morning DMs at municipality scale, in stalls of 200–600 ms; issue 15),
 * where JSON.stringify is native. The CPR guard checks each row as it checks
 * a Prisma write (guardRow), and the change journal notes the keys, so undo
 * withdraws them as before. Rows keep their order (seq: insertion order).
 */
async function insertDeliveries(db: Db, rows: readonly DeliveryRow[], now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const checked = rows.map((r) => guardRow('Delivery', r));
  noteQueuedDeliveries(checked.map((r) => r.key));
  const at = now.toISOString();
  return db.$executeRaw`
    INSERT INTO "Delivery" ("id", "key", "kind", "teamId", "recipientId", "audience", "channel", "status", "payload", "error", "nextAttemptAt", "createdAt")
    SELECT gen_random_uuid()::text, d.v->>'key', d.v->>'kind', d.v->>'teamId', d.v->>'recipientId', d.v->>'audience', d.v->>'channel',
           (d.v->>'status')::"DeliveryStatus", d.v->'payload', d.v->>'error', ${at}::timestamp(3), ${at}::timestamp(3)
    FROM jsonb_array_elements(${JSON.stringify(checked)}::jsonb) WITH ORDINALITY AS d(v, n)
    ORDER BY d.n
    ON CONFLICT DO NOTHING`;
}

/** A slot that was planned and had nothing to send (see recordNothingDue). */
export type NothingDue = Pick<NewDelivery, 'key' | 'kind' | 'teamId' | 'recipientId' | 'audience'>;

/** The error text of a NothingDue row: it explains the SKIPPED status to anyone reading the table. */
export const NOTHING_DUE = 'nothing due: planned, nothing to send';

/**
 * Records that a slot was planned and had nothing to send: a SKIPPED row with
 * an empty payload under the slot's key. The outbox worker only picks PENDING
 * and SENDING rows, `/jobbot failed` lists only FAILED ones and housekeeping
 * prunes it with the other finished rows; existingDeliveryKeys sees it, so
 * later ticks of the same slot skip the person instead of planning again.
 */
export async function recordNothingDue(db: Db, slots: readonly NothingDue[], now: Date): Promise<void> {
  for (let i = 0; i < slots.length; i += ENQUEUE_BATCH * 5) {
    if (i > 0) await yieldToEventLoop();
    const rows = slots.slice(i, i + ENQUEUE_BATCH * 5).map((d) => ({
      key: d.key,
      kind: d.kind,
      teamId: d.teamId,
      recipientId: d.recipientId,
      audience: d.audience,
      channel: ANY_CHANNEL,
      status: 'SKIPPED' as const,
      payload: {},
      error: NOTHING_DUE,
    }));
    await insertDeliveries(db, rows, now);
  }
}

/** Which of these keys are already in the outbox (in any status, a NothingDue row included). */
export async function existingDeliveryKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.delivery.findMany({ where: { key: { in: [...keys] } }, select: { key: true } });
  return new Set(rows.map((r) => r.key));
}

/** The outbox row for a team announcement (a celebration): one per outcome and team, ever. */
export function announcementDelivery(a: { kind: string; teamId: string; subjectId: string; reply: Reply }): NewDelivery {
  return {
    key: `${a.kind}|${a.subjectId}|team:${a.teamId}|once`,
    kind: a.kind,
    teamId: a.teamId,
    recipientId: null,
    audience: 'team',
    payload: a.reply,
  };
}
