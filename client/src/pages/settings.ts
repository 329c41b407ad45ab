import type { CodingSettings, Member, RankingResponse, ScreeningSettings } from '../../../server/api/types';
import { api, optional } from '../api';
import { h, mount } from '../dom';
import { frame } from '../layout';
import { loadProject } from '../project';
import { invitationsSection } from '../settings/invitations-section';
import { membersSection } from '../settings/members-section';
import { prioritisationForm } from '../settings/prioritisation-form';
import { codingSettingsForm } from '../settings/coding-form';
import { screeningSettingsForm } from '../settings/screening-form';

/** The owner's settings: criteria, reviewers per record, blind mode, reasons, highlighting, prioritisation, coding, members. */
export async function settingsPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const project = await loadProject(projectId);
  const content = frame(root, project);
  const base = `/api/projects/${projectId}`;
  const owner = project.role === 'owner';
  const [settings, coding, members, prioritisation] = await Promise.all([
    api.get<ScreeningSettings>(`${base}/settings`),
    api.get<CodingSettings>(`${base}/coding/settings`),
    api.get<Member[]>(`${base}/members`),
    optional(api.get<RankingResponse>(`${base}/ranking`)).then((r) => r?.settings ?? null),
  ]);
  const invitations = owner ? await invitationsSection(base) : null;
  mount(
    content,
    h('h1', {}, 'Settings'),
    owner ? null : h('p', { class: 'muted' }, 'Only the owner can change these settings.'),
    screeningSettingsForm(base, settings, owner),
    prioritisation ? prioritisationForm(base, prioritisation, owner) : null,
    codingSettingsForm(base, coding, owner),
    membersSection(base, members, owner),
    invitations,
  );
}
