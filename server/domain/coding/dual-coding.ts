import type { SynthesisApplication, SynthesisCode } from './synthesis';

/** For one code and one pair of coders: the 2×2 presence table over the studies both coded. */
export interface CodePairTable {
  code: string;
  coders: [string, string];
  /** Studies both coders coded (with any code): the base of the table. */
  studies: number;
  both: number;
  onlyFirst: number;
  onlySecond: number;
  neither: number;
  /** (both + neither) ÷ studies; null when no study was coded by both. */
  observedAgreement: number | null;
}

/**
 * Dual coding agreement per code: for every pair of coders, the studies each of them coded
 * form the base; a code is "present" for a coder when they applied it (not a descendant) to the study.
 */
export function dualCodingTables(
  codes: SynthesisCode[],
  applications: SynthesisApplication[],
): CodePairTable[] {
  const studiesOf = new Map<string, Set<number>>();
  const applied = new Set<string>();
  for (const a of applications) {
    studiesOf.set(a.coder, (studiesOf.get(a.coder) ?? new Set()).add(a.studyId));
    applied.add(`${a.coder}\u0000${a.studyId}\u0000${a.codeId}`);
  }
  const coders = [...studiesOf.keys()].sort();
  const tables: CodePairTable[] = [];
  for (let i = 0; i < coders.length; i++) {
    for (let j = i + 1; j < coders.length; j++) {
      const a = coders[i]!;
      const b = coders[j]!;
      const shared = [...studiesOf.get(a)!].filter((s) => studiesOf.get(b)!.has(s));
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
        tables.push({
          code: code.code,
          coders: [a, b],
          studies: shared.length,
          ...t,
          observedAgreement: shared.length === 0 ? null : (t.both + t.neither) / shared.length,
        });
      }
    }
  }
  return tables;
}
