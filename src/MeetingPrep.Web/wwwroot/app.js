// MeetingPrep demo home page: pick a demo user, see their upcoming meetings and why each is (not) briefed, and the
// briefing card rendered by Microsoft's adaptivecards renderer with a Teams-like host config. Card buttons go to the
// same action endpoint the bot uses, so the demo exercises the real round trip.
// All data from the API is written with textContent; the card renderer does its own escaping.
// Fetching, card rendering and action results are shared with the Outlook task pane (shared/cards.js).
import { actionRequest, dialogRequest, fetchJson, interpretActionResult, loadHostConfig, renderCard as renderWith } from './shared/cards.js';

{
  const $ = (id) => document.getElementById(id);
  const state = { users: [], user: null, meetingId: null, host: 'teams', hostConfig: null };
  const getJson = (url, init) => fetchJson(url, init);

  function setStatus(id, text, isError) {
    const el = $(id);
    el.textContent = text;
    el.classList.toggle('error', !!isError);
    el.hidden = !text;
  }

  function formatWhen(meeting, timeZone) {
    const start = new Date(meeting.start);
    const end = new Date(meeting.end);
    const zone = timeZone && isValidZone(timeZone) ? timeZone : undefined;
    if (meeting.isAllDay) {
      return `${new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(start)}, all day`;
    }
    const day = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: zone }).format(start);
    const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone: zone });
    return `${day}, ${time.format(start)}–${time.format(end)}`;
  }

  function isValidZone(zone) {
    try {
      new Intl.DateTimeFormat(undefined, { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }

  async function loadUsers() {
    state.users = await getJson('/api/demo/users');
    const select = $('user');
    select.replaceChildren(...state.users.map((u) => {
      const option = document.createElement('option');
      option.value = u.upn;
      option.textContent = `${u.displayName} (${u.upn})`;
      return option;
    }));
    const wanted = new URLSearchParams(location.search).get('as') || localStorage.getItem('meetingprep.as');
    const user = state.users.find((u) => u.upn === wanted) || state.users[0];
    if (!user) {
      setStatus('meetings-status', 'No demo users. Start the host with demo mode on.', true);
      return;
    }
    select.value = user.upn;
    await selectUser(user.upn);
  }

  async function selectUser(upn) {
    state.user = state.users.find((u) => u.upn === upn) || null;
    localStorage.setItem('meetingprep.as', upn);
    state.meetingId = null;
    $('card').replaceChildren();
    $('json-details').hidden = true;
    setStatus('card-status', 'Pick a meeting to see its briefing as Teams shows it.');
    await loadMeetings();
  }

  async function loadMeetings() {
    const list = $('meetings');
    list.replaceChildren();
    setStatus('meetings-status', 'Loading…');
    let result;
    try {
      result = await getJson(`/api/me/meetings?as=${encodeURIComponent(state.user.upn)}`);
    } catch (e) {
      setStatus('meetings-status', `Could not load meetings (${e.message}).`, true);
      return;
    }
    const meetings = (result && result.meetings) || [];
    setStatus('meetings-status', meetings.length ? '' : 'No upcoming meetings.');
    const briefedCount = meetings.filter((m) => m.briefed).length;
    $('meetings-count').textContent = `(${briefedCount} of ${meetings.length})`;
    for (const meeting of meetings) {
      const item = document.createElement('li');
      item.dataset.briefed = String(!!meeting.briefed);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'meeting';
      button.dataset.id = meeting.id;
      const subject = document.createElement('span');
      subject.className = 'subject';
      subject.textContent = meeting.subject || '(no subject)';
      const when = document.createElement('span');
      when.className = 'when';
      when.textContent = formatWhen(meeting, state.user.timeZone);
      const why = document.createElement('span');
      why.className = `why ${meeting.briefed ? 'ready' : 'skipped'}`;
      why.textContent = meeting.briefed ? 'Briefing ready' : `Not briefed: ${meeting.reason || 'no reason given'}`;
      button.append(subject, when, why);
      button.addEventListener('click', () => showCard(meeting.id));
      item.append(button);
      list.append(item);
    }

    // A newcomer sees a briefing at once: open the first meeting that has one.
    const first = meetings.find((m) => m.briefed);
    if (first && !state.meetingId) {
      await showCard(first.id);
    }
  }

  async function showCard(meetingId) {
    state.meetingId = meetingId;
    for (const el of document.querySelectorAll('.meeting')) {
      el.setAttribute('aria-current', String(el.dataset.id === meetingId));
    }
    setStatus('card-status', 'Preparing the briefing…');
    try {
      const card = await getJson(`/api/meetings/${encodeURIComponent(meetingId)}/card?host=${state.host}&as=${encodeURIComponent(state.user.upn)}`);
      renderCard(card);
      setStatus('card-status', '');
    } catch (e) {
      $('card').replaceChildren();
      setStatus('card-status', `Could not load the card (${e.message}).`, true);
    }
  }

  function renderCard(json) {
    const warnings = renderWith(window.AdaptiveCards, { json, hostConfig: state.hostConfig, container: $('card'), onAction });
    const text = JSON.stringify(json, null, 2);
    $('card-json').textContent = text;
    $('card-size').textContent = `(${new TextEncoder().encode(JSON.stringify(json)).length.toLocaleString()} bytes${warnings.length ? `, ${warnings.length} renderer warnings` : ''})`;
    $('json-details').hidden = false;
  }

  function toast(text) {
    const el = $('toast');
    el.textContent = text;
    el.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { el.hidden = true; }, 5000);
  }

  async function onAction(action) {
    const AC = window.AdaptiveCards;
    if (action instanceof AC.OpenUrlAction) {
      window.open(action.url, '_blank', 'noopener,noreferrer');
      return;
    }
    // ShowCard and ToggleVisibility are handled by the renderer; a Teams dialog button (Action.Submit with
    // msteams task/fetch) shows what the dialog would: the full card, here in place.
    const request = action instanceof AC.ExecuteAction ? actionRequest(action) : dialogRequest(action);
    if (!request) return;
    try {
      const result = await getJson(`/api/cards/action?as=${encodeURIComponent(state.user.upn)}&host=${state.host}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(request),
      });
      handleActionResult(result);
    } catch (e) {
      toast(`That did not work (${e.message}).`);
    }
  }

  // Accepts a bare card or the Universal Actions invoke-response shape ({ statusCode, type, value }).
  function handleActionResult(result) {
    const outcome = interpretActionResult(result);
    switch (outcome.kind) {
      case 'card':
        renderCard(outcome.card);
        break;
      case 'message':
        toast(outcome.text);
        break;
      case 'error':
        toast(`Error: ${outcome.text}`);
        break;
      default:
        toast('Done.');
    }
  }

  /** Hides the meetings without a briefing while "Only meetings with a briefing" is ticked (remembered). */
  function applyFilter() {
    const only = $('briefed-only').checked;
    localStorage.setItem('meetingprep.briefedOnly', String(only));
    $('meetings').classList.toggle('briefed-only', only);
  }

  async function start() {
    $('briefed-only').checked = localStorage.getItem('meetingprep.briefedOnly') === 'true';
    applyFilter();
    $('briefed-only').addEventListener('change', applyFilter);
    $('user').addEventListener('change', (e) => selectUser(e.target.value));
    $('host').addEventListener('change', (e) => {
      state.host = e.target.value;
      if (state.meetingId) showCard(state.meetingId);
    });
    try {
      state.hostConfig = await loadHostConfig('hostconfig.teams.json');
      await loadUsers();
    } catch (e) {
      setStatus('meetings-status', `Could not start the demo (${e.message}).`, true);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
