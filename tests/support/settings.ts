import type { SettingsSection } from '../../server/domain/settings-section';

/** A settings section holding one counter (tests of the settings module, not a real area). */
export function counterSection(name: string): SettingsSection<number> {
  return { name, read: (stored) => (typeof stored === 'number' ? stored : 0) };
}
