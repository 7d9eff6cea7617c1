#!/usr/bin/env node
// Validates and renders Adaptive Cards with Microsoft's own renderer (the `adaptivecards` npm package).
//
//   node validate-cards.js --cards <dir of *.json> [--render --chromium /usr/bin/chromium --screenshots <dir>]
//
// Prints one JSON report on stdout: { cards: [{ name, parseEvents: [...], checks: [...], render: {...} }] }.
// Parse events come from a SerializationContext (what the renderer logs while reading the card) plus
// validateProperties(); `checks` are our own rules the renderer does not flag (empty FactSet, Image without url,
// empty containers). The render step loads the minified browser build in headless Chromium with a Teams-like host
// config, with every request to a host other than localhost aborted, and screenshots each card.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

function parseArgs(argv) {
  const args = { render: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--render') args.render = true;
    else if (a.startsWith('--')) args[a.slice(2)] = argv[++i];
  }
  if (!args.cards) throw new Error('--cards <dir> is required');
  return args;
}

const here = __dirname;
const modules = path.join(here, 'node_modules');
const hostConfig = JSON.parse(fs.readFileSync(path.join(here, 'host-config.teams.json'), 'utf8'));
delete hostConfig.$comment;

function ourChecks(node, where, out) {
  if (Array.isArray(node)) {
    node.forEach((n, i) => ourChecks(n, `${where}[${i}]`, out));
    return;
  }
  if (!node || typeof node !== 'object') return;
  switch (node.type) {
    case 'FactSet':
      if (!Array.isArray(node.facts) || node.facts.length === 0) out.push(`${where}: FactSet without facts`);
      break;
    case 'Image':
      if (typeof node.url !== 'string' || node.url.length === 0) out.push(`${where}: Image without url`);
      break;
    case 'Container':
      if (!Array.isArray(node.items) || node.items.length === 0) out.push(`${where}: Container without items`);
      break;
    case 'ColumnSet':
      if (!Array.isArray(node.columns) || node.columns.length === 0) out.push(`${where}: ColumnSet without columns`);
      break;
    case 'RichTextBlock':
      if (!Array.isArray(node.inlines) || node.inlines.length === 0) out.push(`${where}: RichTextBlock without inlines`);
      break;
    case 'ActionSet':
      if (!Array.isArray(node.actions) || node.actions.length === 0) out.push(`${where}: ActionSet without actions`);
      break;
    case 'Input.ChoiceSet':
      if (!Array.isArray(node.choices) || node.choices.length === 0) out.push(`${where}: ChoiceSet without choices`);
      break;
    case 'Action.OpenUrl':
      if (!/^https:\/\/|^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(node.url || '')) out.push(`${where}: OpenUrl with a non-https url`);
      break;
    default:
      break;
  }
  for (const [key, value] of Object.entries(node)) {
    if (value && typeof value === 'object') ourChecks(value, `${where}.${key}`, out);
  }
}

// The card's own version is the target, so a 1.4 (Outlook) card using a 1.5 feature (Table, heading, mode) is an event.
function targetVersion(AC, json) {
  return { '1.0': AC.Versions.v1_0, '1.1': AC.Versions.v1_1, '1.2': AC.Versions.v1_2, '1.3': AC.Versions.v1_3, '1.4': AC.Versions.v1_4, '1.5': AC.Versions.v1_5 }[json.version];
}

function validate(AC, json) {
  const card = new AC.AdaptiveCard();
  const target = targetVersion(AC, json);
  if (!target) return [{ phase: 'Parse', event: 'UnsupportedVersion', message: `card version ${json.version} is not one we send` }];
  const ctx = new AC.SerializationContext(target);
  card.parse(json, ctx);
  const events = [];
  for (let i = 0; i < ctx.eventCount; i++) {
    const e = ctx.getEventAt(i);
    events.push({ phase: AC.ValidationPhase[e.phase], event: AC.ValidationEvent[e.event], message: e.message });
  }
  for (const e of card.validateProperties().validationEvents) {
    events.push({ phase: AC.ValidationPhase[e.phase], event: AC.ValidationEvent[e.event], message: e.message });
  }
  return events;
}

async function renderAll(results, args) {
  const { chromium } = require(path.join(modules, 'playwright-core'));
  const userData = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'mp-chromium-'));
  const context = await chromium.launchPersistentContext(userData, {
    executablePath: args.chromium || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 600, height: 800 },
  });
  try {
    // Offline by construction: only loopback and inline content may load.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === 'data:' || url.protocol === 'about:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost') {
        return route.continue();
      }
      return route.abort();
    });
    const page = context.pages()[0] || await context.newPage();
    const consoleErrors = [];
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;background:#f5f5f5"><div id="root" style="width:560px;padding:12px"></div></body></html>');
    await page.addStyleTag({ path: path.join(modules, 'adaptivecards/dist/adaptivecards.css') });
    await page.addScriptTag({ path: path.join(modules, 'markdown-it/dist/browser/markdown-it.umd.min.js') });
    await page.addScriptTag({ path: path.join(modules, 'adaptivecards/dist/adaptivecards.min.js') });

    for (const result of results) {
      const json = JSON.parse(fs.readFileSync(result.file, 'utf8'));
      const rendered = await page.evaluate(({ json, hostConfig }) => {
        const AC = window.AdaptiveCards;
        const root = document.getElementById('root');
        root.innerHTML = '';
        const card = new AC.AdaptiveCard();
        card.hostConfig = new AC.HostConfig(hostConfig);
        const ctx = new AC.SerializationContext(json.version === '1.4' ? AC.Versions.v1_4 : AC.Versions.v1_5);
        card.parse(json, ctx);
        const events = [];
        for (let i = 0; i < ctx.eventCount; i++) events.push(ctx.getEventAt(i).message);
        const element = card.render();
        if (!element) return { ok: false, events, error: 'render() returned nothing' };
        root.appendChild(element);
        const markdownUsed = !!window.markdownit;
        return {
          ok: true,
          events,
          markdownUsed,
          links: root.querySelectorAll('[role="link"], a').length,
          buttons: root.querySelectorAll('[role="button"], button').length,
          text: root.innerText.slice(0, 4000),
          height: root.getBoundingClientRect().height,
        };
      }, { json, hostConfig });
      result.render = rendered;
      if (args.screenshots && rendered.ok) {
        fs.mkdirSync(args.screenshots, { recursive: true });
        const shot = path.join(args.screenshots, result.name.replace(/\.json$/, '.png'));
        await page.locator('#root').screenshot({ path: shot });
        result.render.screenshot = shot;
      }
    }
    if (consoleErrors.length) results.forEach((r) => { r.render.consoleErrors = consoleErrors; });
  } finally {
    await context.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const AC = require(path.join(modules, 'adaptivecards/dist/adaptivecards.js'));
  const files = fs.readdirSync(args.cards).filter((f) => f.endsWith('.json')).sort();
  const results = files.map((name) => {
    const file = path.join(args.cards, name);
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    const checks = [];
    ourChecks(json, '$', checks);
    return { name, file, parseEvents: validate(AC, json), checks };
  });
  if (args.render) await renderAll(results, args);
  process.stdout.write(JSON.stringify({ cards: results }, null, 1));
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack || e) + '\n');
  process.exit(2);
});
