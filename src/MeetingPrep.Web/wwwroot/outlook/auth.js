// How the pane proves who the user is to our API, behind one seam: getApiToken().
//   naa:  MSAL's nested app authentication (Outlook brokers the token; no popup in the common case) for our API scope.
//   demo: the host's demo mode, only on localhost: no token; the demo user is named by the X-MeetingPrep-User header.
// The host says which through /outlook/config.json.
import { PaneError } from './pane.js';

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

/** { mode, getApiToken(), headers() } for the config the host published. */
export function createApiAuth(config, { office, location, loadMsal = loadVendoredMsal }) {
  if (config.mode === 'demo') {
    if (!loopback.has(location.hostname)) {
      throw new PaneError('Demo mode', 'The demo runs only on localhost; a published MeetingPrep signs you in instead.');
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
    throw new PaneError('MeetingPrep is not set up', 'The service has no sign-in settings for the add-in. Ask your administrator.');
  }

  let client = null;
  async function getApiToken() {
    if (!office.context.requirements.isSetSupported('NestedAppAuth', '1.1')) {
      throw new PaneError('Sign-in not supported here', 'This version of Outlook cannot sign in add-ins (nested app authentication). Use Outlook on the web or the new Outlook for Windows.');
    }
    let msal;
    try {
      msal = await loadMsal();
      client ??= await msal.createNestablePublicClientApplication({ auth: { clientId: config.clientId, authority: config.authority } });
    } catch (e) {
      throw new PaneError('Sign-in failed', e.message, { retry: true });
    }
    const request = { scopes: config.scopes };
    try {
      const account = client.getActiveAccount() || client.getAllAccounts()[0];
      return (await client.acquireTokenSilent({ ...request, account })).accessToken;
    } catch (silentError) {
      // Consent or a fresh sign-in is needed: Outlook shows its own prompt for the popup request.
      if (!(silentError instanceof msal.InteractionRequiredAuthError)) {
        throw new PaneError('Sign-in failed', silentError.message, { retry: true });
      }
      try {
        return (await client.acquireTokenPopup(request)).accessToken;
      } catch (e) {
        throw new PaneError('Sign-in failed', e.message, { retry: true });
      }
    }
  }

  return {
    mode: 'naa',
    getApiToken,
    headers: async () => ({ Authorization: `Bearer ${await getApiToken()}` }),
  };
}
