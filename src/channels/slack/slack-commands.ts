// Slash commands: every command in manifest.json (and any other) goes to the
// router; a command without arguments that has a form opens the form instead.
// Answered through the command's response_url (Bolt's respond).
import type { RespondFn } from '@slack/bolt';
import { messagesFor } from '../../domain/i18n/messages.js';
import { formForCommandText } from '../../handlers/forms.js';
import { routeCommand } from '../../handlers/router.js';
import { asStaff } from './as-staff.js';
import { parseSlashCommand } from './parse-payload.js';
import { render, withFileInDm } from './slack-answers.js';
import type { SlackDeps } from './slack-deps.js';
import { openForm } from './slack-forms.js';
import { afterRouted } from './slack-home.js';

/** After the ack: who asked, then the form or the router's answer. */
export async function onSlashCommand(deps: SlackDeps, body: unknown, respond: RespondFn): Promise<void> {
  const command = parseSlashCommand(body);
  if (!command) return;
  const say = (text: string) => respond({ response_type: 'ephemeral', text });
  await asStaff(deps, { what: 'command', slackUserId: command.user.userId, deny: say, fail: say }, async (actor) => {
    const t = messagesFor(actor.locale);
    const form = formForCommandText(command.text);
    if (form) {
      await openForm(deps, command.triggerId, actor, form, { responseUrl: command.responseUrl, channelId: command.conversation.id });
      return;
    }
    const routed = await routeCommand(deps.router, { text: command.text, actor, channel: 'SLACK', conversation: command.conversation, requestKey: command.requestKey });
    const reply = await withFileInDm(deps, actor, routed);
    await respond({ response_type: reply.visibility === 'channel' && !routed.reply.attachment ? 'in_channel' : 'ephemeral', ...render(reply, t) });
    await afterRouted(deps, actor, routed);
  });
}
