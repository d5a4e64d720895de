// `npx tsx bench/answer-profile.ts <PGlite folder with the municipality>`: CPU
// profiles (one per thread, in $PROFILE_DIR, default /tmp/jobbot-answer-profile)
// of the app answering ten Slack users at once (closed loop, /caseload,
// /citizen, /meeting as in npm run bench), to see where an answer's time goes.
import { startFakeSlack } from './fake-slack.js';
import { startServer, sleep } from './processes.js';
import { closedLoop, percentile, SIGNING_SECRET, type Command } from './slack-load.js';
import { MUNICIPALITY } from './municipality.js';
import { openDatabase } from '../src/db/client.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: npx tsx bench/answer-profile.ts <PGlite folder with the municipality>');
const dir = process.env.PROFILE_DIR ?? '/tmp/jobbot-answer-profile';
const db = await openDatabase({ dataDir });
await db.prisma.$executeRawUnsafe(`UPDATE "Staff" SET "slackUserId" = 'U' || upper(replace(handle, '-', '_'))`);
await db.close();
const slack = await startFakeSlack();
const app = await startServer('app', 'src/index.ts', {
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: slack.apiUrl,
  JOBBOT_DEMO: 'false',
  LOG_LEVEL: 'warn',
  DATA_DIR: dataDir,
}, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
await sleep(Number(process.env.SETTLE_MS ?? 0)); // e.g. let the start-up catch-up finish first
let i = 0;
const kinds = ['caseload', 'citizen', 'meeting'] as const;
const next = (): Command => {
  const t = (i % MUNICIPALITY.teams) + 1;
  const n = (Math.floor(i / MUNICIPALITY.teams) % MUNICIPALITY.caseworkersPerTeam) + 1;
  const kind = kinds[i++ % 3]!;
  const userId = `UCASEWORKER_${t}_${n}`;
  const ref = `C-${t}-${n}`;
  if (kind === 'caseload') return { command: '/caseload', text: '', userId };
  if (kind === 'citizen') return { command: '/citizen', text: ref, userId };
  return { command: '/meeting', text: `${ref} trepart i dag 45m aftalt praktik`, userId };
};
const timings = await closedLoop(slack, { name: 'app', url: app.url }, 10, 20, next);
const answers = timings.map((t) => t.answer);
console.log(`${answers.length} answers at c=10: p50 ${percentile(answers, 50).toFixed(0)} ms, p99 ${percentile(answers, 99).toFixed(0)} ms; profiles in ${dir}`);
await app.stop();
await slack.close();
