#!/usr/bin/env node
// Drives the demo home page (src/MeetingPrep.Web/wwwroot) in headless Chromium against a stand-in for the host's API
// that speaks the documented shapes (GET /api/demo/users, /api/me/meetings, /api/meetings/{id}/card,
// POST /api/cards/action). The cards it serves are real ones written by the .NET tests.
//
//   node demo-page-check.js --wwwroot <dir> --cards <dir with briefing.teams.json, briefing.outlook.json, refreshed.teams.json>
//                           --chromium /usr/bin/chromium --screenshot <png> [--narrow <png at 320 px>]
//
// Prints a JSON report of what the page showed and what it sent.
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].slice(2)] = process.argv[i + 1];

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json' };
const users = [
  { upn: 'lena.vogt@contoso.com', displayName: 'Lena Vogt', timeZone: 'Europe/Berlin' },
  { upn: 'sam.lee@contoso.com', displayName: 'Sam Lee', timeZone: 'America/New_York' },
];
const meetings = {
  meetings: [
    { id: 'AAMkAGI2TG93AAA=', subject: 'Fabrikam quarterly business review', start: '2026-11-27T14:00:00Z', end: '2026-11-27T14:45:00Z', isAllDay: false, briefed: true, reason: null },
    { id: 'AAMkStandup', subject: 'Team stand-up <b>not bold</b>', start: '2026-11-27T08:30:00Z', end: '2026-11-27T08:45:00Z', isAllDay: false, briefed: false, reason: 'Internal meeting' },
  ],
};
const requests = [];
const card = (name) => fs.readFileSync(path.join(args.cards, name), 'utf8');

function serve(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  requests.push({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams) });
  const json = (status, body) => { res.writeHead(status, { 'Content-Type': 'application/json' }); res.end(typeof body === 'string' ? body : JSON.stringify(body)); };
  if (url.pathname === '/api/demo/users') return json(200, users);
  if (url.pathname === '/api/me/meetings') return json(200, meetings);
  const m = url.pathname.match(/^\/api\/meetings\/([^/]+)\/card$/);
  if (m) {
    if (decodeURIComponent(m[1]) !== meetings.meetings[0].id) return json(404, { title: 'Not Found', detail: 'No briefing for this meeting.' });
    return json(200, card(`briefing.${url.searchParams.get('host') === 'outlook' ? 'outlook' : 'teams'}.json`));
  }
  if (url.pathname === '/api/cards/action' && req.method === 'POST') {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const action = JSON.parse(body);
      requests[requests.length - 1].body = action;
      if (action.verb === 'refresh') {
        return json(200, { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: JSON.parse(card('refreshed.teams.json')) });
      }
      return json(200, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Thanks for the feedback.' });
    });
    return undefined;
  }
  const file = path.normalize(path.join(args.wwwroot, url.pathname === '/' ? 'index.html' : url.pathname));
  if (!file.startsWith(path.normalize(args.wwwroot)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404); res.end(); return undefined;
  }
  res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
  return undefined;
}

async function main() {
  const server = http.createServer(serve);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const { chromium } = require(path.join(__dirname, 'node_modules', 'playwright-core'));
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-demo-'));
  const context = await chromium.launchPersistentContext(userData, {
    executablePath: args.chromium || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1100, height: 900 },
    locale: 'en-GB',
  });
  const report = { pageErrors: [], blocked: [] };
  try {
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.protocol === 'data:') return route.continue();
      report.blocked.push(u.href);
      return route.abort();
    });
    const page = context.pages()[0] || await context.newPage();
    page.on('pageerror', (e) => report.pageErrors.push(String(e)));
    // Failed loads are reported by URL below; the console line for them says nothing more.
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) report.pageErrors.push(m.text()); });
    report.failedResponses = [];
    page.on('response', (r) => { if (r.status() >= 400) report.failedResponses.push(`${r.status()} ${new URL(r.url()).pathname}`); });

    await page.goto(`${base}/`);
    await page.locator('.meeting').first().waitFor();
    report.users = await page.locator('#user option').allTextContents();
    report.meetings = await page.locator('.meeting').allInnerTexts();

    await page.locator('.meeting').first().click();
    await page.locator('#card .ac-adaptiveCard').waitFor();
    report.cardText = await page.locator('#card').innerText();
    report.sourcesVisibleBefore = await page.getByText('[1] Spend metric', { exact: false }).isVisible();
    await page.getByText('Show', { exact: true }).last().click();
    report.sourcesVisibleAfter = await page.getByText('[1] Spend metric', { exact: false }).isVisible();
    report.cardSize = await page.locator('#card-size').innerText();
    await page.screenshot({ path: args.screenshot, fullPage: true });

    await page.getByRole('button', { name: 'Helpful', exact: true }).click();
    await page.locator('#toast:not([hidden])').waitFor();
    report.toast = await page.locator('#toast').innerText();

    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('#card').innerText.includes('We could not prepare this briefing'));
    report.refreshedText = await page.locator('#card').innerText();

    await page.selectOption('#host', 'outlook');
    await page.waitForFunction(() => document.querySelector('#card-json').textContent.includes('"version": "1.4"'));
    report.outlookShown = true;

    await page.locator('.meeting').nth(1).click();
    await page.locator('#card-status.error').waitFor();
    report.missingCardStatus = await page.locator('#card-status').innerText();

    // A phone-sized window, 320 px: the page must not scroll sideways, and every control (the filter, the pickers, the
    // card's buttons) must be on screen and be what a tap at its centre hits.
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${base}/`);
    await page.locator('.meeting').first().waitFor();
    await page.locator('.meeting').first().click();
    await page.locator('#card .ac-adaptiveCard').waitFor();
    report.narrow = await page.evaluate(() => {
      const controls = [...document.querySelectorAll('button, select, input, [role=button], a[href]')]
        .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden');
      const unreachable = [];
      for (const el of controls) {
        el.scrollIntoView({ block: 'center', inline: 'nearest' });
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        const name = (el.getAttribute('aria-label') || el.textContent || el.id || el.tagName).trim().slice(0, 40);
        if (r.left < 0 || r.right > window.innerWidth + 0.5) unreachable.push(`${name}: off screen (${Math.round(r.left)}–${Math.round(r.right)} px)`);
        else if (!hit || !(el === hit || el.contains(hit) || hit.contains(el) || (el.labels && [...el.labels].some((l) => l.contains(hit))))) unreachable.push(`${name}: covered`);
        else if (el.tagName === 'BUTTON' && [el, ...el.querySelectorAll('*')].some((x) => x.scrollWidth > x.clientWidth + 1)) unreachable.push(`${name}: title cut short`);
      }
      return { width: window.innerWidth, overflow: document.documentElement.scrollWidth - window.innerWidth, controls: controls.length, unreachable };
    });
    if (args.narrow) await page.screenshot({ path: args.narrow, fullPage: true });
    report.requests = requests;
  } finally {
    await context.close();
    server.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(report, null, 1));
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(2); });
