import { HttpException } from '@nestjs/common';
import sharp from 'sharp';
import { processUpload, Semaphore, sizeText, type UploadLimits } from './attachment-processing';
import { elf, heicHead, image, jpegWithGps, pdf, pngBomb, windowsExe } from './sample-files';

const limits: UploadLimits = { maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000 };

async function refusal(p: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof HttpException)) throw e;
    const body = e.getResponse() as { code: string; message: string };
    return { status: e.getStatus(), code: body.code, message: body.message };
  }
  throw new Error('expected a refusal');
}

describe('processUpload', () => {
  it('turns a photo upright and strips every bit of metadata (GPS, camera, orientation)', async () => {
    const input = await jpegWithGps();
    const before = await sharp(input).metadata();
    expect(before).toMatchObject({ width: 400, height: 200, orientation: 6 });
    expect(before.exif!.includes(Buffer.from('HuiminTestCam'))).toBe(true);

    const out = await processUpload(input, limits);
    expect(out).toMatchObject({ sourceFormat: 'jpeg', mime: 'image/jpeg', width: 200, height: 400 });
    const after = await sharp(out.content).metadata();
    expect(after).toMatchObject({ format: 'jpeg', width: 200, height: 400 });
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(out.content.includes(Buffer.from('HuiminTestCam'))).toBe(false);
    expect(out.content.includes(Buffer.from('GPS'))).toBe(false);
    // Red (the left of the sensor image) is now on top.
    const { data } = await sharp(out.content).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(200); // top-left: red
    expect(data[(399 * 200) * 3 + 2]).toBeGreaterThan(200); // bottom-left: blue
    const thumb = await sharp(out.thumbnail!).metadata();
    expect(thumb).toMatchObject({ format: 'jpeg', width: 200 }); // never enlarged
  });

  it('re-encodes PNG, WebP and AVIF as JPEG (transparency on white) and makes a 320-px thumbnail', async () => {
    for (const f of ['png', 'webp', 'avif'] as const) {
      const out = await processUpload(await image(f, 1000, 500, f === 'png'), limits);
      expect(out).toMatchObject({ sourceFormat: f, mime: 'image/jpeg', width: 1000, height: 500 });
      expect((await sharp(out.content).metadata()).format).toBe('jpeg');
      expect(await sharp(out.thumbnail!).metadata()).toMatchObject({ format: 'jpeg', width: 320, height: 160 });
      expect(out.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('keeps a PDF byte for byte, without thumbnail', async () => {
    const input = pdf();
    const out = await processUpload(input, limits);
    expect(out).toMatchObject({ sourceFormat: 'pdf', mime: 'application/pdf', width: null, height: null, thumbnail: null });
    expect(out.content.equals(input)).toBe(true);
  });

  it('refuses what is not a photo or PDF, by content, with Chinese messages', async () => {
    expect(await refusal(processUpload(elf(), limits))).toMatchObject({ status: 415, code: 'EXECUTABLE_FILE', message: expect.stringMatching(/程序文件/) });
    expect(await refusal(processUpload(windowsExe(), limits))).toMatchObject({ status: 415, code: 'EXECUTABLE_FILE' });
    expect(await refusal(processUpload(heicHead(), limits))).toMatchObject({ status: 415, code: 'HEIC_NOT_SUPPORTED', message: expect.stringMatching(/HEIC/) });
    expect(await refusal(processUpload(Buffer.from('<html>not a photo</html>'), limits))).toMatchObject({ status: 415, code: 'UNSUPPORTED_FILE_TYPE', message: '只能上传照片（JPG、PNG、WebP）或 PDF 文件' });
    expect(await refusal(processUpload(Buffer.alloc(0), limits))).toMatchObject({ status: 422, code: 'EMPTY_FILE' });
  });

  it('refuses a decompression bomb from its header, before decoding, fast', async () => {
    const bomb = pngBomb(30000, 30000);
    expect(bomb.length).toBeLessThan(100);
    const t0 = Date.now();
    const r = await refusal(processUpload(bomb, limits));
    expect(r).toMatchObject({ status: 422, code: 'IMAGE_TOO_MANY_PIXELS' });
    expect(r.message).toContain('900 百万像素');
    expect(Date.now() - t0).toBeLessThan(1000);
    // Under the limit by the header, but the data is missing: damaged, not decoded into garbage.
    expect(await refusal(processUpload(pngBomb(3000, 3000), limits))).toMatchObject({ status: 422, code: 'IMAGE_DAMAGED' });
  });

  it('refuses truncated photos and PDFs', async () => {
    const jpeg = await image('jpeg', 800, 600);
    expect(await refusal(processUpload(jpeg.subarray(0, Math.floor(jpeg.length / 2)), limits))).toMatchObject({ status: 422, code: 'IMAGE_DAMAGED', message: expect.stringMatching(/损坏或不完整/) });
    expect(await refusal(processUpload(jpeg.subarray(0, 20), limits))).toMatchObject({ status: 422, code: 'IMAGE_DAMAGED' });
    const p = pdf();
    expect(await refusal(processUpload(p.subarray(0, p.length - 30), limits))).toMatchObject({ status: 422, code: 'PDF_DAMAGED' });
  });

  it('refuses a file over the limit with 413 and the limit in words', async () => {
    const small = { ...limits, maxBytes: 1024 };
    const r = await refusal(processUpload(Buffer.alloc(1025, 0xff), small));
    expect(r).toEqual({ status: 413, code: 'FILE_TOO_LARGE', message: '文件太大：最大 1 KB，请压缩或截图后再上传' });
    expect(sizeText(10 * 1024 * 1024)).toBe('10 MB');
    expect(sizeText(2.5 * 1024 * 1024)).toBe('2.5 MB');
  });

  it('runs at most n jobs at once', async () => {
    const s = new Semaphore(2);
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        s.run(async () => {
          peak = Math.max(peak, ++active);
          await new Promise((r) => setTimeout(r, 10));
          active--;
        }),
      ),
    );
    expect(peak).toBe(2);
  });
});
