import type { Locale } from '../enums.js';
import { da, type Messages } from './da.js';
import { en } from './en.js';

export type { Messages };

export function messagesFor(locale: Locale): Messages {
  return locale === 'en' ? en : da;
}
