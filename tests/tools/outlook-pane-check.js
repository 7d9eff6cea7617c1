#!/usr/bin/env node
// Opens the Outlook task pane (/outlook/taskpane.html) of a running MeetingPrep host in headless Chromium, once per
// scenario, with office-standin.js served in place of Microsoft's Office.js. Every other non-loopback request is aborted.
//
//   node outlook-pane-check.js --base http://127.0.0.1:<port> --scenarios <json> --chromium /usr/bin/chromium --screenshots <dir>
//
// scenarios: [{ "name", "item": <window.__OFFICE_ITEM__>, "click": "<button name to press>" (optional),
//              "width": <pane width in px, 360 by default> }]
// Prints a JSON report per scenario: what the pane showed, the Office calls, the API requests it made.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].slice(2)] = process.argv[i + 1];
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

async function runScenario(context, scenario) {
  const report = { name: scenario.name, pageErrors: [], blocked: [], officeJsServed: false, requests: [] };
  const page = await context.newPage();
  await page.setViewportSize({ width: scenario.width || 360, height: 900 });
  page.on('pageerror', (e) => report.pageErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) report.pageErrors.push(m.text()); });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/api/')) report.requests.push({ method: r.method(), path: u.pathname, query: Object.fromEntries(u.searchParams), headers: r.headers(), body: r.postData() ? JSON.parse(r.postData()) : null });
  });
  await page.addInitScript((item) => { window.__OFFICE_ITEM__ = item; }, scenario.item);
  await page.goto(`${args.base}/outlook/taskpane.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true' || !document.getElementById('error').hidden, null, { timeout: 30000 });
  report.subject = await page.locator('#subject').innerText();
  report.when = await page.locator('#when').innerText();
  report.errorVisible = await page.locator('#error').isVisible();
  report.errorTitle = report.errorVisible ? await page.locator('#error-title').innerText() : null;
  report.errorDetail = report.errorVisible ? await page.locator('#error-detail').innerText() : null;
  report.retryVisible = await page.locator('#retry').isVisible();
  report.cardRendered = await page.locator('#card .ac-adaptiveCard').count() > 0;
  report.cardText = report.cardRendered ? await page.locator('#card').innerText() : '';
  report.officeCalls = await page.evaluate(() => window.__officeCalls__ || []);
  report.lang = await page.evaluate(() => document.documentElement.lang);
  report.overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  report.askVisible = await page.locator('#ask').isVisible();
  if (args.screenshots) await page.screenshot({ path: path.join(args.screenshots, `outlook-pane-${scenario.name}.png`), fullPage: true });
  if (scenario.click) {
    // Wait for the action's answer first: the card is already on the page, so waiting for "toast or card" alone
    // raced the server on a loaded machine.
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/cards/action', { timeout: 30000 }),
      page.getByRole('button', { name: scenario.click, exact: true }).first().click(),
    ]);
    await page.locator('#toast:not([hidden])').or(page.locator('#card .ac-adaptiveCard')).first().waitFor();
    await page.waitForTimeout(300);
    report.toast = await page.locator('#toast').isVisible() ? await page.locator('#toast').innerText() : null;
  }
  await page.close();
  return report;
}

async function main() {
  const scenarios = JSON.parse(fs.readFileSync(args.scenarios, 'utf8'));
  const standin = fs.readFileSync(path.join(__dirname, 'office-standin.js'), 'utf8');
  const { chromium } = require(path.join(__dirname, 'node_modules', 'playwright-core'));
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-pane-'));
  const context = await chromium.launchPersistentContext(userData, {
    executablePath: args.chromium || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 360, height: 900 }, // an Outlook task pane's width
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
  });
  const reports = [];
  try {
    const blocked = [];
    let officeJsServed = 0;
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS) {
        officeJsServed++;
        return route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: standin });
      }
      const u = new URL(url);
      if (u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.protocol === 'data:') return route.continue();
      blocked.push(u.href);
      return route.abort();
    });
    for (const scenario of scenarios) {
      const before = officeJsServed;
      const report = await runScenario(context, scenario);
      report.officeJsServed = officeJsServed > before;
      report.blocked = blocked.splice(0);
      reports.push(report);
    }
  } finally {
    await context.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(reports, null, 1));
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(2); });
