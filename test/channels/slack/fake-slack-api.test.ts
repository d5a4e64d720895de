// The fake Slack Web API itself: form values are text unless Slack sends that
// argument as JSON, and a request it cannot handle is answered 500, never left hanging.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from './fake-slack-api.js';

let api: FakeSlackApi;
beforeAll(async () => {
  api = await startFakeSlackApi();
});
afterAll(async () => {
  await api?.close();
});

const post = (method: string, form: Record<string, string>) =>
  fetch(`${api.apiUrl}${method}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(), signal: AbortSignal.timeout(2_000) });

describe('fake Slack API', () => {
  it('keeps a text that looks like JSON as text, and parses the JSON arguments', async () => {
    const res = await post('chat.postMessage', { channel: 'D0ANNE', text: '[C-1042] samtale logget', blocks: JSON.stringify([{ type: 'section' }]) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
    expect(api.callsTo('chat.postMessage').at(-1)!.body).toEqual({ channel: 'D0ANNE', text: '[C-1042] samtale logget', blocks: [{ type: 'section' }] });
  });

  it('answers 500 when it cannot read a request', async () => {
    const res = await post('chat.postMessage', { channel: 'D0ANNE', blocks: '[not json' });
    expect(res.status).toBe(500);
    expect(api.calls.at(-1)).toMatchObject({ method: 'internal_error', status: 500 });
  });
});
