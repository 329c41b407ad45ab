import {
  agreementFromTable,
  interpretAgreement,
  krippendorffAlphaFromTable,
  krippendorffAlphaNominal,
  NOT_ESTIMABLE,
  tableFromPairs,
} from '../../../server/domain/screening/agreement';

/** Every statistic is checked to 1e-6: a coarser check let a kappa SE with swapped margins (0.058948) pass. */
const TOLERANCE = 1e-6;
function expectNear(actual: number | null | undefined, expected: number, what: string) {
  expect({ what, off: Math.abs((actual ?? NaN) - expected) <= TOLERANCE }).toEqual({ what, off: true });
}

describe('agreement statistics against published reference values', () => {
  describe("Gwet's irrCAC 3×3 example [[13,0,0],[0,20,7],[0,4,56]]", () => {
    // Computed inside each test, not at collection time: Stryker then knows which test covers
    // which line and runs only those tests for each mutant (npm run test:mutation).
    const irrCac = () =>
      agreementFromTable([
        [13, 0, 0],
        [0, 20, 7],
        [0, 4, 56],
      ]);

    // irrCAC 1.0 vignette "overview" (kappa2.table, scott2.table, gwet.ac1.table, bp2.table,
    // krippen2.table on cont3x3abstractors), printed to 7-8 significant digits.
    it.each([
      ['cohenKappa', 0.7964094],
      ['kappaSE', 0.05891072],
      ['scottPi', 0.7962397],
      ['gwetAC1', 0.8493305],
      ['brennanPrediger', 0.835],
      ['krippendorffAlpha', 0.7972585],
      ['percentAgreement', 0.89],
    ] as const)('%s is %d', (key, expected) => {
      expectNear(irrCac()[key], expected, key);
    });

    it('counts 100 units in 3 categories and gives a 95 % interval around kappa', () => {
      const stats = irrCac();
      expect(stats.n).toBe(100);
      expect(stats.categories).toBe(3);
      const [lo, hi] = stats.kappaCI95!;
      expectNear(lo, 0.7964094 - 1.959964 * 0.05891072, 'lower');
      expectNear(hi, 0.7964094 + 1.959964 * 0.05891072, 'upper');
    });
  });

  // 2×2 tables by hand, rows rater A, columns rater B, p = cell / n; FCE = Fleiss, Cohen & Everitt (1969):
  // var κ = [Σi pii(1 − (pi+ + p+i)(1 − κ))² + (1 − κ)² Σi≠j pij(p+i + pj+)² − (κ − pe(1 − κ))²] / (n(1 − pe)²).
  it.each([
    [
      // n = 50, p = [[.4,.1],[.2,.3]], rows (.5,.5), columns (.6,.4); po = .7, pe = .5·.6 + .5·.4 = .5, κ = .4.
      // FCE: diagonal .4(1 − 1.1·.6)² + .3(1 − .9·.6)² = .10972; off-diagonal .36(.1·1.1² + .2·.9²) = .10188;
      // minus (.4 − .5·.6)² = .01 → variance .2016 / (50·.25) = .016128, SE = √.016128 = 0.1269960629.
      // π = (.55,.45): Scott pe = .505, π = 13/33; AC1 pe = 2·.55·.45 = .495, AC1 = .205/.505 = 41/101.
      'a=20 b=5 c=10 d=15',
      [
        [20, 5],
        [10, 15],
      ],
      { cohenKappa: 0.4, kappaSE: 0.1269960629, pabak: 0.4, scottPi: 13 / 33, gwetAC1: 41 / 101 },
    ],
    [
      // n = 100, p = [[.8,.1],[.05,.05]], rows (.9,.1), columns (.85,.15); po = .85, pe = .78, κ = .07/.22 = 7/22.
      // FCE: diagonal .8(1 − 1.75·15/22)² + .05(1 − .25·15/22)²; off-diagonal (15/22)²(.1·.95² + .05·1.05²);
      // minus (7/22 − .78·15/22)² → variance 16689/937024, SE = 0.1334565212.
      // PABAK = 2·.85 − 1 = .7; π = (.875,.125): AC1 pe = .21875, AC1 = .63125/.78125 = .808.
      'a=80 b=10 c=5 d=5',
      [
        [80, 10],
        [5, 5],
      ],
      { cohenKappa: 7 / 22, kappaSE: 0.1334565212, pabak: 0.7, gwetAC1: 0.808 },
    ],
  ] as const)('2×2 table %s', (_name, table, expected) => {
    const stats = agreementFromTable(table);
    for (const [key, value] of Object.entries(expected)) {
      expectNear(stats[key as keyof typeof expected], value, key);
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
    // Krippendorff (2011), Computing Krippendorff's alpha-reliability, nominal example: 0.743 (3 decimals printed).
    // By hand: the lone [3] is left out, n = 40 pairable values; coincidences within a value
    // Σ k(k − 1)/(m − 1) = 3 + 2 + 4 + 4 + 4 + 0 + 4 + 2 + 4 + 3 + 2 = 32; value counts 9, 13, 10, 5, 3
    // (Σ n_c² = 384); alpha = 1 − (n − 1)(n − 32)/(n² − 384) = 1 − 39·8/1216 = 113/152.
    expectNear(krippendorffAlphaNominal(units), 113 / 152, 'alpha');
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

  it('perfect agreement is 1 everywhere it is defined, and has no zero-width interval', () => {
    const stats = agreementFromTable([
      [5, 0],
      [0, 7],
    ]);
    expect(stats.cohenKappa).toBe(1);
    expect(stats.pabak).toBe(1);
    expect(stats.krippendorffAlpha).toBe(1);
    expect(stats.kappaSE).toBeNull();
    expect(stats.kappaCI95).toBeNull();
    expect(stats.notEstimable).toEqual({ kappaSE: NOT_ESTIMABLE.zeroSE, kappaCI95: NOT_ESTIMABLE.zeroSE });
  });

  it('a one-sided table (one rater used one category) gives kappa 0 but no interval, not [0, 0]', () => {
    // rows (1, 0), columns (1/3, 2/3): pe = 1/3 = po, so kappa = 0; the FCE variance is exactly 0
    const stats = agreementFromTable([
      [1, 2],
      [0, 0],
    ]);
    expect(stats.cohenKappa).toBeCloseTo(0, 12);
    expect(stats.kappaSE).toBeNull();
    expect(stats.kappaCI95).toBeNull();
    expect(stats.notEstimable.kappaCI95).toBe(NOT_ESTIMABLE.zeroSE);
  });

  it('a scale of one category has observed agreement and nothing chance-corrected', () => {
    const stats = agreementFromTable([[4]]);
    expect(stats).toMatchObject({ n: 4, categories: 1, percentAgreement: 1, cohenKappa: null, pabak: null });
    expect(stats.notEstimable.pabak).toBe(NOT_ESTIMABLE.oneCategory);
    expect(stats.notEstimable.percentAgreement).toBeUndefined();
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
    // π = (1, 0): Gwet's pe = 1·0 + 0·1 = 0, so AC1 = po = 1; alpha expects no disagreement (every
    // one of the 20 values is the first category) and is undefined like kappa and pi.
    expect(stats.gwetAC1).toBe(1);
    expect(stats.kappaSE).toBeNull();
    expect(stats.notEstimable).toEqual({
      cohenKappa: NOT_ESTIMABLE.chanceIsOne,
      kappaSE: NOT_ESTIMABLE.noKappa,
      kappaCI95: NOT_ESTIMABLE.noKappa,
      scottPi: NOT_ESTIMABLE.chanceIsOne,
      krippendorffAlpha: NOT_ESTIMABLE.noDisagreementExpected,
    });
  });

  it('an empty table has n = 0 and no coefficients, each saying there was nothing to compare', () => {
    const stats = agreementFromTable([
      [0, 0],
      [0, 0],
    ]);
    expect(stats).toMatchObject({ n: 0, categories: 2, cohenKappa: null, percentAgreement: null });
    expect(stats.notEstimable).toEqual({
      percentAgreement: NOT_ESTIMABLE.noUnits,
      cohenKappa: NOT_ESTIMABLE.noUnits,
      kappaSE: NOT_ESTIMABLE.noUnits,
      kappaCI95: NOT_ESTIMABLE.noUnits,
      scottPi: NOT_ESTIMABLE.noUnits,
      gwetAC1: NOT_ESTIMABLE.noUnits,
      brennanPrediger: NOT_ESTIMABLE.noUnits,
      pabak: NOT_ESTIMABLE.noUnits,
      krippendorffAlpha: NOT_ESTIMABLE.noUnits,
    });
  });

  // n = 6, every margin 1/2, so pe = 1/2 for Cohen, Scott and Gwet alike; by FCE (above):
  // [[2,1],[1,2]]: po = 2/3, κ = 1/3; diagonal 2·(1/3)(1 − (2/3)·1)² = 2/27, off-diagonal
  //   2·(1/6)(2/3)² = 4/27, minus (1/3 − (1/2)(2/3))² = 0 → variance (6/27)/(6·1/4) = 4/27,
  //   SE = 0.3849001795, Z·SE = 0.7543904894: [1/3 − 0.75439, 1/3 + 0.75439 = 1.0877 → 1].
  // [[1,2],[2,1]]: po = 1/3, κ = −1/3; diagonal 2·(1/6)(1 − 4/3)² = 1/27, off-diagonal
  //   2·(1/3)(4/3)² = 32/27, minus (−1/3 − (1/2)(4/3))² = 1 → variance (6/27)/(3/2) = 4/27 again:
  //   [−1/3 − 0.75439 = −1.0877 → −1, −1/3 + 0.75439].
  it.each([
    [
      'agree',
      [
        [2, 1],
        [1, 2],
      ],
      1 / 3,
      [1 / 3 - 0.7543904894, 1],
    ],
    [
      'disagree',
      [
        [1, 2],
        [2, 1],
      ],
      -1 / 3,
      [-1, -1 / 3 + 0.7543904894],
    ],
  ] as const)('the 95 %% interval of a small table (%s) is clipped to [−1, 1]', (_name, table, kappa, ci) => {
    const stats = agreementFromTable(table);
    expectNear(stats.cohenKappa, kappa, 'kappa');
    expectNear(stats.kappaSE, Math.sqrt(4 / 27), 'kappaSE');
    expectNear(stats.kappaCI95?.[0], ci[0], 'lower');
    expectNear(stats.kappaCI95?.[1], ci[1], 'upper');
    // Symmetric margins: Scott's pi and Gwet's AC1 equal kappa here.
    expectNear(stats.scottPi, kappa, 'scottPi');
    expectNear(stats.gwetAC1, kappa, 'gwetAC1');
    expect(stats.notEstimable).toEqual({});
  });

  it('alpha over the agreeing 6-unit table: 1 − (12 − 1)(12 − 8)/(12² − 6² − 6²) = 7/18', () => {
    // 12 values, 8 of them in agreeing pairs (2·(2 + 2)), 6 of each category.
    expectNear(
      krippendorffAlphaFromTable([
        [2, 1],
        [1, 2],
      ]),
      7 / 18,
      'alpha',
    );
  });

  it('alpha needs two values in a unit: units rated once are left out, and nothing pairable is null', () => {
    expect(krippendorffAlphaNominal([[1], [2], [3]])).toBeNull();
    expect(krippendorffAlphaNominal([])).toBeNull();
    // [[1,1],[2,2]] plus a lone 3: alpha over the two pairable units alone is 1 − 3·0/8 = 1.
    expect(krippendorffAlphaNominal([[1, 1], [2, 2], [3]])).toBe(1);
    // One disagreeing pair is the smallest estimable case: 1 − (2 − 1)(2 − 0)/(2² − 1² − 1²) = 0.
    expect(krippendorffAlphaNominal([['a', 'b']])).toBe(0);
  });

  it('refuses a non-square table', () => {
    expect(() => agreementFromTable([[1, 2], [3]])).toThrow(RangeError);
    expect(() => agreementFromTable([[1], [3]])).toThrow('square');
  });

  it.each([
    ['a negative count', -1],
    ['a fraction', 0.5],
  ])('refuses %s in a cell', (_name, bad) => {
    expect(() =>
      agreementFromTable([
        [1, bad],
        [0, 1],
      ]),
    ).toThrow('non-negative integers');
  });

  it('tableFromPairs refuses a rating outside the categories, on either side', () => {
    expect(() => tableFromPairs([['in', 'maybe']], ['in', 'out'])).toThrow(
      'rating outside the categories: in, maybe',
    );
    expect(() => tableFromPairs([['maybe', 'in']], ['in', 'out'])).toThrow(RangeError);
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

  // Landis & Koch (1977): < 0 poor, 0–.20 slight, .21–.40 fair, .41–.60 moderate, .61–.80
  // substantial, .81–1 almost perfect; each upper bound belongs to its band.
  it.each([
    [-1, 'poor'],
    [-1e-9, 'poor'],
    [0, 'slight'],
    [0.2, 'slight'],
    [0.2 + 1e-9, 'fair'],
    [0.4, 'fair'],
    [0.4 + 1e-9, 'moderate'],
    [0.6, 'moderate'],
    [0.6 + 1e-9, 'substantial'],
    [0.8, 'substantial'],
    [0.8 + 1e-9, 'almost perfect'],
    [1, 'almost perfect'],
  ] as const)('interprets %d as %s', (value, band) => {
    expect(interpretAgreement(value)).toBe(band);
  });

  it('interprets an undefined coefficient as no band', () => {
    expect(interpretAgreement(null)).toBeNull();
  });
});
