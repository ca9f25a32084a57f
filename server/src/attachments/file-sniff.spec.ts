import { sniff } from './file-sniff';
import { elf, heicHead, image, pdf, pngBomb, windowsExe } from './sample-files';

const head = (...bytes: (number | string)[]) =>
  Buffer.concat(bytes.map((b) => (typeof b === 'string' ? Buffer.from(b, 'latin1') : Buffer.from([b]))));

describe('sniff (magic bytes)', () => {
  it('recognises the accepted formats from real files made by sharp', async () => {
    expect(sniff(await image('jpeg'))).toEqual({ kind: 'jpeg', mime: 'image/jpeg' });
    expect(sniff(await image('png'))).toEqual({ kind: 'png', mime: 'image/png' });
    expect(sniff(await image('webp'))).toEqual({ kind: 'webp', mime: 'image/webp' });
    expect(sniff(await image('avif'))).toEqual({ kind: 'avif', mime: 'image/avif' });
    expect(sniff(pdf())).toEqual({ kind: 'pdf', mime: 'application/pdf' });
    expect(sniff(pngBomb())).toMatchObject({ kind: 'png' });
  });

  it('names programs and scripts', () => {
    expect(sniff(elf())).toEqual({ kind: 'executable', what: 'ELF' });
    expect(sniff(windowsExe())).toEqual({ kind: 'executable', what: 'Windows (MZ)' });
    expect(sniff(head(0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1))).toEqual({ kind: 'executable', what: 'Mach-O' });
    expect(sniff(head(0, 'asm', 1, 0, 0, 0))).toEqual({ kind: 'executable', what: 'WebAssembly' });
    expect(sniff(head('#!/bin/sh\nrm -rf /\n'))).toEqual({ kind: 'executable', what: 'script (#!)' });
  });

  it('tells HEIC from AVIF by the ftyp brands, and refuses other ISO media (video)', () => {
    expect(sniff(heicHead())).toEqual({ kind: 'heic' });
    const ftyp = (major: string, ...compat: string[]) => {
      const b = Buffer.alloc(16 + compat.length * 4 + 16);
      b.writeUInt32BE(16 + compat.length * 4, 0);
      b.write(`ftyp${major}`, 4, 'latin1');
      compat.forEach((c, i) => b.write(c, 16 + i * 4, 'latin1'));
      return b;
    };
    expect(sniff(ftyp('mif1', 'avif', 'miaf'))).toMatchObject({ kind: 'avif' });
    expect(sniff(ftyp('mif1', 'heic'))).toEqual({ kind: 'heic' });
    expect(sniff(ftyp('isom', 'mp41', 'avc1'))).toEqual({ kind: 'unknown' });
    expect(sniff(ftyp('qt  '))).toEqual({ kind: 'unknown' });
  });

  it('does not trust a name or a type: text, HTML, SVG, zip, GIF and short or empty heads are unknown', () => {
    for (const b of [
      head('hello'),
      head('<html><script>alert(1)</script>'),
      head('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      head('PK', 3, 4, 20, 0),
      head('GIF89a'),
      head(0xff, 0xd8), // two bytes of JPEG are not a JPEG
      head('%PDF'),
      Buffer.alloc(0),
    ]) {
      expect(sniff(b)).toEqual({ kind: 'unknown' });
    }
  });
});
