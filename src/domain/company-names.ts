// Company names and CVR numbers (issue 14, the company register). Pure rules:
// when two typed names are the same company, when a new name is so close to a
// registered one that we ask "mente du …?", and whether a CVR number is valid.
import { boundedEditDistance, foldWord } from './questions/normalize.js';

/** Longest company name kept (the register is not the place for descriptions). */
export const MAX_COMPANY_NAME_LENGTH = 100;

/**
 * The comparable form of a company name: case, spacing, hyphens and the Danish
 * letters folded the way command words are ("Føtex", "foetex" and "FØTEX "
 * are one company, "Bygma-Vest" is "Bygma Vest"). Other punctuation is kept:
 * "A/S" and "AS" are left to the near-match.
 */
export function companyKey(name: string): string {
  return foldWord(name.trim().replace(/[-_\s]+/g, ' '));
}

/**
 * Whether `typed` looks like a slip for `registered` without being the same
 * name: one slip in a name of up to 6 letters, two from 7 (the vocabulary's
 * rule, isNearWord), and names under 4 letters only when they are equal.
 */
export function isNearCompanyName(typed: string, registered: string): boolean {
  const a = companyKey(typed);
  const b = companyKey(registered);
  if (a === b || a.length < 4 || b.length < 4) return false;
  const slips = Math.max(a.length, b.length) >= 7 ? 2 : 1;
  return boundedEditDistance(a, b, slips) <= slips;
}

export type CompanyMatch<T> = { kind: 'same'; company: T } | { kind: 'near'; company: T } | { kind: 'new' };

/** A registered company's names: its own, and those it was also registered under (merged, see the migration company_register_per_instance). */
export interface NamedCompany {
  name: string;
  aliases?: readonly string[];
}

function namesOf(c: NamedCompany): string[] {
  return [c.name, ...(c.aliases ?? [])];
}

/** The registered company a typed name means: the same one (by name or alias), one it is probably a slip for, or none. */
export function matchCompany<T extends NamedCompany>(typed: string, registered: readonly T[]): CompanyMatch<T> {
  const key = companyKey(typed);
  const same = registered.find((c) => namesOf(c).some((n) => companyKey(n) === key));
  if (same) return { kind: 'same', company: same };
  const near = registered
    .filter((c) => isNearCompanyName(typed, c.name))
    .map((c) => ({ c, d: boundedEditDistance(key, companyKey(c.name), Infinity) }))
    .sort((x, y) => x.d - y.d)[0];
  return near ? { kind: 'near', company: near.c } : { kind: 'new' };
}

/** CVR weights for the modulus-11 check (Erhvervsstyrelsen): 2 7 6 5 4 3 2 1. */
const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const;

/** A CVR number as typed, with spaces allowed ("1234 5678"), normalised to 8 digits; undefined when invalid. */
export function parseCvr(raw: string): string | undefined {
  const digits = raw.replace(/\s+/g, '');
  if (!/^[1-9]\d{7}$/.test(digits)) return undefined;
  const sum = CVR_WEIGHTS.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  return sum % 11 === 0 ? digits : undefined;
}
