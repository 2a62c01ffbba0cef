// The reliability rule (model/thresholds.ts) and the cross-checks that raise straight-through
// without lowering a bar (issue 12 part 4).
import { checkSymbol, confirmDocNumber } from '../../extractors/cross-checks.js';
import { indicatorSource } from '../../testkit/reliability.js';
import type { ExtractedField } from '../../model/document.js';
import { severityOf } from '../../model/findings.js';
import type { HeaderFields } from '../../model/header.js';
import { ACCEPT_THRESHOLDS, chooseThreshold, thresholdFor, VALUE_KINDS, wilsonUpper, type Observation } from '../../model/thresholds.js';

const obs = (n: number, confidence: number, wrong = 0): Observation[] =>
  Array.from({ length: n }, (_, i) => ({ confidence, right: i >= wrong, held: false }));

describe('Wilson upper bound', () => {
  it('matches known values', () => {
    expect(wilsonUpper(0, 1000)).toBeCloseTo(0.00383, 4);
    expect(wilsonUpper(1, 1000)).toBeCloseTo(0.00565, 4);
    expect(wilsonUpper(0, 0)).toBe(1);
  });
});

describe('chooseThreshold', () => {
  const cuts = [0.5, 0.8, 0.9, 0.95];
  it('takes the lowest cut whose accepted values meet both bounds', () => {
    const c = chooseThreshold([...obs(1000, 0.97), ...obs(500, 0.85), ...obs(50, 0.6, 10)], cuts);
    expect(c).toMatchObject({ threshold: 0.8, support: 1500, wrong: 0 });
  });
  it('does not let a band of easy values dilute errors above it', () => {
    // 3 wrong of 100 at ≥ 0.95, 2000 right at 0.85: ≥ 0.8 would be 0.14 %, but ≥ 0.95 is 3 %
    expect(chooseThreshold([...obs(100, 0.96, 3), ...obs(2000, 0.85)], cuts).threshold).toBeNull();
  });
  it('supports nothing on too few values', () => {
    expect(chooseThreshold(obs(100, 0.99), cuts).threshold).toBeNull();
  });
  it('leaves values held by a finding out', () => {
    const held = obs(30, 0.99, 30).map((o) => ({ ...o, held: true }));
    expect(chooseThreshold([...obs(1000, 0.99), ...held], cuts)).toMatchObject({ threshold: 0.5, support: 1000, wrong: 0 });
  });
});

describe('thresholds as data', () => {
  it('has a bar for every kind, never under the configured one', () => {
    for (const k of VALUE_KINDS) {
      expect(ACCEPT_THRESHOLDS[k]).toBeGreaterThanOrEqual(0.5);
      expect(thresholdFor(k, 0.9)).toBeGreaterThanOrEqual(0.9);
      expect(thresholdFor(k, 0.99)).toBe(Math.max(0.99, ACCEPT_THRESHOLDS[k]));
    }
  });
  it('tells a table figure from a prose one by its source text (printed apart in the table)', () => {
    expect(indicatorSource('Tờ rơi | tờ | 4.335')).toBe('table');
    expect(indicatorSource('In và cấp phát 4.335 tờ rơi')).toBe('prose');
  });
});

const f = <T>(value: T | null, confidence: number): ExtractedField<T> => ({ value, confidence, provenance: null, findings: [] });
function header(issuerLines: string[], typeName: string | null, title: string | null): HeaderFields {
  return {
    docNumberRaw: f('x', 1), dateLine: f('x', 1), issuerLines: f(issuerLines, 1), issuerConfs: issuerLines.map(() => 1),
    typeName: f<string>(typeName, 1), title: f<string>(title, 1), receivedStamp: null, findings: [],
  };
}
const JOINT = ['SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', 'TỈNH THANH HÓA', 'ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM', 'TỈNH THANH HÓA'];

describe('symbol type code against the type name', () => {
  it('reads CTrPH under "CHƯƠNG TRÌNH" as the programme code plus the title\'s "Phối hợp"', () => {
    expect(checkSymbol('01/CTrPH-SLĐTBXH-MTTQ', 'CTrPH', 'CHƯƠNG TRÌNH', JOINT, 'Phối hợp giữa Sở Lao động và Ủy ban MTTQ').typeAgrees).toBe(true);
    expect(checkSymbol('01/CTrPH-SLĐTBXH-MTTQ', 'CTrPH', 'CHƯƠNG TRÌNH', JOINT, 'Thực hiện giảm nghèo').typeAgrees).toBe(false);
    expect(checkSymbol('01/BCPH-SLĐTBXH-MTTQ', 'BCPH', 'CHƯƠNG TRÌNH', JOINT, 'Phối hợp giữa hai bên').typeAgrees).toBe(false);
  });

  it('notes a printed disagreement on a text layer, and doubts it on a scan', () => {
    const h = header(JOINT, 'QUY CHẾ PHỐI HỢP', 'Thực hiện giảm nghèo bền vững');
    const text = confirmDocNumber(f('05/CTr-MTTQ-LĐTBXH', 1), f('CTr', 1), h, null, true);
    expect(text.docType.findings.map((x) => [x.code, severityOf(x)])).toEqual([['docType.disagrees', 'info']]);
    const scan = confirmDocNumber(f('05/CTr-MTTQ-LĐTBXH', 0.92), f('CTr', 0.92), h, null, false);
    expect(scan.docType.findings.map((x) => [x.code, severityOf(x)])).toEqual([['docType.disagrees', 'warning']]);
    // a symbol whose issuer parts are not the issuer's is doubted even on a text layer
    const other = confirmDocNumber(f('05/CTr-STC', 1), f('CTr', 1), h, null, true);
    expect(severityOf(other.docType.findings[0])).toBe('warning');
  });
});

describe('chooseThreshold, band by band', () => {
  it('stops above a doubtful band however many sure values lie above it', () => {
    const c = chooseThreshold([...obs(1200, 0.99), ...obs(2, 0.65, 1)], [0.5, 0.6, 0.7, 0.9]);
    expect(c).toMatchObject({ threshold: 0.7, support: 1200, wrong: 0 });
  });
});
