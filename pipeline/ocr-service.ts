// Placeholder until extractors/ocr lands: scanned pages fail with a clear reason.
import type { Config } from './config.js';
import type { OcrService } from './stage.js';

export async function createOcrService(_cfg: Config): Promise<OcrService | null> {
  return null;
}
