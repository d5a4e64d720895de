// Who may see and change a citizen: the assigned caseworker, consultant and
// mentor, a colleague covering for one of them while they are away, and the
// team's managers. Nobody across teams.
import type { Role } from './enums.js';

export interface Actor {
  id: string;
  role: Role;
  teamId: string | null;
  isAdmin: boolean;
  /** Colleagues away today whom this actor covers (/jobbot away … cover:@actor): their citizens too. */
  covering?: readonly string[];
}

export interface CitizenAccessFacts {
  teamId: string;
  caseworkerId: string | null;
  consultantId: string | null;
  mentorId: string | null;
}

/** Managers see and manage their whole team. */
export function isManager(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'MANAGER';
}

export function canAccessCitizen(actor: Actor, citizen: CitizenAccessFacts): boolean {
  if (!actor.teamId || actor.teamId !== citizen.teamId) return false;
  if (isManager(actor)) return true;
  const assigned = [citizen.caseworkerId, citizen.consultantId, citizen.mentorId];
  return assigned.includes(actor.id) || assigned.some((id) => id !== null && (actor.covering ?? []).includes(id));
}
