// Each tick: installs the rule changes admins stored in chat (another
// instance may have made them), and moves existing citizens by a switched
// rule set's group mapping on the first working day from its date.
import { todayIn } from '../domain/local-date.js';
import { refreshStoredRules } from '../db/stored-rules.js';
import type { JobDeps } from './job.js';

export const KIND = 'rules';

export async function run(deps: JobDeps, now: Date): Promise<number> {
  const moved = await refreshStoredRules(deps.prisma, { today: todayIn(now), now });
  if (moved > 0) deps.log?.('rules.mapping.applied', { citizens: moved });
  // Nothing goes to the outbox.
  return 0;
}
