// A redelivered request (Slack retry, Teams activity id) is handled once:
// the second delivery replays the first answer and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeCommand } from '../../src/handlers/router.js';
import type { StaffMember } from '../../src/db/staff-queries.js';
import { databaseState, openWorld, type World } from '../helpers/world.js';

describe('idempotent requests', () => {
  let w: World;
  let anne: StaffMember;
  beforeAll(async () => {
    w = await openWorld();
    await w.bot.run('anne', '/citizen add I-1', '/citizen add I-2', '/citizen add I-3', '/citizen add I-4');
    anne = await w.actor('anne');
  });
  afterAll(async () => w.db.close());

  const route = (text: string, requestKey?: string) => routeCommand(w.bot.deps, { text, actor: anne, channel: 'SLACK', requestKey });
  const meetings = (ref: string) => w.prisma.meeting.count({ where: { citizen: { ref } } });

  it('logs one meeting for two deliveries with the same key, replaying the same reply', async () => {
    const first = await route('meeting I-1 trepart i dag 45m', 'k1');
    expect(first.replayed).toBe(false);
    expect(first.reply.status).toBe('ok');
    expect(first.reply.text).toContain('Trepartssamtale med I-1 man. 23. nov. er logget.');
    const audit = await w.prisma.auditLog.count();

    const second = await route('meeting I-1 trepart i dag 45m', 'k1');
    expect(second.replayed).toBe(true);
    expect(second.reply).toEqual(first.reply);
    expect(await meetings('I-1')).toBe(1);
    expect(await w.prisma.auditLog.count()).toBe(audit);
    expect(await w.prisma.processedRequest.findUnique({ where: { key: 'k1' } })).toMatchObject({ channel: 'SLACK' });
    const meeting = await w.prisma.meeting.findFirstOrThrow({ where: { citizen: { ref: 'I-1' } } });
    expect(meeting.source).toBe('SLACK');
  });

  it('handles different keys as different requests', async () => {
    // The second one says `igen`: the same meeting twice a day is otherwise asked about first.
    await route('meeting I-2 telefon', 'k2a');
    await route('meeting I-2 igen telefon', 'k2b');
    expect(await meetings('I-2')).toBe(2);
  });

  it('celebrates a redelivered outcome only once', async () => {
    const first = await route('outcome I-3 job', 'k3');
    expect(first.announcements).toHaveLength(1);
    const second = await route('outcome I-3 job', 'k3');
    expect(second.replayed).toBe(true);
    expect(second.announcements).toHaveLength(0);
    expect(second.reply).toEqual(first.reply);
    expect(await w.prisma.outcome.count({ where: { citizen: { ref: 'I-3' } } })).toBe(1);
  });

  it('does not record a failed request: it wrote nothing, and a corrected retry with the key goes through', async () => {
    const before = await databaseState(w.prisma);
    const failed = await route('meeting I-4 trepart i morgen', 'k4');
    expect(failed.reply.status).toBe('error');
    expect(failed.reply.text).toContain('En samtale kan ikke ligge i fremtiden.');
    expect(await w.prisma.processedRequest.findUnique({ where: { key: 'k4' } })).toBeNull();
    expect(await databaseState(w.prisma)).toEqual(before);

    const retried = await route('meeting I-4 trepart i dag', 'k4');
    expect(retried.replayed).toBe(false);
    expect(retried.reply.status).toBe('ok');
    expect(await meetings('I-4')).toBe(1);
    expect((await route('meeting I-4 trepart i dag', 'k4')).replayed).toBe(true);
    expect(await meetings('I-4')).toBe(1);
  });

  it('handles two simultaneous deliveries of one request once', async () => {
    await w.bot.run('anne', '/citizen add I-5');
    const results = await Promise.all([route('meeting I-5 video', 'k5'), route('meeting I-5 video', 'k5')]);
    expect(results.map((r) => r.replayed).sort()).toEqual([false, true]);
    expect(results[0]?.reply).toEqual(results[1]?.reply);
    expect(await meetings('I-5')).toBe(1);
  });

  it('without a key, every delivery counts', async () => {
    await w.bot.run('anne', '/citizen add I-6');
    await route('meeting I-6');
    await route('meeting I-6 igen');
    expect(await meetings('I-6')).toBe(2);
    expect(await w.prisma.processedRequest.count()).toBe(6); // k1, k2a, k2b, k3, k4, k5
  });
});
