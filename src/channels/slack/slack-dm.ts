// Direct messages to the bot (message.im): any text goes to routeCommand
// (commands without the slash, plain-chat questions) and is answered in the
// DM; a CSV file shared there is an import preview with its apply button
// (downloaded from Slack's file host with the bot token, decoded as UTF-8 or
// Windows-1252). Never logs message text or file contents.
import { messagesFor } from '../../domain/i18n/messages.js';
import { errorReply, okReply, type Reply } from '../../domain/reply.js';
import type { StaffMember } from '../../db/staff-queries.js';
import { FORM_ACTIONS, formForCommandText } from '../../handlers/forms.js';
import { MAX_IMPORT_FILE_BYTES, MAX_IMPORT_ROWS } from '../../handlers/import/import-caseload.js';
import { routeCommand, routeImportUpload } from '../../handlers/router.js';
import { readCsvBody } from '../csv-file.js';
import { asStaff } from './as-staff.js';
import { errorCode } from './identity.js';
import { parseDirectMessage, type SharedFile } from './parse-payload.js';
import { render, uploadToDm } from './slack-answers.js';
import type { SlackDeps } from './slack-deps.js';
import { afterRouted } from './slack-home.js';

/** A message event (the event_callback envelope): commands without the slash, questions, CSV files to import. */
export async function onDirectMessage(deps: SlackDeps, body: unknown): Promise<void> {
  const message = parseDirectMessage(body, deps.self.botUserId);
  if (!message) return;
  const { client, prisma } = deps;
  const thread = message.threadTs ? { thread_ts: message.threadTs } : {};
  const say = (text: string) => client.chat.postMessage({ channel: message.channelId, ...thread, text });
  await asStaff(deps, { what: 'dm', slackUserId: message.user.userId, deny: say, fail: say }, async (actor) => {
    const t = messagesFor(actor.locale);
    const post = async (reply: Reply): Promise<void> => {
      await client.chat.postMessage({ channel: message.channelId, ...thread, ...render(reply, t) });
    };
    // Remember the DM for reminders, so they need no conversations.open.
    if (!actor.slackDmChannelId) await prisma.staff.updateMany({ where: { id: actor.id, slackDmChannelId: null }, data: { slackDmChannelId: message.channelId } });
    const { requestKey, text } = message;

    const files = await Promise.all(message.files.map((file) => fileDetails(deps, file)));
    const csvFiles = files.filter(isCsvFile);
    if (csvFiles.length > 1) return post(errorReply(t.slack.import.oneFile));
    const [csv] = csvFiles;
    if (csv) return importFromDm(deps, actor, csv, requestKey ?? `slack:file:${csv.id}`, post);
    if (!text) {
      const [other] = files;
      if (other) await post(errorReply(t.slack.import.notCsv(other.name ?? other.title ?? other.id)));
      return;
    }

    // A command without arguments: no trigger_id in a message, so offer the form behind a button.
    const form = formForCommandText(text);
    const formAction = form ? Object.keys(FORM_ACTIONS).find((id) => FORM_ACTIONS[id] === form) : undefined;
    if (form && formAction) {
      return post(okReply(t.slack.dm.formPrompt, [{ type: 'text', text: t.slack.dm.formPrompt }, { type: 'actions', actions: [{ id: formAction, label: t.forms.titles[form], value: '', style: 'primary' }] }]));
    }
    const routed = await routeCommand(deps.router, { text, actor, channel: 'SLACK', conversation: message.conversation, requestKey });
    if (routed.replayed) return deps.log('slack.redelivery', { type: 'message' });
    if (routed.reply.attachment) {
      // An export asked for in the DM: the file with the answer as its comment.
      if (!(await uploadToDm(deps, actor, routed.reply, { channel: message.channelId, threadTs: message.threadTs }))) await post(errorReply(t.slack.files.uploadFailed));
    } else {
      await post(routed.reply);
    }
    await afterRouted(deps, actor, routed);
  });
}

/** Shared CSV file in a DM → import preview with its apply button (import.apply, handled by routeAction). */
async function importFromDm(deps: SlackDeps, actor: StaffMember, file: SharedFile, requestKey: string, post: (reply: Reply) => Promise<void>): Promise<void> {
  const t = messagesFor(actor.locale);
  const downloaded = await downloadFile(deps, file);
  if (downloaded === 'too-large') return post(errorReply(t.csv.tooLarge(MAX_IMPORT_ROWS)));
  if (downloaded === undefined) return post(errorReply(t.slack.import.downloadFailed));
  const routed = await routeImportUpload(deps.router, { content: downloaded, actor, channel: 'SLACK', requestKey });
  if (routed.replayed) return deps.log('slack.redelivery', { type: 'file_share' });
  await post(routed.reply);
}

/** Files in an event may carry only their id ("check_file_info"): files.info has name, type and URL. */
async function fileDetails(deps: SlackDeps, shared: SharedFile): Promise<SharedFile> {
  if (shared.url_private && shared.file_access !== 'check_file_info') return shared;
  try {
    const info = await deps.client.files.info({ file: shared.id });
    return (info.file as SharedFile | undefined) ?? shared;
  } catch (error) {
    deps.log('slack.file.info_failed', { error: errorCode(error) }, 'warn');
    return shared;
  }
}

/** A shared file's text, fetched from url_private with the bot token (only from Slack's own file hosts). */
async function downloadFile(deps: SlackDeps, file: SharedFile): Promise<string | 'too-large' | undefined> {
  try {
    if (file.size !== undefined && file.size > MAX_IMPORT_FILE_BYTES) return 'too-large';
    const url = file.url_private_download ?? file.url_private;
    if (!url || !isSlackFileUrl(url, deps.apiUrl)) {
      deps.log('slack.file.untrusted_url', {}, 'warn');
      return undefined;
    }
    const response = await fetch(url, { headers: { authorization: `Bearer ${deps.botToken}` } });
    // A bad token gets Slack's login page (HTML) instead of the file.
    if (!response.ok || (response.headers.get('content-type') ?? '').includes('text/html')) {
      deps.log('slack.file.download_failed', { status: response.status }, 'warn');
      return undefined;
    }
    return await readCsvBody(response);
  } catch (error) {
    deps.log('slack.file.download_failed', { error: errorCode(error) }, 'warn');
    return undefined;
  }
}

function isCsvFile(file: SharedFile): boolean {
  const name = (file.name ?? file.title ?? '').toLowerCase();
  return file.filetype === 'csv' || name.endsWith('.csv') || (file.mimetype ?? '').startsWith('text/csv');
}

/** Files are fetched with the bot token only from Slack's file hosts (or the configured API host: proxies, tests). */
function isSlackFileUrl(raw: string, apiUrl: string | undefined): boolean {
  try {
    const url = new URL(raw);
    if (url.protocol === 'https:' && (url.hostname === 'slack.com' || url.hostname.endsWith('.slack.com'))) return true;
    return apiUrl !== undefined && url.origin === new URL(apiUrl).origin;
  } catch {
    return false;
  }
}
