#!/usr/bin/env node
// Draws MeetingPrep's icons as PNGs with nothing but Node: a calendar page with a check mark.
//   color.png    192x192, the glyph in white on the accent colour (Teams/M365 color icon)
//   outline.png   32x32, the glyph in white on a transparent background (Teams outline icon)
//   icon-16/32/80.png  the glyph in the accent colour on transparent (Outlook ribbon button)
// Deterministic: the same bytes every run, so a test can prove the committed PNGs are this script's output.
// Usage: node manifest/make-icons.js [--manifest <dir>] [--ribbon <dir>]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const ACCENT = [0x1f, 0x5f, 0xa8]; // #1F5FA8, also the manifest's accentColor
const WHITE = [0xff, 0xff, 0xff];

// Geometry in a 0..1 unit square; each shape returns whether a point is inside.
function roundedRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}
function capsule(ax, ay, bx, by, r) {
  return (x, y) => {
    const dx = bx - ax; const dy = by - ay;
    const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= r * r;
  };
}
const union = (...shapes) => (x, y) => shapes.some((s) => s(x, y));
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);

// The glyph, inside a margin so it reads at 16 px: a calendar page outline, its header bar, two rings, a check.
function glyph(stroke) {
  const page = minus(roundedRect(0.14, 0.2, 0.86, 0.88, 0.1), roundedRect(0.14 + stroke, 0.2 + stroke, 0.86 - stroke, 0.88 - stroke, Math.max(0.01, 0.1 - stroke)));
  const header = roundedRect(0.14, 0.2, 0.86, 0.36, 0.06);
  const rings = union(capsule(0.33, 0.12, 0.33, 0.26, stroke / 1.6), capsule(0.67, 0.12, 0.67, 0.26, stroke / 1.6));
  const check = union(capsule(0.32, 0.61, 0.45, 0.74, stroke / 1.5), capsule(0.45, 0.74, 0.69, 0.49, stroke / 1.5));
  return union(page, header, rings, check);
}

// Coverage by 8x8 supersampling gives smooth edges at every size.
function draw(size, { background, ink, stroke }) {
  const shape = glyph(stroke);
  const rgba = Buffer.alloc(size * size * 4);
  const n = 8;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          if (shape((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size)) hits++;
        }
      }
      const a = hits / (n * n);
      const o = (py * size + px) * 4;
      if (background) {
        for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(background[c] * (1 - a) + ink[c] * a);
        rgba[o + 3] = 255;
      } else {
        for (let c = 0; c < 3; c++) rgba[o + c] = ink[c];
        rgba[o + 3] = Math.round(255 * a);
      }
    }
  }
  return png(size, size, rgba);
}

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0); header.writeUInt32BE(height, 4);
  header[8] = 8; header[9] = 6; // 8-bit RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
}

const manifestDir = arg('--manifest', __dirname);
const ribbonDir = arg('--ribbon', path.join(__dirname, '..', 'src', 'MeetingPrep.Web', 'wwwroot', 'outlook', 'icons'));
fs.mkdirSync(manifestDir, { recursive: true });
fs.mkdirSync(ribbonDir, { recursive: true });
fs.writeFileSync(path.join(manifestDir, 'color.png'), draw(192, { background: ACCENT, ink: WHITE, stroke: 0.06 }));
fs.writeFileSync(path.join(manifestDir, 'outline.png'), draw(32, { background: null, ink: WHITE, stroke: 0.09 }));
for (const size of [16, 32, 80]) {
  fs.writeFileSync(path.join(ribbonDir, `icon-${size}.png`), draw(size, { background: null, ink: ACCENT, stroke: size <= 16 ? 0.11 : 0.08 }));
}
