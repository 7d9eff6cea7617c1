// Shared by the demo page (app.js) and the Outlook task pane (outlook/taskpane.js): JSON calls to our API with
// readable failures, rendering a card with Microsoft's adaptivecards renderer, and reading what a card action returned.
// No DOM access at import time, so Node tests can import it.

/** A failed API call: the HTTP status (0 when the network failed) and the server's problem detail, if any. */
export class ApiError extends Error {
  constructor(status, statusText, detail) {
    super(status ? `${status} ${statusText || ''}`.trim() + (detail ? `: ${detail}` : '') : `network error${detail ? `: ${detail}` : ''}`);
    this.name = 'ApiError';
    this.status = status;
    this.detail = detail || '';
  }
}

/** fetch + JSON, throwing ApiError with the problem-details text on a non-2xx answer or a network failure. */
export async function fetchJson(url, init = {}, fetchImpl = globalThis.fetch) {
  let response;
  try {
    response = await fetchImpl(url, { ...init, headers: { Accept: 'application/json', ...(init.headers || {}) } });
  } catch (e) {
    throw new ApiError(0, '', e && e.message);
  }
  if (!response.ok) {
    let detail = '';
    try {
      const problem = await response.json();
      detail = problem.detail || problem.title || '';
    } catch { /* not JSON: the status says enough */ }
    throw new ApiError(response.status, response.statusText, detail);
  }
  return response.status === 204 ? null : response.json();
}

/** Host config JSON without its $comment, ready for new AdaptiveCards.HostConfig(...). */
export async function loadHostConfig(url, fetchImpl = globalThis.fetch) {
  const config = await fetchJson(url, {}, fetchImpl);
  delete config.$comment;
  return config;
}

/**
 * Renders card JSON into a container with the given host config; card buttons go to onAction(action).
 * Returns the renderer's parse warnings (messages), so callers can show them.
 */
export function renderCard(AC, { json, hostConfig, container, onAction }) {
  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig(hostConfig);
  card.onExecuteAction = onAction;
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const warnings = [];
  for (let i = 0; i < context.eventCount; i++) warnings.push(context.getEventAt(i).message);
  const element = card.render();
  container.replaceChildren(element || container.ownerDocument.createTextNode('The card could not be rendered.'));
  return warnings;
}

/** The body we POST to /api/cards/action for an Action.Execute: its verb and data (inputs already merged in). */
export function actionRequest(action) {
  return { verb: action.verb, data: action.data || {} };
}

/** For an Action.Submit that opens a Teams dialog (data.msteams.type task/fetch): the same request as a verb, else null. */
export function dialogRequest(action) {
  const data = action && action.data;
  if (!data || !data.msteams || data.msteams.type !== 'task/fetch' || !data.verb) return null;
  const { msteams, verb, ...rest } = data;
  return { verb, data: rest };
}

/**
 * What an action answered, for either a bare card or the Universal Actions invoke-response shape
 * ({ statusCode, type, value }): { kind: 'card', card } | { kind: 'message', text } | { kind: 'error', text } | { kind: 'done' }.
 */
export function interpretActionResult(result) {
  if (!result) return { kind: 'done' };
  if (result.type === 'AdaptiveCard') return { kind: 'card', card: result };
  switch (result.type) {
    case 'application/vnd.microsoft.card.adaptive':
      return { kind: 'card', card: result.value };
    case 'application/vnd.microsoft.activity.message':
      return { kind: 'message', text: String(result.value) };
    case 'application/vnd.microsoft.error':
      return { kind: 'error', text: (result.value && result.value.message) || 'unknown' };
    default:
      return { kind: 'done' };
  }
}
