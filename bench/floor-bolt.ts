// The answer floor for `npm run bench`: a bare @slack/bolt app (the version
// jobbot uses) on its own HTTP receiver, verifying the same signed slash
// commands at /slack/events, acking, then answering through response_url as
// jobbot does, with no database. GET /healthz for the start-up wait.
import { App, LogLevel } from '@slack/bolt';

const app = new App({
  token: 'xoxb-bench-floor',
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  logLevel: LogLevel.ERROR,
  processBeforeResponse: false,
  customRoutes: [{ path: '/healthz', method: ['GET'], handler: (_req, res) => res.writeHead(200).end('ok') }],
});

app.command(/^\/.+/, async ({ command, ack, respond }) => {
  await ack();
  await respond({ response_type: 'ephemeral', text: `${command.command} ${command.text}` });
});

await app.start(Number(process.env.PORT));
