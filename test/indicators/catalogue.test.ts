import { catalogue, indicatorByKey, parseCatalogue } from '../../schemas/indicator-catalogue.js';

describe('indicator catalogue', () => {
  it('loads, validates and freezes the catalogue', () => {
    const c = catalogue();
    expect(c.indicators.length).toBeGreaterThanOrEqual(32);
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.indicators[0].synonyms)).toBe(true);
    expect(catalogue()).toBe(c);
    expect(new Set(c.indicators.map((e) => e.key)).size).toBe(c.indicators.length);
  });

  it('keeps the seed totals of the national report', () => {
    expect(indicatorByKey('radio_programs')).toMatchObject({ label: 'chương trình phát thanh', unit: 'chương trình', seedTotal: 25349, seedQualifier: 'at_least' });
    expect(indicatorByKey('print_copies')?.seedTotal).toBe(20761960);
    expect(indicatorByKey('public_info_points')).toMatchObject({ aggregate: 'pair', seedTotal: 493, seedOf: 1589 });
    expect(indicatorByKey('fund_mobilised')).toMatchObject({ unit: 'đồng', seedTotal: 2752000000000 });
    expect(indicatorByKey('nope')).toBeUndefined();
  });

  it('rejects a bad catalogue', () => {
    const entry = { key: 'x', label: 'x', unit: 'x', aggregate: 'sum', section: 'II.1', seedTotal: 1, synonyms: ['x'] };
    expect(() => parseCatalogue({ version: 1, indicators: [entry, entry] })).toThrow(/duplicate/);
    expect(() => parseCatalogue({ version: 1, indicators: [{ ...entry, aggregate: 'pair' }] })).toThrow(/seedOf/);
    expect(() => parseCatalogue({ version: 1, indicators: [{ ...entry, synonyms: [] }] })).toThrow();
    expect(() => parseCatalogue({ version: 1, indicators: [{ ...entry, key: 'Bad Key' }] })).toThrow();
  });
});
