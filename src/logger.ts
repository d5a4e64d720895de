// Structured one-line logs on stderr (stdout belongs to the console channel).
// Callers pass ids and kinds, never free text a user typed; as a last line of
// defence every string field is CPR-redacted before it is written.
import { redactCpr } from './domain/cpr.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type Log = (event: string, fields?: Record<string, unknown>, level?: Exclude<LogLevel, 'silent'>) => void;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export function createLogger(minimum: LogLevel, write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Log {
  return (event, fields = {}, level = 'info') => {
    if (ORDER[level] < ORDER[minimum]) return;
    const safe = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, typeof value === 'string' ? redactCpr(value) : value]));
    write(JSON.stringify({ time: new Date().toISOString(), level, event, ...safe }));
  };
}
