// The console channel: type exactly what you would type in Slack, read the
// answers as text. Works on a terminal and on a pipe (exits at end of input).
// Like hubot's Shell adapter, its streams are injectable so tests drive it.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { parseHandle } from '../../domain/command-tokens.js';
import { findStaffByHandle, type StaffMember } from '../../db/staff-queries.js';
import type { RouterDeps } from '../../handlers/context.js';
import { routeCommand } from '../../handlers/router.js';
import { renderText } from './render-text.js';
import { DEFAULT_EXPORT_DIR, saveAttachment } from './save-attachment.js';
import type { OutboundChannel } from '../../delivery/outbound-channel.js';
import { formatLongDate } from '../../domain/i18n/format.js';
import { TIME_ZONE, todayIn } from '../../domain/local-date.js';
import type { Channel } from '../channel.js';
import { createConsoleClock, parseConsoleDateTime, type ConsoleClock } from './console-clock.js';
import { createConsoleOutbound } from './console-outbound.js';
import { consoleScreen, type ConsoleScreen } from './console-screen.js';
import { announcementDeliverer } from '../../delivery/deliver-announcements.js';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** Handle of the user the console acts as until `:as` says otherwise. */
  actAs: string;
  /** Show a prompt and a greeting (only on a terminal). */
  interactive: boolean;
  /** Shared with a scheduler so `:clock` moves it too; default: deps.clock, shifted by `:clock`. */
  clock?: ConsoleClock;
  /** Where the outbox delivers in the console; default: this console's output, labelled per recipient. */
  outbound?: OutboundChannel;
  /** Where files that come with replies (CSV exports) are written; default data/exports. */
  exportDir?: string;
  /**
   * What `:run-jobs` runs: one scheduler tick at the console's time, delivering
   * through this console (given by the composition root, so channels never import jobs).
   */
  runJobs?: RunJobs;
}

export type RunJobs = (now: Date, outbound: OutboundChannel) => Promise<{ jobs: { enqueued: number; alreadyRunUntil?: Date }; outbox: { sent: number; failed: number; retrying: number } }>;

/** The console as a Channel: start() begins reading lines; `closed` settles when the input ends or on :quit. */
export interface ConsoleChannel extends Channel {
  readonly closed: Promise<void>;
}

interface ConsoleSession {
  deps: RouterDeps;
  clock: ConsoleClock;
  outbound: OutboundChannel;
  write: (text: string) => void;
  exportDir: string;
  runJobs?: RunJobs;
}

export function createConsoleChannel(deps: RouterDeps, options: ConsoleOptions): ConsoleChannel {
  const screen = consoleScreen(options.output, options.interactive);
  const outbound = options.outbound ?? createConsoleOutbound(deps.prisma, screen.print, options.exportDir);
  let closed: Promise<void> | undefined;
  let stopRequested = false;
  const start = () => {
    closed ??= runConsole(deps, { ...options, outbound }, () => stopRequested, screen);
    return Promise.resolve();
  };
  return {
    name: 'console',
    outbound,
    start,
    get closed() {
      return closed ?? Promise.resolve();
    },
    async stop() {
      stopRequested = true;
    },
  };
}

export async function runConsole(
  deps: RouterDeps,
  options: ConsoleOptions,
  stopRequested: () => boolean = () => false,
  screen: ConsoleScreen = consoleScreen(options.output, options.interactive),
): Promise<void> {
  const write = screen.print;
  const clock = options.clock ?? createConsoleClock(deps.clock);
  const outbound = options.outbound ?? createConsoleOutbound(deps.prisma, write, options.exportDir);
  // Everything the console runs follows the console's clock.
  const session: ConsoleSession = {
    deps: {
      ...deps,
      clock: () => clock.now(),
      // Without a composition root's hook (tests), celebrations are printed by this console.
      afterCommit: deps.afterCommit ?? announcementDeliverer({ prisma: deps.prisma, channels: () => [outbound], clock: clock.now, log: deps.log }),
    },
    clock,
    outbound,
    write,
    exportDir: options.exportDir ?? DEFAULT_EXPORT_DIR,
    ...(options.runJobs ? { runJobs: options.runJobs } : {}),
  };
  let actor = await findStaffByHandle(deps.prisma, options.actAs);
  if (!actor) write(`(no staff member @${options.actAs}; use :as <handle>)`);
  const rl = createInterface({ input: options.input, output: options.interactive ? options.output : undefined, terminal: options.interactive });
  const prompt = () => {
    if (options.interactive) {
      rl.setPrompt(`${actor ? `@${actor.handle}` : '?'} › `);
      rl.prompt();
      screen.waiting(rl);
    }
  };
  if (options.interactive) write('jobbot console. Skriv help for kommandoer, :help for konsollens egne, :quit for at slutte.');
  prompt();
  for await (const raw of rl) {
    screen.busy();
    const line = raw.trim();
    if (line === ':quit' || line === ':q' || line === ':exit' || stopRequested()) break;
    if (line) {
      if (line.startsWith(':')) actor = await consoleCommand(session, line, actor);
      else if (!actor) write('(choose a user first: :as <handle>)');
      else await handleLine(session, actor, line);
    }
    prompt();
  }
  rl.close();
}

async function handleLine(session: ConsoleSession, actor: StaffMember, line: string): Promise<void> {
  const { deps, write } = session;
  const routed = await routeCommand(deps, { text: line, actor, channel: 'CONSOLE' });
  write(renderText(routed.reply));
  if (routed.reply.attachment) write(await saveAttachment(session.exportDir, routed.reply.attachment));
  // Celebrations the router sends after the commit are printed after the answer (as [#Team] …).
  await routed.posted;
  write('');
}

async function consoleCommand(session: ConsoleSession, line: string, actor: StaffMember | null): Promise<StaffMember | null> {
  const { deps, write } = session;
  const [command, arg] = line.split(/\s+/);
  const rest = line.slice((command ?? '').length).trim();
  switch (command) {
    case ':clock': {
      if (rest === 'now' || rest === 'nu' || rest === 'reset') session.clock.reset();
      else if (rest) {
        const instant = parseConsoleDateTime(rest, session.clock.now());
        if (!instant) {
          write(`(not a date and time: ${rest}; try :clock 2027-03-30 08:00)`);
          return actor;
        }
        session.clock.set(instant);
      }
      write(`(clock: ${describeTime(session.clock.now())})`);
      return actor;
    }
    case ':run-jobs': {
      const now = session.clock.now();
      if (!session.runJobs) {
        write('(no scheduler in this console)');
        return actor;
      }
      const { jobs, outbox } = await session.runJobs(now, session.outbound);
      if (jobs.alreadyRunUntil) write(`(the scheduler already ran until ${describeTime(jobs.alreadyRunUntil)}; what it sent then is not sent again)`);
      write(`(jobs at ${describeTime(now)}: ${jobs.enqueued} queued, ${outbox.sent} delivered${outbox.failed ? `, ${outbox.failed} failed` : ''}${outbox.retrying ? `, ${outbox.retrying} to retry` : ''})`);
      return actor;
    }
    case ':as': {
      const handle = arg ? parseHandle(arg) : undefined;
      const found = handle ? await findStaffByHandle(deps.prisma, handle) : null;
      if (!found) {
        write(`(no staff member ${arg ?? ''})`);
        return actor;
      }
      write(`(now acting as @${found.handle}, ${found.role.toLowerCase()}${found.team ? `, team ${found.team.name}` : ''})`);
      return found;
    }
    case ':whoami':
      write(actor ? `@${actor.handle} (${actor.displayName}), ${actor.role.toLowerCase()}` : '(nobody)');
      return actor;
    case ':help':
      write(
        [
          ':as <handle>        act as another staff member',
          ':whoami             who you are',
          ':clock [<datetime>] show or set the clock (Copenhagen time, e.g. :clock 2027-03-30 08:00; :clock now resets)',
          ':run-jobs           run the reminders, digests and reports due at the clock\'s time, printing what is sent',
          ':quit               leave',
          "help                the bot's commands",
        ].join('\n'),
      );
      return actor;
    default:
      write(`(unknown console command ${command}; try :help)`);
      return actor;
  }
}

function describeTime(now: Date): string {
  const time = new Intl.DateTimeFormat('da-DK', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' }).format(now);
  return `${formatLongDate(todayIn(now), 'da')} ${time.replace('.', ':')}`;
}
