import { agreementFromTable } from '../screening/agreement';
import type { SynthesisApplication, SynthesisCode } from './synthesis';

/** For one code and one pair of coders: the 2×2 presence table over the studies both finished. */
export interface CodePairTable {
  code: string;
  coders: [string, string];
  /** Studies both coders finished (marked done): the base of the table. */
  studies: number;
  both: number;
  onlyFirst: number;
  onlySecond: number;
  neither: number;
  /** (both + neither) ÷ studies; null when no study was finished by both. */
  observedAgreement: number | null;
  /** Cohen's kappa on the same table; null when not estimable (see kappaNotEstimable). */
  kappa: number | null;
  /** Why kappa is not estimable, or null when it is. */
  kappaNotEstimable: string | null;
}

/** A coder who finished a study (the base of the agreement tables). */
export interface FinishedStudy {
  coder: string;
  studyId: number;
}

/**
 * Agreement between coders, per code, across studies: for every pair of coders, the studies both
 * finished form the base; a code is "present" for a coder on a study when they applied it (not a
 * descendant). Observed agreement and Cohen's kappa come from that 2×2 table. Kappa is not
 * estimable when no study was finished by both, or when chance agreement is 1: both coders
 * marked the code present on every study, or both on none (there is nothing to tell apart).
 * `applications` are the coders' own (not the consensus).
 */
export function dualCodingTables(
  codes: readonly SynthesisCode[],
  applications: readonly SynthesisApplication[],
  finished: readonly FinishedStudy[],
): CodePairTable[] {
  const finishedBy = new Map<string, Set<number>>();
  for (const f of finished) finishedBy.set(f.coder, (finishedBy.get(f.coder) ?? new Set()).add(f.studyId));
  const applied = new Set(applications.map((a) => `${a.coder}\u0000${a.studyId}\u0000${a.codeId}`));
  const coders = [...finishedBy.keys()].sort();
  const tables: CodePairTable[] = [];
  for (let i = 0; i < coders.length; i++) {
    for (let j = i + 1; j < coders.length; j++) {
      const a = coders[i]!;
      const b = coders[j]!;
      const shared = [...finishedBy.get(a)!].filter((s) => finishedBy.get(b)!.has(s));
      if (shared.length === 0) continue;
      for (const code of codes) {
        const t = { both: 0, onlyFirst: 0, onlySecond: 0, neither: 0 };
        for (const s of shared) {
          const x = applied.has(`${a}\u0000${s}\u0000${code.id}`);
          const y = applied.has(`${b}\u0000${s}\u0000${code.id}`);
          if (x && y) t.both++;
          else if (x) t.onlyFirst++;
          else if (y) t.onlySecond++;
          else t.neither++;
        }
        tables.push({ code: code.code, coders: [a, b], studies: shared.length, ...t, ...kappaOf(t) });
      }
    }
  }
  return tables;
}

function kappaOf(t: { both: number; onlyFirst: number; onlySecond: number; neither: number }) {
  const n = t.both + t.onlyFirst + t.onlySecond + t.neither;
  const stats = agreementFromTable([
    [t.both, t.onlyFirst],
    [t.onlySecond, t.neither],
  ]);
  return {
    observedAgreement: n === 0 ? null : (t.both + t.neither) / n,
    kappa: stats.cohenKappa,
    kappaNotEstimable:
      stats.cohenKappa !== null
        ? null
        : n === 0
          ? 'no study finished by both coders'
          : t.both === n
            ? 'both coders applied the code to every study (chance agreement is 1)'
            : 'neither coder applied the code to any study (chance agreement is 1)',
  };
}
