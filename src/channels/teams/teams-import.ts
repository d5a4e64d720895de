// A file sent to the bot. In a personal chat Teams stores it in the sender's
// OneDrive and hands the bot a short-lived, pre-authorised download URL
// (file.download.info): a CSV is downloaded (plain GET, no token), read like
// Slack's (csv-file.ts) and answered with the import preview and its apply
// button. Channels and group chats give bots no file, so the answer there says
// where uploads work. Never logs file names, URLs or contents.
import type { TurnContext } from 'botbuilder';
import { messagesFor } from '../../domain/i18n/messages.js';
import { errorReply, type Reply } from '../../domain/reply.js';
import type { StaffMember } from '../../db/staff-queries.js';
import { MAX_IMPORT_ROWS } from '../../handlers/import/import-caseload.js';
import { routeImportUpload } from '../../handlers/router.js';
import { readCsvBody } from '../csv-file.js';
import { conversationScope, isCsvFile, requestKey, type SentFile } from './parse-activity.js';
import { renderAdaptiveCard } from './render-adaptive-card.js';
import { firstLine } from './teams-http.js';
import { activityOf, sendCard, type TeamsTurnKit } from './teams-turn.js';

/** How long a download may take before the user is told to try again. */
const DOWNLOAD_TIMEOUT_MS = 30_000;

export async function onFilesSent(kit: TeamsTurnKit, context: TurnContext, actor: StaffMember, files: readonly SentFile[]): Promise<void> {
  const activity = activityOf(context);
  const t = messagesFor(actor.locale);
  const answer = (reply: Reply) => sendCard(kit, context, renderAdaptiveCard(reply));
  if (conversationScope(activity) !== 'personal') {
    await answer(errorReply(t.teams.import.onlyPersonal));
    return;
  }
  const csvFiles = files.filter(isCsvFile);
  if (csvFiles.length > 1) {
    await answer(errorReply(t.teams.import.oneFile));
    return;
  }
  const [csv] = csvFiles;
  if (!csv) {
    await answer(errorReply(t.teams.import.notCsv(files[0]?.name ?? '')));
    return;
  }
  const content = await download(kit, csv);
  if (content === 'too-large') {
    await answer(errorReply(t.csv.tooLarge(MAX_IMPORT_ROWS)));
    return;
  }
  if (content === undefined) {
    await answer(errorReply(t.teams.import.downloadFailed));
    return;
  }
  const routed = await routeImportUpload(kit.router, { content, actor, channel: 'TEAMS', requestKey: requestKey(activity) });
  if (routed.replayed) {
    kit.log('teams.redelivery', { type: 'file' });
    return;
  }
  await answer(routed.reply);
}

/** The file's text; https only (http too with authentication off: the Emulator, tests). */
async function download(kit: TeamsTurnKit, file: SentFile): Promise<string | 'too-large' | undefined> {
  try {
    const url = file.downloadUrl ? new URL(file.downloadUrl) : undefined;
    if (!url || !(url.protocol === 'https:' || (kit.authOff && url.protocol === 'http:'))) {
      kit.log('teams.file.untrusted_url', {}, 'warn');
      return undefined;
    }
    const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    if (!response.ok) {
      await response.body?.cancel();
      kit.log('teams.file.download_failed', { status: response.status }, 'warn');
      return undefined;
    }
    return await readCsvBody(response);
  } catch (error) {
    kit.log('teams.file.download_failed', { error: firstLine(error) }, 'warn');
    return undefined;
  }
}
