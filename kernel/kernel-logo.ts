// Rivulet's kernel logo, made here rather than shipped as a binary: three wavy stream lines on a blue
// square, as SVG and as a 64x64 PNG (encoded by hand: zlib from Node, CRC-32 below).
import { deflateSync } from 'node:zlib';

const BG = [0x1f, 0x5f, 0xa8];
const FG = [0xff, 0xff, 0xff];

export function logoSvg(): string {
  const waves = [18, 32, 46]
    .map((y) => `<path d="M8 ${y} C 18 ${y - 7}, 26 ${y + 7}, 36 ${y} S 54 ${y - 7}, 58 ${y}" stroke="#fff" stroke-width="4" fill="none" stroke-linecap="round"/>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" rx="10" fill="#1f5fa8"/>${waves}</svg>\n`;
}

/** The same picture as a 64x64 RGB PNG. */
export function logoPng(size = 64): Buffer {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const color = onWave(x, y, size) ? FG : BG;
      const o = y * (size * 3 + 1) + 1 + x * 3;
      raw[o] = color[0] as number;
      raw[o + 1] = color[1] as number;
      raw[o + 2] = color[2] as number;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function onWave(x: number, y: number, size: number): boolean {
  if (x < size * 0.12 || x > size * 0.9) return false;
  for (const base of [0.28, 0.5, 0.72]) {
    const wave = size * base + size * 0.07 * Math.sin(((x - size * 0.12) / (size * 0.78)) * 2 * Math.PI);
    if (Math.abs(y - wave) <= size * 0.035) return true;
  }
  return false;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

let table: Uint32Array | null = null;

function crc32(buf: Buffer): number {
  if (table === null) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of buf) c = (table[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
