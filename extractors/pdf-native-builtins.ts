// The engine's own Array.prototype.push, JSON.stringify and JSON.parse, taken before pdfjs
// loads and put back after. pdfjs-dist's legacy build bundles core-js, which on Node 20 (V8 11.3)
// replaces all three in the realm that loads it: push because of a V8 edge case (a push onto an
// array whose length is read-only), JSON for JSON.rawJSON / parse-with-source. The replacements
// are JavaScript: push becomes a function call with a length check per element, stringify calls
// a replacer on every value and re-scans its output character by character. Every array and
// every stored artifact in that thread pays for it (a third of the pdfjs worker's time went to
// the push polyfill; stringify was 5–10× slower on the pages artifact). Neither pdfjs nor this
// project relies on the edge cases the polyfills fix. pdf-document.ts imports this module
// before pdfjs (so it runs first), then calls restoreNativeBuiltins.
const isNative = (f: unknown) => typeof f === 'function' && /\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(f));

/** The engine's functions as this module found them; null where something had replaced one already. */
const saved = {
  push: isNative(Array.prototype.push) ? Array.prototype.push : null,
  stringify: isNative(JSON.stringify) ? JSON.stringify : null,
  parse: isNative(JSON.parse) ? JSON.parse : null,
};

/** Puts the engine's functions back where pdfjs's core-js replaced them (a no-op for those it did not). */
export function restoreNativeBuiltins(): void {
  if (saved.push && Array.prototype.push !== saved.push) {
    Object.defineProperty(Array.prototype, 'push', { value: saved.push, writable: true, configurable: true, enumerable: false });
  }
  if (saved.stringify && JSON.stringify !== saved.stringify) JSON.stringify = saved.stringify;
  if (saved.parse && JSON.parse !== saved.parse) JSON.parse = saved.parse;
}

/** Whether push, JSON.stringify and JSON.parse are the engine's own (tests, benches). */
export function nativeBuiltinsInPlace(): boolean {
  return isNative(Array.prototype.push) && isNative(JSON.stringify) && isNative(JSON.parse);
}
