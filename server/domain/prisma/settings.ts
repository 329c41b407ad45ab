import { DEFAULT_LABELS } from './template';
import type { SettingsSection } from '../settings-section';
import { OTHER_SCREENING, type OtherScreening, type PrismaInput } from './types';

/**
 * What a project tells the diagram that the records cannot: the previous version of an
 * updated review (PRISMA box 1), box texts the team prefers (a translation, a house wording),
 * and whether to show the other-methods column's title/abstract step.
 * Stored under the "prisma" key of projects.settings_json.
 */
export interface PrismaSettings {
  previousStudies?: number;
  previousReports?: number;
  labels?: Record<string, string>;
  /** Whether the other-methods column shows its title/abstract step (see OtherScreening); "auto" when absent. */
  otherScreening?: OtherScreening;
}

/** The keys whose box text may be replaced: the template's data keys and title boxes. */
export const LABEL_KEYS = Object.keys(DEFAULT_LABELS);

/** Reads stored settings leniently: anything malformed is ignored rather than breaking the diagram. */
export function readPrismaSettings(stored: unknown): PrismaSettings {
  if (typeof stored !== 'object' || stored === null) return {};
  const s = stored as Record<string, unknown>;
  const count = (v: unknown) => (Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : undefined);
  const labels: Record<string, string> = {};
  if (typeof s.labels === 'object' && s.labels !== null) {
    for (const [key, value] of Object.entries(s.labels as Record<string, unknown>)) {
      if (LABEL_KEYS.includes(key) && typeof value === 'string' && value.trim() !== '') labels[key] = value;
    }
  }
  const out: PrismaSettings = {};
  const studies = count(s.previousStudies);
  const reports = count(s.previousReports);
  if (studies !== undefined) out.previousStudies = studies;
  if (reports !== undefined) out.previousReports = reports;
  if (Object.keys(labels).length) out.labels = labels;
  if (OTHER_SCREENING.includes(s.otherScreening as OtherScreening))
    out.otherScreening = s.otherScreening as OtherScreening;
  return out;
}

/** PRISMA's section of the project settings. */
export const PRISMA_SETTINGS: SettingsSection<PrismaSettings> = { name: 'prisma', read: readPrismaSettings };

/** The review's input with the project's previous version and box texts added. */
export function withSettings(input: PrismaInput, settings: PrismaSettings): PrismaInput {
  const previous = { ...input.previous };
  if (settings.previousStudies !== undefined) previous.studies = { n: settings.previousStudies };
  if (settings.previousReports !== undefined) previous.reports = { n: settings.previousReports };
  return {
    ...input,
    ...(previous.studies || previous.reports ? { previous } : {}),
    ...(settings.labels ? { labels: { ...input.labels, ...settings.labels } } : {}),
    ...(settings.otherScreening ? { otherScreening: settings.otherScreening } : {}),
  };
}
