// The error both raster paths (PDF page, image file) throw, and the pixel ceiling they enforce.
import { TonghopError } from '../../model/errors.js';

export type RasterErrorCode = 'raster.too_large' | 'raster.decode_failed' | 'raster.timeout' | 'raster.crashed';
/** A page or image that cannot be rendered or decoded for OCR; the message comes from the registry. */
export class RasterError<C extends RasterErrorCode = RasterErrorCode> extends TonghopError<C> {}

/** refuse rasters above this many pixels (hostile PDFs, decompression bombs) */
export const DEFAULT_MAX_PIXELS = 60e6;
