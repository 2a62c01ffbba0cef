// Reading the parts of an OOXML file (DOCX, XLSX) without trusting it: fflate reads the zip,
// and before anything is inflated every entry is checked against limits on the number of
// entries, each entry's and the total declared size, the compression ratio (zip bombs), and
// its name (absolute paths, `..`, backslashes, drive letters: "zip slip"). Only the parts asked
// for are inflated, each into a buffer of its declared size, so a lying header cannot make
// fflate allocate more. Nothing is ever written to disk.
import { unzipSync } from 'fflate';
import { TonghopError } from '../../model/errors.js';

export interface ZipLimits {
  maxEntries: number;
  /** largest declared uncompressed size of one part we read */
  maxEntryBytes: number;
  /** sum of declared uncompressed sizes of all entries */
  maxTotalBytes: number;
  /** largest uncompressed/compressed ratio for an entry over 1 MB */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxEntryBytes: 64 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024, maxRatio: 200 };

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

/** A name that would land outside the folder it is extracted to, or that no Office program writes. */
export function unsafeEntryName(name: string): boolean {
  return name.startsWith('/') || name.includes('\\') || /^[A-Za-z]:/.test(name) || name.split('/').some((p) => p === '..') || name.includes('\0');
}

/**
 * The parts of a zip for which `want(name)` is true, after checking every entry. Throws a
 * TonghopError (office.invalid, office.too_many_entries, office.path_entry, office.zip_bomb).
 */
// Long because each limit is checked on the same pass over the central directory; each check is one line.
export function readZipParts(bytes: Uint8Array, want: (name: string) => boolean, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Map<string, Uint8Array> {
  let entries = 0;
  let total = 0;
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter: (f) => {
        entries++;
        if (entries > limits.maxEntries) throw new TonghopError('office.too_many_entries', { count: `hơn ${limits.maxEntries}`, limit: limits.maxEntries });
        if (unsafeEntryName(f.name)) throw new TonghopError('office.path_entry', { entry: f.name.slice(0, 200) });
        total += f.originalSize;
        if (total > limits.maxTotalBytes) throw new TonghopError('office.zip_bomb', { entry: f.name.slice(0, 200), detail: `tổng cộng hơn ${mb(limits.maxTotalBytes)}` });
        if (!want(f.name)) return false;
        if (f.originalSize > limits.maxEntryBytes) throw new TonghopError('office.zip_bomb', { entry: f.name, detail: `${mb(f.originalSize)}, giới hạn ${mb(limits.maxEntryBytes)}` });
        if (f.originalSize > 1048576 && f.originalSize > f.size * limits.maxRatio) {
          throw new TonghopError('office.zip_bomb', { entry: f.name, detail: `tỉ lệ nén ${Math.round(f.originalSize / Math.max(1, f.size))}:1` });
        }
        return true;
      },
    });
  } catch (err) {
    if (err instanceof TonghopError) throw err;
    throw new TonghopError('office.invalid', { detail: (err as Error)?.message ?? String(err) });
  }
  return new Map(Object.entries(parts));
}

/** The names of every entry (nothing inflated), for telling DOCX from XLSX; checks the same limits. */
export function zipEntryNames(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): string[] {
  const names: string[] = [];
  readZipParts(bytes, (n) => { names.push(n); return false; }, limits);
  return names;
}
