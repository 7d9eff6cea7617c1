// The Outlook task pane's logic, free of the DOM so Node tests can drive it with office-addin-mock:
// read the open item through Office.js, turn its id into the Graph event id, fetch the briefing card from our API,
// run card actions, and say clearly what went wrong. taskpane.js binds it to the page.
import { ApiError, actionRequest, fetchJson, interpretActionResult } from '../shared/cards.js';

/** Why the pane has no briefing to show, with what the user can do about it. */
export class PaneError extends Error {
  constructor(title, detail, { retry = false } = {}) {
    super(`${title}: ${detail}`);
    this.name = 'PaneError';
    this.title = title;
    this.detail = detail;
    this.retry = retry;
  }
}

/**
 * The pane's words in the user's language: t(key, ...args) over the table GET /outlook/text?lang= answers (the server's
 * Resources/WebText.resx), "{0}" filled with args. An unknown key reads as itself.
 */
export function createText(table = {}) {
  return (key, ...args) => String(table[key] ?? key).replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

const mobileHosts = new Set(['OutlookIOS', 'OutlookAndroid']);

/** Office's callback style as a promise: the value on success, an Error with Office's message otherwise. */
function officeAsync(target, method, ...args) {
  return new Promise((resolve, reject) => {
    target[method](...args, (result) => {
      if (result && result.status === 'succeeded') resolve(result.value);
      else reject(new Error((result && result.error && result.error.message) || `${method} failed`));
    });
  });
}

function isCompose(item) {
  return !!item.subject && typeof item.subject === 'object' && typeof item.subject.getAsync === 'function';
}

/**
 * The Graph (REST v2.0) id of an Outlook item id. Desktop and web give EWS ids, which Office converts; mobile already
 * gives REST ids. For the user's own calendar item, the REST id is exactly the Graph event id our API takes.
 */
export function toRestId(office, itemId) {
  const mailbox = office.context.mailbox;
  const host = mailbox.diagnostics && mailbox.diagnostics.hostName;
  if (mobileHosts.has(host)) return itemId;
  return mailbox.convertToRestId(itemId, office.MailboxEnums.RestVersion.v2_0);
}

/**
 * What is open in Outlook:
 *   { kind: 'event', id, subject, start, role: 'attendee'|'organizer' }  a calendar item we can brief
 *   { kind: 'unsaved', subject, start }   the organizer is composing a meeting Outlook has not saved yet (no id)
 *   { kind: 'invitation', messageId, subject, start }  a meeting invitation (or response) read in the inbox
 *   { kind: 'message', subject }          any other mail item
 *   { kind: 'none' }                      nothing selected
 */
export async function readCurrentItem(office) {
  const item = office.context.mailbox.item;
  if (!item) return { kind: 'none' };
  const appointment = item.itemType === office.MailboxEnums.ItemType.Appointment;

  if (isCompose(item)) {
    const subject = await officeAsync(item.subject, 'getAsync');
    const start = item.start && typeof item.start.getAsync === 'function' ? await officeAsync(item.start, 'getAsync') : null;
    let itemId = null;
    // getItemIdAsync (Mailbox 1.8) answers for a saved item and fails for a new one; older hosts have no way to ask.
    if (typeof item.getItemIdAsync === 'function') {
      try {
        itemId = await officeAsync(item, 'getItemIdAsync');
      } catch {
        itemId = null;
      }
    }
    if (!appointment) return { kind: 'message', subject };
    if (!itemId) return { kind: 'unsaved', subject, start };
    return { kind: 'event', id: toRestId(office, itemId), subject, start, role: 'organizer' };
  }

  if (!appointment) {
    // A meeting request is a message whose class says so (Office's MeetingRequest); the server finds its meeting.
    const invitation = typeof item.itemClass === 'string' && item.itemClass.startsWith('IPM.Schedule.Meeting');
    return invitation && item.itemId
      ? { kind: 'invitation', messageId: toRestId(office, item.itemId), subject: item.subject, start: item.start }
      : { kind: 'message', subject: item.subject };
  }
  if (!item.itemId) return { kind: 'unsaved', subject: item.subject, start: item.start };
  return { kind: 'event', id: toRestId(office, item.itemId), subject: item.subject, start: item.start, role: 'attendee' };
}

/** Our API as the pane uses it; auth.headers() gives the sign-in headers (bearer token, or the demo user). */
export function createApiClient({ baseUrl, fetchImpl = globalThis.fetch, auth, language }) {
  async function call(path, init = {}) {
    // Office's display language: the card and the answers come back in the language Outlook is shown in.
    const headers = { ...(language ? { 'Accept-Language': language } : {}), ...(await auth.headers()), ...(init.headers || {}) };
    return fetchJson(new URL(path, baseUrl).href, { ...init, headers }, fetchImpl);
  }
  return {
    card: (meetingId) => call(`/api/meetings/${encodeURIComponent(meetingId)}/card?host=outlook`),
    action: (action) => call('/api/cards/action?host=outlook', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(actionRequest(action)),
    }),
    invitation: (messageId) => call(`/api/invitations/${encodeURIComponent(messageId)}/meeting`),
    ask: (meetingId, question) => call(`/api/meetings/${encodeURIComponent(meetingId)}/ask`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ question }),
    }),
  };
}

/** A failure as the pane shows it: a title, what it means for the user, and whether trying again can help. */
export function describeFailure(error, t = createText()) {
  if (error instanceof PaneError) return { title: error.title, detail: error.detail, retry: error.retry };
  if (error instanceof ApiError) {
    const said = error.detail;
    switch (true) {
      case error.status === 0:
        return { title: t('Error.Offline.Title'), detail: t('Error.Offline.Detail'), retry: true };
      case error.status === 401:
        return { title: t('Error.SignIn.Title'), detail: t('Error.SignIn.Detail'), retry: true };
      case error.status === 403:
        return { title: t('Error.Forbidden.Title'), detail: said || t('Error.Forbidden.Detail'), retry: false };
      case error.status === 404:
        return { title: t('Error.NotFound.Title'), detail: t('Error.NotFound.Detail'), retry: true };
      case error.status === 422:
        return { title: t('Error.NotBriefed.Title'), detail: said || t('Error.NotBriefed.Detail'), retry: false };
      case error.status === 429:
        return { title: t('Error.Busy.Title'), detail: t('Error.Busy.Detail'), retry: true };
      case error.status >= 500:
        return { title: t('Error.Server.Title'), detail: t('Error.Server.Detail', error.status), retry: true };
      default:
        return { title: t('Error.Other.Title'), detail: error.message, retry: true };
    }
  }
  return { title: t('Error.Other.Title'), detail: (error && error.message) || String(error), retry: true };
}

/**
 * Shows the open item's briefing through a view ({ showItem, showStatus, showCard, showError, showToast, showAnswer }),
 * in the words of t (createText). Returns a controller whose onAction(action) runs a card's Action.Execute and shows
 * what came back beside the button pressed (showToast(text, action)), and whose ask(question) answers a follow-up
 * question about the open meeting.
 */
export function createPane({ office, api, view, t = createText() }) {
  let current = null;

  async function load() {
    view.showStatus(t('Pane.ReadingMeeting'));
    try {
      current = await readCurrentItem(office);
    } catch (e) {
      view.showError({ title: t('Pane.ReadFailed.Title'), detail: e.message, retry: true });
      return current;
    }
    view.showItem(current);
    switch (current.kind) {
      case 'none':
        view.showError({ title: t('Pane.NoItem.Title'), detail: t('Pane.NoItem.Detail'), retry: true });
        return current;
      case 'message':
        view.showError({ title: t('Pane.Message.Title'), detail: t('Pane.Message.Detail'), retry: false });
        return current;
      case 'unsaved':
        view.showError({ title: t('Pane.Unsaved.Title'), detail: t('Pane.Unsaved.Detail'), retry: true });
        return current;
      case 'invitation':
        if (!(await resolveInvitation())) return current;
        break;
      default:
        break;
    }
    view.showStatus(t('Pane.Preparing'));
    try {
      view.showCard(await api.card(current.id));
      view.showStatus('');
    } catch (e) {
      view.showError(describeFailure(e, t));
    }
    return current;
  }

  /** The invitation's meeting in the user's calendar becomes the open item; false (with the error shown) when there is none. */
  async function resolveInvitation() {
    view.showStatus(t('Pane.FindingMeeting'));
    try {
      const found = await api.invitation(current.messageId);
      current = { kind: 'event', id: found.meetingId, subject: current.subject, start: current.start, role: 'attendee', invitation: current.messageId };
      return true;
    } catch (e) {
      view.showError(e instanceof ApiError && e.status === 404
        ? { title: t('Pane.InvitationNotFound.Title'), detail: t('Pane.InvitationNotFound.Detail'), retry: true }
        : describeFailure(e, t));
      return false;
    }
  }

  async function onAction(action) {
    try {
      const outcome = interpretActionResult(await api.action(action));
      switch (outcome.kind) {
        case 'card': view.showCard(outcome.card); break;
        case 'message': view.showToast(outcome.text, action); break;
        case 'error': view.showToast(t('Toast.Failed', outcome.text), action); break;
        default: view.showToast(t('Toast.Done'), action);
      }
    } catch (e) {
      const failure = describeFailure(e, t);
      view.showToast(`${failure.title}. ${failure.detail}`, action);
    }
  }

  /** A follow-up question about the open meeting, answered by the same answerer as the Teams chat. */
  async function ask(question) {
    const text = String(question || '').trim();
    if (!text || !current || current.kind !== 'event') return;
    view.showAnswer({ pending: t('Ask.Thinking') });
    try {
      const answer = await api.ask(current.id, text);
      view.showAnswer({ text: answer.text, card: answer.card });
    } catch (e) {
      const failure = describeFailure(e, t);
      view.showAnswer({ error: t('Ask.Failed', `${failure.title}. ${failure.detail}`) });
    }
  }

  return { load, onAction, ask, get item() { return current; } };
}
