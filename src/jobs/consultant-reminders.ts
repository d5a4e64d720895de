// Consultants, each working morning at their reminder time: one DM with the
// placements that need them today: monthly follow-ups due, the day-14
// "extend or end?" decision and any planned end (from two working days
// before, and after it has passed until an extension or the end is
// registered), and a nudge when a placement started without a three-party
// meeting. One item per placement (planConsultantItems). Each item carries
// Log follow-up (opens the follow-up form for the citizen), Snooze 1 day and
// Done. Nothing due, nothing sent: the slot is recorded as planned
// (recordNothingDue) so later ticks leave the person alone; the plan at the
// reminder time is final for the day (see checkin-reminders.ts).
//
// Also (issue 14): the citizens (of any team: the register is shared) who
// wish for a company this person is the fixed contact for, until the company
// has been contacted for them (/citizen wish <ref> <company> kontaktet); a
// list without buttons. While the contact is away, their cover (else the
// managers of the contact's team) gets them, grouped "For @camilla
// (fraværende)", by the same routing as the placements. By reference only
// when the recipient may open the citizen (with cover); otherwise a count per
// company with the colleague to ask (the citizen's consultant, else caseworker).
//
// Who: the citizen's current consultant (the person access is granted by),
// else the citizen's caseworker; if that person left, the team's managers,
// labelled "For @camilla (fratrådt)" (placementRoute).
import { canAccessCitizen } from '../domain/access.js';
import { formatNumber, formatShortDateNear } from '../domain/i18n/format.js';
import { messagesFor } from '../domain/i18n/messages.js';
import { planConsultantItems, type ConsultantItem } from '../domain/reminder-rules.js';
import { okReply, type Reply, type ReplyBlock } from '../domain/reply.js';
import type { Locale, PlacementType } from '../domain/enums.js';
import { enqueueDeliveries, recordNothingDue, type NewDelivery, type NothingDue } from '../db/outbox-queries.js';
import { coveredToday, placementFactsByRecipient, reminderStates } from '../db/reminder-queries.js';
import { loopPauser } from '../db/event-loop.js';
import { wishesToContactByRecipient, type WishToContact } from '../db/company-queries.js';
import type { JobDeps } from './job.js';
import { morningRecipients } from './morning-recipients.js';
import { ButtonBudget, groupByOnBehalf, groupLabel, standInNotes, type ItemView } from './reminder-layout.js';
import { Repetition, weeklyRepeatedBlocks, type RepeatItem } from './repetition.js';

export const KIND = 'placements';

export async function run(deps: JobDeps, now: Date): Promise<number> {
  // Every role: consultants, caseworkers of citizens without a consultant, managers standing in.
  const { today, recipients: todo, keyOf } = await morningRecipients(deps, KIND, undefined, now);
  if (todo.length === 0) return 0;
  const facts = await placementFactsByRecipient(deps.prisma, todo, today);
  // Only the placement subjects (placementSubjects): the many check-in states are not looked up here.
  const states = await reminderStates(deps.prisma, todo.map((s) => s.id), ['followup', 'decision', 'end', 'threeparty']);
  const repetition = await Repetition.start(deps.prisma, KIND, today, todo);
  // Issue 14: citizens who wish for a company whose fixed contact this is (or whom this person stands in for), until it has been contacted.
  const wishes = await wishesToContactByRecipient(deps.prisma, todo, today);
  const covering = await coveredToday(deps.prisma, todo, today);
  const deliveries: NewDelivery[] = [];
  const nothingDue: NothingDue[] = [];
  const pause = loopPauser();
  for (const s of todo) {
    await pause();
    const mine = states.get(s.id) ?? new Map();
    const all = planConsultantItems(today, facts.get(s.id) ?? [], mine);
    // Reminded the team's number of times: passed on to the managers, then weekly only.
    const { daily: items, weekly } = repetition.plan(s, all, (i) => consultantRepeatItem(i, today), mine);
    const toContact = (wishes.get(s.id) ?? []).map((w) => ({ ...w, visible: canAccessCitizen({ id: s.id, role: s.role, teamId: s.teamId, isAdmin: s.isAdmin, covering: covering.get(s.id) ?? [] }, w.citizen) }));
    if (items.length === 0 && weekly.length === 0 && toContact.length === 0) {
      nothingDue.push({ key: keyOf(s.id), kind: KIND, teamId: s.teamId, recipientId: s.id, audience: 'dm' });
      continue;
    }
    repetition.sent(s.id, items.map((i) => i.subject));
    const citizenIds = [...[...items, ...weekly].map((i) => i.fact.citizenId), ...toContact.filter((w) => w.visible).map((w) => w.citizenId)];
    const payload = consultantReply(items, s.locale, today, weekly.map((i) => consultantRepeatItem(i, today)), s.team?.escalateAfterReminders, toContact);
    deliveries.push({ key: keyOf(s.id), kind: KIND, teamId: s.teamId, recipientId: s.id, audience: 'dm', payload, citizenIds });
  }
  await repetition.save(deps.prisma);
  await recordNothingDue(deps.prisma, nothingDue, now);
  return enqueueDeliveries(deps.prisma, [...deliveries, ...repetition.escalations], now);
}

function consultantRepeatItem(item: ConsultantItem, today: string): RepeatItem {
  return { subject: item.subject, citizenId: item.fact.citizenId, text: (locale) => consultantItemText(item, locale, today) };
}

export function consultantItemText(item: ConsultantItem, locale: Locale, today: string): string {
  const m = messagesFor(locale);
  const t = m.reminders;
  const { ref, company } = item.fact;
  const typeLabel = m.labels.placementType[item.fact.type as PlacementType] ?? item.fact.type;
  const main = (() => {
    switch (item.kind) {
      case 'followup': {
        const when = item.daysOverdue > 0 ? t.overdue(item.daysOverdue) : item.due === today ? t.dueToday : t.dueOn(formatShortDateNear(item.due, locale, today));
        return t.followUpLine(ref, company, when);
      }
      case 'decision':
      case 'end': {
        const end = formatShortDateNear(item.due, locale, today);
        if (item.ended) return t.endedLine(ref, company, item.kind === 'decision' ? t.internship : typeLabel, end);
        return item.kind === 'decision' ? t.decisionLine(ref, company, end, item.workingDaysLeft) : t.endLine(ref, company, typeLabel, end, item.workingDaysLeft);
      }
      case 'threeparty':
        return t.threePartyLine(ref, company);
    }
  })();
  // The citizen's ordinary hours so far: the progression the follow-up is about.
  const series = item.fact.hoursSeries;
  const withHours = series?.length ? `${main} · ${m.hours.reminderNote(series.map((h) => formatNumber(h, locale)).join(' → '))}` : main;
  return item.noThreeParty ? `${withHours} · ${t.noThreePartyNote}` : withHours;
}

export function consultantReply(
  items: readonly ConsultantItem[],
  locale: Locale,
  today: string,
  repeated: readonly RepeatItem[] = [],
  escalateAfter?: number | null,
  toContact: ReadonlyArray<WishToContact & { visible: boolean }> = [],
): Reply {
  const t = messagesFor(locale).reminders;
  const blocks: ReplyBlock[] = [{ type: 'header', text: t.consultantTitle }];
  const groups = groupByOnBehalf(items, (i) => i.fact.onBehalfOf);
  const wishGroups = groupByOnBehalf(toContact, (w) => w.onBehalfOf);
  blocks.push(...standInNotes(messagesFor(locale), [...groups, ...wishGroups].map((g) => g.onBehalfOf)));
  const budget = new ButtonBudget();
  const view = (item: ConsultantItem): ItemView => ({
    text: consultantItemText(item, locale, today),
    hint: item.kind === 'decision' ? t.decisionHint : undefined,
    actions: [
      // "Log follow-up" opens the follow-up form with the citizen filled in (action ids from forms.ts).
      ...(item.kind === 'threeparty' ? [] : [{ id: 'followup.log', label: t.logFollowUp, value: item.fact.ref, style: 'primary' as const }]),
      { id: 'reminder.snooze', label: t.snooze, value: item.subject },
      { id: 'reminder.done', label: t.done, value: item.subject },
    ],
  });
  for (const group of groups) {
    if (group.onBehalfOf) blocks.push({ type: 'text', text: groupLabel(messagesFor(locale), group.onBehalfOf) });
    blocks.push(...budget.blocks(group.items.map(view)));
  }
  blocks.push(...budget.hint(t));
  blocks.push(...weeklyRepeatedBlocks(repeated, locale, escalateAfter));
  const c = messagesFor(locale).companies;
  // Refs only of citizens the recipient may open; the others are a count per company, with whom to ask.
  // A stand-in group says for whom in its title: "Ønskevirksomheder at kontakte – For @camilla (fraværende)".
  for (const group of wishGroups) {
    const title = group.onBehalfOf ? `${c.morningTitle} – ${groupLabel(messagesFor(locale), group.onBehalfOf).replace(/:$/, '')}` : c.morningTitle;
    blocks.push({ type: 'list', title, items: wishLines(group.items, c) });
  }
  if (toContact.length) blocks.push({ type: 'context', text: c.morningHint });
  const fallback =
    items.length === 0 && repeated.length === 0 && toContact.length > 0
      ? c.morningTitle
      : items.length === 0 && repeated.length > 0
        ? messagesFor(locale).repetition.weeklyFallback(repeated.length)
        : t.consultantFallback(items.length);
  return okReply(fallback, blocks);
}

/** A group's wishes: by reference where visible, else one count per company with whom to ask. */
function wishLines(wishes: ReadonlyArray<WishToContact & { visible: boolean }>, c: ReturnType<typeof messagesFor>['companies']): string[] {
  const others = new Map<string, { count: number; handles: Set<string> }>();
  const lines: string[] = [];
  for (const w of wishes) {
    if (w.visible) {
      lines.push(c.morningLine(w.ref, w.company));
      continue;
    }
    const entry = others.get(w.company) ?? { count: 0, handles: new Set<string>() };
    entry.count++;
    if (w.askHandle) entry.handles.add(w.askHandle);
    others.set(w.company, entry);
  }
  for (const [company, o] of others) lines.push(c.morningOthers(company, o.count, [...o.handles].sort()));
  return lines;
}
