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
