import type { Db, Staff, Team } from './types.js';

export type StaffMember = Staff & { team: Team | null };

export function findStaffByHandle(db: Db, handle: string): Promise<StaffMember | null> {
  return db.staff.findUnique({ where: { handle: handle.toLowerCase() }, include: { team: true } });
}
