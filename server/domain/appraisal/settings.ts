import { z } from 'zod';
import type { AppraisalSettings } from '../../api/appraisal';
import { ValidationError } from '../errors';
import type { SettingsSection } from '../settings-section';

/**
 * How a project appraises its included studies: with which tool, by one appraiser per study or
 * by two working blind whose answers the owner reconciles into a consensus, and where a study's
 * design comes from. Stored under the "appraisal" key of projects.settings_json.
 */
export type { AppraisalSettings };

/** The tool a project appraises with until the owner chooses another. */
export const DEFAULT_TOOL = 'mmat-2018';

export function defaultAppraisalSettings(): AppraisalSettings {
  return {
    tool: DEFAULT_TOOL,
    appraisersRequired: 2,
    blind: true,
    unblinded: false,
    designField: 'design',
    designMap: {},
    notice: null,
  };
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const designMap = z
  .record(z.string().min(1).max(300), z.string().regex(KEY))
  .refine((m) => Object.keys(m).length <= 200, 'at most 200 mapped values');

const stored = z
  .object({
    tool: z.string().regex(KEY),
    appraisersRequired: z.union([z.literal(1), z.literal(2)]),
    blind: z.boolean(),
    unblinded: z.boolean(),
    designField: z.string().min(1).max(80).nullable(),
    designMap,
    notice: z.string().max(2000).nullable(),
  })
  .partial();

/** Reads stored settings over the defaults; a malformed value falls back to the default. */
export function appraisalSettingsFromStored(value: unknown): AppraisalSettings {
  const parsed = stored.safeParse(value);
  return { ...defaultAppraisalSettings(), ...(parsed.success ? parsed.data : {}) };
}

export const APPRAISAL_SETTINGS: SettingsSection<AppraisalSettings> = {
  name: 'appraisal',
  read: appraisalSettingsFromStored,
};

/** What an owner may change here (the tool has its own service; unblinding its own action). */
export const appraisalSettingsPatch = z
  .object({
    appraisersRequired: z.union([z.literal(1), z.literal(2)]),
    blind: z.boolean(),
    designField: z.string().trim().min(1).max(80).nullable(),
    designMap,
    notice: z.string().trim().max(2000).nullable(),
  })
  .partial()
  .strict();

/** Applies a patch read from outside; an empty notice clears it. */
export function applyAppraisalPatch(current: AppraisalSettings, patch: unknown): AppraisalSettings {
  const parsed = appraisalSettingsPatch.safeParse(patch);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'appraisal settings'}: ${i.message}`).join('; '),
    );
  }
  const next = { ...current, ...parsed.data };
  return { ...next, notice: next.notice === '' ? null : next.notice };
}

/** Unblinds appraisal (one way: what has been seen cannot be unseen). */
export function unblindAppraisal(current: AppraisalSettings): AppraisalSettings {
  return { ...current, unblinded: true };
}
