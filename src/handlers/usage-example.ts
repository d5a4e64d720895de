import type { Messages } from '../domain/i18n/messages.js';

type CommandName = Exclude<keyof Messages['usage'], 'exampleLabel' | 'syntaxLabel'>;

/** "Eksempel: /samtale C-1042 trepart i dag 45m" — shown under every input error. */
export function exampleFor(t: Messages, command: CommandName, index = 0): string {
  const usage = t.usage[command];
  return `${t.usage.exampleLabel}: ${usage.examples[index] ?? usage.examples[0] ?? ''}`;
}
