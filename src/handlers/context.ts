// What every handler gets: the database (a transaction), the clock, the actor
// and their language. Built by the router; nothing here is global.
import type { Actor } from '../domain/access.js';
import type { Messages } from '../domain/i18n/messages.js';
import type { LocalDate } from '../domain/local-date.js';
import type { Reply } from '../domain/reply.js';
import type { AuditEntry } from '../db/audit.js';
import type { Db, PrismaClient, SourceChannel } from '../db/types.js';
import type { StaffMember } from '../db/staff-queries.js';
import type { Log } from '../logger.js';
import type { Metrics } from '../metrics.js';

/** Something the team channel should hear about: celebrations, and milestones a manager posts (/milepæl). */
export interface TeamAnnouncement {
  kind: 'celebration' | 'milestone';
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

export interface Incoming {
  text: string;
  actor: StaffMember;
  channel: SourceChannel;
  /** Where it was said, from the signed payload or activity (never parsed from the text). */
  conversation?: IncomingConversation;
  /** Set by channels that may redeliver (Slack retries, Teams activity ids): handled once. */
  requestKey?: string;
}

/** Who asked, where and with which redelivery key: everything of a request but its content. */
export type RequestOrigin = Omit<Incoming, 'text'>;

export interface RouterDeps {
  prisma: PrismaClient;
  clock: () => Date;
  adminEmails: readonly string[];
  log?: Log;
  /** Counts and times answers for /metrics; absent in tests that do not look. */
  metrics?: Metrics;
  /** Run after a transaction that announced something committed (delivery/deliver-announcements.ts). */
  afterCommit?: (routed: Pick<Routed, 'announcements'>) => Promise<void>;
}

export interface Routed {
  reply: Reply;
  /** Posts for the team channel, released only after the transaction committed. */
  announcements: TeamAnnouncement[];
  /** True when this request was answered from an earlier identical delivery. */
  replayed: boolean;
  /**
   * True when this request changed something just now: a command not marked
   * read-only in the command table, or a button, that succeeded and was not a
   * replay. Channels refresh what they show (the Slack App Home) only then.
   */
  changed?: boolean;
  /**
   * Settles when the post-commit work the router started (celebrations) is
   * done. Channels await it after answering, so the answer comes first.
   */
  posted?: Promise<void>;
}

/** A button press (reminder snooze/done, …), by action id from the Reply model. */
export interface IncomingAction {
  actionId: string;
  value: string;
  actor: StaffMember;
  channel: SourceChannel;
  conversation?: IncomingConversation;
  requestKey?: string;
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
  /**
   * Work for this process once the transaction has committed (installing a
   * stored rule change in the rules table); skipped when it rolls back.
   */
  onCommit?(work: () => void): void;
}

export function actorFacts(actor: StaffMember, adminEmails: readonly string[]): Actor & { isAdmin: boolean } {
  const isAdmin =
    actor.isAdmin || actor.role === 'ADMIN' || (actor.email !== null && adminEmails.includes(actor.email.toLowerCase()));
  return { id: actor.id, role: actor.role, teamId: actor.teamId, isAdmin };
}
