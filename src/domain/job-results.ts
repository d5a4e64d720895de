// A citizen counts once per kind of job result per month (issue 13): a second
// "ordinære timer" in November (more hours agreed) is progression, not a new
// result, in targets, tallies, the digest and the marble jar.
import type { LocalDate } from './local-date.js';

export interface ResultRow {
  citizenId: string;
  kind: string;
  occurredOn: LocalDate;
}

/** The rows that count: the first per citizen, kind and month (by date, then as given). */
export function countedOnce<T extends ResultRow>(rows: readonly T[]): T[] {
  const seen = new Set<string>();
  const sorted = [...rows].sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0));
  return sorted.filter((r) => {
    const key = `${r.citizenId}|${r.kind}|${r.occurredOn.slice(0, 7)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface HoursRow {
  citizenId: string;
  occurredOn: LocalDate;
  hours: number;
}

/**
 * Increases of ordinary hours in [from, to]: each entry in the period against
 * the citizen's entry before it (in date order, rows given oldest first for a
 * day). Counts the citizens with an increase and the hours added in all.
 */
export function hoursIncreases(rows: readonly HoursRow[], from: LocalDate, to: LocalDate): { citizens: number; added: number } {
  const byCitizen = new Map<string, HoursRow[]>();
  for (const r of rows) byCitizen.set(r.citizenId, [...(byCitizen.get(r.citizenId) ?? []), r]);
  let citizens = 0;
  let added = 0;
  for (const series of byCitizen.values()) {
    const sorted = [...series].sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0));
    let more = 0;
    for (let i = 1; i < sorted.length; i++) {
      const now = sorted[i]!;
      if (now.occurredOn < from || now.occurredOn > to) continue;
      more += Math.max(0, now.hours - sorted[i - 1]!.hours);
    }
    if (more > 0) {
      citizens++;
      added += more;
    }
  }
  return { citizens, added };
}
