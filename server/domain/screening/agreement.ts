/**
 * Inter-rater agreement statistics as pure functions over a k×k contingency table
 * (rows: rater A's category, columns: rater B's) or, for Krippendorff's alpha, over units
 * that each carry the values of however many raters saw them.
 *
 * Formulas follow Gwet, Handbook of Inter-Rater Reliability (4th ed.) and his irrCAC package:
 * every chance-corrected coefficient is (Po − Pe) / (1 − Pe) and they differ only in Pe.
 * A coefficient that cannot be estimated from the table is null, and `notEstimable` says why:
 * never NaN, never a zero-width interval presented as if it were one.
 */

/** Square matrix of counts: table[i][j] = units rater A put in category i and rater B in j. */
export type ContingencyTable = readonly (readonly number[])[];

/** The statistics of a table that may be undefined. */
export type TableStatistic =
  | 'percentAgreement'
  | 'cohenKappa'
  | 'kappaSE'
  | 'kappaCI95'
  | 'scottPi'
  | 'gwetAC1'
  | 'brennanPrediger'
  | 'pabak'
  | 'krippendorffAlpha';

/** Why a statistic could not be estimated, in words a methods section can quote. */
export const NOT_ESTIMABLE = {
  noUnits: 'no record was judged by both reviewers',
  oneCategory: 'only one category was used, so there is no scale on which to agree beyond chance',
  chanceIsOne:
    'both reviewers put every record in one and the same category: agreement expected by chance is 1',
  noKappa: "Cohen's kappa is not estimable",
  zeroSE:
    'the large-sample standard error is 0 (perfect agreement, or a reviewer used one category only): no interval can be estimated from it',
  noDisagreementExpected: 'every vote is in one category: no disagreement could be expected',
} as const;

export interface AgreementStats {
  /** Units rated by both raters (the table total). */
  n: number;
  /** Number of categories q (the table's size). */
  categories: number;
  /** Proportion of units on the diagonal. */
  percentAgreement: number | null;
  cohenKappa: number | null;
  /** Large-sample (non-null) standard error, Fleiss, Cohen & Everitt (1969). */
  kappaSE: number | null;
  /** 95 % normal-approximation interval, clipped to [−1, 1]. */
  kappaCI95: [number, number] | null;
  scottPi: number | null;
  gwetAC1: number | null;
  /** Brennan–Prediger: Pe = 1/q. */
  brennanPrediger: number | null;
  /** Prevalence- and bias-adjusted kappa, (q·Po − 1)/(q − 1); the same number as Brennan–Prediger. */
  pabak: number | null;
  /** Krippendorff's alpha (nominal) on the table's units. */
  krippendorffAlpha: number | null;
  /** For each statistic that is null: why it cannot be estimated. */
  notEstimable: Partial<Record<TableStatistic, string>>;
}

const Z_975 = 1.959963984540054;

function chanceCorrected(po: number, pe: number): number | null {
  return pe >= 1 ? null : (po - pe) / (1 - pe);
}

function assertSquare(table: ContingencyTable): number {
  const q = table.length;
  for (const row of table) {
    if (row.length !== q) throw new RangeError('an agreement table must be square');
    for (const cell of row) {
      if (!Number.isInteger(cell) || cell < 0)
        throw new RangeError('table cells must be non-negative integers');
    }
  }
  return q;
}

const cell = (table: ContingencyTable, i: number, j: number): number => table[i]?.[j] ?? 0;

const ALL_STATISTICS: readonly TableStatistic[] = [
  'percentAgreement',
  'cohenKappa',
  'kappaSE',
  'kappaCI95',
  'scottPi',
  'gwetAC1',
  'brennanPrediger',
  'pabak',
  'krippendorffAlpha',
];

/**
 * Every coefficient for one two-rater table, on the scale the table's size gives (its
 * categories). A table of one category (a scale of one) has observed agreement only.
 */
export function agreementFromTable(table: ContingencyTable): AgreementStats {
  const q = assertSquare(table);
  const n = table.reduce((sum, row) => sum + row.reduce((s, c) => s + c, 0), 0);
  // No pairs: nothing is estimable. One category: only the observed agreement (all of it).
  if (n === 0) return withoutCoefficients(0, q, null, ALL_STATISTICS, NOT_ESTIMABLE.noUnits);
  if (q < 2) {
    const chanceCorrected = ALL_STATISTICS.filter((k) => k !== 'percentAgreement');
    return withoutCoefficients(n, q, 1, chanceCorrected, NOT_ESTIMABLE.oneCategory);
  }
  const p = (i: number, j: number) => cell(table, i, j) / n;
  const rows: number[] = [];
  const cols: number[] = [];
  let po = 0;
  for (let i = 0; i < q; i++) {
    let r = 0;
    let c = 0;
    for (let j = 0; j < q; j++) {
      r += p(i, j);
      c += p(j, i);
    }
    rows.push(r);
    cols.push(c);
    po += p(i, i);
  }
  const row = (i: number) => rows[i] ?? 0;
  const col = (i: number) => cols[i] ?? 0;
  const pi = (i: number) => (row(i) + col(i)) / 2;

  let peCohen = 0;
  let peScott = 0;
  let peGwet = 0;
  for (let i = 0; i < q; i++) {
    peCohen += row(i) * col(i);
    peScott += pi(i) ** 2;
    peGwet += pi(i) * (1 - pi(i));
  }
  peGwet /= q - 1;
  const peBP = 1 / q;

  const kappa = chanceCorrected(po, peCohen);
  // A variance of 0 is the large-sample formula breaking down at the edge of the table, not
  // certainty: it gives no interval, so neither it nor a zero-width interval is reported.
  const se = kappa === null ? null : cohenKappaSE(p, q, row, col, kappa, peCohen, n);
  const kappaSE = se === null || se === 0 ? null : se;
  const brennanPrediger = chanceCorrected(po, peBP);
  const scottPi = chanceCorrected(po, peScott);
  const krippendorffAlpha = krippendorffAlphaFromTable(table);
  const notEstimable: Partial<Record<TableStatistic, string>> = {};
  if (kappa === null) {
    notEstimable.cohenKappa = NOT_ESTIMABLE.chanceIsOne;
    notEstimable.kappaSE = NOT_ESTIMABLE.noKappa;
    notEstimable.kappaCI95 = NOT_ESTIMABLE.noKappa;
  } else if (kappaSE === null) {
    notEstimable.kappaSE = NOT_ESTIMABLE.zeroSE;
    notEstimable.kappaCI95 = NOT_ESTIMABLE.zeroSE;
  }
  if (scottPi === null) notEstimable.scottPi = NOT_ESTIMABLE.chanceIsOne;
  if (krippendorffAlpha === null) notEstimable.krippendorffAlpha = NOT_ESTIMABLE.noDisagreementExpected;
  return {
    n,
    categories: q,
    percentAgreement: po,
    cohenKappa: kappa,
    kappaSE,
    kappaCI95:
      kappa === null || kappaSE === null
        ? null
        : [Math.max(-1, kappa - Z_975 * kappaSE), Math.min(1, kappa + Z_975 * kappaSE)],
    scottPi,
    gwetAC1: chanceCorrected(po, peGwet),
    brennanPrediger,
    pabak: brennanPrediger,
    krippendorffAlpha,
    notEstimable,
  };
}

function withoutCoefficients(
  n: number,
  q: number,
  percentAgreement: number | null,
  missing: readonly TableStatistic[],
  reason: string,
): AgreementStats {
  return {
    n,
    categories: q,
    percentAgreement,
    cohenKappa: null,
    kappaSE: null,
    kappaCI95: null,
    scottPi: null,
    gwetAC1: null,
    brennanPrediger: null,
    pabak: null,
    krippendorffAlpha: null,
    notEstimable: Object.fromEntries(missing.map((k) => [k, reason])),
  };
}

/** Fleiss, Cohen & Everitt (1969) variance of kappa, as irrCAC's kappa2.table with identity weights and N = ∞. */
function cohenKappaSE(
  p: (i: number, j: number) => number,
  q: number,
  row: (i: number) => number,
  col: (i: number) => number,
  kappa: number,
  pe: number,
  n: number,
): number {
  let sum = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      const agree = i === j ? 1 : 0;
      sum += p(i, j) * (agree - (1 - kappa) * (col(i) + row(j))) ** 2;
    }
  }
  const variance = (sum - (kappa - pe * (1 - kappa)) ** 2) / (n * (1 - pe) ** 2);
  // Rounding leaves ~1e-17 where the variance is exactly 0 (a degenerate table).
  return variance <= 1e-15 ? 0 : Math.sqrt(variance);
}

/** Krippendorff's alpha (nominal) for a two-rater table: every unit has exactly two values. */
export function krippendorffAlphaFromTable(table: ContingencyTable): number | null {
  const q = assertSquare(table);
  const categoryCounts = new Array<number>(q).fill(0);
  let coincidentSame = 0;
  let total = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      const c = cell(table, i, j);
      categoryCounts[i] = (categoryCounts[i] ?? 0) + c;
      categoryCounts[j] = (categoryCounts[j] ?? 0) + c;
      total += 2 * c;
      if (i === j) coincidentSame += 2 * c;
    }
  }
  return alphaFromCoincidences(total, coincidentSame, categoryCounts);
}

/**
 * Krippendorff's alpha (nominal) over units rated by any number of raters, some by only
 * one (those units carry no pairable information and are left out, as the method says).
 */
export function krippendorffAlphaNominal<T>(units: readonly (readonly T[])[]): number | null {
  const counts = new Map<T, number>();
  let total = 0;
  let coincidentSame = 0;
  for (const values of units) {
    const m = values.length;
    if (m < 2) continue;
    const inUnit = new Map<T, number>();
    for (const v of values) inUnit.set(v, (inUnit.get(v) ?? 0) + 1);
    for (const [value, k] of inUnit) {
      counts.set(value, (counts.get(value) ?? 0) + k);
      coincidentSame += (k * (k - 1)) / (m - 1);
    }
    total += m;
  }
  return alphaFromCoincidences(total, coincidentSame, [...counts.values()]);
}

function alphaFromCoincidences(
  total: number,
  coincidentSame: number,
  categoryCounts: number[],
): number | null {
  if (total < 2) return null;
  const sumSquares = categoryCounts.reduce((s, c) => s + c * c, 0);
  const expectedDisagreement = total * total - sumSquares;
  if (expectedDisagreement === 0) return null;
  return 1 - ((total - 1) * (total - coincidentSame)) / expectedDisagreement;
}

/** Cross-tabulates paired ratings into a table over the given category order. */
export function tableFromPairs<T>(pairs: readonly (readonly [T, T])[], categories: readonly T[]): number[][] {
  const index = new Map(categories.map((c, i) => [c, i] as const));
  const table = categories.map(() => categories.map(() => 0));
  for (const [a, b] of pairs) {
    const i = index.get(a);
    const j = index.get(b);
    if (i === undefined || j === undefined)
      throw new RangeError(`rating outside the categories: ${String(a)}, ${String(b)}`);
    const r = table[i] as number[];
    r[j] = (r[j] ?? 0) + 1;
  }
  return table;
}

export type AgreementBand = 'poor' | 'slight' | 'fair' | 'moderate' | 'substantial' | 'almost perfect';

/** Landis & Koch (1977) bands, the usual reading of kappa-like coefficients. */
export function interpretAgreement(value: number | null): AgreementBand | null {
  if (value === null) return null;
  if (value < 0) return 'poor';
  if (value <= 0.2) return 'slight';
  if (value <= 0.4) return 'fair';
  if (value <= 0.6) return 'moderate';
  if (value <= 0.8) return 'substantial';
  return 'almost perfect';
}
