// Slack payloads → what the channel acts on, without HTTP: one kind of
// payload per describe, each starting from the shape in Slack's documentation
// (test/fixtures/slack), then the variations the channel must tell apart and
// the malformed payloads it must ignore rather than half-handle.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseButtonPress,
  parseDirectMessage,
  parseFormFieldChange,
  parseFormMetadata,
  parseFormSubmission,
  parseHomeOpened,
  parseOptionsRequest,
  parseSlashCommand,
} from '../../../src/channels/slack/parse-payload.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function fixture<T = Json>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/slack/${name}.json`, import.meta.url), 'utf8')) as T;
}

const BOT = 'U0JOBBOT';

describe('slash command', () => {
  const base = fixture<Record<string, string>>('slash-command');

  it('who, where, the command as text and the trigger_id as request key', () => {
    expect(parseSlashCommand({ ...base, text: 'C-1042' })).toEqual({
      user: { userId: 'U0ANNE', teamId: 'T0JOBCTR' },
      conversation: { platform: 'slack', id: 'C0VEST01', shared: true },
      text: 'samtale C-1042',
      triggerId: '13345224609.738474920.8088930838d88f008e0',
      responseUrl: 'https://hooks.slack.com/commands/T0JOBCTR/1/abc',
      requestKey: 'slack:command:13345224609.738474920.8088930838d88f008e0',
    });
  });

  it('a bare command is its word alone; Slack markup in the text is undone, user mentions kept', () => {
    expect(parseSlashCommand(base)?.text).toBe('samtale');
    expect(parseSlashCommand({ ...base, command: '/jobbot', text: 'staff add ida email:<mailto:ida@kommune.dk|ida@kommune.dk> <@U0BO|bo>' })?.text).toBe(
      'jobbot staff add ida email:ida@kommune.dk <@U0BO|bo>',
    );
  });

  it('only a public or private channel is shared: not a DM, a group DM or a private group DM', () => {
    const shared = (channel_id: string, channel_name: string) => parseSlashCommand({ ...base, channel_id, channel_name })?.conversation.shared;
    expect(shared('C0VEST01', 'team-vest')).toBe(true);
    expect(shared('G0PRIVAT', 'privat-team')).toBe(true);
    expect(shared('D0ANNE', 'directmessage')).toBe(false);
    expect(shared('G0MPDM01', 'mpdm-anne--bo-1')).toBe(false);
    expect(shared('C0MPDM01', 'mpdm-anne--bo-1')).toBe(false);
  });

  it('ignores a body without user, channel, command or trigger_id, and anything that is not an object', () => {
    for (const field of ['user_id', 'channel_id', 'command', 'trigger_id']) {
      const { [field]: _left, ...rest } = base;
      expect(parseSlashCommand(rest), field).toBeUndefined();
      expect(parseSlashCommand({ ...base, [field]: '' }), `${field} empty`).toBeUndefined();
    }
    expect(parseSlashCommand(undefined)).toBeUndefined();
    expect(parseSlashCommand('command=/samtale')).toBeUndefined();
  });
});

describe('block_actions', () => {
  const base = fixture<Json>('block-actions');

  it('a button in a message: who, the action id and value, where, and the message it is in', () => {
    expect(parseButtonPress(base)).toEqual({
      user: { userId: 'U0ANNE', teamId: 'T0JOBCTR' },
      actionId: 'reminder.done',
      slackActionId: 'reminder.done',
      value: 'checkin:C-1042',
      blockId: 'a1',
      triggerId: '13345224609.8534564800.6f8ab1f53e13d0cd15f96106292d5536',
      responseUrl: 'https://hooks.slack.com/actions/T0JOBCTR/1/xyz',
      payloadChannelId: 'D0ANNE',
      channelId: 'D0ANNE',
      conversation: { platform: 'slack', id: 'D0ANNE', shared: false },
      container: { type: 'message', messageTs: '1700000001.000100', isEphemeral: false },
      message: { text: 'Påmindelse', blocks: [] },
      requestKey: 'slack:action:D0ANNE:1700000001.000100:reminder.done:checkin:C-1042',
    });
  });

  it('the same button on the same message is one request however often pressed; another row is another', () => {
    const again = parseButtonPress({ ...base, actions: [{ ...base.actions[0], action_ts: '1700000099.000100' }] });
    expect(again?.requestKey).toBe(parseButtonPress(base)?.requestKey);
    const other = parseButtonPress({ ...base, actions: [{ ...base.actions[0], action_id: 'reminder.done#2', value: 'checkin:C-2001' }] });
    expect(other?.actionId).toBe('reminder.done');
    expect(other?.slackActionId).toBe('reminder.done#2');
    expect(other?.requestKey).toBe('slack:action:D0ANNE:1700000001.000100:reminder.done#2:checkin:C-2001');
  });

  it('a button in a modal or the App Home has no channel: each press is its own request, keyed on action_ts', () => {
    const { channel: _channel, message: _message, response_url: _url, ...rest } = base;
    const press = parseButtonPress({ ...rest, container: { type: 'view', view_id: 'V0HOME01' }, actions: [{ ...base.actions[0], action_id: 'form.meeting', value: '' }] });
    expect(press).toMatchObject({ actionId: 'form.meeting', value: '', container: { type: 'view', isEphemeral: false }, requestKey: 'slack:action:1700000002.000300' });
    expect(press).not.toHaveProperty('channelId');
    expect(press).not.toHaveProperty('conversation');
    expect(press).not.toHaveProperty('responseUrl');
  });

  it('a button in a team channel is shared; the container channel stands in when the payload has none', () => {
    expect(parseButtonPress({ ...base, channel: { id: 'C0VEST01', name: 'team-vest' } })?.conversation).toEqual({ platform: 'slack', id: 'C0VEST01', shared: true });
    const { channel: _channel, ...rest } = base;
    const press = parseButtonPress(rest);
    expect(press?.channelId).toBe('D0ANNE');
    expect(press).not.toHaveProperty('payloadChannelId');
  });

  it('an ephemeral message says so', () => {
    expect(parseButtonPress({ ...base, container: { ...base.container, is_ephemeral: true } })?.container.isEphemeral).toBe(true);
  });

  it('ignores what is not a button press: selects, no actions, no user, other payload types; a button without value has ""', () => {
    expect(parseButtonPress({ ...base, actions: [{ type: 'static_select', action_id: 'kind', block_id: 'a1', selected_option: { value: 'PHONE' } }] })).toBeUndefined();
    expect(parseButtonPress({ ...base, actions: [] })).toBeUndefined();
    expect(parseButtonPress({ ...base, actions: undefined })).toBeUndefined();
    expect(parseButtonPress({ ...base, actions: [{ ...base.actions[0], action_id: undefined }] })).toBeUndefined();
    expect(parseButtonPress({ ...base, user: undefined })).toBeUndefined();
    expect(parseButtonPress({ ...base, type: 'interactive_message' })).toBeUndefined();
    expect(parseButtonPress(null)).toBeUndefined();
    expect(parseButtonPress({ ...base, actions: [{ ...base.actions[0], value: undefined }] })?.value).toBe('');
  });

  it('a press with neither message nor action_ts has no request key (it is not made one with every other such press)', () => {
    const { channel: _channel, message: _message, ...rest } = base;
    const press = parseButtonPress({ ...rest, container: { type: 'view' }, actions: [{ ...base.actions[0], action_ts: undefined }] });
    expect(press).toBeDefined();
    expect(press).not.toHaveProperty('requestKey');
  });
});

describe('block_actions from a select in a form modal (dispatch_action)', () => {
  const metadata = JSON.stringify({ form: 'meeting', locale: 'da', channelId: 'C0VEST01' });
  const payload = (extra: Json = {}): Json => {
    const base = fixture('block-actions-view-select');
    return {
      ...base,
      view: {
        ...base.view,
        private_metadata: metadata,
        state: { values: { citizen: { citizen: { type: 'static_select', selected_option: { value: 'C-1042' } } }, note: { note: { type: 'plain_text_input', value: 'Godt møde' } } } },
      },
      ...extra,
    };
  };

  it('reads the changed field, the view id and hash, the metadata and what the modal holds', () => {
    expect(parseFormFieldChange(payload())).toEqual({
      user: { userId: 'U0ANNE', teamId: 'T0JOBCTR' },
      field: 'citizen',
      viewId: 'V0MODAL1',
      hash: '1700000004.ijklMNOP',
      metadata: { form: 'meeting', locale: 'da', channelId: 'C0VEST01' },
      values: { citizen: 'C-1042', note: 'Godt møde' },
    });
  });

  it("is not a button press, and a button, another app's view or a view without our metadata is no field change", () => {
    expect(parseButtonPress(payload())).toBeUndefined();
    const button = fixture('block-actions');
    expect(parseFormFieldChange(button)).toBeUndefined();
    expect(parseFormFieldChange(payload({ actions: [{ ...button.actions[0] }] }))).toBeUndefined();
    const base = payload();
    expect(parseFormFieldChange({ ...base, view: { ...base.view, callback_id: 'someone.else' } })).toBeUndefined();
    expect(parseFormFieldChange({ ...base, view: { ...base.view, private_metadata: '' } })).toBeUndefined();
  });
});

describe('view_submission', () => {
  const base = fixture<Json>('view-submission');
  const metadata = { form: 'meeting', locale: 'en', responseUrl: 'https://hooks.slack.com/commands/T0JOBCTR/1/abc', channelId: 'C0VEST01' };
  const submitted = (view: Json = {}) => ({
    ...base,
    view: {
      ...base.view,
      private_metadata: JSON.stringify(metadata),
      state: {
        values: {
          citizen: { citizen: { type: 'static_select', selected_option: { value: 'C-1042' } } },
          kind: { kind: { type: 'static_select', selected_option: null } },
          date: { date: { type: 'datepicker', selected_date: '2026-11-23' } },
          note: { note: { type: 'plain_text_input', value: 'ringede' } },
        },
      },
      ...view,
    },
  });

  it('who, the form it was opened as and from where, the values, and the view id and hash as request key', () => {
    expect(parseFormSubmission(submitted())).toEqual({
      user: { userId: 'U0ANNE', teamId: 'T0JOBCTR' },
      metadata,
      values: { citizen: 'C-1042', kind: undefined, date: '2026-11-23', note: 'ringede' },
      requestKey: 'slack:view:V0MODAL1:1700000003.abcdEFGH',
    });
  });

  it('a view that is not one of our forms (no or unreadable private_metadata) has no metadata, so the channel only acks', () => {
    expect(parseFormSubmission(base)).not.toHaveProperty('metadata');
    for (const raw of ['', 'not json', 'null', '[]', JSON.stringify({ form: 'payroll', locale: 'da' })]) {
      expect(parseFormSubmission(submitted({ private_metadata: raw })), raw).not.toHaveProperty('metadata');
    }
  });

  it('metadata: an unknown locale is Danish, and only string origins are kept', () => {
    expect(parseFormMetadata(JSON.stringify({ form: 'citizen', locale: 'fr', responseUrl: 42, channelId: null }))).toEqual({ form: 'citizen', locale: 'da' });
  });

  it('ignores a submission without user or view; a view without state has no values', () => {
    expect(parseFormSubmission({ ...submitted(), user: {} })).toBeUndefined();
    expect(parseFormSubmission({ ...submitted(), view: undefined })).toBeUndefined();
    expect(parseFormSubmission({ ...submitted(), type: 'view_closed' })).toBeUndefined();
    expect(parseFormSubmission(submitted({ state: undefined }))?.values).toEqual({});
  });
});

describe('message.im', () => {
  const base = fixture<Json>('message-im');
  const withEvent = (event: Json) => ({ ...base, event: { ...base.event, ...event } });

  it('who, the DM, the text and the event id as request key; a DM is never shared', () => {
    expect(parseDirectMessage(base, BOT)).toEqual({
      user: { userId: 'U2147483697', teamId: 'T123ABC456' },
      channelId: 'D024BE91L',
      conversation: { platform: 'slack', id: 'D024BE91L', shared: false },
      text: 'Hello hello can you hear me?',
      files: [],
      requestKey: 'slack:event:Ev0PV52K21',
    });
  });

  it('a mention of the bot in front is not part of the question; markup is undone; a thread is kept', () => {
    const message = parseDirectMessage(withEvent({ text: `<@${BOT}|jobbot>  hvem mangler opfølgning? &amp; <http://x.dk|x.dk>`, thread_ts: '1355517000.000001' }), BOT);
    expect(message?.text).toBe('hvem mangler opfølgning? & x.dk');
    expect(message?.threadTs).toBe('1355517000.000001');
    // Before start() knows the bot's id, the mention stays.
    expect(parseDirectMessage(withEvent({ text: `<@${BOT}> hej` }), undefined)?.text).toBe(`<@${BOT}> hej`);
  });

  it('only what a person wrote in a DM: no bot messages (ours included), edits, deletions, channels', () => {
    expect(parseDirectMessage(withEvent({ bot_id: 'B0JOBBOT' }), BOT)).toBeUndefined();
    expect(parseDirectMessage(withEvent({ user: BOT }), BOT)).toBeUndefined();
    expect(parseDirectMessage(withEvent({ subtype: 'message_changed' }), BOT)).toBeUndefined();
    expect(parseDirectMessage(withEvent({ subtype: 'message_deleted' }), BOT)).toBeUndefined();
    expect(parseDirectMessage(withEvent({ channel_type: 'channel', channel: 'C0VEST01' }), BOT)).toBeUndefined();
    expect(parseDirectMessage(withEvent({ channel_type: 'mpim' }), BOT)).toBeUndefined();
  });

  it('ignores an event without user or channel, or an envelope without event; no event id means no request key', () => {
    expect(parseDirectMessage(withEvent({ user: undefined }), BOT)).toBeUndefined();
    expect(parseDirectMessage(withEvent({ channel: undefined }), BOT)).toBeUndefined();
    expect(parseDirectMessage({ ...base, event: undefined }, BOT)).toBeUndefined();
    expect(parseDirectMessage('event', BOT)).toBeUndefined();
    const { event_id: _id, ...rest } = base;
    expect(parseDirectMessage(rest, BOT)).not.toHaveProperty('requestKey');
    expect(parseDirectMessage(withEvent({ text: undefined }), BOT)?.text).toBe('');
  });
});

describe('message with files (file_share in the DM)', () => {
  const base = fixture<Json>('message-file-share');

  it('the files as shared (only their id, for files.info) and no text', () => {
    const message = parseDirectMessage(base, BOT);
    expect(message).toMatchObject({ user: { userId: 'U0ANNE', teamId: 'T0JOBCTR' }, channelId: 'D0ANNE', text: '', requestKey: 'slack:event:Ev0FILE0001' });
    expect(message?.files.map((f) => [f.id, f.file_access])).toEqual([['F0CSV0001', 'check_file_info']]);
  });

  it('leaves out file entries without an id', () => {
    const files = [{ id: 'F0CSV0001', name: 'a.csv' }, { name: 'no-id.csv' }, 'F0BARE', null];
    expect(parseDirectMessage({ ...base, event: { ...base.event, files } }, BOT)?.files).toEqual([{ id: 'F0CSV0001', name: 'a.csv' }]);
  });
});

describe('app_home_opened', () => {
  const base = fixture<Json>('app-home-opened');

  it('who opened the Home tab, keyed on the event id', () => {
    expect(parseHomeOpened(base)).toEqual({ user: { userId: 'U0ANNE', teamId: 'T0JOBCTR' }, requestKey: 'slack:event:Ev0HOME0001' });
  });

  it('ignores the Messages and About tabs, and an event without user', () => {
    expect(parseHomeOpened({ ...base, event: { ...base.event, tab: 'messages' } })).toBeUndefined();
    expect(parseHomeOpened({ ...base, event: { ...base.event, tab: 'about' } })).toBeUndefined();
    expect(parseHomeOpened({ ...base, event: { ...base.event, user: undefined } })).toBeUndefined();
    expect(parseHomeOpened({ ...base, event: { ...base.event, type: 'app_mention' } })).toBeUndefined();
  });
});

describe('block_suggestion (options load)', () => {
  const base = fixture<Json>('block-suggestion');

  it('who is searching and what they typed', () => {
    expect(parseOptionsRequest(base)).toEqual({ user: { userId: 'U0ANNE', teamId: 'T0JOBCTR' }, query: 'C-10' });
  });

  it('nothing typed is an empty query; without a user it is ignored (the picker gets no options)', () => {
    expect(parseOptionsRequest({ ...base, value: undefined })?.query).toBe('');
    expect(parseOptionsRequest({ ...base, user: undefined })).toBeUndefined();
    expect(parseOptionsRequest({ ...base, type: 'dialog_suggestion' })).toBeUndefined();
  });
});
