import type { Answers } from './rules';

/**
 * Which appraisal of a study the results count, criterion by criterion.
 *
 * With two appraisers per study (blind, then reconciled): once both finished, an answer they
 * agree on stands by itself, and where they disagree the owner's consensus answer counts (the
 * owner may also overrule an agreement); a disagreement nobody reconciled leaves the criterion
 * unanswered. With one appraiser per study: the first appraiser to finish the study, under any
 * answer the owner wrote. Only finished appraisals count (an appraisal in progress may change).
 * The design is the extraction form's when it holds one, else decided the same way.
 */

/** One appraiser's finished appraisal of a study. */
export interface FinishedWork {
  userId: number;
  design: string | null;
  answers: Answers;
  /** When they marked it done (ISO): the first to finish counts with one appraiser per study. */
  doneAt: string;
}

export interface CountedAppraisal {
  design: string | null;
  answers: Record<string, string>;
  /** Criteria (and `design`) where two finished appraisers disagree and the owner has not decided. */
  unresolved: string[];
}

export function countedAppraisal(input: {
  appraisersRequired: 1 | 2;
  formDesign: string | null;
  consensus: { design: string | null; answers: Answers };
  finished: readonly FinishedWork[];
}): CountedAppraisal {
  const finished = [...input.finished].sort(
    (a, b) => a.doneAt.localeCompare(b.doneAt) || a.userId - b.userId,
  );
  const unresolved: string[] = [];
  let design = input.formDesign ?? input.consensus.design;
  const answers: Record<string, string> = {};
  if (input.appraisersRequired === 1) {
    design ??= finished[0]?.design ?? null;
    Object.assign(answers, finished[0]?.answers ?? {}, input.consensus.answers);
    return { design, answers, unresolved };
  }
  const [a, b] = finished;
  if (design === null && a && b) {
    if (a.design === b.design) design = a.design;
    else unresolved.push('design');
  }
  const criteria = new Set(
    [a?.answers, b?.answers, input.consensus.answers].flatMap((given) => Object.keys(given ?? {})),
  );
  for (const id of criteria) {
    const decided = input.consensus.answers[id];
    if (decided !== undefined) answers[id] = decided;
    else if (a && b && a.answers[id] === b.answers[id]) answers[id] = a.answers[id]!;
    else if (a && b) unresolved.push(id);
  }
  return { design, answers, unresolved };
}
