// What every handler gets: the database (a transaction), the clock, the actor
// and their language. Built by the router; nothing here is global.
import type { Actor } from '../domain/access.js';
import type { Messages } from '../domain/i18n/messages.js';
import type { LocalDate } from '../domain/local-date.js';
import type { Reply } from '../domain/reply.js';
import type { AuditEntry } from '../db/audit.js';
import type { Db, SourceChannel } from '../db/types.js';
import type { StaffMember } from '../db/staff-queries.js';

/** Something the team channel should hear about (celebrations today; digests later). */
export interface TeamAnnouncement {
  kind: 'celebration';
  teamId: string;
  /** What it is about (the outcome id): with kind and team, the outbox key that makes it go out once. */
  subjectId: string;
  reply: Reply;
}

/**
 * Where a request was said, from the platform's signed payload (never from the
 * text): the Slack channel id, or the Teams conversation id. `shared` means a
 * channel a team can be linked to (not a DM, group DM or group chat).
 */
export interface IncomingConversation {
  platform: 'slack' | 'teams';
  id: string;
  shared: boolean;
}

export interface HandlerContext {
  db: Db;
  now: Date;
  today: LocalDate;
  actor: StaffMember;
  t: Messages;
  channel: SourceChannel;
  adminEmails: readonly string[];
  /** Where the request was said, when the channel knows (Slack, Teams). */
  conversation?: IncomingConversation;
  /** Collected by the router and handed to the channel after the transaction commits. */
  announce(announcement: TeamAnnouncement): void;
  /**
   * A refused attempt (access denied) to audit although the error reply rolls
   * the transaction back: the router writes these after the rollback
   * (recordRefusals in db/audit.ts). Never the refused text, only who, what, which citizen.
   */
  refused?(entry: AuditEntry): void;
}

export function actorFacts(actor: StaffMember, adminEmails: readonly string[]): Actor & { isAdmin: boolean } {
  const isAdmin =
    actor.isAdmin || actor.role === 'ADMIN' || (actor.email !== null && adminEmails.includes(actor.email.toLowerCase()));
  return { id: actor.id, role: actor.role, teamId: actor.teamId, isAdmin };
}
