// A minimal PNG encoder (8-bit RGBA, no interlace, filter 0) and the Rapport "R" logo drawn in
// code, so the Teams icons are reproducible and need no image tool or dependency.
import { deflateSync } from 'node:zlib';
import { crc32 } from './zip.ts';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length, 0);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td), 0);
  return Buffer.concat([len, td, crc]);
}

/** Encodes RGBA pixels (row-major, 4 bytes each) as a PNG file. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Is the point (x, y) in the unit square inside the letter R? */
function inR(x: number, y: number): boolean {
  const stem = x >= 0.27 && x <= 0.41 && y >= 0.2 && y <= 0.8;
  const top = x >= 0.27 && x <= 0.52 && y >= 0.2 && y <= 0.32;
  const middle = x >= 0.27 && x <= 0.52 && y >= 0.46 && y <= 0.58;
  const dx = x - 0.52;
  const dy = y - 0.39;
  const r = Math.hypot(dx, dy);
  const bowl = x >= 0.52 && r <= 0.19 && r >= 0.07;
  // Leg: a thick segment from the bowl down to the bottom right.
  const [ax, ay, bx, by] = [0.47, 0.52, 0.72, 0.8];
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  const leg = Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= 0.07 && y <= 0.8;
  return stem || top || middle || bowl || leg;
}

/** Inside a rounded square filling the unit square (corner radius r)? */
function inRoundedSquare(x: number, y: number, r: number): boolean {
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return Math.hypot(x - cx, y - cy) <= r;
}

type Rgba = [number, number, number, number];

/** Renders a size×size image with 4×4 supersampling; `paint` gives the colour at a unit point. */
function render(size: number, paint: (x: number, y: number) => Rgba): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const [cr, cg, cb, ca] = paint((px + (sx + 0.5) / S) / size, (py + (sy + 0.5) / S) / size);
          // Premultiplied accumulation so transparent samples do not darken edges.
          r += cr * ca; g += cg * ca; b += cb * ca; a += ca;
        }
      }
      const i = (py * size + px) * 4;
      out[i + 3] = Math.round(a / (S * S));
      if (a > 0) {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
      }
    }
  }
  return out;
}

const BRAND: Rgba = [0x25, 0x63, 0xeb, 255]; // blue-600
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** 192×192 full-colour icon: a white R on a blue rounded square. */
export function colorIcon(): Buffer {
  return encodePng(192, 192, render(192, (x, y) => (inRoundedSquare(x, y, 0.18) ? (inR(x, y) ? WHITE : BRAND) : CLEAR)));
}

/** 32×32 outline icon: a white R on transparent, as Teams requires. */
export function outlineIcon(): Buffer {
  // Slightly enlarged so the 32-pixel letter stays legible.
  return encodePng(32, 32, render(32, (x, y) => (inR(0.5 + (x - 0.5) * 0.85, 0.5 + (y - 0.5) * 0.85) ? WHITE : CLEAR)));
}
