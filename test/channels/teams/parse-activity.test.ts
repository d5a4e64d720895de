// What jobbot reads from Teams activities in the shapes Microsoft documents
// (test/fixtures/teams/microsoft-docs): a channel message with mentions, a
// file sent in a personal chat, an Action.Execute invoke, file consent
// answers and installationUpdate. Pure: no HTTP, no database.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFileConsent } from '../../../src/channels/teams/file-consent.js';
import {
  cardSubmission,
  commandText,
  conversationKey,
  conversationScope,
  FILE_DOWNLOAD_INFO,
  isAdaptiveCardInvoke,
  isCsvFile,
  localeOf,
  mentionedPeople,
  requestKey,
  sentFiles,
  type ActivityLike,
} from '../../../src/channels/teams/parse-activity.js';

const activity = (name: string): ActivityLike & Record<string, any> =>
  JSON.parse(readFileSync(new URL(`../../fixtures/teams/microsoft-docs/${name}.json`, import.meta.url), 'utf8'));

describe('a channel message mentioning the bot and a colleague', () => {
  const message = activity('channel-message-with-mentions');

  it('is a channel message, answered in the channel (not the thread), redelivery keyed on conversation and id', () => {
    expect(conversationScope(message)).toBe('channel');
    expect(conversationKey(message)).toBe('19:vest-channel@thread.tacv2');
    expect(requestKey(message)).toBe('teams:19:vest-channel@thread.tacv2;messageid=1732352400701:1732352400701');
    expect(localeOf(message)).toBe('da');
  });

  it('gives the command without the bot mention and without the markup of the other', () => {
    const text = commandText(message);
    expect(text).toMatch(/^caseload\b/);
    expect(text).not.toMatch(/jobbot|<at>|<\/at>/);
    expect(cardSubmission(message)).toBeUndefined();
  });

  it('names the colleague by Teams user id, and puts the handle jobbot found for it in her place (issue #12 item 10)', () => {
    expect(mentionedPeople(message)).toEqual([{ id: '29:1anne-teams-user-id', name: 'Anne Andersen' }]);
    expect(commandText(message, new Map([['29:1anne-teams-user-id', '@anne']]))).toBe('caseload @anne');
    // The bot itself is never replaced, even if asked to.
    expect(commandText(message, new Map([['28:00000000-0000-0000-0000-000000000000', '@jobbot'], ['29:1anne-teams-user-id', '@anne']]))).toBe('caseload @anne');
  });

  it('keeps a mention inside an option one token, and maps each person once', () => {
    const anne = message.entities![1]!;
    const option = { ...message, text: '<at>jobbot</at> citizen add C-1 consultant:<at>Anne Andersen</at> og <at>Anne Andersen</at>', entities: [...message.entities!, anne] };
    expect(commandText(option, new Map([['29:1anne-teams-user-id', '@anne']]))).toBe('citizen add C-1 consultant:@anne og @anne');
    expect(mentionedPeople(option)).toHaveLength(1);
  });
});

describe('a file sent to the bot in a personal chat', () => {
  const message = activity('personal-message-with-file');

  it('is a personal message with no command text and no card data', () => {
    expect(conversationScope(message)).toBe('personal');
    expect(conversationKey(message)).toBe('a:1personal-kim');
    expect(commandText(message)).toBe('');
    expect(cardSubmission(message)).toBeUndefined();
    expect(message.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.teams.file.download.info');
  });

  it('reads the file.download.info attachment (name, content.downloadUrl, fileType) as a CSV to import (issue #12 item 9)', () => {
    const [file, ...more] = sentFiles(message);
    expect(more).toEqual([]);
    expect(file).toEqual({
      name: 'caseload.csv',
      fileType: 'csv',
      downloadUrl: 'https://kommune-my.sharepoint.com/personal/kim_kommune_dk/_layouts/15/download.aspx?UniqueId=1150d938-8870-4044-9f2c-5bbdeba70c9d&Translate=false&tempauth=x',
    });
    expect(isCsvFile(file!)).toBe(true);
  });

  it('tells a CSV from other files, and finds no file in a plain message or a mention', () => {
    const [png] = sentFiles({ ...message, attachments: [{ contentType: FILE_DOWNLOAD_INFO, name: 'skærmbillede.png', content: { downloadUrl: 'https://x.sharepoint.com/d', fileType: 'png' } }] });
    expect(png && isCsvFile(png)).toBe(false);
    expect(sentFiles(activity('channel-message-with-mentions'))).toEqual([]); // its text/html attachment is the message, not a file
    expect(sentFiles({ ...message, attachments: undefined })).toEqual([]);
  });
});

describe('an Action.Execute invoke (adaptiveCard/action)', () => {
  const invoke = activity('action-execute-invoke');

  it('is recognised, and its data is the button pressed', () => {
    expect(isAdaptiveCardInvoke(invoke)).toBe(true);
    expect(cardSubmission(invoke)).toEqual({ jobbot: 'action', actionId: 'reminder.snooze', value: 'checkin:C-1042' });
    expect(requestKey(invoke)).toBe('teams:a:1personal-kim:f:1732352400901');
    expect(invoke.replyToId).toBe('1732352400555');
  });

  it("answers in the user's client language", () => {
    expect(localeOf(invoke)).toBe('en');
  });

  it('with form inputs merged into data by the client, gives the form and its values', () => {
    const value = invoke.value as { action: Record<string, unknown>; trigger: string };
    const form = { ...invoke, value: { ...value, action: { ...value.action, verb: 'form.meeting', data: { jobbot: 'form', form: 'meeting', citizen: 'C-1042', date: '2026-11-23' } } } };
    expect(cardSubmission(form)).toEqual({ jobbot: 'form', form: 'meeting', citizen: 'C-1042', date: '2026-11-23' });
  });

  it('ignores an invoke with data that is not ours', () => {
    expect(cardSubmission({ ...invoke, value: { action: { type: 'Action.Execute', verb: 'x', data: { something: 'else' } }, trigger: 'manual' } })).toBeUndefined();
  });
});

describe('file consent answers (fileConsent/invoke)', () => {
  it('accept: the file it is for and where to upload it', () => {
    const answer = parseFileConsent(activity('file-consent-accept-invoke'));
    expect(answer).toMatchObject({
      action: 'accept',
      fileId: 'export-2026-11-23',
      upload: { name: 'export-2026-11-23.csv', fileType: 'csv', uniqueId: '01FED6KHQXVVCUCI6XVJCZZMU2WMUSA6JS' },
    });
    expect(answer?.upload?.uploadUrl).toMatch(/^https:\/\/kommune-my\.sharepoint\.com\/.*uploadSession/);
    expect(isAdaptiveCardInvoke(activity('file-consent-accept-invoke'))).toBe(false);
  });

  it('decline: the file it is for, nothing to upload', () => {
    expect(parseFileConsent(activity('file-consent-decline-invoke'))).toEqual({ action: 'decline', fileId: 'export-2026-11-23', upload: undefined });
  });
});

describe('the bot added to a team (conversationUpdate)', () => {
  it("is keyed on the team's General channel: Teams names no other channel on install", () => {
    const added = activity('bot-added-to-team');
    expect(conversationScope(added)).toBe('channel');
    expect(conversationKey(added)).toBe('19:team-jobcenter@thread.tacv2');
    expect(added.membersAdded?.map((m) => m.id)).toEqual([added.recipient?.id]);
  });
});

describe('installationUpdate', () => {
  it('add, in a team: a channel conversation keyed on the team (General) channel, no command and no card data', () => {
    const add = activity('installation-update-add-channel');
    expect(add.action).toBe('add');
    expect(conversationScope(add)).toBe('channel');
    expect(conversationKey(add)).toBe('19:team-jobcenter@thread.tacv2');
    expect(commandText(add)).toBe('');
    expect(cardSubmission(add)).toBeUndefined();
    expect(isAdaptiveCardInvoke(add)).toBe(false);
  });

  it('remove, in a personal chat: the personal conversation', () => {
    const remove = activity('installation-update-remove-personal');
    expect(remove.action).toBe('remove');
    expect(conversationScope(remove)).toBe('personal');
    expect(conversationKey(remove)).toBe('a:1personal-kim');
    expect(requestKey(remove)).toBe('teams:a:1personal-kim:f:1732352401301');
  });
});
