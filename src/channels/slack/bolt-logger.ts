// Bolt's and the WebClient's own log lines, into the channel's log.
import { LogLevel, type Logger } from '@slack/bolt';
import { errorCode } from './identity.js';
import type { SlackLog } from './slack-deps.js';

/** Bolt and WebClient logs into ours: warnings and errors only, never payloads. */
export function boltLogger(log: SlackLog): Logger {
  let level = LogLevel.WARN;
  const line = (args: unknown[]) =>
    args
      .map((a) => (typeof a === 'string' ? a : errorCode(a)))
      .join(' ')
      .slice(0, 300);
  return {
    debug: () => {},
    info: () => {},
    warn: (...args: unknown[]) => log('slack.bolt', { message: line(args) }, 'warn'),
    error: (...args: unknown[]) => log('slack.bolt', { message: line(args) }, 'error'),
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: () => {},
  };
}
