/**
 * Caseload norms from seed 001 (STV): "S 40-50 sager, VK 30-35 sager".
 * Managers and admins carry no caseload, so they have no norm.
 * Role values match the Prisma `Role` enum so handlers can pass staff.role as is.
 */
export type CaseloadRole = 'CASEWORKER' | 'CONSULTANT' | 'MANAGER' | 'ADMIN';

export type CaseloadNorm = { readonly min: number; readonly max: number };

export type CaseloadStatus = 'under' | 'within' | 'over' | 'none';

export const CASELOAD_NORMS: Readonly<Partial<Record<CaseloadRole, CaseloadNorm>>> = {
  CASEWORKER: { min: 40, max: 50 },
  CONSULTANT: { min: 30, max: 35 },
};

export function caseloadNorm(role: CaseloadRole): CaseloadNorm | undefined {
  return CASELOAD_NORMS[role];
}

/** Where a caseload sits against its norm; both ends of the range count as within. */
export function caseloadStatus(count: number, role: CaseloadRole): CaseloadStatus {
  const norm = caseloadNorm(role);
  if (norm === undefined) return 'none';
  if (count < norm.min) return 'under';
  if (count > norm.max) return 'over';
  return 'within';
}
