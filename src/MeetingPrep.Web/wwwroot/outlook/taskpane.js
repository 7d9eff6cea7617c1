// Binds the pane's logic (pane.js) to taskpane.html once Office is ready: signs in (auth.js), reads the open meeting,
// renders its briefing card with the shared renderer and an Outlook-like host config.
import { fetchJson, loadHostConfig, renderCard } from '../shared/cards.js';
import { createApiAuth } from './auth.js';
import { createApiClient, createPane, describeFailure } from './pane.js';

const $ = (id) => document.getElementById(id);

function formatStart(start) {
  if (!(start instanceof Date) || Number.isNaN(start.getTime())) return '';
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(start);
}

function createView(state) {
  return {
    showItem(item) {
      $('subject').textContent = item.subject || (item.kind === 'none' ? '' : '(no subject)');
      $('when').textContent = formatStart(item.start);
    },
    showStatus(text) {
      $('status').textContent = text;
      $('status').hidden = !text;
      if (text) $('error').hidden = true;
    },
    showError({ title, detail, retry }) {
      $('status').hidden = true;
      $('card').replaceChildren();
      $('error-title').textContent = title;
      $('error-detail').textContent = detail;
      $('retry').hidden = !retry;
      $('error').hidden = false;
    },
    showCard(json) {
      $('error').hidden = true;
      state.warnings = renderCard(window.AdaptiveCards, { json, hostConfig: state.hostConfig, container: $('card'), onAction: state.onAction });
    },
    showToast(text) {
      const el = $('toast');
      el.textContent = text;
      el.hidden = false;
      clearTimeout(state.toastTimer);
      state.toastTimer = setTimeout(() => { el.hidden = true; }, 6000);
    },
  };
}

async function start(office) {
  const state = { hostConfig: null, onAction: null };
  const view = createView(state);
  let pane;
  try {
    state.hostConfig = await loadHostConfig('hostconfig.outlook.json');
    const config = await fetchJson('config.json');
    const auth = createApiAuth(config, { office, location: window.location });
    pane = createPane({ office, api: createApiClient({ baseUrl: window.location.origin, auth }), view });
  } catch (e) {
    view.showError(describeFailure(e));
    return;
  }
  const AC = window.AdaptiveCards;
  state.onAction = (action) => {
    if (action instanceof AC.OpenUrlAction) window.open(action.url, '_blank', 'noopener,noreferrer');
    else if (action instanceof AC.ExecuteAction) pane.onAction(action);
  };
  $('retry').addEventListener('click', () => pane.load());
  // Pinned panes follow the selection (messages only; Outlook does not pin on appointments).
  if (office.context.mailbox.addHandlerAsync && office.EventType && office.EventType.ItemChanged) {
    office.context.mailbox.addHandlerAsync(office.EventType.ItemChanged, () => pane.load());
  }
  await pane.load();
  document.body.dataset.ready = 'true';
}

const office = window.Office;
if (!office || typeof office.onReady !== 'function') {
  createView({}).showError({ title: 'Open this in Outlook', detail: 'The MeetingPrep pane runs inside Outlook, beside a meeting.', retry: false });
} else {
  office.onReady((info) => {
    if (info && info.host && info.host !== office.HostType.Outlook) {
      createView({}).showError({ title: 'Open this in Outlook', detail: 'MeetingPrep works beside meetings in Outlook.', retry: false });
      return;
    }
    start(office);
  });
}
