// How the personal reminder messages are laid out: every item is listed as
// text; the first MAX_ITEMS_WITH_ACTIONS items (across the whole message)
// get their own buttons, the rest follow as a plain list with a hint to use
// /jobbot snooze|done <ref>. Nothing is cut here: the platform renderers cut
// a message that is too long for them with their own "… og N mere".
// Items a manager gets for someone else (a person who left, a citizen with
// nobody assigned) come in groups labelled "For @camilla (fratrådt):".
import type { Messages } from '../domain/i18n/messages.js';
import { onBehalfKey, type OnBehalfOf } from '../domain/reminder-rules.js';
import type { ReplyAction, ReplyBlock } from '../domain/reply.js';
import { MAX_ITEMS_WITH_ACTIONS } from './job.js';

export interface Group<T> {
  onBehalfOf?: OnBehalfOf;
  items: T[];
}

/** The recipient's own items first, then one group per person they stand in for, in a stable order. */
export function groupByOnBehalf<T>(items: readonly T[], of: (item: T) => OnBehalfOf | undefined): Group<T>[] {
  const groups = new Map<string, Group<T>>();
  for (const item of items) {
    const key = onBehalfKey(of(item));
    const group = groups.get(key) ?? { onBehalfOf: of(item), items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))).map(([, g]) => g);
}

export function groupLabel(m: Messages, onBehalfOf: OnBehalfOf): string {
  if (onBehalfOf.reason === 'away') return `${m.rhythm.awayGroup(onBehalfOf.handle)}:`;
  return `${m.reminders.onBehalfOf(onBehalfOf.handle, onBehalfOf.reason)}:`;
}

/** The note above stand-in groups: a manager for people who left or nobody; anyone covering for someone away. */
export function standInNotes(m: Messages, groups: ReadonlyArray<OnBehalfOf | undefined>): ReplyBlock[] {
  const out: ReplyBlock[] = [];
  if (groups.some((g) => g && g.reason !== 'away')) out.push({ type: 'context', text: m.reminders.managerStandIn });
  if (groups.some((g) => g?.reason === 'away')) out.push({ type: 'context', text: m.rhythm.coverNote });
  return out;
}

export interface ItemView {
  text: string;
  /** Shown under the text when the item has buttons (e.g. the decision hint). */
  hint?: string;
  actions: ReplyAction[];
}

/** Hands out the message's buttons: the first MAX_ITEMS_WITH_ACTIONS items get them. */
export class ButtonBudget {
  private left = MAX_ITEMS_WITH_ACTIONS;
  withoutButtons = 0;

  /** Blocks for a run of items: text + buttons while the budget lasts, then one list of the rest. */
  blocks(views: readonly ItemView[]): ReplyBlock[] {
    const out: ReplyBlock[] = [];
    const rest: string[] = [];
    for (const view of views) {
      if (this.left > 0) {
        this.left--;
        out.push({ type: 'text', text: view.text });
        if (view.hint) out.push({ type: 'context', text: view.hint });
        out.push({ type: 'actions', actions: view.actions });
      } else {
        rest.push(view.text);
      }
    }
    if (rest.length) out.push({ type: 'list', items: rest });
    this.withoutButtons += rest.length;
    return out;
  }

  /** The closing hint when some items had no buttons. */
  hint(t: Messages['reminders']): ReplyBlock[] {
    return this.withoutButtons > 0 ? [{ type: 'context', text: t.noButtons(this.withoutButtons) }] : [];
  }
}
