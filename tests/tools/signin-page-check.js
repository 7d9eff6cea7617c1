#!/usr/bin/env node
// Opens the Office dialog's sign-in page (/outlook/signin.html) of a running MeetingPrep host in headless Chromium, with
// office-standin.js in place of Office.js and a fake Entra ID at login.microsoftonline.com speaking its wire format
// (instance discovery, OpenID metadata, the authorize redirect back with a code, the token endpoint). Every other
// non-loopback request is aborted.
//
//   node signin-page-check.js --base http://127.0.0.1:<port> --chromium /usr/bin/chromium --screenshot <png>
//
// Prints a JSON report: what the page sent the pane (messageParent), the authorize request MSAL made, the token
// request, the page's errors and its status line.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].slice(2)] = process.argv[i + 1];
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const LOGIN = 'https://login.microsoftonline.com';

const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** Answers MSAL's requests to Entra ID as Entra does; the authorize page sends the browser straight back with a code. */
function fakeEntra(report) {
  let nonce = null;
  let clientId = null;
  return async (route) => {
    const request = route.request();
    const u = new URL(request.url());
    const tenant = u.pathname.split('/')[1];
    const json = (body) => route.fulfill({ status: 200, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: JSON.stringify(body) });
    if (u.pathname.endsWith('/discovery/instance')) {
      return json({
        tenant_discovery_endpoint: `${LOGIN}/${tenant}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: 'login.microsoftonline.com', preferred_cache: 'login.windows.net', aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'] }],
      });
    }
    if (u.pathname.endsWith('/.well-known/openid-configuration')) {
      return json({
        issuer: `${LOGIN}/${tenant}/v2.0`,
        authorization_endpoint: `${LOGIN}/${tenant}/oauth2/v2.0/authorize`,
        token_endpoint: `${LOGIN}/${tenant}/oauth2/v2.0/token`,
        end_session_endpoint: `${LOGIN}/${tenant}/oauth2/v2.0/logout`,
        jwks_uri: `${LOGIN}/${tenant}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['plain', 'S256'],
        tenant_region_scope: 'EU',
        cloud_instance_name: 'microsoftonline.com',
      });
    }
    if (u.pathname.endsWith('/oauth2/v2.0/authorize')) {
      const q = Object.fromEntries(u.searchParams);
      report.authorize = q;
      nonce = q.nonce;
      clientId = q.client_id;
      const back = new URL(q.redirect_uri);
      const answer = new URLSearchParams({ code: 'fake-code', state: q.state, client_info: b64url({ uid: 'u1', utid: tenant }) });
      const separator = q.response_mode === 'query' ? '?' : '#';
      return route.fulfill({ status: 302, headers: { location: `${back.origin}${back.pathname}${separator}${answer}` } });
    }
    if (u.pathname.endsWith('/oauth2/v2.0/token')) {
      report.token = Object.fromEntries(new URLSearchParams(request.postData() || ''));
      const now = Math.floor(Date.now() / 1000);
      const idToken = [b64url({ typ: 'JWT', alg: 'RS256', kid: 'k1' }),
        b64url({ aud: clientId, iss: `${LOGIN}/${tenant}/v2.0`, iat: now, nbf: now, exp: now + 3600, nonce, oid: 'u1', tid: tenant, sub: 'u1', name: 'Lena Vogt', preferred_username: 'lena.vogt@contoso.com', ver: '2.0' }),
        b64url('signature')].join('.');
      return json({
        token_type: 'Bearer', scope: report.token.scope, expires_in: 3600, ext_expires_in: 3600,
        access_token: 'fake-access-token', id_token: idToken, client_info: b64url({ uid: 'u1', utid: tenant }),
      });
    }
    report.unexpected.push(u.href);
    return route.fulfill({ status: 404, body: '' });
  };
}

async function main() {
  const standin = fs.readFileSync(path.join(__dirname, 'office-standin.js'), 'utf8');
  const { chromium } = require(path.join(__dirname, 'node_modules', 'playwright-core'));
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-signin-'));
  const report = { pageErrors: [], blocked: [], unexpected: [], messages: [], officeJsServed: false, authorize: null, token: null, status: null };
  const context = await chromium.launchPersistentContext(userData, {
    executablePath: args.chromium || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 500, height: 600 }, // an Office dialog
    locale: 'en-GB',
  });
  try {
    const entra = fakeEntra(report);
    await context.exposeBinding('__messageParent__', (_source, message) => { report.messages.push(JSON.parse(message)); });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS) {
        report.officeJsServed = true;
        return route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: standin });
      }
      const u = new URL(url);
      if (u.origin === LOGIN) return entra(route);
      if (u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.protocol === 'data:') return route.continue();
      report.blocked.push(u.href);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => report.pageErrors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) report.pageErrors.push(m.text()); });
    await page.goto(`${args.base}/outlook/signin.html`);
    // Done when the page has told the pane something: the token after the round trip, or what went wrong.
    await page.waitForFunction(() => (window.__officeCalls__ || []).some((c) => c[0] === 'messageParent'), null, { timeout: 60000 });
    report.status = await page.locator('#status').innerText();
    report.lang = await page.evaluate(() => document.documentElement.lang);
    if (args.screenshot) await page.screenshot({ path: args.screenshot, fullPage: true });
  } finally {
    await context.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(report, null, 1));
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(2); });
