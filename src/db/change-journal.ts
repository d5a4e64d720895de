// The change journal behind "Fortryd" (undo): while a command runs, every
// row it creates and every field it updates is recorded with its inverse, so
// that the same person can take exactly that change back for ten minutes.
//
// It is a Prisma query extension driven by AsyncLocalStorage: the router opens
// a journal around one command's transaction (journalChanges), the extension
// records into it, and the handlers know nothing about undo. A write the
// journal cannot invert (a delete, a bulk insert) marks the change as not
// undoable rather than pretending.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db, PrismaClient } from './types.js';

/** Models whose rows a person changes with commands; the rest (audit, outbox bookkeeping, …) is history. */
const JOURNALED = new Set(['Citizen', 'Meeting', 'Placement', 'PlacementFollowUp', 'Outcome', 'MonthlyTarget', 'CaseworkerChange', 'ConsultantChange', 'MentorSupport', 'SubGoal', 'ReadinessChange', 'ReminderState', 'Staff', 'Team', 'Company', 'CompanyWish']);

/** Stored values in JSON: dates and decimals keep their type. */
type Encoded = string | number | boolean | null | { $date: string } | { $decimal: string } | Encoded[];

export type UndoStep =
  /** A row the change created: undo deletes it. */
  | { op: 'delete'; model: string; id: string }
  /** Team posts the change queued: undo withdraws those not yet sent. */
  | { op: 'withdraw'; keys: string[] }
  /** Fields the change updated: undo puts `before` back if the row still holds `after`. */
  | { op: 'restore'; model: string; id: string; before: Record<string, Encoded>; after: Record<string, Encoded> };

interface Journal {
  db: Db;
  steps: UndoStep[];
  citizenIds: Set<string>;
  undoable: boolean;
}

const current = new AsyncLocalStorage<Journal>();

export interface JournalResult<T> {
  result: T;
  steps: UndoStep[];
  citizenIds: string[];
  /** False when the change holds a write the journal cannot invert. */
  undoable: boolean;
}

/** Runs `work` with a journal on `db` (a transaction client) and returns what it recorded. */
export async function journalChanges<T>(db: Db, work: () => Promise<T>): Promise<JournalResult<T>> {
  const journal: Journal = { db, steps: [], citizenIds: new Set(), undoable: true };
  const result = await current.run(journal, work);
  return { result, steps: journal.steps, citizenIds: [...journal.citizenIds], undoable: journal.undoable };
}

/** Runs `work` without journaling, e.g. undo itself (its writes are not a new change to undo). */
export function withoutJournal<T>(work: () => Promise<T>): Promise<T> {
  return current.exit(work);
}

const delegateName = (model: string): string => model.charAt(0).toLowerCase() + model.slice(1);

// Prisma's delegates differ per model; the journal only needs these generic calls.
interface AnyDelegate {
  findUnique(args: { where: unknown }): Promise<Record<string, unknown> | null>;
  findMany(args: { where: unknown }): Promise<Array<Record<string, unknown>>>;
  deleteMany(args: { where: unknown }): Promise<{ count: number }>;
  updateMany(args: { where: unknown; data: unknown }): Promise<{ count: number }>;
}

export function delegate(db: Db, model: string): AnyDelegate {
  return (db as unknown as Record<string, AnyDelegate>)[delegateName(model)] as AnyDelegate;
}

export function encode(value: unknown): Encoded {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return { $date: value.toISOString() };
  if (Array.isArray(value)) return value.map(encode);
  if (typeof value === 'object') return { $decimal: String(value) }; // Prisma.Decimal, the only other object column
  return value as string | number | boolean;
}

export function decode(value: Encoded): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object' && '$date' in value) return new Date(value.$date);
  if (value && typeof value === 'object' && '$decimal' in value) return value.$decimal;
  return value;
}

/** Scalar columns a write's data sets directly (not relation operations such as { connect }). */
function scalarFields(data: Record<string, unknown>): string[] {
  return Object.keys(data).filter((key) => {
    const value = data[key];
    if (value === undefined) return false;
    if (value === null || value instanceof Date || typeof value !== 'object' || Array.isArray(value)) return true;
    // { set: … }, { push: … }, { increment: … } change this column; anything else is a relation write.
    return Object.keys(value).every((k) => ['set', 'push', 'increment', 'decrement', 'multiply', 'divide'].includes(k));
  });
}

function hasRelationWrite(data: Record<string, unknown>): boolean {
  return Object.keys(data).length !== scalarFields(data).length;
}

function noteCitizen(journal: Journal, model: string, row: Record<string, unknown> | null): void {
  if (!row) return;
  if (model === 'Citizen' && typeof row.id === 'string') journal.citizenIds.add(row.id);
  if (typeof row.citizenId === 'string') journal.citizenIds.add(row.citizenId);
}

function pick(row: Record<string, unknown>, fields: string[]): Record<string, Encoded> {
  return Object.fromEntries(fields.map((f) => [f, encode(row[f])]));
}

/** `known`: the rows as written, when the write returned them whole (saves reading them again). */
async function recordUpdates(journal: Journal, model: string, befores: Array<Record<string, unknown>>, fields: string[], known?: Array<Record<string, unknown>>): Promise<void> {
  if (befores.length === 0) return;
  const ids = befores.map((b) => b.id as string);
  const afters = known ?? (await delegate(journal.db, model).findMany({ where: { id: { in: ids } } }));
  for (const before of befores) {
    const after = afters.find((a) => a.id === before.id);
    if (!after) continue;
    noteCitizen(journal, model, after);
    const changed = fields.filter((f) => JSON.stringify(encode(before[f])) !== JSON.stringify(encode(after[f])));
    if (changed.length > 0) journal.steps.push({ op: 'restore', model, id: before.id as string, before: pick(before, changed), after: pick(after, changed) });
  }
}

/** The row an update or upsert returned, when it is the whole row (no select, include or omit): the "after" needs no second read. */
function wholeRow(args: Record<string, unknown>, result: unknown): Array<Record<string, unknown>> | undefined {
  if (args.select || args.include || args.omit || !result || typeof result !== 'object') return undefined;
  return [result as Record<string, unknown>];
}

type Args = Record<string, unknown> & { where?: unknown; data?: Record<string, unknown>; create?: Record<string, unknown>; update?: Record<string, unknown> };

async function journaled(journal: Journal, model: string, operation: string, args: Args, query: (args: Args) => Promise<unknown>): Promise<unknown> {
  if (model === 'Delivery' && (operation === 'createMany' || operation === 'create')) {
    const rows = ([] as Array<Record<string, unknown>>).concat((args.data ?? []) as Record<string, unknown>);
    journal.steps.push({ op: 'withdraw', keys: rows.map((r) => String(r.key)) });
    return query(args);
  }
  if (!JOURNALED.has(model)) return query(args);
  const table = delegate(journal.db, model);
  switch (operation) {
    case 'create': {
      const row = (await query(args)) as Record<string, unknown>;
      journal.steps.push({ op: 'delete', model, id: row.id as string });
      noteCitizen(journal, model, row);
      return row;
    }
    case 'update': {
      const data = args.data ?? {};
      if (hasRelationWrite(data)) journal.undoable = false;
      const before = await table.findUnique({ where: args.where });
      const result = await query(args);
      await recordUpdates(journal, model, before ? [before] : [], scalarFields(data), wholeRow(args, result));
      return result;
    }
    case 'updateMany': {
      const data = args.data ?? {};
      const befores = await table.findMany({ where: args.where ?? {} });
      const result = await query(args);
      await recordUpdates(journal, model, befores, scalarFields(data));
      return result;
    }
    case 'upsert': {
      const before = await table.findUnique({ where: args.where });
      const row = (await query(args)) as Record<string, unknown>;
      if (before) await recordUpdates(journal, model, [before], scalarFields(args.update ?? {}), wholeRow(args, row));
      else {
        journal.steps.push({ op: 'delete', model, id: row.id as string });
        noteCitizen(journal, model, row);
      }
      return row;
    }
    case 'createMany':
    case 'createManyAndReturn':
    case 'updateManyAndReturn':
    case 'delete':
    case 'deleteMany':
      journal.undoable = false;
      return query(args);
    default:
      return query(args);
  }
}

/** Deliveries queued with raw SQL (outbox-queries.ts): within a change, undo withdraws them as it does a createMany's. */
export function noteQueuedDeliveries(keys: readonly string[]): void {
  current.getStore()?.steps.push({ op: 'withdraw', keys: [...keys] });
}

/** The client with the journal extension; outside journalChanges it only passes queries through. */
export function withChangeJournal(prisma: PrismaClient): PrismaClient {
  return prisma.$extends({
    name: 'change-journal',
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const journal = current.getStore();
          if (!journal) return query(args);
          return journaled(journal, model, operation, args as Args, query as (a: Args) => Promise<unknown>) as ReturnType<typeof query>;
        },
      },
    },
  }) as unknown as PrismaClient;
}
