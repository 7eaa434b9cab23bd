/**
 * Draws the app's two Teams icons: color.png (192x192, white sign on the app colour) and
 * outline.png (32x32, white on transparent, as Teams requires). The sign is a ring with a bar:
 * "no entry", for No Intent. Run with `npx tsx scripts/makeIcons.ts`; the PNGs are committed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];
const APP_COLOUR: Rgba = [15, 108, 189, 255];
const WHITE: Rgba = [255, 255, 255, 255];

/** Coverage (0..1) of the sign at a point, in units where the icon is 1 wide. */
function sign(x: number, y: number): number {
  const r = Math.hypot(x - 0.5, y - 0.5);
  const ring = r > 0.3 && r < 0.4;
  const bar = Math.abs(y - 0.5) < 0.06 && Math.abs(x - 0.5) < 0.22;
  return ring || bar ? 1 : 0;
}

function draw(size: number, background: Rgba | null): Buffer {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let cover = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          cover += sign((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
        }
      }
      cover /= samples * samples;
      const at = (py * size + px) * 4;
      const pixel: Rgba = background
        ? (WHITE.map((w, i) => Math.round(w * cover + background[i]! * (1 - cover))) as Rgba)
        : [255, 255, 255, Math.round(255 * cover)];
      if (background) pixel[3] = 255;
      pixels.set(pixel, at);
    }
  }
  return png(size, pixels);
}

function png(size: number, rgba: Buffer): Buffer {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1)
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const folder = join(__dirname, '..', 'appPackage');
writeFileSync(join(folder, 'color.png'), draw(192, APP_COLOUR));
writeFileSync(join(folder, 'outline.png'), draw(32, null));
console.log('Wrote appPackage/color.png and appPackage/outline.png.');
