/**
 * Checking and normalising one uploaded file, by its content only.
 *
 * - The first bytes decide what it is (file-sniff.ts): JPEG, PNG, WebP, AVIF photos and PDF are accepted;
 *   programs, HEIC and anything else are refused (415) with a message a person can act on.
 * - Photos: the pixel count is read from the header and checked before anything is decoded (decompression
 *   bombs: a 70-byte PNG can declare 30000 × 30000 pixels = 3.6 GB of RGBA); then sharp decodes with the
 *   same limit, fails on any decoder warning (a truncated JPEG is refused, not stored half grey), turns the
 *   photo upright by its EXIF orientation, flattens transparency onto white and re-encodes it as JPEG
 *   quality 85. sharp writes no metadata unless asked, so EXIF (GPS position, camera, time), XMP, IPTC and
 *   ICC profiles are all gone from what is stored. A 320-px-wide JPEG thumbnail is made from the result.
 * - HEIC/HEIF (iPhone photos): the libvips bundled with sharp decodes AVIF but has no HEVC decoder (patents),
 *   so HEIC is refused with advice; the mini-program's wx.chooseMedia gives JPEG anyway.
 * - PDF (e-invoices) is kept byte for byte after a header and end-of-file check: it is not rendered, has no
 *   thumbnail and keeps whatever metadata it carries (issuer-generated e-invoices have no location data).
 */
import { createHash } from 'node:crypto';
import { HttpException, HttpStatus } from '@nestjs/common';
import sharp from 'sharp';
import { MIME, sniff, type AcceptedKind } from './file-sniff';

// Decoded personal images are not kept in libvips' operation cache between requests.
sharp.cache(false);

export interface UploadLimits {
  maxBytes: number;
  maxPixels: number;
}

export interface ProcessedUpload {
  /** What was uploaded (by content). */
  sourceFormat: AcceptedKind;
  /** What is stored: photos are always JPEG. */
  mime: 'image/jpeg' | 'application/pdf';
  content: Buffer;
  width: number | null;
  height: number | null;
  /** SHA-256 (hex) of `content`, i.e. of the stored plaintext. */
  sha256: string;
  thumbnail: Buffer | null;
}

export const JPEG_QUALITY = 85;
export const THUMB_WIDTH = 320;
export const THUMB_QUALITY = 70;

/** An upload refused for what it is; the Chinese message is for the person who sent it. */
export class UploadRefused extends HttpException {
  constructor(status: HttpStatus, code: string, message: string) {
    super({ statusCode: status, code, message, errors: [{ field: 'file', message }] }, status);
  }
}

/** '10 MB', '2.5 MB', '512 KB': the limit as a person reads it. */
export function sizeText(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}

export const tooLarge = (maxBytes: number) =>
  new UploadRefused(HttpStatus.PAYLOAD_TOO_LARGE, 'FILE_TOO_LARGE', `文件太大：最大 ${sizeText(maxBytes)}，请压缩或截图后再上传`);

const refuse = {
  empty: () => new UploadRefused(HttpStatus.UNPROCESSABLE_ENTITY, 'EMPTY_FILE', '文件是空的，请重新拍照或选择文件'),
  executable: () => new UploadRefused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'EXECUTABLE_FILE', '这是一个程序文件，不是照片或 PDF，不能上传'),
  heic: () =>
    new UploadRefused(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'HEIC_NOT_SUPPORTED',
      '暂不支持 HEIC 格式的照片：请在手机“设置—相机—格式”中选“兼容性最佳”，或截图后再上传',
    ),
  unknown: () => new UploadRefused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'UNSUPPORTED_FILE_TYPE', '只能上传照片（JPG、PNG、WebP）或 PDF 文件'),
  pixels: (pixels: number, max: number) =>
    new UploadRefused(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'IMAGE_TOO_MANY_PIXELS',
      `照片像素太多（约 ${Math.round(pixels / 1e6)} 百万像素），最多 ${Math.floor(max / 1e6)} 百万像素，请缩小后再上传`,
    ),
  damagedImage: () => new UploadRefused(HttpStatus.UNPROCESSABLE_ENTITY, 'IMAGE_DAMAGED', '照片文件已损坏或不完整，请重新拍照后上传'),
  damagedPdf: () => new UploadRefused(HttpStatus.UNPROCESSABLE_ENTITY, 'PDF_DAMAGED', 'PDF 文件已损坏或不完整，请重新下载后上传'),
};

/** The format names sharp's metadata() reports for each accepted photo kind. */
const SHARP_FORMAT: Record<Exclude<AcceptedKind, 'pdf'>, string> = { jpeg: 'jpeg', png: 'png', webp: 'webp', avif: 'heif' };

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export async function processUpload(input: Buffer, limits: UploadLimits): Promise<ProcessedUpload> {
  if (input.length === 0) throw refuse.empty();
  if (input.length > limits.maxBytes) throw tooLarge(limits.maxBytes);
  const kind = sniff(input.subarray(0, 64));
  switch (kind.kind) {
    case 'executable':
      throw refuse.executable();
    case 'heic':
      throw refuse.heic();
    case 'unknown':
      throw refuse.unknown();
    case 'pdf':
      return processPdf(input);
    default:
      return processImage(input, kind.kind, limits);
  }
}

function processPdf(input: Buffer): ProcessedUpload {
  // A complete PDF ends with %%EOF (generators may add a line break or a few bytes after it).
  const tail = input.subarray(Math.max(0, input.length - 2048)).toString('latin1');
  if (!tail.includes('%%EOF') || input.length < 32) throw refuse.damagedPdf();
  return { sourceFormat: 'pdf', mime: MIME.pdf as 'application/pdf', content: input, width: null, height: null, sha256: sha256(input), thumbnail: null };
}

async function processImage(input: Buffer, kind: Exclude<AcceptedKind, 'pdf'>, limits: UploadLimits): Promise<ProcessedUpload> {
  // 1. The header only: dimensions and format, nothing decoded (limitInputPixels off so a bomb is measured, not thrown).
  let meta: sharp.Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false, failOn: 'none' }).metadata();
  } catch {
    throw refuse.damagedImage();
  }
  if (meta.format !== SHARP_FORMAT[kind]) throw refuse.unknown();
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (!pixels) throw refuse.damagedImage();
  if (pixels > limits.maxPixels) throw refuse.pixels(pixels, limits.maxPixels);

  // 2. Decode (same limit, strict), upright, no metadata, JPEG.
  let content: Buffer;
  let info: sharp.OutputInfo;
  try {
    ({ data: content, info } = await sharp(input, { limitInputPixels: limits.maxPixels, failOn: 'warning', pages: 1 })
      .rotate()
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: JPEG_QUALITY })
      .toBuffer({ resolveWithObject: true }));
  } catch {
    throw refuse.damagedImage();
  }
  const thumbnail = await sharp(content).resize({ width: THUMB_WIDTH, withoutEnlargement: true }).jpeg({ quality: THUMB_QUALITY }).toBuffer();
  return { sourceFormat: kind, mime: 'image/jpeg', content, width: info.width, height: info.height, sha256: sha256(content), thumbnail };
}

/** At most `n` uploads decoded at once (a 40 MP photo is 160 MB of pixels while it is processed). */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly n: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.n) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
