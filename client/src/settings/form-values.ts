import type { Stage, StageSettings } from '../../../server/api/types';

/** Turns what the owner typed on the settings page into the values the API takes. No DOM here. */

/** One entry per non-blank line (exclusion reasons). */
export const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** Words separated by commas, semicolons or lines (highlighting and prioritisation keywords). */
export const words = (text: string): string[] =>
  text
    .split(/[,;\n]/)
    .map((w) => w.trim())
    .filter((w) => w !== '');

/** The fields of one stage as the form holds them. */
export interface StageFields {
  reviewersRequired: string;
  blind: boolean;
  exclusionReasons: string;
  reasonRequired: boolean;
}

export type StagePatch = Pick<StageSettings, 'reviewersRequired' | 'blind' | 'exclusionReasons'> &
  Partial<Pick<StageSettings, 'reasonRequired'>>;

/** A stage's part of PATCH …/settings; full text always needs a reason, so it never sends that switch. */
export function stagePatch(stage: Stage, fields: StageFields): StagePatch {
  return {
    reviewersRequired: Number(fields.reviewersRequired) as 1 | 2,
    blind: fields.blind,
    exclusionReasons: lines(fields.exclusionReasons),
    ...(stage === 'title_abstract' ? { reasonRequired: fields.reasonRequired } : {}),
  };
}

/** The owner's prioritisation switch and words (at most 50, as the API allows). */
export function prioritisationPatch(
  enabled: boolean,
  keywords: string,
): { enabled: boolean; keywords: string[] } {
  return { enabled, keywords: words(keywords).slice(0, 50) };
}
