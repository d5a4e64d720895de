// Signed Slack slash commands over real HTTP for `npm run bench`: one request
// at a time or a closed loop of N users (each sends its next command when its
// previous one is answered), timing the ack (the HTTP 200 to Slack) and the
// answer (the post to response_url) separately; and an autocannon burst of
// acks at c=10 (Slack does not wait for answers before the next command).
import { createHmac, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import autocannon from 'autocannon';
import type { FakeSlack } from './fake-slack.js';

export const SIGNING_SECRET = 'bench-signing-secret';

export interface Target {
  name: string;
  /** http://127.0.0.1:port */
  url: string;
}

export interface Command {
  command: string;
  text: string;
  userId: string;
}

export interface Timing {
  ack: number;
  answer: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function signedBody(command: Command, responseUrl: string): { body: string; headers: Record<string, string> } {
  const body = new URLSearchParams({
    token: 'bench',
    team_id: 'TBENCH',
    team_domain: 'kommune',
    channel_id: 'C0BENCH',
    channel_name: 'team-bench',
    user_id: command.userId,
    user_name: command.userId.toLowerCase(),
    command: command.command,
    text: command.text,
    api_app_id: 'A0JOBBOT',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: randomUUID(),
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`,
    },
  };
}

function post(url: string, body: string, headers: Record<string, string>, retry = true): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/slack/events`, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.on('error', reject);
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed as it was reused: the request never reached it, send it again.
      if (retry && req.reusedSocket && error.code === 'ECONNRESET') post(url, body, headers, false).then(resolve, reject);
      else reject(error);
    });
    req.end(body);
  });
}

/** One command: ack and answer in ms from sending. Rejects on a non-200 ack or no answer within 30 s. */
export async function sendCommand(slack: FakeSlack, target: Target, command: Command): Promise<Timing> {
  const id = randomUUID();
  const { body, headers } = signedBody(command, slack.responseUrl(id));
  const answered = slack.answered(id);
  const started = performance.now();
  const status = await post(target.url, body, headers);
  const ack = performance.now() - started;
  if (status !== 200) throw new Error(`${target.name}: ${command.command} acked ${status}`);
  const at = await Promise.race([answered, new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`${target.name}: ${command.command} not answered in 30 s`)), 30_000).unref())]);
  return { ack, answer: at - started };
}

/** `users` users, each sending `each` commands one after another (its next when the last is answered). */
export async function closedLoop(slack: FakeSlack, target: Target, users: number, each: number, next: () => Command): Promise<Timing[]> {
  const timings: Timing[] = [];
  await Promise.all(
    Array.from({ length: users }, async () => {
      for (let i = 0; i < each; i++) timings.push(await sendCommand(slack, target, next()));
    }),
  );
  return timings;
}

/**
 * `amount` commands from `connections` autocannon connections, each sending
 * its next as soon as the previous one is acked. Returns autocannon's ack
 * latency percentiles and, once every answer is in, the answers' times.
 */
export async function ackBurst(slack: FakeSlack, target: Target, connections: number, amount: number, next: () => Command): Promise<{ ackP50: number; ackP99: number; answerP99: number; non2xx: number }> {
  const sent = new Map<string, number>();
  const answers: Array<Promise<number>> = [];
  const result = await autocannon({
    url: `${target.url}/slack/events`,
    connections,
    amount,
    requests: [
      {
        method: 'POST',
        setupRequest: (req: Record<string, unknown>) => {
          const id = randomUUID();
          const { body, headers } = signedBody(next(), slack.responseUrl(id));
          const at = performance.now();
          sent.set(id, at);
          answers.push(slack.answered(id).then((arrived) => arrived - at));
          return { ...req, method: 'POST', body, headers };
        },
      },
    ],
  });
  const answerTimes = await Promise.race([Promise.all(answers), new Promise<number[]>((resolve) => setTimeout(() => resolve([]), 120_000).unref())]);
  return { ackP50: result.latency.p50, ackP99: result.latency.p99, answerP99: percentile(answerTimes, 99), non2xx: result.non2xx };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
