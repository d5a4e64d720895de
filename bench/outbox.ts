// `npm run bench:outbox`: 800 DMs to 50 people (16 each) through the outbox
// to a fake Slack that answers in 20 ms, paced at one message per
// conversation per INTERVAL_MS (default 1 000, Slack's and Teams' rate). The
// allowed rate lets it finish in (16 - 1) intervals after the first sends;
// the share of that rate reached is that ideal over the time taken.
import { randomUUID } from 'node:crypto';
import { createPgliteSnapshot, openPgliteFromSnapshot } from '../src/db/client.js';
import { enqueueDeliveries } from '../src/db/outbox-queries.js';
import { okReply } from '../src/domain/reply.js';
import type { Destination, OutboundChannel } from '../src/delivery/outbound-channel.js';
import { drainOutbox } from '../src/delivery/outbox.js';
import { ChannelPacer } from '../src/delivery/pacer.js';

const INTERVAL_MS = Number(process.env.INTERVAL_MS ?? 1000);
const PEOPLE = 50;
const EACH = 16;
const db = await openPgliteFromSnapshot(await createPgliteSnapshot());
const team = await db.prisma.team.create({ data: { name: 'Bench' } });
const staff = Array.from({ length: PEOPLE }, (_, i) => ({ id: randomUUID(), handle: `p${i}`, displayName: `P ${i}`, role: 'CASEWORKER' as const, teamId: team.id }));
await db.prisma.staff.createMany({ data: staff });
const now = new Date('2026-11-23T07:00:00Z');
await enqueueDeliveries(
  db.prisma,
  Array.from({ length: PEOPLE * EACH }, (_, i) => ({ key: `bench|${i}`, kind: 'bench', teamId: team.id, recipientId: staff[i % PEOPLE]!.id, audience: 'dm' as const, payload: okReply(`besked ${i}`, []) })),
  now,
);

let tooSoon = 0;
const lastTo = new Map<string, number>();
const slack: OutboundChannel = {
  name: 'slack',
  canReach: async () => true,
  async send(destination: Destination) {
    const to = destination.audience === 'dm' ? destination.staffId : destination.teamId;
    const at = performance.now();
    const last = lastTo.get(to);
    if (last !== undefined && at - last < INTERVAL_MS - 100) tooSoon++; // acquire-to-send jitter (a claim write) stays well under 100 ms
    lastTo.set(to, at);
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { ok: true };
  },
};

const pacer = new ChannelPacer({ intervalMs: { slack: INTERVAL_MS } });
const started = performance.now();
let sent = 0;
let drains = 0;
while (sent < PEOPLE * EACH && drains < 100) {
  drains++;
  const result = await drainOutbox({ prisma: db.prisma, channels: [slack], pacer }, new Date(now.getTime() + (performance.now() - started)));
  sent += result.sent;
  if (result.sent === 0) await new Promise((resolve) => setTimeout(resolve, 50));
}
const took = performance.now() - started;
const ideal = (EACH - 1) * INTERVAL_MS;
console.log(`${sent} of ${PEOPLE * EACH} sent in ${(took / 1000).toFixed(1)} s over ${drains} drain(s); sends closer than the interval: ${tooSoon}`);
console.log(`allowed rate: ${(ideal / 1000).toFixed(1)} s at best; reached ${((100 * ideal) / took).toFixed(0)} % of it`);
if (process.env.BENCH_JSON) console.log(`BENCH_JSON ${JSON.stringify({ ms: took, sent, idealMs: ideal, shareOfRate: ideal / took, tooSoon })}`);
await db.close();
