// A scanned page is usually one image drawn over the whole page. Its stream (JPEG, or Flate
// greyscale/RGB/bilevel) is taken straight from the PDF with pdf-lib and decoded natively
// (@napi-rs/canvas, i.e. Skia's libjpeg-turbo) at its own resolution: no pdfjs operator list,
// no JavaScript JPEG decoder, no page render. Anything else (CCITT, JBIG2, JPX, masks, a page
// that also draws text or vector art, a rotated or offset placement) returns null and the
// caller renders the page with pdfjs instead.
import zlib from 'node:zlib';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFPage } from 'pdf-lib';

/** Decoded pixels, 1, 3 or 4 bytes per pixel. */
export interface DecodedImage { data: Uint8Array | Uint8ClampedArray; width: number; height: number; channels: 1 | 3 | 4 }

/** A page's one full-page image, still encoded, with the page size in points. */
export interface PageImageStream {
  filter: 'DCTDecode' | 'FlateDecode';
  bytes: Uint8Array;
  width: number;
  height: number;
  bitsPerComponent: number;
  colourSpace: 'DeviceGray' | 'DeviceRGB';
  /** a /Decode [1 0] on a bilevel image: 1 = black */
  inverted: boolean;
  pageWidth: number;
  pageHeight: number;
}

/** Parses the PDF for its image streams; null when pdf-lib cannot (the caller renders instead). */
export async function loadForImages(bytes: Uint8Array): Promise<PDFDocument | null> {
  try {
    return await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: false, throwOnInvalidObject: false });
  } catch {
    return null;
  }
}

const name = (o: unknown): string | null => (o instanceof PDFName ? o.decodeText() : null);
const num = (o: unknown): number | null => (o instanceof PDFNumber ? o.asNumber() : null);

/** The image stream when page `index` (0-based) draws exactly one image covering the whole page and nothing else. */
export function fullPageImageStream(doc: PDFDocument, index: number): PageImageStream | null {
  let page: PDFPage;
  try { page = doc.getPage(index); } catch { return null; }
  if (page.getRotation().angle % 360 !== 0) return null;
  const media = page.getMediaBox();
  const crop = page.getCropBox();
  if (Math.abs(media.x - crop.x) > 0.5 || Math.abs(media.y - crop.y) > 0.5 || Math.abs(media.width - crop.width) > 0.5 || Math.abs(media.height - crop.height) > 0.5) return null;
  const content = contentBytes(page);
  if (!content) return null;
  const placed = singleImagePlacement(content);
  if (!placed) return null;
  const [a, b, c, d, e, f] = placed.ctm;
  const tol = 1;
  if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3 || Math.abs(a - media.width) > tol || Math.abs(d - media.height) > tol
    || Math.abs(e - media.x) > tol || Math.abs(f - media.y) > tol) return null;
  const xobjects = page.node.Resources()?.lookup(PDFName.of('XObject'));
  if (!(xobjects instanceof PDFDict)) return null;
  const stream = xobjects.lookup(PDFName.of(placed.name));
  if (!(stream instanceof PDFRawStream)) return null;
  return imageStream(stream, media.width, media.height);
}

function imageStream(stream: PDFRawStream, pageWidth: number, pageHeight: number): PageImageStream | null {
  const dict = stream.dict;
  if (name(dict.get(PDFName.of('Subtype'))) !== 'Image') return null;
  if (dict.get(PDFName.of('ImageMask')) || dict.get(PDFName.of('SMask')) || dict.get(PDFName.of('Mask'))) return null;
  let filter = dict.lookup(PDFName.of('Filter'));
  if (filter instanceof PDFArray) filter = filter.size() === 1 ? filter.lookup(0) : undefined;
  const f = name(filter);
  if (f !== 'DCTDecode' && f !== 'FlateDecode') return null;
  if (f === 'FlateDecode' && dict.get(PDFName.of('DecodeParms'))) return null; // predictors: let pdfjs handle them
  const cs = name(dict.lookup(PDFName.of('ColorSpace')));
  if (cs !== 'DeviceGray' && cs !== 'DeviceRGB') return null;
  const width = num(dict.lookup(PDFName.of('Width'))), height = num(dict.lookup(PDFName.of('Height')));
  const bpc = num(dict.lookup(PDFName.of('BitsPerComponent'))) ?? 8;
  if (!width || !height || (bpc !== 8 && !(bpc === 1 && cs === 'DeviceGray' && f === 'FlateDecode'))) return null;
  const decode = dict.lookup(PDFName.of('Decode'));
  let inverted = false;
  if (decode instanceof PDFArray) {
    const v = decode.asArray().map(num);
    if (bpc === 1 && v.length === 2 && v[0] === 1 && v[1] === 0) inverted = true;
    else if (!v.every((x, i) => x === (i % 2 === 0 ? 0 : 1))) return null;
  }
  return { filter: f, bytes: stream.contents, width, height, bitsPerComponent: bpc, colourSpace: cs, inverted, pageWidth, pageHeight };
}

/** The page's content stream bytes, inflated; null for filters other than Flate. */
function contentBytes(page: PDFPage): Uint8Array | null {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => page.doc.context.lookup(r)) : [contents];
  const parts: Uint8Array[] = [];
  for (const s of streams) {
    if (!(s instanceof PDFRawStream)) return null;
    const fl = s.dict.lookup(PDFName.of('Filter'));
    const f = fl instanceof PDFArray ? (fl.size() === 1 ? name(fl.lookup(0)) : 'many') : name(fl);
    if (f === null && !fl) parts.push(s.contents);
    else if (f === 'FlateDecode') {
      try { parts.push(zlib.inflateSync(s.contents)); } catch { return null; }
    } else return null;
  }
  return Buffer.concat(parts.flatMap((p) => [p, Buffer.from('\n')]));
}

/**
 * Reads a content stream made only of q, Q, cm and one Do (what scanners and pdfkit write for a
 * scanned page) and returns the image's name and its transformation matrix. Any other operator,
 * or a second image, gives null: the page paints something else and must be rendered.
 */
export function singleImagePlacement(content: Uint8Array): { name: string; ctm: number[] } | null {
  const text = Buffer.from(content).toString('latin1');
  const tokens = text.match(/\/[^\s/[\]()<>{}%]+|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'"*]+|%[^\n\r]*|\S/g) ?? [];
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack: number[][] = [];
  const operands: string[] = [];
  let found: { name: string; ctm: number[] } | null = null;
  for (const t of tokens) {
    if (t.startsWith('%')) continue;
    if (t.startsWith('/') || /^[-+.\d]/.test(t)) { operands.push(t); continue; }
    switch (t) {
      case 'q': stack.push(ctm); break;
      case 'Q': ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0]; break;
      case 'cm': {
        const m = operands.slice(-6).map(Number);
        if (m.length !== 6 || m.some((x) => !Number.isFinite(x))) return null;
        ctm = mul(ctm, m);
        break;
      }
      case 'Do':
        if (found || !operands.length) return null;
        found = { name: operands[operands.length - 1].slice(1), ctm };
        break;
      default: return null;
    }
    operands.length = 0;
  }
  return found;
}

function mul(m: number[], n: number[]): number[] {
  return [
    n[0] * m[0] + n[1] * m[2], n[0] * m[1] + n[1] * m[3],
    n[2] * m[0] + n[3] * m[2], n[2] * m[1] + n[3] * m[3],
    n[4] * m[0] + n[5] * m[2] + m[4], n[4] * m[1] + n[5] * m[3] + m[5],
  ];
}

/** Decodes the stream natively; null when the decoder refuses it or the size does not match the dictionary. */
export async function decodeImageStream(s: PageImageStream): Promise<DecodedImage | null> {
  if (s.filter === 'DCTDecode') {
    if (hasExif(s.bytes)) return null; // a decoder may apply EXIF orientation; a PDF viewer does not
    let image: Awaited<ReturnType<typeof loadImage>>;
    try { image = await loadImage(Buffer.from(s.bytes.buffer, s.bytes.byteOffset, s.bytes.byteLength)); } catch { return null; }
    if (image.width !== s.width || image.height !== s.height) return null;
    const canvas = createCanvas(s.width, s.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    return { data: ctx.getImageData(0, 0, s.width, s.height).data, width: s.width, height: s.height, channels: 4 };
  }
  let raw: Uint8Array;
  try { raw = zlib.inflateSync(s.bytes); } catch { return null; }
  if (s.bitsPerComponent === 1) return unpackBits(raw, s.width, s.height, s.inverted);
  const channels = s.colourSpace === 'DeviceGray' ? 1 : 3;
  if (raw.length < s.width * s.height * channels) return null;
  return { data: raw.subarray(0, s.width * s.height * channels), width: s.width, height: s.height, channels };
}

/** 1 bit per pixel, rows padded to a byte → 0/255 greyscale (0 = black unless /Decode [1 0]). */
function unpackBits(raw: Uint8Array, width: number, height: number, inverted: boolean): DecodedImage | null {
  const stride = Math.ceil(width / 8);
  if (raw.length < stride * height) return null;
  const out = new Uint8Array(width * height);
  const on = inverted ? 0 : 255, off = inverted ? 255 : 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) out[y * width + x] = (raw[y * stride + (x >> 3)] >> (7 - (x & 7))) & 1 ? on : off;
  }
  return { data: out, width, height, channels: 1 };
}

function hasExif(b: Uint8Array): boolean {
  // APP1 "Exif\0\0" among the first markers
  for (let i = 2; i + 10 < Math.min(b.length, 65536); i++) {
    if (b[i] === 0xff && b[i + 1] === 0xe1 && b[i + 4] === 0x45 && b[i + 5] === 0x78 && b[i + 6] === 0x69 && b[i + 7] === 0x66) return true;
  }
  return false;
}
