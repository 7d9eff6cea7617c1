// node --test outlook-pane.test.mjs — the Outlook task pane's logic (src/MeetingPrep.Web/wwwroot/outlook) against
// office-addin-mock's Office stand-in and a recorded fetch: item ids to Graph ids, the organizer's unsaved meeting,
// error rendering, card actions and the sign-in seam. Run by the .NET test OutlookPaneTests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, 'package.json'));
const { OfficeMockObject } = require('office-addin-mock');
const wwwroot = process.env.MEETINGPREP_WWWROOT || path.join(here, '..', '..', 'src', 'MeetingPrep.Web', 'wwwroot');
const { createPane, createApiClient, createText, describeFailure, readCurrentItem, toRestId, PaneError } = await import(pathToFileURL(path.join(wwwroot, 'outlook', 'pane.js')));
const { createApiAuth } = await import(pathToFileURL(path.join(wwwroot, 'outlook', 'auth.js')));
const { ApiError, dialogRequest } = await import(pathToFileURL(path.join(wwwroot, 'shared', 'cards.js')));

// The pane's words as GET /outlook/text serves them: the server's resx tables (English is the neutral one).
const fs = require('node:fs');
function resxTable(language) {
  const file = path.join(wwwroot, '..', 'Resources', `WebText${language ? `.${language}` : ''}.resx`);
  const unescape = (v) => v.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return Object.fromEntries([...fs.readFileSync(file, 'utf8').matchAll(/<data name="([^"]+)"[^>]*>\s*<value>([\s\S]*?)<\/value>/g)].map((m) => [m[1], unescape(m[2])]));
}
const english = createText(resxTable(null));
const japanese = createText(resxTable('ja'));

const EWS_ID = 'AAMkAGI2TG93AAA/Rz+kBwAAAA==';
const REST_ID = 'AAMkAGI2TG93AAA-Rz_kBwAAAA==';
const START = new Date('2026-11-30T14:00:00Z');
const CARD = { type: 'AdaptiveCard', version: '1.4', body: [{ type: 'TextBlock', text: 'Fabrikam quarterly business review' }] };

// EWS ids are base64; the REST (Graph) form is the URL-safe alphabet. Records each call for the assertions.
function mailbox(item, { hostName = 'OutlookWebApp', calls = [] } = {}) {
  return {
    context: {
      mailbox: {
        item,
        diagnostics: { hostName },
        userProfile: { emailAddress: 'lena.vogt@contoso.com', displayName: 'Lena Vogt' },
        convertToRestId(id, version) {
          calls.push({ id, version });
          return id.replaceAll('/', '-').replaceAll('+', '_');
        },
      },
      requirements: { isSetSupported: (name, version) => name === 'NestedAppAuth' && version === '1.1' },
    },
    MailboxEnums: { ItemType: { Appointment: 'appointment', Message: 'message' }, RestVersion: { v2_0: 'v2.0', v1_0: 'v1.0', Beta: 'beta' } },
  };
}
const office = (item, options) => new OfficeMockObject(mailbox(item, options), 'outlook');
const succeeded = (value) => (callback) => callback({ status: 'succeeded', value });
const failed = (message) => (callback) => callback({ status: 'failed', error: { name: 'ItemNotSaved', message } });

const attendeeItem = () => ({ itemType: 'appointment', itemId: EWS_ID, subject: 'Fabrikam quarterly business review', start: START });
const organizerItem = (getItemIdAsync) => ({
  itemType: 'appointment',
  subject: { getAsync: succeeded('Fabrikam QBR (draft)') },
  start: { getAsync: succeeded(START) },
  ...(getItemIdAsync ? { getItemIdAsync } : {}),
});

function recordingFetch(responder) {
  const requests = [];
  const fetchImpl = async (url, init = {}) => {
    const request = { url: new URL(url), method: init.method || 'GET', headers: init.headers || {}, body: init.body ? JSON.parse(init.body) : undefined };
    requests.push(request);
    return responder(request);
  };
  return { requests, fetchImpl };
}
const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function recordingView() {
  const calls = [];
  const view = {};
  for (const name of ['showItem', 'showStatus', 'showCard', 'showError', 'showToast', 'showAnswer']) view[name] = (arg, more) => calls.push([name, arg, more]);
  return { view, calls, last: (name) => calls.filter(([n]) => n === name).at(-1)?.[1] };
}

const demoAuth = (o) => createApiAuth({ mode: 'demo' }, { office: o, location: new URL('http://127.0.0.1:5000/outlook/taskpane.html') });

async function runPane(officeMock, responder, { t = english, language } = {}) {
  const net = recordingFetch(responder);
  const ui = recordingView();
  const api = createApiClient({ baseUrl: 'http://127.0.0.1:5000', fetchImpl: net.fetchImpl, auth: demoAuth(officeMock), language });
  const pane = createPane({ office: officeMock, api, view: ui.view, t });
  await pane.load();
  return { ...net, ...ui, pane };
}

test('attendee: the EWS item id is converted to the REST v2.0 id and the card is fetched for the Outlook host', async () => {
  const calls = [];
  const o = office(attendeeItem(), { calls });
  const run = await runPane(o, () => json(200, CARD));

  assert.deepEqual(calls, [{ id: EWS_ID, version: 'v2.0' }]);
  assert.equal(run.requests.length, 1);
  assert.equal(run.requests[0].url.pathname, `/api/meetings/${encodeURIComponent(REST_ID)}/card`);
  assert.equal(run.requests[0].url.searchParams.get('host'), 'outlook');
  assert.equal(run.requests[0].headers['X-MeetingPrep-User'], 'lena.vogt@contoso.com');
  assert.deepEqual(run.last('showCard'), CARD);
  assert.equal(run.last('showError'), undefined);
  assert.deepEqual(run.pane.item, { kind: 'event', id: REST_ID, subject: 'Fabrikam quarterly business review', start: START, role: 'attendee' });
});

test('mobile hosts already give REST ids: no conversion', async () => {
  const calls = [];
  const o = office({ ...attendeeItem(), itemId: REST_ID }, { calls, hostName: 'OutlookAndroid' });
  assert.equal(toRestId(o, REST_ID), REST_ID);
  assert.deepEqual(calls, []);
});

test('organizer of a saved meeting: the id comes from getItemIdAsync and is converted', async () => {
  const o = office(organizerItem(succeeded(EWS_ID)));
  const item = await readCurrentItem(o);
  assert.deepEqual(item, { kind: 'event', id: REST_ID, subject: 'Fabrikam QBR (draft)', start: START, role: 'organizer' });
});

test('organizer composing a new meeting: no id yet, the pane says so and calls nothing', async () => {
  const run = await runPane(office(organizerItem(failed('The item has not been saved.'))), () => assert.fail('no request expected'));
  assert.equal(run.requests.length, 0);
  assert.equal(run.pane.item.kind, 'unsaved');
  assert.equal(run.last('showItem').subject, 'Fabrikam QBR (draft)');
  const error = run.last('showError');
  assert.equal(error.title, 'This meeting has not been saved yet');
  assert.match(error.detail, /Send the invitation \(or save it\)/);
  assert.equal(run.last('showCard'), undefined);
});

test('organizer on a host without getItemIdAsync (Mailbox < 1.8) is treated as unsaved, not as an error', async () => {
  const item = await readCurrentItem(office(organizerItem(null)));
  assert.equal(item.kind, 'unsaved');
});

test('a mail item is not a calendar item', async () => {
  const run = await runPane(office({ itemType: 'message', itemId: EWS_ID, subject: 'Invitation: Fabrikam QBR' }), () => assert.fail('no request expected'));
  assert.equal(run.last('showError').title, 'Not a calendar item');
  assert.equal(run.requests.length, 0);
});

test('an invitation in the inbox is resolved to its meeting and briefed, asked about like any meeting', async () => {
  const calls = [];
  const invitation = { itemType: 'message', itemClass: 'IPM.Schedule.Meeting.Request', itemId: EWS_ID, subject: 'Fabrikam QBR', start: START };
  const o = office(invitation, { calls });
  const run = await runPane(o, (request) => (request.url.pathname.startsWith('/api/invitations/')
    ? json(200, { meetingId: 'AAMk-own-event=' })
    : json(200, { ...CARD, refresh: { action: { type: 'Action.Execute', verb: 'refresh' } } })));

  assert.deepEqual(calls, [{ id: EWS_ID, version: 'v2.0' }]); // the message's REST id is what the server looks up
  assert.deepEqual(run.requests.map((r) => r.url.pathname), [
    `/api/invitations/${encodeURIComponent(REST_ID)}/meeting`,
    `/api/meetings/${encodeURIComponent('AAMk-own-event=')}/card`,
  ]);
  assert.deepEqual(run.calls.filter(([n]) => n === 'showStatus').map(([, x]) => x).slice(0, 3), [english('Pane.ReadingMeeting'), english('Pane.FindingMeeting'), english('Pane.Preparing')]);
  assert.equal(run.last('showCard').body[0].text, CARD.body[0].text);
  assert.equal(run.pane.item.kind, 'event');
  assert.equal(run.pane.item.id, 'AAMk-own-event=');
});

test('an invitation whose meeting is not in the calendar says so and offers to try again; other failures read as usual', async () => {
  const invitation = { itemType: 'message', itemClass: 'IPM.Schedule.Meeting.Request', itemId: EWS_ID, subject: 'Fabrikam QBR', start: START };
  const missing = await runPane(office(invitation), () => json(404, { title: 'Not Found', detail: 'This message is no invitation to a meeting in your calendar.' }));
  assert.deepEqual(missing.last('showError'), { title: 'Meeting not in your calendar', detail: english('Pane.InvitationNotFound.Detail'), retry: true });
  assert.equal(missing.requests.length, 1);

  const japaneseRun = await runPane(office(invitation), () => json(404, {}), { t: japanese });
  assert.equal(japaneseRun.last('showError').title, '予定表に会議がありません');

  const down = await runPane(office(invitation), () => json(503, {}));
  assert.equal(down.last('showError').title, english('Error.Server.Title'));
});

for (const [status, body, title, detail, retry] of [
  [403, { title: 'Forbidden', detail: 'You do not attend this meeting.' }, 'No briefing for you here', 'You do not attend this meeting.', false],
  [422, { title: 'Unprocessable', detail: 'Private appointments are never briefed.' }, "This meeting isn't briefed", 'Private appointments are never briefed.', false],
  [401, {}, 'Sign-in needed', /could not confirm who you are/, true],
  [404, {}, 'Meeting not found', /can't find this meeting/, true],
  [500, { title: 'Internal Server Error' }, 'MeetingPrep had a problem', /answered 500/, true],
]) {
  test(`a ${status} answer is shown as "${title}"`, async () => {
    const run = await runPane(office(attendeeItem()), () => json(status, body));
    const error = run.last('showError');
    assert.equal(error.title, title);
    if (detail instanceof RegExp) assert.match(error.detail, detail);
    else assert.equal(error.detail, detail);
    assert.equal(error.retry, retry);
    assert.equal(run.last('showCard'), undefined);
  });
}

test('a network failure says the service cannot be reached and offers a retry', async () => {
  const run = await runPane(office(attendeeItem()), () => { throw new TypeError('fetch failed'); });
  assert.deepEqual(run.last('showError'), { title: "Can't reach MeetingPrep", detail: 'Check your connection, then try again.', retry: true });
});

test('Action.Execute posts {verb, data} and shows the card, message or failure that comes back', async () => {
  const answers = [
    json(200, { type: 'AdaptiveCard', version: '1.4', body: [{ type: 'TextBlock', text: 'Refreshed' }] }),
    json(200, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Thanks for the feedback.' }),
    json(404, { title: 'Not Found' }),
  ];
  const run = await runPane(office(attendeeItem()), (r) => (r.method === 'GET' ? json(200, CARD) : answers.shift()));
  await run.pane.onAction({ verb: 'refresh', data: { meetingId: REST_ID } });
  await run.pane.onAction({ verb: 'feedback.helpful', data: { meetingId: REST_ID } });
  await run.pane.onAction({ verb: 'item.flagWrong' });

  const posts = run.requests.filter((r) => r.method === 'POST');
  assert.equal(posts.length, 3);
  assert.equal(posts[0].url.pathname, '/api/cards/action');
  assert.equal(posts[0].url.searchParams.get('host'), 'outlook'); // the pane's cards are Outlook's (1.4), also after an action
  assert.deepEqual(posts[0].body, { verb: 'refresh', data: { meetingId: REST_ID } });
  assert.deepEqual(posts[2].body, { verb: 'item.flagWrong', data: {} });
  assert.equal(posts[0].headers['Content-Type'], 'application/json');
  assert.equal(run.last('showCard').body[0].text, 'Refreshed');
  const toasts = run.calls.filter(([n]) => n === 'showToast').map(([, t]) => t);
  assert.deepEqual(toasts, ['Thanks for the feedback.', "Meeting not found. MeetingPrep can't find this meeting in your calendar yet. If you just created it, try again in a minute."]);
});

test('describeFailure keeps a server-given reason and falls back to plain words', () => {
  assert.equal(describeFailure(new ApiError(403, 'Forbidden', ''), english).detail, "This meeting isn't in your calendar, or you don't attend it, so MeetingPrep won't brief it.");
  assert.equal(describeFailure(new PaneError('A', 'B', { retry: true })).retry, true);
  assert.equal(describeFailure(new Error('boom')).detail, 'boom');
});

test('demo sign-in only on localhost, naming the mailbox user', async () => {
  const o = office(attendeeItem());
  assert.deepEqual(await demoAuth(o).headers(), { 'X-MeetingPrep-User': 'lena.vogt@contoso.com' });
  assert.throws(() => createApiAuth({ mode: 'demo' }, { office: o, location: new URL('https://meetingprep.contoso.com/outlook/taskpane.html'), t: english }), /only on localhost/);
  assert.throws(() => createApiAuth({ mode: 'naa' }, { office: o, location: new URL('https://meetingprep.contoso.com/'), t: english }), /not set up/);
});

// MSAL's nestable client, as far as the pane uses it (the seam: msal is loaded by loadMsal).
function fakeMsal({ silent, popup }) {
  class InteractionRequiredAuthError extends Error {}
  const seen = { created: [], silent: [], popup: [] };
  const msal = {
    InteractionRequiredAuthError,
    async createNestablePublicClientApplication(config) {
      seen.created.push(config);
      return {
        getActiveAccount: () => null,
        getAllAccounts: () => [{ username: 'lena.vogt@contoso.com' }],
        async acquireTokenSilent(request) { seen.silent.push(request); return silent(InteractionRequiredAuthError); },
        async acquireTokenPopup(request) { seen.popup.push(request); return popup(); },
      };
    },
  };
  return { msal, seen };
}
const naaConfig = { mode: 'naa', clientId: '11111111-2222-3333-4444-555555555555', authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com', scopes: ['api://11111111-2222-3333-4444-555555555555/access_as_user'] };
const prod = new URL('https://meetingprep.contoso.com/outlook/taskpane.html');

test('NAA: a silent token becomes the bearer header; consent falls back to the popup', async () => {
  const o = office(attendeeItem());
  const quiet = fakeMsal({ silent: () => ({ accessToken: 'token-silent' }), popup: () => assert.fail('no popup') });
  const auth = createApiAuth(naaConfig, { office: o, location: prod, loadMsal: async () => quiet.msal });
  assert.deepEqual(await auth.headers(), { Authorization: 'Bearer token-silent' });
  assert.deepEqual(quiet.seen.created, [{ auth: { clientId: naaConfig.clientId, authority: naaConfig.authority } }]);
  assert.deepEqual(quiet.seen.silent[0].scopes, naaConfig.scopes);

  const consent = fakeMsal({ silent: (E) => { throw new E('consent_required'); }, popup: () => ({ accessToken: 'token-popup' }) });
  const auth2 = createApiAuth(naaConfig, { office: o, location: prod, loadMsal: async () => consent.msal });
  assert.equal(await auth2.getApiToken(), 'token-popup');
  assert.deepEqual(consent.seen.popup, [{ scopes: naaConfig.scopes }]);
});

test('NAA: unsupported hosts and failed sign-in are clear errors on the pane', async () => {
  const o = office(attendeeItem());
  o.context.requirements.isSetSupported = () => false;
  const none = createApiAuth(naaConfig, { office: o, location: prod, loadMsal: async () => assert.fail('not loaded'), t: english });
  await assert.rejects(none.getApiToken(), (e) => e instanceof PaneError && e.title === 'Sign-in not supported here');

  const o2 = office(attendeeItem());
  const broken = fakeMsal({ silent: () => { throw new Error('network_error'); }, popup: () => assert.fail('no popup') });
  const net = recordingFetch(() => assert.fail('no API call without a token'));
  const ui = recordingView();
  const api = createApiClient({ baseUrl: 'https://meetingprep.contoso.com', fetchImpl: net.fetchImpl, auth: createApiAuth(naaConfig, { office: o2, location: prod, loadMsal: async () => broken.msal, t: english }) });
  await createPane({ office: o2, api, view: ui.view }).load();
  assert.deepEqual(ui.last('showError'), { title: 'Sign-in failed', detail: 'Outlook could not sign you in to MeetingPrep (network_error).', retry: true });
});

test('a Teams dialog button (Action.Submit, msteams task/fetch) becomes the same verb on the HTTP action endpoint', () => {
  assert.deepEqual(
    dialogRequest({ data: { verb: 'briefing.full', meetingId: 'AAMk1', msteams: { type: 'task/fetch' } } }),
    { verb: 'briefing.full', data: { meetingId: 'AAMk1' } });
  assert.equal(dialogRequest({ data: { verb: 'briefing.full', meetingId: 'AAMk1' } }), null); // a plain submit is not ours
  assert.equal(dialogRequest({ data: { msteams: { type: 'task/fetch' } } }), null);
  assert.equal(dialogRequest({}), null);
});

test('Japanese Outlook: the pane asks for Japanese and speaks it, server words included', async () => {
  const run = await runPane(office(attendeeItem()), () => json(404, { title: 'Not Found' }), { t: japanese, language: 'ja-JP' });
  assert.equal(run.requests[0].headers['Accept-Language'], 'ja-JP');
  assert.equal(run.last('showError').title, '会議が見つかりません');
  assert.equal(describeFailure(new ApiError(503, 'Service Unavailable', ''), japanese).detail, 'サービスから 503 が返されました。しばらくしてからもう一度お試しください。');
});

test('every word the pane uses has a Japanese translation', async () => {
  const source = fs.readFileSync(path.join(wwwroot, 'outlook', 'pane.js'), 'utf8') + fs.readFileSync(path.join(wwwroot, 'outlook', 'taskpane.js'), 'utf8');
  const used = new Set([...source.matchAll(/\bt\('([A-Za-z.]+)'/g)].map((m) => m[1]));
  assert.ok(used.size >= 20, `only ${used.size} keys found`);
  const ja = resxTable('ja');
  for (const key of used) assert.ok(ja[key], `no Japanese for ${key}`);
});

test('a follow-up question is asked about the open meeting and its answer shown', async () => {
  const answer = { text: 'Priya Raman, VP Marketing [1]', card: CARD };
  const run = await runPane(office(attendeeItem()), (r) => (r.method === 'GET' ? json(200, CARD) : json(200, answer)));
  await run.pane.ask('  who is Priya?  ');
  const post = run.requests.find((r) => r.method === 'POST');
  assert.equal(post.url.pathname, `/api/meetings/${encodeURIComponent(REST_ID)}/ask`);
  assert.deepEqual(post.body, { question: 'who is Priya?' });
  assert.deepEqual(run.last('showAnswer'), { text: answer.text, card: CARD });

  const failing = await runPane(office(attendeeItem()), (r) => (r.method === 'GET' ? json(200, CARD) : json(403, { detail: 'You can only see briefings for meetings you attend.' })));
  await failing.pane.ask('who is Priya?');
  assert.match(failing.last('showAnswer').error, /^No answer: No briefing for you here\. You can only see/);
});

test('an action\'s answer is shown beside the button that was pressed', async () => {
  const run = await runPane(office(attendeeItem()), (r) => (r.method === 'GET' ? json(200, CARD) : json(200, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Thanks! Glad it helped.' })));
  const pressed = { verb: 'feedback.helpful', data: { meetingId: REST_ID } };
  await run.pane.onAction(pressed);
  const toast = run.calls.filter(([n]) => n === 'showToast').at(-1);
  assert.equal(toast[1], 'Thanks! Glad it helped.');
  assert.equal(toast[2], pressed);
});

test('sign-in errors speak the pane language (Japanese Outlook)', async () => {
  const o = office(attendeeItem());
  assert.throws(() => createApiAuth({ mode: 'demo' }, { office: o, location: new URL('https://meetingprep.contoso.com/'), t: japanese }),
    (e) => e instanceof PaneError && e.title === 'デモ モード' && /localhost/.test(e.detail));
  assert.throws(() => createApiAuth({ mode: 'naa' }, { office: o, location: prod, t: japanese }), (e) => e.title === 'MeetingPrep が設定されていません');
  const broken = fakeMsal({ silent: () => { throw new Error('network_error'); }, popup: () => assert.fail('no popup') });
  const auth = createApiAuth(naaConfig, { office: o, location: prod, loadMsal: async () => broken.msal, t: japanese });
  await assert.rejects(auth.getApiToken(), (e) => e.title === 'サインインに失敗しました' && e.detail === 'Outlook で MeetingPrep にサインインできませんでした（network_error）。');
});

// Outlook without nested app authentication: Office SSO first, then the Office dialog on the documented SSO codes.
const { signInWithDialog, ssoFallbackCodes } = await import(pathToFileURL(path.join(wwwroot, 'outlook', 'auth.js')));
const { runSignIn } = await import(pathToFileURL(path.join(wwwroot, 'outlook', 'signin.js')));

function withoutNaa({ sso, dialog }) {
  const o = office(attendeeItem());
  const seen = { sso: 0, dialogs: [] };
  o.context.requirements.isSetSupported = () => false;
  o.EventType = { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' };
  o.auth = { async getAccessToken(options) { seen.sso++; seen.ssoOptions = options; return sso(); } };
  o.context.ui = {
    displayDialogAsync(url, options, callback) {
      const handlers = {};
      const opened = { url, options, closed: false };
      seen.dialogs.push(opened);
      callback({ status: 'succeeded', value: { addEventHandler: (type, handler) => { handlers[type] = handler; }, close: () => { opened.closed = true; } } });
      queueMicrotask(() => dialog(handlers));
    },
  };
  return { o, seen };
}
const ssoError = (code) => () => { throw Object.assign(new Error(`SSO error ${code}`), { code }); };

test('no NAA: Office SSO gives the token when it can', async () => {
  const { o, seen } = withoutNaa({ sso: () => 'sso-token', dialog: () => assert.fail('no dialog') });
  const auth = createApiAuth(naaConfig, { office: o, location: prod, t: english });
  assert.deepEqual(await auth.headers(), { Authorization: 'Bearer sso-token' });
  assert.deepEqual(seen.ssoOptions, { allowSignInPrompt: true, allowConsentPrompt: true });
  assert.equal(seen.dialogs.length, 0);
});

for (const code of [13001, 13002, 13003, 13006, 13007, 13012]) {
  test(`no NAA: SSO error ${code} opens the sign-in dialog, and its token is used until it expires`, async () => {
    let clock = 1_000_000;
    const { o, seen } = withoutNaa({
      sso: ssoError(code),
      dialog: (h) => h.dialogMessageReceived({ message: JSON.stringify({ accessToken: 'dialog-token', expiresOn: clock + 3_600_000 }) }),
    });
    const auth = createApiAuth(naaConfig, { office: o, location: prod, t: english, now: () => clock });
    assert.deepEqual(await auth.headers(), { Authorization: 'Bearer dialog-token' });
    assert.equal(seen.dialogs.length, 1);
    assert.equal(seen.dialogs[0].url, 'https://meetingprep.contoso.com/outlook/signin.html');
    assert.equal(seen.dialogs[0].closed, true);

    clock += 30 * 60_000; // half an hour on: the same token, no second sign-in
    assert.equal(await auth.getApiToken(), 'dialog-token');
    assert.equal(seen.dialogs.length, 1);
    assert.equal(seen.sso, 1);

    clock += 30 * 60_000; // within a minute of expiry: sign in again
    await auth.getApiToken();
    assert.equal(seen.dialogs.length, 2);
  });
}

test('no NAA: other SSO errors, a closed dialog and an error from the page are clear sign-in failures', async () => {
  assert.ok(!ssoFallbackCodes.has(13008)); // "another request is in progress": trying again helps, another sign-in does not
  const busy = withoutNaa({ sso: ssoError(13008), dialog: () => assert.fail('no dialog') });
  await assert.rejects(createApiAuth(naaConfig, { office: busy.o, location: prod, t: english }).getApiToken(),
    (e) => e instanceof PaneError && e.title === 'Sign-in failed' && /13008/.test(e.detail) && e.retry);

  const closed = withoutNaa({ sso: ssoError(13001), dialog: (h) => h.dialogEventReceived({ error: 12006 }) });
  await assert.rejects(createApiAuth(naaConfig, { office: closed.o, location: prod, t: english }).getApiToken(),
    (e) => e.detail === 'Outlook could not sign you in to MeetingPrep (The sign-in window was closed.).');

  const refused = withoutNaa({ sso: ssoError(13001), dialog: (h) => h.dialogMessageReceived({ message: JSON.stringify({ error: 'AADSTS65001: consent required' }) }) });
  await assert.rejects(createApiAuth(naaConfig, { office: refused.o, location: prod, t: japanese }).getApiToken(),
    (e) => e.title === 'サインインに失敗しました' && /AADSTS65001/.test(e.detail));
});

test('the dialog page: back from Entra it hands the token to the pane; otherwise it starts the redirect for our scope', async () => {
  const sent = [];
  const o = office(attendeeItem());
  o.context.ui = { messageParent: (message) => sent.push(JSON.parse(message)) };
  const redirects = [];
  const fakeMsal = (result) => ({
    PublicClientApplication: class {
      constructor(config) { this.config = config; fakeMsal.configs.push(config); }
      async initialize() {}
      async handleRedirectPromise() { return result; }
      async acquireTokenRedirect(request) { redirects.push(request); }
    },
  });
  fakeMsal.configs = [];
  const location = new URL('https://meetingprep.contoso.com/outlook/signin.html');

  assert.equal(await runSignIn({ msal: fakeMsal(null), office: o, config: naaConfig, location }), 'redirected');
  assert.deepEqual(redirects, [{ scopes: naaConfig.scopes }]);
  assert.equal(fakeMsal.configs[0].auth.redirectUri, 'https://meetingprep.contoso.com/outlook/signin.html');
  assert.equal(sent.length, 0);

  const expiresOn = new Date('2026-12-03T17:00:00Z');
  assert.equal(await runSignIn({ msal: fakeMsal({ accessToken: 'page-token', expiresOn }), office: o, config: naaConfig, location }), 'sent');
  assert.deepEqual(sent, [{ accessToken: 'page-token', expiresOn: expiresOn.getTime() }]);

  // The page's answer is what the pane's dialog reads.
  const { o: pane } = withoutNaa({ sso: ssoError(13012), dialog: (h) => h.dialogMessageReceived({ message: JSON.stringify(sent[0]) }) });
  assert.equal((await signInWithDialog(pane, 'https://meetingprep.contoso.com/outlook/signin.html')).accessToken, 'page-token');

  assert.equal(await runSignIn({ msal: fakeMsal(null), office: o, config: { mode: 'demo' }, location, t: english }), 'failed');
  assert.deepEqual(sent.at(-1), { error: english('Auth.NotSetUp.Detail') });
});
