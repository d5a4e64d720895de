// "Who saw citizen X?" (issue 10 item 4): every answer that shows citizens
// leaves one audit row per citizen; /citizen audit <ref> reads one citizen's
// trail (managers of its team, admins); refusals are audited; admins export
// the log for a period as CSV.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStaffByHandle } from '../../src/db/staff-queries.js';
import { routeCommand } from '../../src/handlers/router.js';
import { databaseState, openWorld, type World } from '../helpers/world.js';

describe('audit: who saw citizen X', () => {
  let w: World;
  let overdue: string;
  let placed: string;
  let quiet: string;
  const idOf = async (ref: string) => (await w.prisma.citizen.findFirstOrThrow({ where: { ref, teamId: w.fixture.teamId } })).id;
  /** The actions recorded for one citizen since `since`, by whom. */
  const trail = async (ref: string, since: bigint) =>
    (await w.prisma.auditLog.findMany({ where: { citizenId: await idOf(ref), id: { gt: since } }, orderBy: { id: 'asc' } })).map((r) => ({ action: r.action, actorId: r.actorId }));
  const lastId = async () => (await w.prisma.auditLog.findFirst({ orderBy: { id: 'desc' } }))?.id ?? 0n;

  beforeAll(async () => {
    w = await openWorld();
    overdue = await w.freshCitizen('A');
    await w.bot.run('anne', `/meeting ${overdue} 9/11`);
    placed = await w.freshCitizen('A');
    await w.bot.run('anne', `/placement start ${placed} Bygma løntilskud from:2026-10-20 days:60`);
    quiet = await w.freshCitizen('A', 'bo');
    // A manager of Vest who is not an admin, and a manager of Øst.
    await w.prisma.staff.create({ data: { handle: 'per', displayName: 'Per', role: 'MANAGER', teamId: w.fixture.teamId, email: 'per@kommune.dk' } });
    await w.prisma.staff.create({ data: { handle: 'ulla', displayName: 'Ulla', role: 'MANAGER', teamId: w.fixture.otherTeamId, email: 'ulla@kommune.dk' } });
  });
  afterAll(async () => w.db.close());

  it('/caseload records each citizen it listed, and not the others', async () => {
    const since = await lastId();
    await w.bot.run('anne', '/caseload');
    expect(await trail(overdue, since)).toEqual([{ action: 'caseload.view', actorId: w.fixture.staff.anne }]);
    expect(await trail(placed, since)).toEqual([{ action: 'caseload.view', actorId: w.fixture.staff.anne }]);
    expect(await trail(quiet, since)).toEqual([]);
    // The summary row is kept, with the count.
    expect(await w.prisma.auditLog.findFirst({ where: { action: 'caseload.view', citizenId: null }, orderBy: { id: 'desc' } })).toMatchObject({ details: { staffId: w.fixture.staff.anne, citizens: 2 } });
  });

  it('/caseload @anne (manager) and a plain-chat question record the citizens shown, with the answer kind', async () => {
    const since = await lastId();
    await w.bot.run('per', '/caseload @anne');
    await w.bot.run('per', 'hvem mangler opfølgning?');
    expect(await trail(overdue, since)).toEqual([
      { action: 'caseload.view', actorId: expect.any(String) },
      { action: 'ask.overdue', actorId: expect.any(String) },
    ]);
    const per = await w.actor('per');
    expect((await trail(overdue, since)).every((r) => r.actorId === per.id)).toBe(true);
  });

  it('/caseload team shows only counts, so it names no citizen', async () => {
    const since = await lastId();
    await w.bot.run('per', '/caseload team');
    expect(await w.prisma.auditLog.count({ where: { id: { gt: since }, citizenId: { not: null } } })).toBe(0);
    expect(await w.prisma.auditLog.count({ where: { id: { gt: since }, action: 'caseload.view.team' } })).toBe(1);
  });

  it('timelines, placements and the caseload export record their citizens', async () => {
    const since = await lastId();
    await w.bot.run('anne', `hvad er der sket med ${placed}?`);
    await w.bot.run('anne', 'hvem er i praktik?');
    await w.bot.run('per', '/caseload export');
    const actions = (await trail(placed, since)).map((r) => r.action);
    expect(actions).toEqual(['citizen.timeline', 'ask.placements', 'caseload.export']);
    expect((await trail(quiet, since)).map((r) => r.action)).toEqual(['caseload.export']);
  });

  it('/citizen audit shows the trail to the manager, newest first, and the reading is logged', async () => {
    const out = await w.bot.run('per', `/citizen audit ${placed}`);
    expect(out).toContain(`Adgangslog for ${placed}`);
    const lines = out.split('\n').filter((l) => l.includes(' · '));
    expect(lines[0]).toMatch(/^\s*• \d{2}-\d{2}-\d{4} \d{2}:\d{2} · @per · caseload\.export \(console\)$/);
    expect(lines.at(-1)).toContain('@anne · citizen.add');
    expect(out).toMatch(/Side 1 af 1 \(\d+ rækker i alt, nyeste først\)/);
    expect((await trail(placed, (await lastId()) - 1n)).map((r) => r.action)).toEqual(['citizen.audit.view']);
    // Danish alias.
    expect(await w.bot.run('per', `/borger log ${placed}`)).toContain(`Adgangslog for ${placed}`);
  });

  it('pages a long trail', async () => {
    const id = await idOf(quiet);
    await w.prisma.auditLog.createMany({ data: Array.from({ length: 30 }, () => ({ actorId: w.fixture.staff.bo, action: 'citizen.view', citizenId: id, channel: 'CONSOLE' as const })) });
    const first = await w.bot.run('per', `/citizen audit ${quiet}`);
    expect(first.split('\n').filter((l) => l.includes(' · '))).toHaveLength(25);
    expect(first).toContain(`Næste side: /borger log ${quiet} 2`);
    const second = await w.bot.run('per', `/citizen audit ${quiet} 2`);
    expect(second).toMatch(/Side 2 af 2/);
    expect(await w.bot.run('per', `/citizen audit ${quiet} x`)).toContain('"x" er ikke et sidetal');
  });

  it('refuses a caseworker, even the citizen\'s own, and a manager of another team, changing nothing', async () => {
    const before = await databaseState(w.prisma);
    expect(await w.bot.run('anne', `/citizen audit ${overdue}`)).toContain('Kun teamets leder og administratorer');
    expect(await w.bot.run('ulla', `/citizen audit ${overdue}`)).toContain(`Jeg kan ikke finde borgeren ${overdue} i dit team`);
    expect(await w.bot.run('anne', '/jobbot audit export')).toContain('Kun administratorer kan eksportere adgangsloggen');
    expect(await databaseState(w.prisma)).toEqual(before);
  });

  it('audits those refusals (who, which citizen, why) once the transaction is rolled back, without the typed text', async () => {
    // Through the router, as every channel calls it: it writes ctx.refused after rolling the error reply back.
    const refusedBy = async (handle: string, args: string[]) => {
      const routed = await routeCommand(w.bot.deps, { text: `/citizen audit ${args.join(' ')}`, actor: (await findStaffByHandle(w.prisma, handle))!, channel: 'CONSOLE' });
      expect(routed.reply.status).toBe('error');
    };
    const since = await lastId();
    await refusedBy('ulla', [overdue]);
    await refusedBy('anne', [overdue]);
    const rows = await w.prisma.auditLog.findMany({ where: { id: { gt: since } }, orderBy: { id: 'asc' } });
    const ulla = await w.actor('ulla');
    const citizenId = await idOf(overdue);
    expect(rows.map((r) => ({ actorId: r.actorId, action: r.action, citizenId: r.citizenId, details: r.details }))).toEqual([
      { actorId: ulla.id, action: 'citizen.audit.refused', citizenId, details: { reason: 'notFound' } },
      { actorId: w.fixture.staff.anne, action: 'citizen.audit.refused', citizenId, details: { reason: 'role' } },
    ]);
    expect(JSON.stringify(rows.map((r) => r.details))).not.toContain(overdue);
    // The manager sees the attempt in the citizen's trail.
    expect(await w.bot.run('per', `/citizen audit ${overdue}`)).toContain('@ulla · citizen.audit.refused');
  });

  it('exports the audit log for a period as Excel-friendly CSV (admins)', async () => {
    const id = await idOf(placed);
    // Two rows in October (Copenhagen time), one on 1 November just after midnight.
    await w.prisma.auditLog.createMany({
      data: [
        { at: new Date('2026-10-01T08:15:00Z'), actorId: w.fixture.staff.anne, action: 'citizen.view', citizenId: id, channel: 'SLACK' },
        { at: new Date('2026-10-31T22:30:00Z'), actorId: w.fixture.staff.bo, action: 'caseload.view', citizenId: null, channel: 'TEAMS', details: { staffId: w.fixture.staff.bo } },
        { at: new Date('2026-10-31T23:30:00Z'), actorId: w.fixture.staff.bo, action: 'citizen.view', citizenId: id, channel: 'TEAMS' },
      ],
    });
    const out = await w.bot.run('mette', '/jobbot audit export oktober');
    expect(out).toContain('Adgangsloggen i oktober 2026: 2 rækker.');
    const path = /→ (\S+\.csv)/.exec(out)?.[1] ?? '';
    const raw = await readFile(path, 'utf8');
    expect(raw.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(raw, { bom: true, delimiter: ';' }) as string[][];
    expect(rows).toEqual([
      ['tidspunkt', 'medarbejder', 'handling', 'borger', 'team', 'kanal', 'detaljer'],
      ['01-10-2026 10:15', 'anne', 'citizen.view', placed, 'Vest', 'slack', ''],
      ['31-10-2026 23:30', 'bo', 'caseload.view', '', '', 'teams', JSON.stringify({ staffId: w.fixture.staff.bo })],
    ]);
    // The export discloses the citizens in it: logged per citizen.
    expect(await w.prisma.auditLog.count({ where: { action: 'audit.export', citizenId: id } })).toBe(1);
    expect(await w.bot.run('mette', '/jobbot audit export i går og i morgen')).toContain('Jeg forstår ikke perioden');
    const november = await w.bot.run('mette', '/jobbot audit export');
    // How many November rows exist depends on which tests ran before (shuffled order): singular or plural.
    expect(november).toMatch(/Adgangsloggen i november 2026: (1 række|\d+ rækker)\./);
  });

  it('is in the help texts, in Danish and English', async () => {
    expect(await w.bot.run('per', '/borger help')).toContain('/citizen audit <ref> [side] (/borger log: hvem har set borgeren');
    expect(await w.bot.run('mette', '/jobbot help')).toContain('/jobbot audit export [periode]');
    expect(await w.bot.run('ida', '/citizen help')).toContain('/citizen audit <ref> [page] (who saw the citizen');
  });
});
