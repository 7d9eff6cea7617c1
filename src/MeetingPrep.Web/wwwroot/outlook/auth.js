// How the pane proves who the user is to our API, behind one seam: getApiToken().
//   naa:  MSAL's nested app authentication (Outlook brokers the token; no popup in the common case) for our API scope.
//         Where Outlook has no nested app authentication, Office SSO (Office.auth.getAccessToken) is asked instead, and
//         where that fails with one of the codes Microsoft documents for "use another way to sign in", the Office dialog
//         opens our sign-in page (signin.html: MSAL redirect sign-in), which hands the token back with messageParent.
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

/**
 * Office SSO error codes after which Microsoft's guidance is to sign in another way (the dialog): not signed in (13001),
 * consent not given (13002), an account type SSO does not take (13003), a client error (13006), no token from Office (13007),
 * SSO not supported here (13012), and the old Edge WebView (13010).
 * https://learn.microsoft.com/office/dev/add-ins/develop/troubleshoot-sso-in-office-add-ins
 */
export const ssoFallbackCodes = new Set([13001, 13002, 13003, 13006, 13007, 13010, 13012]);

/** The page the Office dialog opens to sign in, beside the pane. */
export const signInPage = 'signin.html';

/**
 * Opens our sign-in page in the Office dialog and resolves with what it sends back ({ accessToken, expiresOn }); rejects
 * when the dialog cannot open, the page reports an error, or the user closes it (12006).
 */
export function signInWithDialog(office, url) {
  return new Promise((resolve, reject) => {
    office.context.ui.displayDialogAsync(url, { height: 60, width: 30, promptBeforeOpen: true }, (opened) => {
      if (!opened || opened.status !== 'succeeded') {
        reject(new Error((opened && opened.error && opened.error.message) || 'The sign-in window could not open.'));
        return;
      }
      const dialog = opened.value;
      dialog.addEventHandler(office.EventType.DialogMessageReceived, (arg) => {
        dialog.close();
        let message = {};
        try { message = JSON.parse(arg.message); } catch { /* not ours: rejected below */ }
        if (message && typeof message.accessToken === 'string' && message.accessToken) resolve(message);
        else reject(new Error((message && message.error) || 'The sign-in window sent no token.'));
      });
      dialog.addEventHandler(office.EventType.DialogEventReceived, (arg) => {
        reject(new Error(arg && arg.error === 12006 ? 'The sign-in window was closed.' : `The sign-in window failed (${arg && arg.error}).`));
      });
    });
  });
}

/** { mode, getApiToken(), headers() } for the config the host published; failures are PaneErrors in the words of t. */
export function createApiAuth(config, { office, location, loadMsal = loadVendoredMsal, t = createText(), now = () => Date.now() }) {
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
  let dialogToken = null; // { accessToken, expiresOn (ms) } from the dialog, reused until a minute before it expires

  /** Without nested app authentication: Office SSO, then the dialog when SSO says to sign in another way. */
  async function fallbackToken() {
    if (dialogToken && dialogToken.expiresOn - 60_000 > now()) return dialogToken.accessToken;
    if (office.auth && typeof office.auth.getAccessToken === 'function') {
      try {
        return await office.auth.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true });
      } catch (e) {
        if (!(e && ssoFallbackCodes.has(e.code))) throw failed(e);
      }
    }
    if (!office.context.ui || typeof office.context.ui.displayDialogAsync !== 'function') {
      throw new PaneError(t('Auth.Unsupported.Title'), t('Auth.Unsupported.Detail'));
    }
    let signedIn;
    try {
      signedIn = await signInWithDialog(office, new URL(signInPage, location.href).href);
    } catch (e) {
      throw failed(e);
    }
    dialogToken = { accessToken: signedIn.accessToken, expiresOn: Number(signedIn.expiresOn) || now() + 5 * 60_000 };
    return dialogToken.accessToken;
  }

  async function getApiToken() {
    if (!office.context.requirements.isSetSupported('NestedAppAuth', '1.1')) {
      return fallbackToken();
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
