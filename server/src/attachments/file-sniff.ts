/**
 * What an upload is, from its first bytes (magic numbers) only: never from its name or the Content-Type
 * the client sent.
 *
 * Why not the `file-type` package: its current major (22, the one @nestjs/common pulls in) is ESM-only
 * and declares Node >= 22. Node 20.20 can require() it in production, but Jest 30 on Node 20 cannot load
 * ESM from node_modules with our CommonJS/@swc setup (the test run fails with "Must use import to load ES
 * Module"), and @nestjs/common's own FileTypeValidator then silently falls back to the client's
 * Content-Type. We accept five formats and must recognise executables to refuse them by name; a small,
 * tested table is enough and has no moving parts. Images are checked a second time by sharp/libvips,
 * whose loaders also detect the format from the content.
 */

export type AcceptedKind = 'jpeg' | 'png' | 'webp' | 'avif' | 'pdf';

export type Sniffed =
  | { kind: AcceptedKind; mime: string }
  /** HEIC/HEIF with HEVC: recognised, but the bundled libvips cannot decode it (see attachment-processing.ts). */
  | { kind: 'heic' }
  /** A program or script (ELF, Windows MZ/PE, Mach-O, WebAssembly, a #! script). */
  | { kind: 'executable'; what: string }
  | { kind: 'unknown' };

export const MIME: Record<AcceptedKind, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  pdf: 'application/pdf',
};

/** Bytes of the head that sniff() looks at (ISO-BMFF brand lists can run a little long). */
export const SNIFF_BYTES = 64;

const startsWith = (b: Buffer, bytes: number[], at = 0) => b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x);
const ascii = (b: Buffer, at: number, len: number) => (b.length >= at + len ? b.toString('latin1', at, at + len) : '');

const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);

/** The kind of content `head` (the first bytes of the file, at least SNIFF_BYTES when the file is that long) starts. */
export function sniff(head: Buffer): Sniffed {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'jpeg', mime: MIME.jpeg };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'png', mime: MIME.png };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return { kind: 'webp', mime: MIME.webp };
  if (ascii(head, 0, 5) === '%PDF-') return { kind: 'pdf', mime: MIME.pdf };
  if (ascii(head, 4, 4) === 'ftyp') {
    // ISO base media file: size[4] 'ftyp' major[4] minor[4] compatible[4]…
    const size = head.readUInt32BE(0);
    const end = Math.min(head.length, Math.max(16, size));
    const brands = [ascii(head, 8, 4)];
    for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(head, at, 4));
    if (brands.some((b) => AVIF_BRANDS.has(b))) return { kind: 'avif', mime: MIME.avif };
    if (brands.some((b) => HEIC_BRANDS.has(b))) return { kind: 'heic' };
    return { kind: 'unknown' }; // MP4, MOV, 3GP …
  }
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return { kind: 'executable', what: 'ELF' };
  if (startsWith(head, [0x4d, 0x5a])) return { kind: 'executable', what: 'Windows (MZ)' };
  for (const magic of [[0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe]]) {
    if (startsWith(head, magic)) return { kind: 'executable', what: 'Mach-O' };
  }
  if (startsWith(head, [0x00, 0x61, 0x73, 0x6d])) return { kind: 'executable', what: 'WebAssembly' };
  if (startsWith(head, [0x23, 0x21])) return { kind: 'executable', what: 'script (#!)' };
  return { kind: 'unknown' };
}
