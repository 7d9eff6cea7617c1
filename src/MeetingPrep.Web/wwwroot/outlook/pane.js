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
 *   { kind: 'message', subject }          a mail item (an invitation or a message), not a calendar item
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

  if (!appointment) return { kind: 'message', subject: item.subject };
  if (!item.itemId) return { kind: 'unsaved', subject: item.subject, start: item.start };
  return { kind: 'event', id: toRestId(office, item.itemId), subject: item.subject, start: item.start, role: 'attendee' };
}

/** Our API as the pane uses it; auth.headers() gives the sign-in headers (bearer token, or the demo user). */
export function createApiClient({ baseUrl, fetchImpl = globalThis.fetch, auth }) {
  async function call(path, init = {}) {
    const headers = { ...(await auth.headers()), ...(init.headers || {}) };
    return fetchJson(new URL(path, baseUrl).href, { ...init, headers }, fetchImpl);
  }
  return {
    card: (meetingId) => call(`/api/meetings/${encodeURIComponent(meetingId)}/card?host=outlook`),
    action: (action) => call('/api/cards/action?host=outlook', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(actionRequest(action)),
    }),
  };
}

/** A failure as the pane shows it: a title, what it means for the user, and whether trying again can help. */
export function describeFailure(error) {
  if (error instanceof PaneError) return { title: error.title, detail: error.detail, retry: error.retry };
  if (error instanceof ApiError) {
    const said = error.detail;
    switch (true) {
      case error.status === 0:
        return { title: "Can't reach MeetingPrep", detail: 'Check your connection, then try again.', retry: true };
      case error.status === 401:
        return { title: 'Sign-in needed', detail: 'MeetingPrep could not confirm who you are. Try again to sign in.', retry: true };
      case error.status === 403:
        return { title: 'No briefing for you here', detail: said || "This meeting isn't in your calendar, or you don't attend it, so MeetingPrep won't brief it.", retry: false };
      case error.status === 404:
        return { title: 'Meeting not found', detail: "MeetingPrep can't find this meeting in your calendar yet. If you just created it, try again in a minute.", retry: true };
      case error.status === 422:
        return { title: "This meeting isn't briefed", detail: said || 'MeetingPrep does not brief this kind of meeting.', retry: false };
      case error.status === 429:
        return { title: 'MeetingPrep is busy', detail: 'Too many requests right now. Try again in a minute.', retry: true };
      case error.status >= 500:
        return { title: 'MeetingPrep had a problem', detail: `The service answered ${error.status}. Try again in a moment.`, retry: true };
      default:
        return { title: 'Something went wrong', detail: error.message, retry: true };
    }
  }
  return { title: 'Something went wrong', detail: (error && error.message) || String(error), retry: true };
}

/**
 * Shows the open item's briefing through a view ({ showItem, showStatus, showCard, showError, showToast }).
 * Returns a controller whose onAction(action) runs a card's Action.Execute and shows what came back.
 */
export function createPane({ office, api, view }) {
  let current = null;

  async function load() {
    view.showStatus('Reading the meeting…');
    try {
      current = await readCurrentItem(office);
    } catch (e) {
      view.showError({ title: "Outlook didn't give us the meeting", detail: e.message, retry: true });
      return current;
    }
    view.showItem(current);
    switch (current.kind) {
      case 'none':
        view.showError({ title: 'Nothing selected', detail: 'Open a meeting in your calendar to see its briefing.', retry: true });
        return current;
      case 'message':
        view.showError({ title: 'Not a calendar item', detail: 'Open the meeting from your calendar to see its briefing.', retry: false });
        return current;
      case 'unsaved':
        view.showError({
          title: 'This meeting has not been saved yet',
          detail: 'Outlook gives a new meeting its id only once it is saved or sent. Send the invitation (or save it), then open MeetingPrep again.',
          retry: true,
        });
        return current;
      default:
        break;
    }
    view.showStatus('Preparing the briefing…');
    try {
      view.showCard(await api.card(current.id));
      view.showStatus('');
    } catch (e) {
      view.showError(describeFailure(e));
    }
    return current;
  }

  async function onAction(action) {
    try {
      const outcome = interpretActionResult(await api.action(action));
      switch (outcome.kind) {
        case 'card': view.showCard(outcome.card); break;
        case 'message': view.showToast(outcome.text); break;
        case 'error': view.showToast(`That did not work: ${outcome.text}`); break;
        default: view.showToast('Done.');
      }
    } catch (e) {
      const failure = describeFailure(e);
      view.showToast(`${failure.title}. ${failure.detail}`);
    }
  }

  return { load, onAction, get item() { return current; } };
}
