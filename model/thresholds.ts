// Acceptance thresholds per kind of value, set from the reliability table (docs/reliability.md,
// printed by `npm run accuracy -- --reliability`): for each kind, how many values at each
// confidence were right and wrong on the tune parts of every corpus. The rule that turns the
// table into a threshold is `chooseThreshold` below. On the table of 2026-12-01 its cut is 0.5
// or 0.7 for every kind (nothing wrong at or above 0.7, very few values between 0.7 and 0.9), so
// every bar is the configured 0.9: never lowered below it, and no kind needed more.
// test/accuracy/reliability.e2e.test.ts checks, per kind, ≤ 0.2 % wrong among accepted values.

/** The kinds of value that are accepted or sent to review on their own. */
export const VALUE_KINDS = ['docNumber', 'issueDate', 'province', 'docType', 'category', 'indicator'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

/**
 * The lowest confidence accepted per kind (with no finding against the value). From the table
 * in docs/reliability.md; never lower than the configured cfg.review.acceptThreshold (see
 * `thresholdFor`), so raising the configured bar raises every kind's.
 */
export const ACCEPT_THRESHOLDS: Readonly<Record<ValueKind, number>> = {
  docNumber: 0.9,
  issueDate: 0.9,
  province: 0.9,
  docType: 0.9,
  category: 0.9,
  indicator: 0.9,
};

/** The header fields and the category have a kind of their own; other fields (receivedDate) use the configured bar. */
export const fieldKind = (name: string): ValueKind | null => ((VALUE_KINDS as readonly string[]).includes(name) ? (name as ValueKind) : null);

/** The target: at most this share of accepted values wrong. */
export const MAX_WRONG_ACCEPTED = 0.002;
/** The rule also asks the Wilson 95 % upper bound on that share to stay at or below this. */
export const MAX_WRONG_UPPER_BOUND = 0.005;

/** The bar a value of this kind must reach; the configured threshold is a floor for every kind. */
export function thresholdFor(kind: ValueKind, configured: number): number {
  return Math.max(ACCEPT_THRESHOLDS[kind], configured);
}

/** Wilson score interval, upper bound, for `wrong` failures in `n` trials (z = 1.96: 95 %). */
export function wilsonUpper(wrong: number, n: number, z = 1.96): number {
  if (n === 0) return 1;
  const p = wrong / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.min(1, (centre + spread) / (1 + z2 / n));
}

/** One value as measured: its confidence, whether it was right, whether a finding held it back anyway. */
export interface Observation { confidence: number; right: boolean; held: boolean }

export interface ThresholdChoice {
  /** null: no cut meets the rule (the table cannot support accepting this kind) */
  threshold: number | null;
  /** values without findings at or above the threshold, and how many of them were wrong */
  support: number;
  wrong: number;
  upper: number;
}

/**
 * The rule: the lowest cut t among `cuts` such that, of the values with no finding against them
 * and confidence ≥ t, the share wrong is ≤ MAX_WRONG_ACCEPTED and its Wilson 95 % upper bound
 * is ≤ MAX_WRONG_UPPER_BOUND; going down from the top, each band a lower cut adds must itself be
 * wrong ≤ MAX_WRONG_ACCEPTED, so a band of doubtful values is never diluted by the many sure
 * values above it (2 values at 0.6 with 1 wrong stop the descent at 0.7).
 */
export function chooseThreshold(obs: readonly Observation[], cuts: readonly number[]): ThresholdChoice {
  const free = obs.filter((o) => !o.held);
  let best: ThresholdChoice = { threshold: null, support: 0, wrong: 0, upper: 1 };
  let above = 1.01;
  for (const t of [...cuts].sort((a, b) => b - a)) {
    const band = free.filter((o) => o.confidence >= t && o.confidence < above);
    above = t;
    if (band.filter((o) => !o.right).length > MAX_WRONG_ACCEPTED * band.length) break;
    const all = free.filter((o) => o.confidence >= t);
    if (all.length === 0) continue;
    const wrong = all.filter((o) => !o.right).length;
    const upper = wilsonUpper(wrong, all.length);
    if (wrong / all.length <= MAX_WRONG_ACCEPTED && upper <= MAX_WRONG_UPPER_BOUND) best = { threshold: t, support: all.length, wrong, upper };
  }
  return best;
}
