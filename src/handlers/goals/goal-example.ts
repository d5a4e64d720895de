import type { Messages } from '../../domain/i18n/messages.js';

/** "Eksempel: /delmål C-1042 nået 1" under an input error; the sub-goal texts have their own i18n section. */
export function goalExample(t: Messages, index = 0): string {
  return `${t.usage.exampleLabel}: ${t.goals.usage.examples[index] ?? ''}`;
}
