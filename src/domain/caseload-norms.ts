/**
 * Caseload norms, from the rules table (shipped: seed 001 (STV), "S 40-50
 * sager, VK 30-35 sager"). Managers and admins carry no caseload, so they
 * have no norm. Role values match the Prisma `Role` enum so handlers can
 * pass staff.role as is.
 */
import type { LocalDate } from './local-date.js';
import { rulesFor } from './rules/rules.js';

export type CaseloadRole = 'CASEWORKER' | 'CONSULTANT' | 'MANAGER' | 'ADMIN';

export type CaseloadNorm = { readonly min: number; readonly max: number };

export type CaseloadStatus = 'under' | 'within' | 'over' | 'none';

/** The role's norm in the rules in force on `on`. */
export function caseloadNorm(role: CaseloadRole, on: LocalDate): CaseloadNorm | undefined {
  if (role !== 'CASEWORKER' && role !== 'CONSULTANT') return undefined;
  const { min, max } = rulesFor(on).caseloadNorms[role];
  return { min, max };
}

/** Where a caseload sits against its norm; both ends of the range count as within. */
export function caseloadStatus(count: number, role: CaseloadRole, on: LocalDate): CaseloadStatus {
  const norm = caseloadNorm(role, on);
  if (norm === undefined) return 'none';
  if (count < norm.min) return 'under';
  if (count > norm.max) return 'over';
  return 'within';
}
