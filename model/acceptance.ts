// The one acceptance rule: a value goes without review when it is sure enough and nothing was
// found against it. The pipeline applies it with the configured threshold (cfg.review.acceptThreshold);
// tests that ask "would this be accepted?" use the same function with the default threshold.
import type { Finding } from './document.js';
import { severityOf } from './findings.js';

/** cfg.review.acceptThreshold when the configuration does not set it */
export const DEFAULT_ACCEPT_THRESHOLD = 0.9;

export function statusFor(confidence: number, findings: readonly Finding[], threshold = DEFAULT_ACCEPT_THRESHOLD): 'accepted' | 'needs_review' {
  // An 'info' finding (a missing comma after the place name) is noted, not doubted.
  return confidence >= threshold && findings.every((f) => severityOf(f) === 'info') ? 'accepted' : 'needs_review';
}

/**
 * The same rule as a yes/no at the default threshold, for anything with a confidence and
 * findings (a figure, a field). One parameter only, so `values.every(isAccepted)` is safe.
 */
export const isAccepted = (v: { confidence: number; findings: readonly Finding[] }): boolean =>
  statusFor(v.confidence, v.findings) === 'accepted';
