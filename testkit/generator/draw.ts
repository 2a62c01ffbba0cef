// Drawing steps every test-document renderer shares (the generated set, the other-hands set,
// the real documents): one line shrunk until it fits, a short centred rule, the finished bytes.
export type Align = 'center' | 'left' | 'right';

/**
 * One line in [x, x+w], shrunk by quarter points (not below 7 pt) until it fits; returns the
 * next y and the printed width. `spacing` is passed to pdfkit only when given, so renderers
 * that never letter-space keep their exact bytes.
 */
export function fitLine(
  doc: PDFKit.PDFDocument, text: string, font: string, size: number, x: number, y: number, w: number,
  align: Align = 'center', spacing?: number,
): { y: number; width: number } {
  const opts = spacing === undefined ? undefined : { characterSpacing: spacing };
  let sz = size;
  const width = () => doc.widthOfString(text, opts);
  doc.font(font).fontSize(sz);
  while (sz > 7 && width() > w) {
    sz -= 0.25;
    doc.fontSize(sz);
  }
  const tw = width();
  const tx = align === 'center' ? x + (w - tw) / 2 : align === 'right' ? x + w - tw : x;
  doc.text(text, tx, y, { lineBreak: false, ...opts });
  return { y: y + doc.currentLineHeight(true) + 1, width: tw };
}

/** A 0.6 pt rule of `width`, centred on cx. */
export function centredRule(doc: PDFKit.PDFDocument, cx: number, y: number, width: number): void {
  doc.moveTo(cx - width / 2, y).lineTo(cx + width / 2, y).lineWidth(0.6).stroke();
}

/** Ends the document and resolves with its bytes. */
export function finishPdf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.end();
  return done;
}
