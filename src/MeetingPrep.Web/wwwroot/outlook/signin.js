// The Office dialog's sign-in page (signin.html), opened by the pane (auth.js) where Outlook has neither nested app
// authentication nor Office SSO: MSAL signs the user in by redirect for our API's scope, and the token goes back to the
// pane with Office's messageParent. Only the pane's own origin receives it (Office checks the dialog is on our domain).
import { fetchJson } from '../shared/cards.js';
import { createText } from './pane.js';

/**
 * One pass of the page: back from Entra with a token, send it to the pane ('sent'); otherwise start the redirect
 * ('redirected'). A failure is sent to the pane as { error } ('failed'), so the pane can say what went wrong.
 */
export async function runSignIn({ msal, office, config, location, t = createText() }) {
  const send = (message) => office.context.ui.messageParent(JSON.stringify(message));
  try {
    if (config.mode !== 'naa' || !config.clientId || !config.scopes || config.scopes.length === 0) {
      throw new Error(t('Auth.NotSetUp.Detail'));
    }
    const client = new msal.PublicClientApplication({
      auth: { clientId: config.clientId, authority: config.authority, redirectUri: location.origin + location.pathname },
      cache: { cacheLocation: 'sessionStorage' },
    });
    await client.initialize();
    const result = await client.handleRedirectPromise();
    if (result && result.accessToken) {
      send({ accessToken: result.accessToken, expiresOn: result.expiresOn ? new Date(result.expiresOn).getTime() : null });
      return 'sent';
    }
    await client.acquireTokenRedirect({ scopes: config.scopes });
    return 'redirected';
  } catch (e) {
    send({ error: (e && e.message) || String(e) });
    return 'failed';
  }
}

const office = globalThis.Office;
if (office && typeof office.onReady === 'function' && globalThis.document) {
  office.onReady(async () => {
    const language = (office.context && office.context.displayLanguage) || navigator.language;
    let t = createText();
    try {
      t = createText(await fetchJson(`text?lang=${encodeURIComponent(language || '')}`));
    } catch { /* the keys read as themselves */ }
    document.documentElement.lang = language || 'en';
    document.getElementById('status').textContent = t('Auth.SigningIn');
    let config = {};
    try {
      config = await fetchJson('config.json');
    } catch { /* runSignIn reports the missing settings */ }
    await runSignIn({ msal: globalThis.msal, office, config, location: globalThis.location, t });
  });
}
