/** The text of one record that the ranking model reads. */
export interface RankDocument {
  title: string | null;
  abstract: string | null;
  keywords: readonly string[];
}

/**
 * The fields kept apart so n-grams never straddle a title and an abstract.
 * Keywords are joined with a separator word boundary for the same reason.
 */
export function documentFields(doc: RankDocument): string[] {
  return [doc.title ?? '', doc.abstract ?? '', doc.keywords.join(' ; ')];
}
