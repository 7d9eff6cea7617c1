// Binds the pane's logic (pane.js) to taskpane.html once Office is ready: loads the pane's words in Outlook's display
// language, signs in (auth.js), reads the open meeting, renders its briefing card with the shared renderer and an
// Outlook-like host config, shows what an action answered beside its button, and answers follow-up questions.
import { fetchJson, loadHostConfig, renderCard } from '../shared/cards.js';
import { createApiAuth } from './auth.js';
import { createApiClient, createPane, createText, describeFailure } from './pane.js';

const $ = (id) => document.getElementById(id);

function formatStart(start, language) {
  if (!(start instanceof Date) || Number.isNaN(start.getTime())) return '';
  return new Intl.DateTimeFormat(language || undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(start);
}

function createView(state) {
  return {
    showItem(item) {
      $('subject').textContent = item.subject || '';
      $('when').textContent = formatStart(item.start, state.language);
    },
    showStatus(text) {
      $('status').textContent = text;
      $('status').hidden = !text;
      if (text) $('error').hidden = true;
    },
    showError({ title, detail, retry }) {
      $('status').hidden = true;
      $('card').replaceChildren();
      $('meeting').hidden = false; // without a card, the header is the only place that names the meeting
      $('ask').hidden = true;
      $('error-title').textContent = title;
      $('error-detail').textContent = detail;
      $('retry').hidden = !retry;
      $('error').hidden = false;
    },
    showCard(json) {
      $('error').hidden = true;
      $('toast').hidden = true;
      // The card names the meeting and its time (in the user's language): one header, not two.
      $('meeting').hidden = true;
      state.warnings = renderCard(window.AdaptiveCards, { json, hostConfig: state.hostConfig, container: $('card'), onAction: state.onAction });
      // Questions are about a briefed meeting: a briefing card refreshes itself or can be rated, a status card neither.
      const briefing = !!json.refresh || (json.actions || []).some((x) => x.verb === 'feedback.helpful');
      $('ask').hidden = !(briefing && state.canAsk());
    },
    showToast(text, action) {
      const el = $('toast');
      el.textContent = text;
      // Where the user is looking: right under the row of the button they pressed.
      const pressed = action && action.renderedElement;
      const row = pressed && (pressed.closest('.ac-actionSet') || pressed.parentElement);
      if (row && row.isConnected) row.after(el);
      else $('card').before(el);
      el.hidden = false;
      clearTimeout(state.toastTimer);
      state.toastTimer = setTimeout(() => { el.hidden = true; }, 6000);
    },
    showAnswer({ pending, text, card, error }) {
      const box = $('answer');
      box.hidden = false;
      box.classList.toggle('error', !!error);
      if (card) {
        renderCard(window.AdaptiveCards, { json: card, hostConfig: state.hostConfig, container: box, onAction: state.onAction });
      } else {
        box.textContent = pending || error || text || '';
      }
    },
  };
}

async function start(office, language, t) {
  const state = { hostConfig: null, onAction: null, language, canAsk: () => false };
  const view = createView(state);
  let pane;
  try {
    state.hostConfig = await loadHostConfig('hostconfig.outlook.json');
    const config = await fetchJson('config.json');
    const auth = createApiAuth(config, { office, location: window.location, t });
    pane = createPane({ office, api: createApiClient({ baseUrl: window.location.origin, auth, language }), view, t });
  } catch (e) {
    view.showError(describeFailure(e, t));
    return;
  }
  state.canAsk = () => !!pane.item && pane.item.kind === 'event';
  const AC = window.AdaptiveCards;
  state.onAction = (action) => {
    if (action instanceof AC.OpenUrlAction) window.open(action.url, '_blank', 'noopener,noreferrer');
    else if (action instanceof AC.ExecuteAction) pane.onAction(action);
  };
  $('retry').addEventListener('click', () => pane.load());
  $('ask').addEventListener('submit', (e) => {
    e.preventDefault();
    pane.ask($('question').value);
  });
  // Pinned panes follow the selection (messages only; Outlook does not pin on appointments).
  if (office.context.mailbox.addHandlerAsync && office.EventType && office.EventType.ItemChanged) {
    office.context.mailbox.addHandlerAsync(office.EventType.ItemChanged, () => { $('answer').hidden = true; pane.load(); });
  }
  await pane.load();
  document.body.dataset.ready = 'true';
}

/** The pane's words and the page's language, from Outlook's display language (the browser's outside Office). */
async function localize(language) {
  let t = createText();
  try {
    t = createText(await fetchJson(`text?lang=${encodeURIComponent(language || '')}`));
  } catch { /* the keys read as themselves; the error that follows says what failed */ }
  document.documentElement.lang = language || 'en';
  $('status').textContent = t('Pane.Loading');
  $('retry').textContent = t('Pane.TryAgain');
  $('question-label').textContent = t('Ask.Label');
  $('question').placeholder = t('Ask.Placeholder');
  $('ask-button').textContent = t('Ask.Button');
  return t;
}

const office = window.Office;
if (!office || typeof office.onReady !== 'function') {
  localize(navigator.language).then((t) => createView({}).showError({ title: t('Pane.NotOutlook.Title'), detail: t('Pane.NotOutlook.Detail'), retry: false }));
} else {
  office.onReady(async (info) => {
    const language = (office.context && office.context.displayLanguage) || navigator.language;
    const t = await localize(language);
    if (info && info.host && info.host !== office.HostType.Outlook) {
      createView({}).showError({ title: t('Pane.NotOutlook.Title'), detail: t('Pane.NotOutlook.Detail'), retry: false });
      return;
    }
    start(office, language, t);
  });
}
