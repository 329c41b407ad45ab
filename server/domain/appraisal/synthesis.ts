import { studiesByCode, type SynthesisInput } from '../coding/synthesis';

/**
 * The synthesis by appraisal result: `all-yes` counts only the studies that meet all criteria
 * (rules.ts, meetsAllCriteria); `stratify` keeps every study and splits each code's studies by
 * how they stand: meeting all criteria, not all, or not (completely) appraised yet. A theme
 * supported only by studies that meet all criteria is one whose studies all stand in the first.
 */

export const SYNTHESIS_APPRAISAL_OPTIONS = ['all-yes', 'stratify'] as const;
export type SynthesisAppraisalOption = (typeof SYNTHESIS_APPRAISAL_OPTIONS)[number];

export type AppraisalStratum = 'meets-all' | 'not-all' | 'not-appraised';

export interface StratumCounts {
  meetsAll: number;
  notAll: number;
  notAppraised: number;
}

/** The synthesis input restricted to the studies `keep` accepts (their codes with them). */
export function keepStudies<I extends SynthesisInput>(input: I, keep: (studyId: number) => boolean): I {
  return {
    ...input,
    studies: input.studies.filter((s) => keep(s.id)),
    applications: input.applications.filter((a) => keep(a.studyId)),
  };
}

/** How many studies stand in each stratum (a study the strata do not name is not appraised). */
export function countStrata(
  studyIds: Iterable<number>,
  strata: ReadonlyMap<number, AppraisalStratum>,
): StratumCounts {
  const counts: StratumCounts = { meetsAll: 0, notAll: 0, notAppraised: 0 };
  for (const id of studyIds) {
    const stratum = strata.get(id) ?? 'not-appraised';
    if (stratum === 'meets-all') counts.meetsAll++;
    else if (stratum === 'not-all') counts.notAll++;
    else counts.notAppraised++;
  }
  return counts;
}

/** For each code (by key): its studies (those under it or a sub-code) counted by stratum. */
export function codesByStratum(
  input: SynthesisInput,
  strata: ReadonlyMap<number, AppraisalStratum>,
): Map<string, StratumCounts & { onlyMeetsAll: boolean }> {
  const covered = studiesByCode(input);
  return new Map(
    input.codes.map((c) => {
      const counts = countStrata(covered.get(c.id) ?? [], strata);
      return [
        c.code,
        { ...counts, onlyMeetsAll: counts.meetsAll > 0 && counts.notAll + counts.notAppraised === 0 },
      ];
    }),
  );
}

/** The title of a synthesis report asked for by appraisal result: it says which studies it counts. */
export function synthesisTitle(projectName: string, option: SynthesisAppraisalOption | undefined): string {
  return option === 'all-yes' ? `${projectName} (studies that meet all appraisal criteria)` : projectName;
}
