// How the pane proves who the user is to our API, behind one seam: getApiToken().
//   naa:  MSAL's nested app authentication (Outlook brokers the token; no popup in the common case) for our API scope.
//   demo: the host's demo mode, only on localhost: no token; the demo user is named by the X-MeetingPrep-User header.
// The host says which through /outlook/config.json.
import { PaneError, createText } from './pane.js';

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Loads the vendored MSAL browser build once, as a classic script that defines window.msal. */
export function loadVendoredMsal(doc = globalThis.document, src = '../lib/msal-browser/msal-browser.min.js') {
  if (globalThis.msal) return Promise.resolve(globalThis.msal);
  return new Promise((resolve, reject) => {
    const script = doc.createElement('script');
    script.src = src;
    script.onload = () => (globalThis.msal ? resolve(globalThis.msal) : reject(new Error('MSAL did not load')));
    script.onerror = () => reject(new Error('MSAL could not be loaded'));
    doc.head.append(script);
  });
}

/** { mode, getApiToken(), headers() } for the config the host published; failures are PaneErrors in the words of t. */
export function createApiAuth(config, { office, location, loadMsal = loadVendoredMsal, t = createText() }) {
  const failed = (e) => new PaneError(t('Auth.Failed.Title'), t('Auth.Failed.Detail', (e && e.message) || String(e)), { retry: true });
  if (config.mode === 'demo') {
    if (!loopback.has(location.hostname)) {
      throw new PaneError(t('Auth.DemoRemote.Title'), t('Auth.DemoRemote.Detail'));
    }
    const profile = office.context.mailbox.userProfile;
    const user = (profile && profile.emailAddress) || new URLSearchParams(location.search).get('as');
    return {
      mode: 'demo',
      getApiToken: async () => null,
      headers: async () => (user ? { 'X-MeetingPrep-User': user } : {}),
    };
  }

  if (config.mode !== 'naa' || !config.clientId || !config.scopes || config.scopes.length === 0) {
    throw new PaneError(t('Auth.NotSetUp.Title'), t('Auth.NotSetUp.Detail'));
  }

  let client = null;
  async function getApiToken() {
    if (!office.context.requirements.isSetSupported('NestedAppAuth', '1.1')) {
      throw new PaneError(t('Auth.Unsupported.Title'), t('Auth.Unsupported.Detail'));
    }
    let msal;
    try {
      msal = await loadMsal();
      client ??= await msal.createNestablePublicClientApplication({ auth: { clientId: config.clientId, authority: config.authority } });
    } catch (e) {
      throw failed(e);
    }
    const request = { scopes: config.scopes };
    try {
      const account = client.getActiveAccount() || client.getAllAccounts()[0];
      return (await client.acquireTokenSilent({ ...request, account })).accessToken;
    } catch (silentError) {
      // Consent or a fresh sign-in is needed: Outlook shows its own prompt for the popup request.
      if (!(silentError instanceof msal.InteractionRequiredAuthError)) {
        throw failed(silentError);
      }
      try {
        return (await client.acquireTokenPopup(request)).accessToken;
      } catch (e) {
        throw failed(e);
      }
    }
  }

  return {
    mode: 'naa',
    getApiToken,
    headers: async () => ({ Authorization: `Bearer ${await getApiToken()}` }),
  };
}
