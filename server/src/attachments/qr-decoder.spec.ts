import QRCode from 'qrcode';
import sharp from 'sharp';
import { QrDecoder } from './qr-decoder';

/** A receipt-like photo: off-white paper with a QR code in the top-right corner. */
async function receipt(text: string, width = 1200, height = 1600): Promise<Buffer> {
  const qr = await QRCode.toBuffer(text, { type: 'png', margin: 2, width: Math.round(width * 0.2) });
  return sharp({ create: { width, height, channels: 3, background: '#f4f1ea' } })
    .composite([{ input: qr, left: Math.round(width * 0.75), top: Math.round(height * 0.05) }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

describe('QrDecoder', () => {
  const decoder = new QrDecoder();
  afterAll(() => decoder.close());

  it('reads the QR code of a receipt photo in a worker thread', async () => {
    const text = '01,32,,25502000000012345678,356.80,20250512,,A1B2';
    expect(await decoder.decodeImage(await receipt(text))).toBe(text);
    expect(await decoder.decodeImage(await receipt(text, 2000, 1500))).toBe(text); // landscape, shrunk to 1600 px
  });

  it('gives null, never an error, for no code, garbage, a timeout or a full queue', async () => {
    expect(await decoder.decodeImage(await sharp({ create: { width: 800, height: 600, channels: 3, background: '#fff' } }).jpeg().toBuffer())).toBeNull();
    expect(await decoder.decodeImage(Buffer.from('not an image'))).toBeNull();
    const hasty = new QrDecoder({ timeoutMs: 1, maxQueued: 1 });
    const photo = await receipt('01,32,,25502000000012345678,1.00,20250512,,A1B2');
    const [a, b] = await Promise.all([hasty.decodeImage(photo), hasty.decodeImage(photo)]);
    expect([a, b]).toEqual([null, null]);
    // after a timeout the worker is replaced and works again
    const patient = new QrDecoder({ timeoutMs: 5000, maxQueued: 1 });
    expect(await patient.decodeImage(photo)).toMatch(/^01,32/);
    await hasty.close();
    await patient.close();
  });
});
