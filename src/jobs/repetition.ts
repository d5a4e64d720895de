// Repetition in the morning lists (issue 9, item 16; rules in
// domain/reminder-repetition.ts): items reminded the team's number of times
// leave the daily list, are passed on once to the team's managers in a DM
// labelled "For @camilla (påmindet 3 gange)", as a leaver's citizens are,
// and come back to their recipient in one line on the week's first working
// day. Used by the check-in and placement jobs alike.
import { messagesFor } from '../domain/i18n/messages.js';
import type { Locale } from '../domain/enums.js';
import { splitRepeated } from '../domain/reminder-repetition.js';
import { deliveryKey, isWeekStart, type SubjectState } from '../domain/reminder-rules.js';
import { okReply, type ReplyBlock } from '../domain/reply.js';
import type { LocalDate } from '../domain/local-date.js';
import type { NewDelivery } from '../db/outbox-queries.js';
import { managersByTeam, recordEscalated, recordReminded } from '../db/reminder-repeat-queries.js';
import type { Recipient } from '../db/reminder-queries.js';
import type { Db } from '../db/types.js';

export const ESCALATION_KIND = 'escalation';

/** An item as repetition needs it: what it is about and how it reads in a given language. */
export interface RepeatItem {
  subject: string;
  citizenId: string;
  text: (locale: Locale) => string;
}

export class Repetition {
  private reminded: Array<{ staffId: string; subjects: string[] }> = [];
  private escalated: Array<{ staffId: string; subjects: string[] }> = [];
  readonly escalations: NewDelivery[] = [];

  private constructor(
    private readonly kind: string,
    private readonly today: LocalDate,
    private readonly managers: Map<string, Recipient[]>,
  ) {}

  static async start(db: Db, kind: string, today: LocalDate, recipients: readonly Recipient[]): Promise<Repetition> {
    return new Repetition(kind, today, await managersByTeam(db, recipients.flatMap((r) => (r.teamId ? [r.teamId] : []))));
  }

  /**
   * Splits a recipient's due items: `daily` stay in today's list (and are
   * counted once sent), `weekly` go in the summary line (week's first working
   * day only, else empty); repeated ones not yet passed on are escalated.
   */
  plan<T>(recipient: Recipient, items: readonly T[], view: (item: T) => RepeatItem, states: ReadonlyMap<string, SubjectState>): { daily: T[]; weekly: T[] } {
    const after = recipient.team?.escalateAfterReminders ?? null;
    const split = splitRepeated(items, (i) => view(i).subject, states, after, this.today);
    if (split.escalate.length > 0 && after !== null) this.escalate(recipient, split.escalate.map(view), after);
    return { daily: split.daily, weekly: isWeekStart(this.today) ? split.repeated : [] };
  }

  /** The daily items that went into a recipient's message: counted (once a day). */
  sent(staffId: string, subjects: string[]): void {
    if (subjects.length) this.reminded.push({ staffId, subjects });
  }

  private escalate(from: Recipient, items: RepeatItem[], after: number): void {
    this.escalated.push({ staffId: from.id, subjects: items.map((i) => i.subject) });
    // A manager standing in for a leaver is the one reminded: the other managers hear of it.
    for (const manager of (from.teamId ? this.managers.get(from.teamId) : undefined) ?? []) {
      if (manager.id === from.id) continue;
      const m = messagesFor(manager.locale).repetition;
      const blocks: ReplyBlock[] = [
        { type: 'header', text: m.escalationTitle },
        { type: 'context', text: m.escalationIntro(after) },
        { type: 'text', text: `${m.escalationGroup(from.handle, after)}:` },
        { type: 'list', items: items.map((i) => i.text(manager.locale)) },
      ];
      this.escalations.push({
        key: deliveryKey(ESCALATION_KIND, `${this.kind}:${from.id}`, manager.id, this.today),
        kind: ESCALATION_KIND,
        teamId: manager.teamId as string,
        recipientId: manager.id,
        audience: 'dm',
        payload: okReply(m.escalationFallback(from.handle, items.length), blocks),
        citizenIds: items.map((i) => i.citizenId),
      });
    }
  }

  /** Writes the counts and escalation marks; before the enqueue, so a retried plan never counts twice (once a day). */
  async save(db: Db): Promise<void> {
    await recordReminded(db, this.reminded, this.today);
    await recordEscalated(db, this.escalated, this.today);
  }
}

/** The recipient's weekly line about repeated items (nothing when there are none). */
export function weeklyRepeatedBlocks(items: readonly RepeatItem[], locale: Locale, after: number | null | undefined): ReplyBlock[] {
  if (items.length === 0) return [];
  const m = messagesFor(locale).repetition;
  return [{ type: 'list', title: m.weeklyTitle(after ?? items.length), items: items.map((i) => i.text(locale)) }];
}
