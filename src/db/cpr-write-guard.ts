// The last line of the CPR guard: every value about to be written to the
// database is checked, whatever path it came by (a command, a Slack modal, a
// Teams card, a CSV cell, a staff or team name). Handlers and parsers check
// what was typed; this checks what is actually stored, after every rewrite.
//
// Columns people type into are refused (the write throws CprRefusedError and
// the command's transaction rolls back). Columns the bot derives from stored
// values for its own use (outbox payloads, audit details, import previews,
// stored replies) are redacted instead, so that a legacy value can never stop
// a reminder from being sent. Identifiers and platform references are not
// checked: they are generated, and a random UUID can look like a date.
import { cannotHoldCpr, redactCpr, containsCprNumber } from '../domain/cpr.js';
import type { PrismaClient } from './types.js';

export class CprRefusedError extends Error {
  readonly code = 'JOBBOT_CPR_REFUSED';
  constructor(readonly model: string, readonly field: string) {
    // Names the column, never the value.
    super(`CPR-shaped value refused in ${model}.${field}`);
  }
}

const WRITE_OPERATIONS = new Set([
  'create',
  'createMany',
  'createManyAndReturn',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'upsert',
]);

/** Generated identifiers and platform references: never typed by a person. */
const SYSTEM_FIELDS = new Set([
  'id',
  'key',
  'fileHash',
  'subject',
  'conversationId',
  'reference',
  'messageRef',
  'error',
  'platform',
  'scope',
  'channel',
  'audience',
  'job',
  'digestTime',
  'reminderTime',
]);

/** Derived JSON the bot writes for itself: redacted, not refused. */
const REDACTED_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = {
  Delivery: new Set(['payload']),
  AuditLog: new Set(['details']),
  ImportBatch: new Set(['preview']),
  ProcessedRequest: new Set(['response']),
  // The values a change replaced: a legacy note with a CPR number must still be correctable.
  UndoableChange: new Set(['steps']),
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

const isSystemField = (field: string): boolean => SYSTEM_FIELDS.has(field) || /Ids?$/.test(field);

/** The text without its UUIDs (which are generated and may look like a date by chance). */
const withoutUuids = (text: string): string => text.replace(UUID, ' ');

function textHasCpr(text: string): boolean {
  // Removing UUIDs never adds a digit: text that cannot hold a CPR number without them cannot with them.
  return !cannotHoldCpr(text) && containsCprNumber(withoutUuids(text));
}

/** Redacts a string outside its UUIDs, so identifiers inside action values stay intact. */
function redactOutsideUuids(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(UUID)) {
    out += redactCpr(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + redactCpr(text.slice(last));
}

/**
 * An image's bytes in base64 (ReplyAttachment with encoding 'base64': the chart
 * PNG) are not text anyone typed, and a "redaction" inside them would only
 * break the file; its name and alt text are still checked. Scanning the
 * weekly digest's 50 charts took half a second in one piece (issue 15).
 */
const isFileBytes = (owner: object, key: string): boolean => {
  const file = owner as { encoding?: unknown; contentType?: unknown };
  // Images only: a text file (a CSV) sent as base64 one day would still be read.
  return key === 'content' && file.encoding === 'base64' && typeof file.contentType === 'string' && file.contentType.startsWith('image/');
};

/** True if any string anywhere in the value (outside its UUIDs and file bytes) holds a CPR number: for replies about to be sent. */
export function valueHasCpr(value: unknown): boolean {
  if (typeof value === 'string') return textHasCpr(value);
  if (Array.isArray(value)) return value.some(valueHasCpr);
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.entries(value).some(([k, v]) => !isFileBytes(value, k) && valueHasCpr(v));
  return false;
}

function redactDeep(value: unknown): unknown {
  if (typeof value === 'string') return textHasCpr(value) ? redactOutsideUuids(value) : value;
  if (Array.isArray(value)) {
    // Copied only when something inside was redacted: a morning run's payloads are thousands of
    // objects, and rebuilding each one was most of the guard's time and garbage (issue 15).
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = redactDeep(value[i]);
      if (v !== value[i]) (out ??= value.slice())[i] = v;
    }
    return out ?? value;
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isFileBytes(value, k) ? v : redactDeep(v)]));
    let out: Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(value)) {
      const r = isFileBytes(value, k) ? v : redactDeep(v);
      if (r !== v) (out ??= { ...value })[k] = r;
    }
    return out ?? value;
  }
  return value;
}

/** Throws on the first typed value that holds a CPR number; redacts derived JSON. Returns the data to write. */
function checkData(model: string, data: unknown): unknown {
  if (Array.isArray(data)) return data.map((row) => checkData(model, row));
  if (!data || typeof data !== 'object' || data instanceof Date) return data;
  const redacted = REDACTED_FIELDS[model];
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(data)) {
    if (redacted?.has(field)) {
      out[field] = redactDeep(value);
      continue;
    }
    if (!isSystemField(field)) assertNoCpr(model, field, value);
    out[field] = value;
  }
  return out;
}

/**
 * One row of a write that bypasses Prisma (raw SQL on a hot path), checked as
 * the extension checks a Prisma write of `model`: typed columns refused,
 * derived JSON redacted. Returns the row to write.
 */
export function guardRow<T extends Record<string, unknown>>(model: string, row: T): T {
  return checkData(model, row) as T;
}

/** Strings, string lists ({ set: [...] }, { push: ... }) and nested writes, all searched. */
function assertNoCpr(model: string, field: string, value: unknown): void {
  if (typeof value === 'string') {
    if (textHasCpr(value)) throw new CprRefusedError(model, field);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) assertNoCpr(model, field, item);
    return;
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, inner] of Object.entries(value)) {
      if (!isSystemField(key)) assertNoCpr(model, field, inner);
    }
  }
}

/** A write's data (create, update, createMany, upsert's create and update), checked. */
function checkArgs(model: string, args: Record<string, unknown>): Record<string, unknown> {
  const out = { ...args };
  for (const part of ['data', 'create', 'update'] as const) {
    if (part in out) out[part] = checkData(model, out[part]);
  }
  return out;
}

/**
 * The client with the write guard: every write of every model, also inside
 * interactive transactions. Query extensions change no method types, so the
 * result is still used as a PrismaClient.
 */
export function withCprWriteGuard(prisma: PrismaClient): PrismaClient {
  return prisma.$extends({
    name: 'cpr-write-guard',
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (!WRITE_OPERATIONS.has(operation)) return query(args);
          return query(checkArgs(model, args as Record<string, unknown>) as typeof args);
        },
      },
    },
  }) as unknown as PrismaClient;
}
