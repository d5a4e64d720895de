// The targets and readiness pipeline as the team digest and the month-end
// report show them (issue 14): the same lines, the same pace wording.
import type { Messages } from '../domain/i18n/messages.js';
import type { ReplyBlock } from '../domain/reply.js';
import { pipelineFields } from '../domain/pipeline.js';
import { targetLine } from '../domain/target-progress.js';
import type { MonthTargets } from '../db/month-target-queries.js';
import type { Pipeline } from '../db/pipeline-queries.js';

/** The team's target lines, then each person's, with progress bars and the pace still needed. */
export function targetBlocks(m: Messages, targets: MonthTargets, daysLeft: number, monthName: string): ReplyBlock[] {
  const t = m.reminders;
  const words = { line: t.targetLine, pace: t.pace, reached: t.reached };
  const blocks: ReplyBlock[] = [];
  if (targets.team.length) {
    blocks.push({ type: 'list', title: t.targetsTitle(monthName), items: targets.team.map((f) => targetLine(words, m.labels.targetMetric[f.metric], f.actual, f.target, daysLeft)) });
  }
  const people = targets.people.flatMap((p) => p.figures.map((f) => targetLine(words, m.pipeline.personMetric(m.labels.targetMetric[f.metric], p.handle), f.actual, f.target, daysLeft)));
  if (people.length) blocks.push({ type: 'list', title: m.pipeline.peopleTitle(monthName), items: people });
  return blocks;
}

/** "Parathed (aktive borgere)": klar · tæt på · længere fra · ikke vurderet, and how many moved up in the month. */
export function pipelineBlock(m: Messages, pipeline: Pipeline, monthName: string): ReplyBlock {
  return { type: 'fields', fields: pipelineFields(m.pipeline, pipeline, monthName) };
}
