// Buttons: forms open here (and a form modal's citizen picked rebuilds it); everything else is the router's (reminder.snooze,
// reminder.done, import.apply, …). A successful press on a message settles it
// in place: the pressed button's row says what happened, the other rows stay.
import type { RespondFn } from '@slack/bolt';
import { messagesFor } from '../../domain/i18n/messages.js';
import { formForAction } from '../../handlers/forms.js';
import { routeAction } from '../../handlers/router.js';
import { asStaff } from './as-staff.js';
import { parseButtonPress, parseFormFieldChange, type FormOrigin } from './parse-payload.js';
import { settleActionBlock } from './render-block-kit.js';
import { answerPrivately, answerTextPrivately, render } from './slack-answers.js';
import type { SlackDeps } from './slack-deps.js';
import { openForm, refreshForm } from './slack-forms.js';
import { afterRouted } from './slack-home.js';

/** After the ack: who pressed, then the form or the router's answer. */
export async function onButton(deps: SlackDeps, body: unknown, respond: RespondFn): Promise<void> {
  // A field in a form modal (the meeting form's citizen picked): the modal is rebuilt.
  const change = parseFormFieldChange(body);
  if (change) return refreshForm(deps, change);
  const press = parseButtonPress(body);
  if (!press) return;
  const slackUserId = press.user.userId;
  const failureOrigin: FormOrigin = { responseUrl: press.responseUrl, channelId: press.payloadChannelId };
  const deny = async (text: string) => {
    if (press.responseUrl) await respond({ response_type: 'ephemeral', replace_original: false, text });
  };
  const fail = (text: string) => answerTextPrivately(deps, slackUserId, text, failureOrigin);
  await asStaff(deps, { what: 'action', slackUserId, deny, fail }, async (actor) => {
    const t = messagesFor(actor.locale);
    const { actionId, value, container, channelId } = press;
    const origin: FormOrigin = { responseUrl: press.responseUrl, channelId };
    const form = formForAction(actionId);
    if (form) {
      await openForm(deps, press.triggerId ?? '', actor, form, origin, value ? { citizen: value } : undefined);
      return;
    }
    const routed = await routeAction(deps.router, { actionId, value, actor, channel: 'SLACK', requestKey: press.requestKey });
    const message = render(routed.reply, t);
    if (routed.reply.status === 'ok' && container.type === 'message' && container.messageTs) {
      // Update the reminder in place: the pressed button's row says what happened, the other rows stay.
      const original = press.message;
      const settled = settleActionBlock(original?.blocks, press.blockId, routed.reply);
      const update = settled ? { text: original?.text || message.text, blocks: settled } : message;
      if (container.isEphemeral || !channelId) await respond({ replace_original: true, ...update });
      else await deps.client.chat.update({ channel: channelId, ts: container.messageTs, ...update });
    } else if (routed.reply.status !== 'ok' || container.type !== 'view') {
      await answerPrivately(deps, actor, routed.reply, origin);
    }
    await afterRouted(deps, actor, routed);
  });
}
