import { z } from 'zod';
import { ValidationError } from '../errors';
import type { SettingsSection } from '../settings-section';
import type { Stage } from './types';

export interface StageSettings {
  /** Votes needed before a record leaves every queue: 1 or 2. */
  reviewersRequired: 1 | 2;
  /** Reviewers cannot see each other's votes… */
  blind: boolean;
  /** …until the owner unblinds the stage (one way: what has been seen cannot be unseen). */
  unblinded: boolean;
  /** The shared list offered to reviewers; reasons stay free text so nothing is refused for wording. */
  exclusionReasons: string[];
  /** Whether an exclude needs a reason; always true at full text (PRISMA reports them). */
  reasonRequired: boolean;
}

export interface ScreeningSettings {
  /** Shown beside every record while screening. */
  eligibilityCriteria: string;
  highlightKeywords: { include: string[]; exclude: string[] };
  stages: Record<Stage, StageSettings>;
}

export const DEFAULT_FULL_TEXT_REASONS = [
  'Wrong population',
  'Wrong intervention or exposure',
  'Wrong comparator',
  'Wrong outcomes',
  'Wrong study design',
  'Wrong publication type',
  'Not in the review language',
  'Duplicate report',
];

export function defaultSettings(): ScreeningSettings {
  return {
    eligibilityCriteria: '',
    highlightKeywords: { include: [], exclude: [] },
    stages: {
      title_abstract: {
        reviewersRequired: 2,
        blind: true,
        unblinded: false,
        exclusionReasons: [],
        reasonRequired: false,
      },
      full_text: {
        reviewersRequired: 2,
        blind: true,
        unblinded: false,
        exclusionReasons: [...DEFAULT_FULL_TEXT_REASONS],
        reasonRequired: true,
      },
    },
  };
}

const text = z.string().trim().max(200);
const keywordList = z.array(text.min(1)).max(500);
const stagePatch = z
  .object({
    reviewersRequired: z.union([z.literal(1), z.literal(2)]),
    blind: z.boolean(),
    exclusionReasons: z.array(text.min(1)).max(100),
    reasonRequired: z.boolean(),
  })
  .partial()
  .strict();

/** What an owner may change (unblinding has its own action). */
export const settingsPatchSchema = z
  .object({
    eligibilityCriteria: z.string().max(20000),
    highlightKeywords: z.object({ include: keywordList, exclude: keywordList }).partial().strict(),
    stages: z.object({ title_abstract: stagePatch, full_text: stagePatch }).partial().strict(),
  })
  .partial()
  .strict();

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** Applies a validated patch; refuses to make full-text exclusion reasons optional. */
export function applySettingsPatch(current: ScreeningSettings, patch: SettingsPatch): ScreeningSettings {
  if (patch.stages?.full_text?.reasonRequired === false) {
    throw new ValidationError('an exclusion reason is always required at full text');
  }
  const dedupe = (list: string[]) => [...new Set(list)];
  const next: ScreeningSettings = structuredClone(current);
  if (patch.eligibilityCriteria !== undefined) next.eligibilityCriteria = patch.eligibilityCriteria;
  if (patch.highlightKeywords?.include)
    next.highlightKeywords.include = dedupe(patch.highlightKeywords.include);
  if (patch.highlightKeywords?.exclude)
    next.highlightKeywords.exclude = dedupe(patch.highlightKeywords.exclude);
  for (const stage of ['title_abstract', 'full_text'] as const) {
    const p = patch.stages?.[stage];
    if (!p) continue;
    const s = next.stages[stage];
    if (p.reviewersRequired !== undefined) s.reviewersRequired = p.reviewersRequired;
    if (p.blind !== undefined) s.blind = p.blind;
    if (p.exclusionReasons !== undefined) s.exclusionReasons = dedupe(p.exclusionReasons);
    if (p.reasonRequired !== undefined) s.reasonRequired = p.reasonRequired;
  }
  return next;
}

const storedStage = z
  .object({
    reviewersRequired: z.union([z.literal(1), z.literal(2)]),
    blind: z.boolean(),
    unblinded: z.boolean(),
    exclusionReasons: z.array(z.string()),
    reasonRequired: z.boolean(),
  })
  .partial();

const storedSettings = z
  .object({
    eligibilityCriteria: z.string(),
    highlightKeywords: z.object({ include: z.array(z.string()), exclude: z.array(z.string()) }).partial(),
    stages: z.object({ title_abstract: storedStage, full_text: storedStage }).partial(),
  })
  .partial();

/** Reads stored settings over the defaults; a malformed stored value falls back to the default. */
export function settingsFromStored(stored: unknown): ScreeningSettings {
  const base = defaultSettings();
  const parsed = storedSettings.safeParse(stored);
  if (!parsed.success) return base;
  const s = parsed.data;
  return {
    eligibilityCriteria: s.eligibilityCriteria ?? base.eligibilityCriteria,
    highlightKeywords: {
      include: s.highlightKeywords?.include ?? base.highlightKeywords.include,
      exclude: s.highlightKeywords?.exclude ?? base.highlightKeywords.exclude,
    },
    stages: {
      title_abstract: { ...base.stages.title_abstract, ...s.stages?.title_abstract },
      full_text: { ...base.stages.full_text, ...s.stages?.full_text, reasonRequired: true },
    },
  };
}

/** Screening's section of the project settings. */
export const SCREENING_SETTINGS: SettingsSection<ScreeningSettings> = {
  name: 'screening',
  read: settingsFromStored,
};

/** Unblinds one stage (one way: what has been seen cannot be unseen). */
export function unblindStage(current: ScreeningSettings, stage: Stage): ScreeningSettings {
  const next = structuredClone(current);
  next.stages[stage].unblinded = true;
  return next;
}
