// Structured one-line JSON logs on stderr (stdout belongs to the console channel),
// written by pino. Callers pass ids and kinds, never free text a user typed; as a
// last line of defence every value is CPR-redacted before it is written, in two
// places pino offers: formatters.log walks the fields (nested ones too), and the
// streamWrite hook redacts the finished line, which also covers what pino adds
// itself (the event name).
import { pino, stdTimeFunctions, type DestinationStream } from 'pino';
import { redactCpr } from './domain/cpr.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type Log = (event: string, fields?: Record<string, unknown>, level?: Exclude<LogLevel, 'silent'>) => void;

const MAX_DEPTH = 6;

/** A field value with every CPR-shaped number replaced, however deep it sits. */
export function redactValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactCpr(value);
  // A ten-digit number can be a CPR number too; it is written as the redaction text then.
  if (typeof value === 'number' || typeof value === 'bigint') {
    const text = String(value);
    const redacted = redactCpr(text);
    return redacted === text ? value : redacted;
  }
  if (value === null || typeof value !== 'object') return value;
  // Callers pass logSafeError(error); an Error passed as it is still gets only its first line
  // (later ones may quote a query's arguments).
  if (value instanceof Error) return redactCpr(value.message.trim().split('\n')[0] || value.name);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (seen.has(value) || depth >= MAX_DEPTH) return '[omitted]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [redactCpr(key), redactValue(item, depth + 1, seen)]));
}

const stderr: DestinationStream = { write: (line) => void process.stderr.write(line) };

/** `write` receives one JSON line without its newline; tests pass their own. */
export function createLogger(minimum: LogLevel, write?: (line: string) => void): Log {
  const destination: DestinationStream = write ? { write: (line) => write(line.replace(/\n$/, '')) } : stderr;
  const logger = pino(
    {
      level: minimum,
      base: null, // no pid or hostname: one process per deployment, and the lines stay short
      timestamp: stdTimeFunctions.isoTime,
      // The event name is the line's message; pino then never copies an error's message into it.
      messageKey: 'event',
      formatters: {
        level: (label) => ({ level: label }),
        log: (fields) => redactValue(fields) as Record<string, unknown>,
      },
      hooks: { streamWrite: (line) => redactCpr(line) },
    },
    destination,
  );
  return (event, fields = {}, level = 'info') => logger[level](fields, event);
}
