// Command words (Danish and English) and subcommands → handlers. The same
// text works in the console, as Slack slash commands and in Teams messages.
import type { Reply } from '../domain/reply.js';
import { showCaseload } from './caseload/caseload.js';
import { addCitizen } from './citizen/citizen-add.js';
import { closeCitizen } from './citizen/citizen-close.js';
import { deleteFollowUp, deleteMeeting, deleteOutcome, deletePlacement, editMeeting, editOutcome, editPlacement, removeWish } from './entries/entry-corrections.js';
import { reopenCitizen } from './citizen/citizen-reopen.js';
import { exportCitizen, forgetCitizen } from './citizen/citizen-rights.js';
import { exportAuditLog, showCitizenAudit } from './citizen/citizen-audit.js';
import { showCitizen } from './citizen/citizen-show.js';
import { subGoalCommand } from './goals/sub-goals.js';
import { setReadiness, setsReadiness } from './goals/readiness.js';
import { transferCitizen } from './citizen/citizen-transfer.js';
import { setWishCompanies, updateCitizen } from './citizen/citizen-update.js';
import type { HandlerContext } from './context.js';
import { addStaff, addTeam, changeStaffRole, listStaff, staffLeaves } from './admin/admin-staff.js';
import { helpFor, type HelpTopic } from './help.js';
import { logMeetings } from './meeting/log-meetings-bulk.js';
import { logOutcome } from './outcome/log-outcome.js';
import { endPlacement, extendPlacement, followUpPlacement } from './placement/placement-change.js';
import { startPlacement } from './placement/placement-start.js';
import { linkStaff } from './admin/staff-link.js';
import { linkTeamsChannel, TEAMS_CHANNEL_WORDS } from './admin/teams-channel-link.js';
import { linkSlackChannel, SLACK_CHANNEL_WORDS } from './admin/slack-channel-link.js';
import { listTargets, setTarget } from './caseload/targets.js';
import { exportCaseload } from './caseload/export-caseload.js';
import { exportTargets } from './caseload/export-targets.js';
import { importCommand } from './import/import-caseload.js';
import { failedDeliveries } from './admin/failed-deliveries.js';
import { doneCommand, snoozeCommand } from './reminders/reminder-actions.js';
import { undoLatest } from './entries/undo-change.js';
import { rulesCommand } from './rules/rules-show.js';
import { previewMilestone, sendMilestoneCommand } from './milestones/milestone-post.js';
import { away, back, celebrations, digestTime, escalateAfter, noConsultantDays, reminderTime, teamMeeting } from './reminders/reminder-settings.js';
import { citizenMentor } from './citizen/citizen-mentor.js';
import { addCompany, setCompany, showCompany } from './company/company.js';
import { isWishContact, recordWishContact } from './company/wish-contact.js';

export type Handler = (ctx: HandlerContext, args: string[]) => Promise<Reply>;

export interface Subcommand {
  words: readonly string[];
  run: Handler;
  /** Reads only: no audit of writes, no idempotency record needed. */
  readOnly?: boolean;
  /** Changes that cannot be taken back (a post the team channel gets at once): no Fortryd button. */
  notUndoable?: boolean;
}

export interface Command {
  /** The canonical English name first; it is also the Slack slash command. */
  words: readonly string[];
  topic: HelpTopic;
  subcommands?: readonly Subcommand[];
  /** What runs when no subcommand word matches (e.g. /citizen <ref>). */
  fallback?: Handler;
  /** Whether the fallback only reads; may depend on its arguments (/citizen <ref> vs /citizen <ref> parat:klar). */
  fallbackReadOnly?: boolean | ((args: readonly string[]) => boolean);
  /** Whether the command needs arguments; without them the usage is shown. */
  needsArgs: boolean;
}

export const COMMANDS: readonly Command[] = [
  {
    words: ['citizen', 'borger'],
    topic: 'citizen',
    needsArgs: true,
    subcommands: [
      { words: ['add', 'opret', 'ny', 'new'], run: addCitizen },
      { words: ['close', 'afslut', 'luk'], run: closeCitizen },
      { words: ['transfer', 'flyt', 'overdrag'], run: transferCitizen },
      { words: ['set', 'ret', 'opdater', 'update'], run: updateCitizen },
      { words: ['wish', 'wishes', 'ønsker', 'ønske', 'oensker'], run: wishesOrRemove },
      { words: ['reopen', 'genåbn', 'genaabn', 'genoptag'], run: reopenCitizen },
      { words: ['show', 'vis'], run: showCitizen, readOnly: true },
      // The citizen's rights (GDPR art. 15, 17): managers and administrators.
      { words: ['export', 'eksport', 'eksporter', 'indsigt'], run: exportCitizen, readOnly: true },
      { words: ['forget', 'slet', 'glem', 'erase'], run: forgetCitizen },
      { words: ['audit', 'log', 'adgangslog', 'revision'], run: showCitizenAudit, readOnly: true },
      // Mentor support as a role, never a name (issue 14).
      { words: ['mentor', 'mentorstøtte', 'mentorstoette'], run: citizenMentor },
    ],
    // /borger <ref> shows the card; /borger <ref> parat:klar sets the readiness (a change).
    fallback: (ctx, args) => (setsReadiness(args) ? setReadiness(ctx, args) : showCitizen(ctx, args)),
    fallbackReadOnly: (args) => !setsReadiness(args),
  },
  {
    words: ['meeting', 'samtale', 'møde', 'moede'],
    topic: 'meeting',
    needsArgs: true,
    subcommands: [
      { words: ['edit', 'ret'], run: editMeeting },
      { words: ['delete', 'slet'], run: deleteMeeting },
    ],
    fallback: logMeetings,
  },
  {
    words: ['placement', 'praktik', 'forløb', 'forloeb'],
    topic: 'placement',
    needsArgs: true,
    subcommands: [
      { words: ['start', 'begin', 'opret'], run: startPlacement },
      { words: ['extend', 'forlæng', 'forlaeng'], run: extendPlacement },
      { words: ['followup', 'follow-up', 'opfølgning', 'opfølg', 'opfoelgning'], run: followUpOrDelete },
      { words: ['end', 'afslut', 'stop', 'slut'], run: endPlacement },
      { words: ['edit', 'ret'], run: editPlacement },
      { words: ['delete', 'slet'], run: deletePlacement },
    ],
  },
  {
    words: ['outcome', 'resultat'],
    topic: 'outcome',
    needsArgs: true,
    subcommands: [
      { words: ['edit', 'ret'], run: editOutcome },
      { words: ['delete', 'slet'], run: deleteOutcome },
    ],
    fallback: logOutcome,
  },
  // Sub-goals (issue 14). Not 'mål': that word is /targets.
  { words: ['goal', 'delmål', 'delmaal', 'goals'], topic: 'goal', needsArgs: true, fallback: subGoalCommand },
  // The company register (issue 14). /virksomhed "<navn>" shows a company; without a name, the team's list.
  { words: ['company', 'virksomhed', 'virksomheder', 'companies'], topic: 'company', needsArgs: false, fallback: showCompany, fallbackReadOnly: true,
    subcommands: [
      { words: ['add', 'opret', 'new'], run: addCompany },
      { words: ['set', 'ret', 'opdater', 'update'], run: setCompany },
    ] },
  { words: ['caseload', 'sager', 'sagsstamme'], topic: 'caseload', needsArgs: false, fallback: showCaseload, fallbackReadOnly: true,
    subcommands: [{ words: ['export', 'eksport', 'eksporter'], run: exportCaseload, readOnly: true }] },
  { words: ['target', 'måltal', 'maaltal'], topic: 'target', needsArgs: true, fallback: setTarget },
  { words: ['targets', 'mål', 'maal'], topic: 'targets', needsArgs: false, fallback: listTargets, fallbackReadOnly: true,
    subcommands: [{ words: ['export', 'eksport', 'eksporter'], run: exportTargets, readOnly: true }] },
  // Milestones managers post to the team channel (issue 14): a preview, then `send`.
  { words: ['milestone', 'milepæl', 'milepael', 'milepæle'], topic: 'milestone', needsArgs: false, fallback: previewMilestone, fallbackReadOnly: true,
    subcommands: [{ words: ['send', 'post', 'udsend'], run: sendMilestoneCommand, notUndoable: true }] },
  {
    words: ['jobbot'],
    topic: 'jobbot',
    needsArgs: true,
    subcommands: [
      { words: ['team'], run: teamCommand },
      { words: ['staff', 'medarbejder', 'medarbejdere'], run: staffCommand },
      // Reminders, digests and celebrations (scheduler).
      { words: ['snooze', 'udsæt', 'udsaet'], run: snoozeCommand },
      { words: ['done', 'klaret', 'færdig', 'faerdig'], run: doneCommand },
      { words: ['away', 'fravær', 'fravaer', 'ferie', 'orlov'], run: away },
      { words: ['back', 'tilbage'], run: back },
      { words: ['reminders', 'påmindelser', 'paamindelser', 'reminder'], run: reminderTime },
      { words: ['celebrations', 'fejringer', 'fejring'], run: celebrations },
      { words: ['digest', 'ugenstal', 'ugens-tal'], run: digestTime },
      { words: ['teammeeting', 'teammøde', 'teammoede', 'team-meeting'], run: teamMeeting },
      { words: ['escalate', 'eskalér', 'eskaler', 'eskalere', 'videresend'], run: escalateAfter },
      { words: ['failed', 'fejlede', 'fejl'], run: failedDeliveries },
      { words: ['link', 'forbind', 'kobl'], run: linkStaff },
      { words: TEAMS_CHANNEL_WORDS, run: linkTeamsChannel },
      { words: SLACK_CHANNEL_WORDS, run: linkSlackChannel },
      { words: ['import', 'importer', 'indlæs'], run: importCommand },
      { words: ['undo', 'fortryd'], run: undoLatest },
      { words: ['audit', 'log', 'adgangslog', 'revision'], run: auditCommand, readOnly: true },
      { words: ['rules', 'regler', 'regel'], run: rulesCommand, readOnly: true },
      { words: ['noconsultant', 'no-consultant', 'udenkonsulent', 'uden-konsulent', 'ukonsulent'], run: noConsultantDays },
    ],
  },
];

const DELETE_WORDS = ['delete', 'slet'];
const REMOVE_WORDS = ['remove', 'fjern'];

/** `/placement followup delete <ref>` deletes the latest follow-up; anything else logs one. */
function followUpOrDelete(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const [first, ...rest] = args;
  return first && DELETE_WORDS.includes(first.toLowerCase()) ? deleteFollowUp(ctx, rest) : followUpPlacement(ctx, args);
}

/**
 * `/citizen wish <ref> remove <company>` takes one company off the list;
 * `/citizen wish <ref> <company> kontaktet [result]` records the contact (issue 14); otherwise the list is set.
 */
function wishesOrRemove(ctx: HandlerContext, args: string[]): Promise<Reply> {
  if (isWishContact(ctx, args)) return recordWishContact(ctx, args);
  const [ref, second, ...rest] = args;
  return second && REMOVE_WORDS.includes(second.toLowerCase()) ? removeWish(ctx, [ref ?? '', ...rest]) : setWishCompanies(ctx, args);
}

/** /jobbot audit export [period]; the log of one citizen is /citizen audit <ref>. */
async function auditCommand(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const [sub, ...rest] = args;
  if (sub && ['export', 'eksport', 'eksporter'].includes(sub.toLowerCase())) return exportAuditLog(ctx, rest);
  return helpFor(ctx.t, 'jobbot');
}

async function teamCommand(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const [sub, ...rest] = args;
  if (sub && ['add', 'opret'].includes(sub.toLowerCase())) return addTeam(ctx, rest);
  return helpFor(ctx.t, 'jobbot');
}

const STAFF_SUBCOMMANDS: ReadonlyArray<readonly [readonly string[], Handler]> = [
  [['add', 'opret'], addStaff],
  [['list', 'liste', 'ls'], listStaff],
  [['role', 'rolle'], changeStaffRole],
  [['leave', 'fratræd', 'fratraed', 'stopper'], staffLeaves],
];

async function staffCommand(ctx: HandlerContext, args: string[]): Promise<Reply> {
  const [sub, ...rest] = args;
  if (sub === undefined) return listStaff(ctx, []);
  const found = STAFF_SUBCOMMANDS.find(([words]) => words.includes(sub.toLowerCase()));
  return found ? found[1](ctx, rest) : helpFor(ctx.t, 'jobbot');
}

export function findCommand(word: string): Command | undefined {
  const w = word.toLowerCase().replace(/^\//, '');
  return COMMANDS.find((c) => c.words.includes(w));
}
