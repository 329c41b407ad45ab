/**
 * Inter-rater agreement statistics as pure functions over a k×k contingency table
 * (rows: rater A's category, columns: rater B's) or, for Krippendorff's alpha, over units
 * that each carry the values of however many raters saw them.
 *
 * Formulas follow Gwet, Handbook of Inter-Rater Reliability (4th ed.) and his irrCAC package:
 * every chance-corrected coefficient is (Po − Pe) / (1 − Pe) and they differ only in Pe.
 * A coefficient whose Pe is 1 (both raters used one category only) is undefined → null.
 */

/** Square matrix of counts: table[i][j] = units rater A put in category i and rater B in j. */
export type ContingencyTable = readonly (readonly number[])[];

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
}

const Z_975 = 1.959963984540054;

function chanceCorrected(po: number, pe: number): number | null {
  return pe >= 1 ? null : (po - pe) / (1 - pe);
}

function assertSquare(table: ContingencyTable): number {
  const q = table.length;
  if (q < 2) throw new RangeError('an agreement table needs at least 2 categories');
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

/** Every coefficient for one two-rater table. */
export function agreementFromTable(table: ContingencyTable): AgreementStats {
  const q = assertSquare(table);
  const n = table.reduce((sum, row) => sum + row.reduce((s, c) => s + c, 0), 0);
  if (n === 0) {
    return {
      n: 0,
      categories: q,
      percentAgreement: null,
      cohenKappa: null,
      kappaSE: null,
      kappaCI95: null,
      scottPi: null,
      gwetAC1: null,
      brennanPrediger: null,
      pabak: null,
      krippendorffAlpha: null,
    };
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
  const kappaSE = kappa === null ? null : cohenKappaSE(p, q, row, col, kappa, peCohen, n);
  const brennanPrediger = chanceCorrected(po, peBP);
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
    scottPi: chanceCorrected(po, peScott),
    gwetAC1: chanceCorrected(po, peGwet),
    brennanPrediger,
    pabak: brennanPrediger,
    krippendorffAlpha: krippendorffAlphaFromTable(table),
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
  return Math.sqrt(Math.max(variance, 0));
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
