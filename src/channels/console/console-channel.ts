// The console channel: type exactly what you would type in Slack, read the
// answers as text. Works on a terminal and on a pipe (exits at end of input).
// Like hubot's Shell adapter, its streams are injectable so tests drive it.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { parseHandle } from '../../domain/command-tokens.js';
import { findStaffByHandle, type StaffMember } from '../../db/staff-queries.js';
import { routeCommand, type RouterDeps } from '../../handlers/router.js';
import { renderText } from './render-text.js';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** Handle of the user the console acts as until `:as` says otherwise. */
  actAs: string;
  /** Show a prompt and a greeting (only on a terminal). */
  interactive: boolean;
}

export async function runConsole(deps: RouterDeps, options: ConsoleOptions): Promise<void> {
  const write = (text: string) => options.output.write(`${text}\n`);
  let actor = await findStaffByHandle(deps.prisma, options.actAs);
  if (!actor) write(`(no staff member @${options.actAs}; use :as <handle>)`);
  const rl = createInterface({ input: options.input, output: options.interactive ? options.output : undefined, terminal: options.interactive });
  const prompt = () => {
    if (options.interactive) {
      rl.setPrompt(`${actor ? `@${actor.handle}` : '?'} › `);
      rl.prompt();
    }
  };
  if (options.interactive) write('jobbot console. Skriv help for kommandoer, :help for konsollens egne, :quit for at slutte.');
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === ':quit' || line === ':q' || line === ':exit') break;
    if (line) {
      if (line.startsWith(':')) actor = await consoleCommand(deps, line, actor, write);
      else if (!actor) write('(choose a user first: :as <handle>)');
      else await handleLine(deps, actor, line, write);
    }
    prompt();
  }
  rl.close();
}

async function handleLine(deps: RouterDeps, actor: StaffMember, line: string, write: (text: string) => void): Promise<void> {
  const routed = await routeCommand(deps, { text: line.replace(/^\//, ''), actor, channel: 'CONSOLE' });
  write(renderText(routed.reply));
  for (const a of routed.announcements) {
    const team = await deps.prisma.team.findUnique({ where: { id: a.teamId } });
    write(`[#${team?.name ?? 'team'}] ${renderText(a.reply).replace(/\n/g, '\n[#' + (team?.name ?? 'team') + '] ')}`);
  }
  write('');
}

async function consoleCommand(deps: RouterDeps, line: string, actor: StaffMember | null, write: (text: string) => void): Promise<StaffMember | null> {
  const [command, arg] = line.split(/\s+/);
  switch (command) {
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
      write([':as <handle>   act as another staff member', ':whoami        who you are', ':quit          leave', 'help           the bot\'s commands'].join('\n'));
      return actor;
    default:
      write(`(unknown console command ${command}; try :help)`);
      return actor;
  }
}
