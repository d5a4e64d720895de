// help, <command> help: syntax and examples in the user's language.
import type { Messages } from '../domain/i18n/messages.js';
import { okReply, type Reply, type ReplyBlock } from '../domain/reply.js';

export type HelpTopic = 'citizen' | 'meeting' | 'placement' | 'outcome' | 'goal' | 'company' | 'caseload' | 'target' | 'targets' | 'milestone' | 'jobbot';
export const HELP_TOPICS: readonly HelpTopic[] = ['citizen', 'meeting', 'placement', 'outcome', 'goal', 'company', 'caseload', 'target', 'targets', 'milestone', 'jobbot'];

/** The sub-goal texts live in their own i18n section (issue 14), appended rather than merged into usage. */
/** The company register's texts (issue 14) likewise live in t.companies. */
const usageOf = (t: Messages, topic: HelpTopic) =>
  topic === 'goal' ? t.goals.usage : topic === 'milestone' ? t.milestone.usage : topic === 'company' ? t.companies.usage : t.usage[topic];

export function helpOverview(t: Messages): Reply {
  const items = HELP_TOPICS.map((topic) => `${usageOf(t, topic).syntax[0]} – ${usageOf(t, topic).summary}`);
  const blocks: ReplyBlock[] = [
    { type: 'header', text: t.help.title },
    { type: 'text', text: t.help.intro },
    { type: 'list', items },
    { type: 'text', text: t.help.questions },
    { type: 'context', text: t.help.footer },
  ];
  return okReply([t.help.title, ...items].join('\n'), blocks);
}

export function helpFor(t: Messages, topic: HelpTopic): Reply {
  const usage = usageOf(t, topic);
  // The reminder settings live with the scheduler's texts; /jobbot help shows them too.
  const syntax = topic === 'jobbot' ? [...usage.syntax, ...t.reminders.usage, t.repetition.usage] : [...usage.syntax];
  // The access log (issue 10) keeps its lines in its own i18n section.
  if (topic === 'citizen' || topic === 'jobbot') syntax.push(t.auditTrail.usage[topic]);
  // Mentor support and consultant continuity (issue 14) keep their lines in their own section.
  if (topic === 'citizen') syntax.push(...t.continuity.usage.citizen);
  if (topic === 'jobbot') syntax.push(t.continuity.usage.jobbot);
  if (topic === 'jobbot') syntax.push(t.rules.usage);
  if (topic === 'citizen') syntax.push(t.companies.wishContactUsage);
  const examples = topic === 'citizen' ? [...usage.examples, t.continuity.usage.example] : [...usage.examples];
  const blocks: ReplyBlock[] = [
    { type: 'header', text: `${topic} – ${usage.summary}` },
    { type: 'list', title: t.usage.syntaxLabel, items: syntax },
    { type: 'list', title: t.usage.exampleLabel, items: examples },
  ];
  return okReply([usage.summary, ...syntax, ...examples].join('\n'), blocks);
}
