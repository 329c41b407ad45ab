import { z } from 'zod';
import { ValidationError } from '../errors';
import type { SettingsSection } from '../settings-section';

/**
 * How a project codes its included studies: by one coder per study, or by two coders working
 * blind whose work the owner reconciles into the consensus coding that synthesis counts.
 * Stored under the "coding" key of projects.settings_json.
 */
export interface CodingSettings {
  /** Coders who finish each study: 2 (blind dual coding, then consensus) or 1. */
  codersRequired: 1 | 2;
  /** Coders do not see each other's codes, excerpts and values on a study until both finished it… */
  blind: boolean;
  /** …or the owner unblinds coding (one way). */
  unblinded: boolean;
}

export function defaultCodingSettings(): CodingSettings {
  return { codersRequired: 2, blind: true, unblinded: false };
}

const stored = z
  .object({
    codersRequired: z.union([z.literal(1), z.literal(2)]),
    blind: z.boolean(),
    unblinded: z.boolean(),
  })
  .partial();

/** Reads stored settings over the defaults; a malformed value falls back to the default. */
export function codingSettingsFromStored(value: unknown): CodingSettings {
  const parsed = stored.safeParse(value);
  return { ...defaultCodingSettings(), ...(parsed.success ? parsed.data : {}) };
}

export const CODING_SETTINGS: SettingsSection<CodingSettings> = {
  name: 'coding',
  read: codingSettingsFromStored,
};

/** What an owner may change (unblinding has its own action). */
export const codingSettingsPatch = z
  .object({ codersRequired: z.union([z.literal(1), z.literal(2)]), blind: z.boolean() })
  .partial()
  .strict();

export type CodingSettingsPatch = z.infer<typeof codingSettingsPatch>;

/** Applies a patch read from outside; refuses anything but the two settings above. */
export function applyCodingPatch(current: CodingSettings, patch: unknown): CodingSettings {
  const parsed = codingSettingsPatch.safeParse(patch);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'coding settings'}: ${i.message}`).join('; '),
    );
  }
  return { ...current, ...parsed.data };
}

/** Unblinds coding (one way: what has been seen cannot be unseen). */
export function unblindCoding(current: CodingSettings): CodingSettings {
  return { ...current, unblinded: true };
}
