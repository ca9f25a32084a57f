/**
 * Files for the attachment tests (unit and e2e), made on the spot: no binary fixtures in the repository.
 * Not used by the application.
 */
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** Where the EXIF GPS block of the sample photo points (the Chongqing People's Hall, roughly). */
export const SAMPLE_GPS = { GPSLatitudeRef: 'N', GPSLatitude: '29/1 33/1 4/1', GPSLongitudeRef: 'E', GPSLongitude: '106/1 33/1 2/1' };

/**
 * A 400 × 200 JPEG, left half red and right half blue, with EXIF orientation 6 (shown turned 90° clockwise:
 * 200 × 400 with red on top) and a GPS position, camera make and date: everything that must not survive.
 */
export async function jpegWithGps(): Promise<Buffer> {
  const w = 400;
  const h = 200;
  const raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw[(y * w + x) * 3 + (x < w / 2 ? 0 : 2)] = 255;
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: 'HuiminTestCam', Model: 'GPS-1', DateTime: '2025:05:12 09:30:00' }, IFD3: SAMPLE_GPS })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** A small photo-like image in any format sharp writes. */
export async function image(format: 'png' | 'webp' | 'avif' | 'jpeg', width = 300, height = 200, alpha = false): Promise<Buffer> {
  const img = sharp({ create: { width, height, channels: alpha ? 4 : 3, background: alpha ? { r: 10, g: 120, b: 60, alpha: 0.5 } : { r: 10, g: 120, b: 60 } } });
  return img.toFormat(format).toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed) >>> 0);
  return Buffer.concat([len, typed, crc]);
}

/** A valid, tiny PNG (under 100 bytes) whose header declares width × height pixels: a decompression bomb. */
export function pngBomb(width = 30000, height = 30000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(64))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A minimal one-page PDF (what an e-invoice download is, minus the content). */
export function pdf(): Buffer {
  const objs = [
    '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n',
    '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n',
    '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n',
  ];
  let body = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (const o of objs) {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += o;
  }
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** The first bytes of an ELF program (Linux), padded: what a renamed executable looks like. */
export function elf(size = 4096): Buffer {
  const b = Buffer.alloc(size);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]).copy(b);
  return b;
}

/** The first bytes of a Windows program (MZ … PE). */
export function windowsExe(size = 4096): Buffer {
  const b = Buffer.alloc(size);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}

/** The head of an iPhone HEIC photo (ftyp heic, mif1): recognised, not decodable here. */
export function heicHead(size = 2048): Buffer {
  const b = Buffer.alloc(size);
  b.writeUInt32BE(24, 0);
  b.write('ftypheic', 4, 'latin1');
  b.writeUInt32BE(0, 12);
  b.write('mif1heic', 16, 'latin1');
  return b;
}
