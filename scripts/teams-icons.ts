// Draws the Teams app icons into teams/: color.png (192x192, full colour) and
// outline.png (32x32, white on transparent), as Teams requires. The motif is
// the marble from the seeds' "box of marbles", one per citizen into a job.
// Run: npx tsx scripts/teams-icons.ts (the PNGs are committed; rerun only to change them).
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA PNG from a pixel function (x, y) → colour. */
export function png(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Coverage of a pixel by a disc/ring, 4x4 supersampled for smooth edges. */
function coverage(x: number, y: number, cx: number, cy: number, outer: number, inner = 0): number {
  let hits = 0;
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const d = Math.hypot(x + (i + 0.5) / 4 - cx, y + (j + 0.5) / 4 - cy);
      if (d <= outer && d >= inner) hits++;
    }
  }
  return hits / 16;
}

const ACCENT: Rgba = [0x1b, 0x5e, 0x7a, 255];

export function colorIcon(): Buffer {
  return png(192, (x, y) => {
    const marble = coverage(x, y, 96, 96, 58);
    const shine = coverage(x, y, 76, 74, 16);
    const mix = (a: number, b: number, t: number) => Math.round(a * (1 - t) + b * t);
    const base: Rgba = [mix(ACCENT[0], 255, marble), mix(ACCENT[1], 255, marble), mix(ACCENT[2], 255, marble), 255];
    return [mix(base[0], 0xa8, shine), mix(base[1], 0xd8, shine), mix(base[2], 0xe8, shine), 255];
  });
}

export function outlineIcon(): Buffer {
  return png(32, (x, y) => [255, 255, 255, Math.round(255 * coverage(x, y, 16, 16, 13, 10.5))]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = new URL('../teams/', import.meta.url);
  writeFileSync(new URL('color.png', dir), colorIcon());
  writeFileSync(new URL('outline.png', dir), outlineIcon());
  process.stdout.write('teams/color.png and teams/outline.png written\n');
}
