/**
 * One area's part of a project's settings (projects.settings_json holds one section per
 * area). The area's domain module declares its section: the key it lives under, and how a
 * stored value reads, leniently (anything unusable falls back to the area's defaults, so a
 * stale or hand-edited value never breaks a page). Changes are validated by the area's own
 * functions inside services/project-settings.ts's one update transaction.
 */
export interface SettingsSection<T> {
  /** the key in the settings document: letters and digits only */
  readonly name: string;
  /** the section as stored (undefined when never written) → its value */
  read(stored: unknown): T;
}
