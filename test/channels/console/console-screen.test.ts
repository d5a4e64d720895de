// On a terminal, a message the scheduler delivers while the prompt waits (the
// start-up catch-up, a celebration) is printed above the prompt and the
// prompt is drawn again, not written into what the user is typing.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleChannel } from '../../../src/channels/console/console-channel.js';
import { okReply } from '../../../src/domain/reply.js';
import { MONDAY } from '../../helpers/fixtures.js';
import { openWorld, type World } from '../../helpers/world.js';

describe('the console on a terminal', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld();
  });
  afterAll(async () => w.db.close());

  it('prints a delivery that arrives at the prompt above it, then shows the prompt again', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let screen = '';
    output.on('data', (c: Buffer) => (screen += c.toString('utf8')));
    const channel = createConsoleChannel({ prisma: w.prisma, clock: () => MONDAY, adminEmails: [] }, { input, output, actAs: 'anne', interactive: true });
    await channel.start();
    await waitFor(() => screen.includes('@anne › '));
    const before = screen.length;
    await channel.outbound.send({ audience: 'dm', staffId: w.fixture.staff.anne }, okReply('Godmorgen: 2 opfølgningssamtaler i dag'));
    const after = screen.slice(before);
    // Cleared line, the message on its own line, and the prompt once more after it.
    expect(after).toMatch(/\[DM @anne\] Godmorgen: 2 opfølgningssamtaler i dag\n/);
    expect(after.indexOf('@anne › ')).toBeGreaterThan(after.indexOf('Godmorgen'));
    input.end(':quit\n');
    await channel.closed;
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
