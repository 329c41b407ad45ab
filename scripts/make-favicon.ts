/**
 * Draws Sift's favicon (a sieve: a funnel over three drops, in the client's accent blue) and
 * writes client/public/favicon.ico, an icon file holding 16, 32 and 48-pixel PNG images.
 * Run once when the icon changes; the .ico is committed.
 *
 *   npx tsx scripts/make-favicon.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
  <rect width="32" height="32" rx="7" fill="#0b5cad"/>
  <path d="M6 8h20l-7.5 9v5l-5 2.5V17z" fill="#fff"/>
  <circle cx="9" cy="25" r="1.8" fill="#ffb000"/>
  <circle cx="23" cy="25" r="1.8" fill="#ffb000"/>
  <circle cx="20" cy="28.5" r="1.4" fill="#ffb000"/>
</svg>`;

const sizes = [16, 32, 48];
const images = sizes.map((size) =>
  new Resvg(SVG, { fitTo: { mode: 'width', value: size } }).render().asPng(),
);

// ICONDIR (6 bytes), one ICONDIRENTRY (16 bytes) per image, then the PNGs themselves.
const header = Buffer.alloc(6 + 16 * images.length);
header.writeUInt16LE(0, 0); // reserved
header.writeUInt16LE(1, 2); // 1 = icon
header.writeUInt16LE(images.length, 4);
let offset = header.length;
images.forEach((png, i) => {
  const entry = 6 + 16 * i;
  const size = sizes[i] ?? 0;
  header.writeUInt8(size % 256, entry); // width (0 would mean 256)
  header.writeUInt8(size % 256, entry + 1); // height
  header.writeUInt8(0, entry + 2); // no palette
  header.writeUInt8(0, entry + 3); // reserved
  header.writeUInt16LE(1, entry + 4); // colour planes
  header.writeUInt16LE(32, entry + 6); // bits per pixel
  header.writeUInt32LE(png.length, entry + 8);
  header.writeUInt32LE(offset, entry + 12);
  offset += png.length;
});
const out = path.resolve(__dirname, '..', 'client', 'public', 'favicon.ico');
fs.writeFileSync(out, Buffer.concat([header, ...images]));
process.stdout.write(`${path.relative(process.cwd(), out)}: ${offset} bytes\n`);
