// Button presses from any channel → handlers, keyed by the action id the
// Reply model carried. Channels handle purely visual actions (opening a
// modal or card form) themselves; everything that changes data comes here.
import type { Reply } from '../domain/reply.js';
import type { HandlerContext } from './context.js';
import { doneAction, snoozeAction } from './reminders/reminder-actions.js';
import { applyImport } from './import/import-caseload.js';
import { UNDO_ACTION, undoAction } from './entries/undo-change.js';
import { FORGET_ACTION, forgetAction } from './citizen/citizen-rights.js';
import { AGAIN_ACTION_ID, againAction } from './entries/entry-checks.js';
import { logMeeting } from './meeting/log-meeting.js';
import { logOutcome } from './outcome/log-outcome.js';
import { repeatFormEntry } from './form-entries.js';
import { MILESTONE_POST_ACTION, milestoneAction } from './milestones/milestone-post.js';

export type ActionHandler = (ctx: HandlerContext, value: string) => Promise<Reply>;

export const ACTIONS: Readonly<Record<string, ActionHandler>> = {
  'reminder.snooze': snoozeAction,
  'reminder.done': doneAction,
  'import.apply': applyImport,
  [UNDO_ACTION]: undoAction,
  [FORGET_ACTION]: forgetAction,
  // "Log igen" under a likely duplicate: the same command or form entry, confirmed.
  [AGAIN_ACTION_ID]: againAction({ meeting: logMeeting, outcome: logOutcome, form: repeatFormEntry }),
  // "Send til teamkanalen" under a /milepæl preview.
  [MILESTONE_POST_ACTION]: milestoneAction,
};
