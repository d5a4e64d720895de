// Where an answer goes in Teams: here, or (a private answer asked for in a
// channel) in the asker's 1:1 chat; exports as a file consent card in the 1:1
// chat, and what happens when Allow or Decline is pressed on it. Also the
// answer when a turn fails.
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { messagesFor } from '../../domain/i18n/messages.js';
import { errorReply, isImageAttachment, okReply, type Reply, type ReplyAttachment } from '../../domain/reply.js';
import { recordAudit } from '../../db/audit.js';
import type { StaffMember } from '../../db/staff-queries.js';
import { failureText } from '../failure-answer.js';
import { fileConsentActivity, fileInfoActivity, isFileConsentInvoke, parseFileConsent, UploadError, uploadFile } from './file-consent.js';
import { findPersonal } from './conversation-store.js';
import { conversationScope, isAdaptiveCardInvoke, localeOf, type ActivityLike } from './parse-activity.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, renderAdaptiveCard, type AdaptiveCard } from './render-adaptive-card.js';
import { firstLine } from './teams-http.js';
import { cardActivity, sendAsNewPosts } from './teams-outbound.js';
import { activityOf, asStaff, send, sendCard, storeReference, updateCard, type TeamsTurnKit } from './teams-turn.js';

/** The Bot Connector's OAuth scope in the public cloud (audience of outgoing calls). */
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

/** A 1:1 chat with the asker: the stored one, or a new one created through the connector. */
async function sendPrivately(kit: TeamsTurnKit, context: TurnContext, actor: StaffMember, activities: ReadonlyArray<Partial<Activity>>): Promise<boolean> {
  const personal = await findPersonal(kit.prisma, actor.id);
  if (personal) {
    const result = await kit.outbound.sendActivities(personal, activities);
    if (result.ok) return true;
  }
  const activity = context.activity;
  const tenantId = activity.conversation.tenantId ?? (activity.channelData as ActivityLike['channelData'])?.tenant?.id;
  let sent = false;
  try {
    await kit.adapter.createConversationAsync(
      kit.appId,
      activity.channelId,
      activity.serviceUrl,
      BOT_FRAMEWORK_AUDIENCE,
      {
        isGroup: false,
        bot: activity.recipient,
        members: [activity.from],
        tenantId,
        channelData: tenantId ? { tenant: { id: tenantId } } : undefined,
        activity: undefined as unknown as Activity,
      },
      async (created) => {
        sendAsNewPosts(created);
        try {
          await storeReference(kit, created, actor.id);
          for (const activity of activities) await send(kit, created, activity);
          sent = true;
        } catch (error) {
          kit.log('teams.private.failed', { error: firstLine(error) }, 'error');
        }
      },
    );
  } catch (error) {
    kit.log('teams.private.failed', { error: firstLine(error) }, 'error');
  }
  return sent;
}

/**
 * A card and/or a file for the asker's 1:1 chat; a file offer that could not
 * be sent is dropped from memory. Whether it arrived (the caller says so where
 * it was asked).
 */
export async function sendPrivateAnswer(kit: TeamsTurnKit, context: TurnContext, actor: StaffMember, card: AdaptiveCard | undefined, attached?: ReplyAttachment): Promise<boolean> {
  const t = messagesFor(actor.locale);
  // A picture (the team chart) is an Image in the card already, not a file to offer.
  const file = isImageAttachment(attached) ? undefined : attached;
  const offer = file ? kit.files.add(actor.id, file) : undefined;
  const consent = offer ? [fileConsentActivity(offer, t.teams.file.consentDescription)] : [];
  const sent = await sendPrivately(kit, context, actor, [...(card ? [cardActivity(card)] : []), ...consent]);
  if (!sent && offer) kit.files.discard(offer.id);
  return sent;
}

/**
 * Posts a card here, or, if it must stay private and this is a channel, in
 * the asker's 1:1 chat. A file (CSV export) always goes to the 1:1 chat, as
 * a consent card: exports hold citizen data, and Teams offers files to bots
 * in personal chats only. Without a card, only the file is offered.
 */
export async function deliver(kit: TeamsTurnKit, context: TurnContext, actor: StaffMember, card: AdaptiveCard | undefined, isPrivate: boolean, attached?: ReplyAttachment): Promise<void> {
  const t = messagesFor(actor.locale);
  const file = isImageAttachment(attached) ? undefined : attached;
  if (conversationScope(activityOf(context)) === 'personal') {
    const offer = file ? kit.files.add(actor.id, file) : undefined;
    if (card) await sendCard(kit, context, card);
    if (offer) await send(kit, context, fileConsentActivity(offer, t.teams.file.consentDescription));
    return;
  }
  if (card && !isPrivate) await sendCard(kit, context, card);
  const privateCard = card && isPrivate ? card : undefined;
  if (!privateCard && !file) return;
  const sent = await sendPrivateAnswer(kit, context, actor, privateCard, file);
  await sendCard(kit, context, renderAdaptiveCard(okReply(sent ? t.teams.privateAnswerSent : t.teams.privateAnswerFailed)));
}

/**
 * Allow or Decline pressed on a file consent card (personal chats only).
 * Allow: PUT the bytes to the upload URL Teams made in the user's OneDrive,
 * then show the file. Either way the consent card is replaced, and the file
 * leaves memory. The invoke is answered 200 in every case.
 */
export async function onFileConsent(kit: TeamsTurnKit, context: TurnContext): Promise<void> {
  const activity = activityOf(context);
  const { log, files } = kit;
  const done = () => context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
  const consent = parseFileConsent(activity);
  const who = await asStaff(kit, context, { remember: false });
  if (who.denied) {
    await sendCard(kit, context, renderAdaptiveCard(who.denied));
    await done();
    return;
  }
  const actor = who.staff;
  const t = messagesFor(actor.locale);
  /** The consent card's buttons are spent: replace it with what happened (or say it anew). */
  const replaceConsentCard = async (reply: Reply) => {
    const card = renderAdaptiveCard(reply);
    if (activity.replyToId) {
      try {
        await updateCard(kit, context, activity.replyToId, card);
        return;
      } catch (error) {
        log('teams.file.card-update-failed', { error: firstLine(error) }, 'warn');
      }
    }
    await sendCard(kit, context, card);
  };
  const file = consent?.fileId ? files.take(consent.fileId, actor.id) : undefined;
  if (!consent || !file) {
    await replaceConsentCard(errorReply(t.teams.file.expired(Math.max(1, Math.round(files.ttlMs / 60_000)))));
    await done();
    return;
  }
  if (consent.action === 'decline') {
    log('teams.file.declined', { bytes: file.bytes.length });
    await replaceConsentCard(okReply(t.teams.file.declined(file.filename)));
    await done();
    return;
  }
  const upload = consent.upload;
  try {
    if (!upload?.uploadUrl || !upload.contentUrl) throw new UploadError('no upload URL in the invoke');
    await uploadFile(upload.uploadUrl, file.bytes, { allowHttp: kit.authOff });
  } catch (error) {
    // Kept for another press of Allow, until it expires.
    files.restore(file);
    // fetch says only "fetch failed"; the reason (refused header, DNS, TLS) is its cause.
    const cause = error instanceof Error && error.cause !== undefined ? firstLine(error.cause) : undefined;
    log('teams.file.upload-failed', { status: error instanceof UploadError ? (error.status ?? null) : null, error: firstLine(error), cause }, 'error');
    await sendCard(kit, context, renderAdaptiveCard(errorReply(t.teams.file.uploadFailed)));
    await done();
    return;
  }
  log('teams.file.uploaded', { bytes: file.bytes.length });
  await recordAudit(kit.prisma, { actorId: actor.id, action: 'export.file.delivered', channel: 'TEAMS', details: { bytes: file.bytes.length } });
  const name = upload.name ?? file.filename;
  await replaceConsentCard(okReply(t.teams.file.uploaded(name)));
  await send(kit, context, fileInfoActivity({ ...upload, contentUrl: upload.contentUrl, name }));
  await done();
}

/**
 * Every message and every card or file button ends in an answer, also when the
 * database is down (the identity lookup is the first query, outside any
 * handler's error handling).
 */
export async function answerTurnError(kit: TeamsTurnKit, context: TurnContext, error: unknown): Promise<void> {
  // The error's message only: never the activity text, which may hold citizen details.
  kit.log('teams.turn.failed', { type: context.activity.type, error: firstLine(error) }, 'error');
  const activity = activityOf(context);
  const answersCard = isAdaptiveCardInvoke(activity);
  if (activity.type !== ActivityTypes.Message && !answersCard && !isFileConsentInvoke(activity)) return;
  const card = renderAdaptiveCard(errorReply(await failureText(kit.prisma, messagesFor(localeOf(activity)))));
  try {
    if (answersCard) {
      // Action.Execute: the answer replaces the pressed card.
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card } } });
      return;
    }
    if (activity.type === ActivityTypes.Invoke) await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
    await context.sendActivity(cardActivity(card));
  } catch {
    // the connector is down too; the log above is what we have
  }
}
