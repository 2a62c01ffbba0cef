// The tune/report split of the other-hands corpus, apart so the content generator can ask it.
import { hash32 } from '../generator/ground-truth.js';

/** ≈60 % tune, ≈40 % report; by id only, so a document never changes part. */
export const isTunePart = (id: string): boolean => hash32(`other-hands-split|${id}`) % 100 < 60;
