// The outbox insert (enqueueDeliveries, recordNothingDue) writes with raw SQL
// since issue 15: the rows must be those Prisma's createMany wrote (columns,
// defaults, order by seq, duplicates skipped and counted out), the CPR guard
// must still redact payloads and refuse typed columns, and undo must still
// withdraw what a change queued. With DATABASE_URL set this runs on PostgreSQL too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalChanges } from '../../src/db/change-journal.js';
import { CprRefusedError } from '../../src/db/cpr-write-guard.js';
import { enqueueDeliveries, NOTHING_DUE, recordNothingDue, type NewDelivery } from '../../src/db/outbox-queries.js';
import { okReply } from '../../src/domain/reply.js';
import { createTeamFixture, type TeamFixture } from '../helpers/fixtures.js';
import { createTestDatabase, type Database } from '../helpers/test-database.js';

let db: Database;
let team: TeamFixture;
const now = new Date('2026-11-23T08:00:00.123Z');

beforeAll(async () => {
  db = await createTestDatabase();
  team = await createTeamFixture(db.prisma);
});
afterAll(() => db.close());

const dm = (key: string, text: string, extra: Partial<NewDelivery> = {}): NewDelivery => ({
  key,
  kind: 'checkins',
  teamId: team.teamId,
  recipientId: team.staff.anne,
  audience: 'dm',
  payload: okReply(text, [{ type: 'header', text }, { type: 'list', items: [text, 'æøå "quoted" \\ back'] }]),
  ...extra,
});

describe('the outbox insert', () => {
  it('writes the rows as createMany did, in order, skipping keys already there', async () => {
    const first = await enqueueDeliveries(db.prisma, [dm('k1', 'one', { citizenIds: ['c1', 'c2', 'c1'] }), dm('k2', 'two'), dm('k1', 'again')], now);
    expect(first).toBe(2);
    expect(await enqueueDeliveries(db.prisma, [dm('k2', 'two again'), { ...dm('k3', 'team post'), recipientId: null, audience: 'team' }], now)).toBe(1);
    const rows = await db.prisma.delivery.findMany({ where: { key: { in: ['k1', 'k2', 'k3'] } }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => r.key)).toEqual(['k1', 'k2', 'k3']);
    const [k1, , k3] = rows;
    expect(k1).toMatchObject({ kind: 'checkins', teamId: team.teamId, recipientId: team.staff.anne, audience: 'dm', channel: 'auto', status: 'PENDING', attempts: 0, error: null, messageRef: null, sentAt: null });
    expect(k1!.createdAt).toEqual(now);
    expect(k1!.nextAttemptAt).toEqual(now);
    expect(k1!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(k1!.payload).toEqual({ ...okReply('one', [{ type: 'header', text: 'one' }, { type: 'list', items: ['one', 'æøå "quoted" \\ back'] }]), auditCitizenIds: ['c1', 'c2'] });
    expect(k3).toMatchObject({ recipientId: null, audience: 'team' });
  });

  it('keeps more rows than one statement takes in their order', async () => {
    const many = Array.from({ length: 230 }, (_, i) => dm(`many-${String(i).padStart(3, '0')}`, `n${i}`));
    expect(await enqueueDeliveries(db.prisma, many, now)).toBe(230);
    const rows = await db.prisma.delivery.findMany({ where: { key: { startsWith: 'many-' } }, orderBy: { seq: 'asc' }, select: { key: true } });
    expect(rows.map((r) => r.key)).toEqual(many.map((d) => d.key));
  });

  it('records nothing-due slots as SKIPPED rows with an empty payload', async () => {
    await recordNothingDue(db.prisma, [{ key: 'nd1', kind: 'checkins', teamId: team.teamId, recipientId: team.staff.bo, audience: 'dm' }], now);
    await recordNothingDue(db.prisma, [{ key: 'nd1', kind: 'checkins', teamId: team.teamId, recipientId: team.staff.bo, audience: 'dm' }], now);
    const rows = await db.prisma.delivery.findMany({ where: { key: 'nd1' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'SKIPPED', payload: {}, error: NOTHING_DUE, channel: 'auto', createdAt: now, nextAttemptAt: now });
  });

  it('redacts a CPR number in a payload and refuses one in a typed column', async () => {
    const id = '0a1b2c3d-0101-4000-8000-901234000000';
    await enqueueDeliveries(db.prisma, [dm('cpr1', `ring 010190-1234 om done|${id}`)], now);
    const row = await db.prisma.delivery.findUniqueOrThrow({ where: { key: 'cpr1' } });
    expect(JSON.stringify(row.payload)).not.toContain('010190');
    expect(JSON.stringify(row.payload)).toContain(`[CPR fjernet] om done|${id}`);
    await expect(enqueueDeliveries(db.prisma, [dm('cpr2', 'x', { kind: 'kind 010190-1234' })], now)).rejects.toBeInstanceOf(CprRefusedError);
    expect(await db.prisma.delivery.count({ where: { key: 'cpr2' } })).toBe(0);
  });

  it('lets undo withdraw the deliveries a change queued', async () => {
    const { steps } = await journalChanges(db.prisma, () => enqueueDeliveries(db.prisma, [dm('undo1', 'a'), dm('undo2', 'b')], now));
    expect(steps).toEqual([{ op: 'withdraw', keys: ['undo1', 'undo2'] }]);
  });
});
