// First contact (issue 12, item 6): an unknown Slack or Teams account is linked
// by its profile e-mail. Requests that arrive together — a first slash command
// and the App Home opening, a Slack retry, many new colleagues at once — must
// all be recognised; the one that loses the race reads the link again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveStaff, type StaffIdentity } from '../../src/handlers/resolve-staff.js';
import { openWorld, type World } from '../helpers/world.js';

describe('resolveStaff at first contact', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => w.db.close());

  const handleOf = (identity: StaffIdentity) => (identity.kind === 'staff' ? identity.staff.handle : identity.kind);

  it('recognises both of two requests from the same new account, whichever links first', async () => {
    const first = resolveStaff(w.prisma, { platform: 'slack', accountId: 'U0ANNE', emails: async () => ['anne@kommune.dk'] });
    // The second request's profile lookup returns only after the first has linked the account.
    const second = resolveStaff(w.prisma, {
      platform: 'slack',
      accountId: 'U0ANNE',
      emails: async () => {
        await first;
        return ['Anne@Kommune.dk'];
      },
    });
    expect([handleOf(await first), handleOf(await second)]).toEqual(['anne', 'anne']);
    expect(await w.prisma.auditLog.count({ where: { action: 'staff.link.slack.email' } })).toBe(1);
  });

  it('links many new colleagues writing at once, each to their own record, on Teams too', async () => {
    const handles = ['bo', 'camilla', 'ida', 'mette', 'olga'];
    const attempts = handles.flatMap((handle, i) => {
      const account = { platform: 'teams' as const, accountId: `00000000-0000-0000-0000-00000000000${i}`, emails: async () => [`${handle}@kommune.dk`] };
      // Each colleague's client sends two requests at first contact.
      return [resolveStaff(w.prisma, account), resolveStaff(w.prisma, account)];
    });
    const resolved = (await Promise.all(attempts)).map(handleOf);
    expect(resolved).toEqual(handles.flatMap((h) => [h, h]));
    const linked = await w.prisma.staff.findMany({ where: { teamsAadObjectId: { not: null } }, orderBy: { handle: 'asc' } });
    expect(linked.map((s) => s.handle)).toEqual([...handles].sort());
  });
});
