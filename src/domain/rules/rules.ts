// Lookups in the rules table. Pure: a date in, the rule in force out. The
// rule sets in force are the shipped ones, or a municipality's rules file
// installed at start-up (useRuleSets), never both mixed silently.
import type { OutcomeKind, PlacementType, TargetGroup } from '../enums.js';
import { onOrAfterWorkingDay } from '../danish-calendar.js';
import { addDays, compareLocalDate, daysInMonth, localDateParts, makeLocalDate, type LocalDate } from '../local-date.js';
import { ruleSetsSchema, type PlacementLimit, type RuleLength, type RuleSet, type TargetGroupRule } from './schema.js';
import { SHIPPED_RULE_SETS } from './shipped-rules.js';

let installed: readonly RuleSet[] = SHIPPED_RULE_SETS;

/** The rule sets in force, oldest first. */
export function ruleSets(): readonly RuleSet[] {
  return installed;
}

/**
 * Replaces the rule sets (a municipality's rules file, or a test). Checked
 * with the schema; dates must be distinct. Returns the problems, or none.
 */
export function useRuleSets(candidate: unknown): { ok: true } | { ok: false; problems: string[] } {
  const parsed = ruleSetsSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`) };
  const sorted = [...parsed.data].sort((a, b) => compareLocalDate(a.effectiveFrom, b.effectiveFrom));
  const dates = sorted.map((s) => s.effectiveFrom);
  const twice = dates.find((d, i) => dates.indexOf(d) !== i);
  if (twice) return { ok: false, problems: [`two rule sets take effect on ${twice}`] };
  installed = sorted;
  return { ok: true };
}

/** Back to the shipped rules (tests). */
export function useShippedRules(): void {
  installed = SHIPPED_RULE_SETS;
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
