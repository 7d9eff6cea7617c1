#!/usr/bin/env node
// Validates an app package folder offline: manifest.json against the schema its $schema names, with Microsoft's
// @microsoft/app-manifest (the schemas it bundles; any network fetch is refused), and the two icons' sizes.
// Usage: node manifest/validate.js <folder with manifest.json, color.png, outline.png> [--tools <tests/tools>]
// Prints {"errors":[...]} and exits 1 when there is any.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const folder = process.argv[2];
const toolsAt = process.argv.indexOf('--tools');
const tools = toolsAt > 0 ? process.argv[toolsAt + 1] : path.join(__dirname, '..', 'tests', 'tools');
if (!folder) {
  console.error('usage: validate.js <package folder> [--tools <dir>]');
  process.exit(2);
}

// Offline by construction: a schema that is not bundled must fail, not be downloaded.
globalThis.fetch = async (url) => { throw new Error(`network access refused (${url})`); };

let AppManifestUtils;
try {
  ({ AppManifestUtils } = require(path.join(path.resolve(tools), 'node_modules', '@microsoft', 'app-manifest')));
} catch {
  console.error(`@microsoft/app-manifest is not installed in ${tools}. Run 'npm ci --prefix tests/tools'.`);
  process.exit(2);
}

// Width, height and whether the PNG has an alpha channel, from its IHDR chunk.
function pngInfo(file) {
  const b = fs.readFileSync(file);
  if (b.length < 33 || b.readUInt32BE(0) !== 0x89504e47 || b.toString('ascii', 12, 16) !== 'IHDR') return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), alpha: b[25] === 4 || b[25] === 6 };
}

async function main() {
  const errors = [];
  const manifestPath = path.join(folder, 'manifest.json');
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  } catch (e) {
    errors.push(`manifest.json: ${e.message}`);
  }
  if (manifest) {
    const text = JSON.stringify(manifest);
    const left = text.match(/\$\{\{[A-Za-z0-9_]*\}\}/g);
    if (left) errors.push(`unreplaced placeholders: ${[...new Set(left)].join(', ')}`);
    try {
      for (const e of await AppManifestUtils.validateAgainstSchema(manifest)) errors.push(`schema: ${e}`);
    } catch (e) {
      errors.push(`schema: ${e.message}`);
    }
    const icons = manifest.icons || {};
    for (const [name, size, needsAlpha] of [['color', 192, false], ['outline', 32, true]]) {
      const file = icons[name] && path.join(folder, icons[name]);
      const info = file && fs.existsSync(file) ? pngInfo(file) : null;
      if (!info) errors.push(`icons.${name}: ${icons[name] || '(none)'} is missing or not a PNG`);
      else if (info.width !== size || info.height !== size) errors.push(`icons.${name}: ${info.width}x${info.height}, must be ${size}x${size}`);
      else if (needsAlpha && !info.alpha) errors.push(`icons.${name}: must have a transparent background (an alpha channel)`);
    }
  }
  process.stdout.write(JSON.stringify({ errors }) + '\n');
  process.exitCode = errors.length ? 1 : 0;
}

main();
