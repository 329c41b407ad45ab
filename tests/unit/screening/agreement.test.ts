import {
  agreementFromTable,
  interpretAgreement,
  krippendorffAlphaFromTable,
  krippendorffAlphaNominal,
  tableFromPairs,
} from '../../../server/domain/screening/agreement';

/** toBeCloseTo(x, d) passes when |a − x| < 10^−d / 2: "exact to the given decimals". */
describe('agreement statistics against published reference values', () => {
  describe("Gwet's irrCAC 3×3 example [[13,0,0],[0,20,7],[0,4,56]]", () => {
    const stats = agreementFromTable([
      [13, 0, 0],
      [0, 20, 7],
      [0, 4, 56],
    ]);

    it.each([
      ['cohenKappa', 0.7964094, 6],
      ['kappaSE', 0.0589, 4],
      ['scottPi', 0.7962397, 6],
      ['gwetAC1', 0.8493305, 6],
      ['brennanPrediger', 0.835, 6],
      ['krippendorffAlpha', 0.7972585, 6],
      ['percentAgreement', 0.89, 9],
    ] as const)('%s is %d', (key, expected, digits) => {
      expect(stats[key]).toBeCloseTo(expected, digits);
    });

    it('counts 100 units in 3 categories and gives a 95 % interval around kappa', () => {
      expect(stats.n).toBe(100);
      expect(stats.categories).toBe(3);
      const [lo, hi] = stats.kappaCI95!;
      expect(lo).toBeCloseTo(0.7964094 - 1.959964 * stats.kappaSE!, 6);
      expect(hi).toBeCloseTo(0.7964094 + 1.959964 * stats.kappaSE!, 6);
    });
  });

  it.each([
    [
      'a=20 b=5 c=10 d=15',
      [
        [20, 5],
        [10, 15],
      ],
      { cohenKappa: [0.4, 2], pabak: [0.4, 2] },
    ],
    [
      'a=80 b=10 c=5 d=5',
      [
        [80, 10],
        [5, 5],
      ],
      { cohenKappa: [0.3182, 4], pabak: [0.7, 2], gwetAC1: [0.808, 3] },
    ],
  ] as const)('2×2 table %s', (_name, table, expected) => {
    const stats = agreementFromTable(table);
    for (const [key, [value, digits]] of Object.entries(expected)) {
      expect(stats[key as keyof typeof expected]).toBeCloseTo(value, digits);
    }
  });

  it("Krippendorff's alpha with missing values matches Krippendorff (2011) nominal example, 0.743", () => {
    const units = [
      [1, 1, 1],
      [2, 2, 3, 2],
      [3, 3, 3, 3],
      [3, 3, 3, 3],
      [2, 2, 2, 2],
      [1, 2, 3, 4],
      [4, 4, 4, 4],
      [1, 1, 2, 1],
      [2, 2, 2, 2],
      [5, 5, 5],
      [1, 1],
      [3],
    ];
    expect(krippendorffAlphaNominal(units)).toBeCloseTo(0.743, 3);
  });

  it('alpha over two-value units equals alpha from the same table', () => {
    const table = [
      [13, 0, 0],
      [0, 20, 7],
      [0, 4, 56],
    ];
    const units: number[][] = [];
    table.forEach((row, i) =>
      row.forEach((count, j) => {
        for (let k = 0; k < count; k++) units.push([i, j]);
      }),
    );
    expect(krippendorffAlphaNominal(units)).toBeCloseTo(krippendorffAlphaFromTable(table)!, 12);
  });

  it('perfect agreement is 1 everywhere it is defined', () => {
    const stats = agreementFromTable([
      [5, 0],
      [0, 7],
    ]);
    expect(stats.cohenKappa).toBe(1);
    expect(stats.pabak).toBe(1);
    expect(stats.krippendorffAlpha).toBe(1);
    expect(stats.kappaSE).toBe(0);
  });

  it('a table where both raters used one category leaves kappa undefined (null), not NaN', () => {
    const stats = agreementFromTable([
      [10, 0],
      [0, 0],
    ]);
    expect(stats.cohenKappa).toBeNull();
    expect(stats.kappaCI95).toBeNull();
    expect(stats.percentAgreement).toBe(1);
    expect(stats.pabak).toBe(1);
  });

  it('an empty table has n = 0 and no coefficients', () => {
    expect(
      agreementFromTable([
        [0, 0],
        [0, 0],
      ]),
    ).toMatchObject({ n: 0, cohenKappa: null, percentAgreement: null });
  });

  it('refuses a non-square table', () => {
    expect(() => agreementFromTable([[1, 2], [3]])).toThrow(RangeError);
  });

  it('tableFromPairs cross-tabulates in category order', () => {
    expect(
      tableFromPairs(
        [
          ['in', 'in'],
          ['in', 'out'],
          ['out', 'out'],
          ['out', 'out'],
        ],
        ['in', 'out'],
      ),
    ).toEqual([
      [1, 1],
      [0, 2],
    ]);
  });

  it.each([
    [-0.1, 'poor'],
    [0.1, 'slight'],
    [0.3, 'fair'],
    [0.5, 'moderate'],
    [0.7964, 'substantial'],
    [0.85, 'almost perfect'],
  ] as const)('interprets %d as %s', (value, band) => {
    expect(interpretAgreement(value)).toBe(band);
  });
});
