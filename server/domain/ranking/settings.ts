import type { SettingsSection } from '../settings-section';
import type { ModelName } from './ranker';

/** The owner's prioritisation settings, stored in the project settings under "prioritisation". */
export interface PrioritisationSettings {
  enabled: boolean;
  /** Words from the review question that order the queue before the first include and exclude. */
  keywords: string[];
  /** `sift` (the default), or naive Bayes / logistic regression alone. */
  model: ModelName;
}

/** Reads the stored section leniently (a bare `true` from early versions means "on"). */
export function readPrioritisationSettings(stored: unknown): PrioritisationSettings {
  const obj = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return {
    enabled: stored === true || obj.enabled === true,
    keywords: Array.isArray(obj.keywords)
      ? obj.keywords.filter((k): k is string => typeof k === 'string')
      : [],
    // Unset (and anything unknown) means the default, `sift`; projects that chose nb or lr keep it.
    model: obj.model === 'lr' || obj.model === 'nb' ? obj.model : 'sift',
  };
}

/** Prioritisation's section of the project settings. */
export const PRIORITISATION_SETTINGS: SettingsSection<PrioritisationSettings> = {
  name: 'prioritisation',
  read: readPrioritisationSettings,
};

/** Applies an owner's change: what the patch leaves out stays as it was. */
export function applyPrioritisationPatch(
  current: PrioritisationSettings,
  patch: Partial<PrioritisationSettings>,
): PrioritisationSettings {
  return readPrioritisationSettings({ ...current, ...patch });
}
