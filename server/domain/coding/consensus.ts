/**
 * Which coding of a study the synthesis counts. With two coders per study (blind dual coding)
 * only the consensus the owner reconciled counts: a study nobody has reconciled yet is included
 * but carries no codes. With one coder per study the consensus counts where the owner wrote
 * one, and otherwise the work of whoever coded the study (every coder's, united: a second
 * coder double-coding a sample for agreement adds nothing the first did not see).
 * Extraction values follow the same rule field by field.
 */

/**
 * The applications of one study that the synthesis counts, from the owner's reconciled ones
 * (`consensus`, live) and every coder's own (`coders`, live).
 */
export function countedApplications<A>(
  codersRequired: 1 | 2,
  consensus: readonly A[],
  coders: readonly A[],
): readonly A[] {
  if (consensus.length > 0 || codersRequired === 2) return consensus;
  return coders;
}

/**
 * The values of one field of one study that the synthesis counts: the consensus value when
 * there is one; with one coder per study, else every coder's.
 */
export function countedValues<V>(
  codersRequired: 1 | 2,
  consensus: V | undefined,
  coders: readonly V[],
): readonly V[] {
  if (consensus !== undefined) return [consensus];
  return codersRequired === 2 ? [] : coders;
}
