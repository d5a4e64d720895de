// Lookups in the rules table. Pure: a date in, the rule in force out. The
// rule sets in force are the shipped ones or a municipality's rules file
// (useRuleSets, at start-up), with what admins changed in chat on top
// (useStoredRules: a switch to a ready set, or a set changed from a date).
import type { MeetingKind, OutcomeKind, PlacementType, TargetGroup } from '../enums.js';
import { onOrAfterWorkingDay } from '../danish-calendar.js';
import { addDays, compareLocalDate, daysInMonth, localDateParts, makeLocalDate, type LocalDate } from '../local-date.js';
import { ruleSetsSchema, type MeetingKindRule, type PlacementLimit, type RuleLength, type RuleSet, type TargetGroupRule } from './schema.js';
import { SHIPPED_RULE_SETS } from './shipped-rules.js';

/**
 * What an admin changed in chat, oldest first (stored in the database, read
 * at start-up and every scheduler tick): a switch to a ready (opt-in) set
 * from a date, or a rule set with one rule changed (`/jobbot rules set`).
 */
export type StoredRuleEntry = { kind: 'switch'; setId: string; effectiveFrom: LocalDate } | { kind: 'set'; set: RuleSet };

/** The shipped sets or a municipality's file, ready (opt-in) sets included. */
let base: readonly RuleSet[] = SHIPPED_RULE_SETS;
let stored: readonly StoredRuleEntry[] = [];
let installed: readonly RuleSet[] = compose(base, stored);

/**
 * The sets in force: the base's sets that are not opt-in, a switched ready
 * set from the date chosen, then chat changes; a later entry with the same
 * date replaces an earlier one. Sorted oldest first.
 */
function compose(baseSets: readonly RuleSet[], entries: readonly StoredRuleEntry[]): RuleSet[] {
  const byDate = new Map<string, RuleSet>();
  for (const set of baseSets) if (!set.optIn) byDate.set(set.effectiveFrom, set);
  for (const entry of entries) {
    if (entry.kind === 'set') byDate.set(entry.set.effectiveFrom, entry.set);
    else {
      const ready = baseSets.find((s) => s.id === entry.setId);
      if (ready) byDate.set(entry.effectiveFrom, { ...ready, optIn: false, effectiveFrom: entry.effectiveFrom });
    }
  }
  return [...byDate.values()].sort((a, b) => compareLocalDate(a.effectiveFrom, b.effectiveFrom));
}

/** The rule sets in force, oldest first. */
export function ruleSets(): readonly RuleSet[] {
  return installed;
}

/** Ready sets an admin may switch to (opt-in), not yet switched to. */
export function readyRuleSets(): RuleSet[] {
  return base.filter((s) => s.optIn && !stored.some((e) => e.kind === 'switch' && e.setId === s.id));
}

/** A ready set by id, switched or not (the preview shows it either way). */
export function readyRuleSet(id: string): RuleSet | undefined {
  return base.find((s) => s.optIn && s.id === id);
}

/**
 * Replaces the base rule sets (a municipality's rules file, or a test).
 * Checked with the schema; dates must be distinct among the sets in force.
 * Returns the problems, or none.
 */
export function useRuleSets(candidate: unknown): { ok: true } | { ok: false; problems: string[] } {
  const parsed = ruleSetsSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`) };
  const sorted = [...parsed.data].sort((a, b) => compareLocalDate(a.effectiveFrom, b.effectiveFrom));
  const dates = sorted.filter((s) => !s.optIn).map((s) => s.effectiveFrom);
  const twice = dates.find((d, i) => dates.indexOf(d) !== i);
  if (twice) return { ok: false, problems: [`two rule sets take effect on ${twice}`] };
  const ids = sorted.map((s) => s.id);
  const idTwice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (idTwice) return { ok: false, problems: [`two rule sets have the id ${idTwice}`] };
  if (!sorted.some((s) => !s.optIn)) return { ok: false, problems: ['at least one rule set must not be opt-in'] };
  base = sorted;
  installed = compose(base, stored);
  return { ok: true };
}

/** Installs what admins changed in chat (src/db/stored-rules.ts reads it). */
export function useStoredRules(entries: readonly StoredRuleEntry[]): void {
  stored = entries;
  installed = compose(base, stored);
}

/** Back to the shipped rules, without chat changes (tests). */
export function useShippedRules(): void {
  base = SHIPPED_RULE_SETS;
  stored = [];
  installed = compose(base, stored);
}

/** The rule set in force on `date`: the latest whose effective date has come (the oldest before all of them). */
export function rulesFor(date: LocalDate): RuleSet {
  let inForce = installed[0]!;
  for (const set of installed) if (compareLocalDate(set.effectiveFrom, date) <= 0) inForce = set;
  return inForce;
}

/** The group's rule on `date`; undefined when the group is not a group then. */
export function targetGroupRule(group: TargetGroup, date: LocalDate): TargetGroupRule | undefined {
  return rulesFor(date).targetGroups[group];
}

/** Default check-in cadence for a new citizen of the group. */
export function checkInCadenceFor(group: TargetGroup, date: LocalDate): number {
  return targetGroupRule(group, date)?.checkInCadenceDays ?? 7;
}

/** Words for every meeting kind: the sets in force, newest last, over the shipped words. */
export function meetingKindWords(): Record<MeetingKind, MeetingKindRule['words']> {
  const words = {} as Record<MeetingKind, MeetingKindRule['words']>;
  for (const set of [...SHIPPED_RULE_SETS, ...installed]) {
    for (const [kind, rule] of Object.entries(set.meetingKinds ?? {}) as Array<[MeetingKind, MeetingKindRule]>) words[kind] = rule.words;
  }
  return words;
}

/** Every group any rule set knows, with its words (a closed group's word is still understood, and then refused with its rule). */
export function targetGroupWords(): Partial<Record<TargetGroup, TargetGroupRule['words']>> {
  const words: Partial<Record<TargetGroup, TargetGroupRule['words']>> = {};
  for (const set of installed) for (const [group, rule] of Object.entries(set.targetGroups) as Array<[TargetGroup, TargetGroupRule]>) words[group] = rule.words;
  return words;
}

/** Groups a new citizen may be put in on `date`. */
export function openTargetGroups(date: LocalDate): TargetGroup[] {
  return (Object.entries(rulesFor(date).targetGroups) as Array<[TargetGroup, TargetGroupRule]>).filter(([, r]) => r.openToNew).map(([g]) => g);
}

export function addMonths(d: LocalDate, months: number): LocalDate {
  const { year, month, day } = localDateParts(d);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return makeLocalDate(y, m, Math.min(day, daysInMonth(y, m)))!;
}

/** The last day of a length counted from `start` (inclusive): 14 days from Monday end on the second Sunday. */
export function lastDayOf(start: LocalDate, length: RuleLength): LocalDate {
  if ('days' in length) return addDays(start, length.days - 1);
  if ('weeks' in length) return addDays(start, length.weeks * 7 - 1);
  return addDays(addMonths(start, length.months), -1);
}

/** The placement type's limit for a group, if any. */
export function placementLimit(type: PlacementType, group: TargetGroup, date: LocalDate): PlacementLimit | undefined {
  const limits = rulesFor(date).placementTypes[type].limits;
  return limits.find((l) => l.groups !== 'others' && l.groups.includes(group)) ?? limits.find((l) => l.groups === 'others');
}

/**
 * The planned end of a placement given no length: the type's default (or
 * the group's), never past the group's maximum; on a working day.
 */
export function defaultPlannedEnd(type: PlacementType, group: TargetGroup, start: LocalDate): LocalDate {
  const rule = rulesFor(start).placementTypes[type];
  const limit = placementLimit(type, group, start);
  let end = lastDayOf(start, limit?.defaultLength ?? rule.defaultLength);
  if (limit && compareLocalDate(end, lastDayOf(start, limit.max)) > 0) end = lastDayOf(start, limit.max);
  return onOrAfterWorkingDay(end);
}

/**
 * Whether a planned end goes past the group's maximum, and the rule it
 * breaks. The maximum's last day counts as moved to a working day, as a
 * computed end is, so "4 weeks" starting on a Monday may end on the Monday.
 */
export function exceededLimit(type: PlacementType, group: TargetGroup, start: LocalDate, plannedEnd: LocalDate): { limit: PlacementLimit; latestEnd: LocalDate } | undefined {
  const limit = placementLimit(type, group, start);
  if (!limit) return undefined;
  const latestEnd = onOrAfterWorkingDay(lastDayOf(start, limit.max));
  return compareLocalDate(plannedEnd, latestEnd) > 0 ? { limit, latestEnd } : undefined;
}

/** Follow-up rhythm for a placement starting on `start`. */
export function followUpRhythm(type: PlacementType, start: LocalDate): { firstAfterDays: number; everyDays: number } {
  const { firstAfterDays, everyDays } = rulesFor(start).placementTypes[type].followUp;
  return { firstAfterDays, everyDays };
}

export function extensionNeedsReason(type: PlacementType, date: LocalDate): boolean {
  return rulesFor(date).placementTypes[type].extensionNeedsReason;
}

/** Outcomes that count as job results (targets, tallies, celebrations) on `date`. */
export function jobResultKinds(date: LocalDate): OutcomeKind[] {
  return [...rulesFor(date).jobResults.kinds];
}
