import type {
  AppraisalSettings,
  AppraisalStudiesResponse,
  AppraisalStudyItem,
  AppraisalSummary,
  AppraisalToolsResponse,
  CodebookResponse,
} from '../../../server/api/types';
import { api, ApiError } from '../api';
import { resultsSection } from '../appraisal/results';
import { setupSection } from '../appraisal/setup';
import { renderAppraisalStudy } from '../appraisal/study-view';
import { blindedNotice, unlessBlinded } from '../blind';
import { h, mount } from '../dom';
import { frame } from '../layout';
import { loadProject } from '../project';
import { navigate } from '../router';

/**
 * Critical appraisal of the included studies (issue 20): one study at a time with the tool in
 * use, the results (traffic-light table, summary bars, agreement, downloads) once the caller may
 * see them, and the owner's setup.
 */
type View = 'studies' | 'results' | 'setup';

export async function appraisalPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const project = await loadProject(projectId);
  const content = frame(root, project);
  const base = `/api/projects/${projectId}/appraisal`;
  const owner = project.role === 'owner';
  const asked = new URLSearchParams(location.hash.split('?')[1] ?? '').get('view');
  const view: View = asked === 'results' || (asked === 'setup' && owner) ? asked : 'studies';
  const [settings, tools] = await Promise.all([
    api.get<AppraisalSettings>(`${base}/settings`),
    api.get<AppraisalToolsResponse>(`${base}/tools`),
  ]);
  const tool = tools.tools.find((t) => t.id === tools.active)!;
  const here = `/projects/${projectId}/appraisal${params.recordId ? `/${params.recordId}` : ''}`;
  const reload = () => navigate(view === 'studies' ? here : `${here}?view=${view}`);
  const heading = [
    h('h1', {}, 'Appraisal'),
    settings.notice ? h('p', { class: 'appraisal-notice', role: 'note' }, settings.notice) : null,
    h(
      'p',
      { class: 'muted' },
      `Tool: ${tool.name}. `,
      settings.appraisersRequired === 2
        ? 'Two appraisers per study, blind, then the owner’s consensus.'
        : 'One appraiser per study.',
    ),
    viewSwitch(projectId, view, owner),
  ];
  if (view === 'setup') {
    const { fields } = await api.get<CodebookResponse>(`/api/projects/${projectId}/codebook`);
    mount(content, ...heading, setupSection(base, settings, tools, fields, reload));
    return;
  }
  if (view === 'results') {
    const summary = await unlessBlinded(api.get<AppraisalSummary>(`${base}/summary`));
    mount(
      content,
      ...heading,
      summary instanceof ApiError ? blindedNotice(summary) : resultsSection(base, summary, tool),
    );
    return;
  }
  const list = await unlessBlinded(api.get<AppraisalStudiesResponse>(`${base}/studies`));
  if (list instanceof ApiError) {
    // which studies are included, and their designs, come from the screening and the coding
    mount(content, ...heading, blindedNotice(list));
    return;
  }
  const requested = params.recordId ? Number(params.recordId) : undefined;
  const selected = (
    list.studies.find((s) => requested !== undefined && s.reportIds.includes(requested)) ?? list.studies[0]
  )?.id;
  const detail = h('div', { class: 'appraisal-detail' });
  mount(
    content,
    ...heading,
    h('div', { class: 'screening' }, detail, studyList(projectId, list.studies, selected)),
  );
  if (selected != null) await renderAppraisalStudy(detail, base, projectId, selected, owner);
  else
    mount(
      detail,
      h(
        'p',
        { class: 'muted card' },
        'No included studies yet: they appear here once full-text screening includes them.',
      ),
    );
}

/** Studies to appraise, the results, and (owners) the setup: one page, three views. */
function viewSwitch(projectId: number, view: View, owner: boolean): HTMLElement {
  const views: [View, string][] = [
    ['studies', 'Studies'],
    ['results', 'Results'],
    ...(owner ? ([['setup', 'Setup']] as [View, string][]) : []),
  ];
  return h(
    'nav',
    { class: 'stage-switch', 'aria-label': 'Appraisal views' },
    ...views.map(([id, label]) =>
      h(
        'a',
        {
          href: `#/projects/${projectId}/appraisal${id === 'studies' ? '' : `?view=${id}`}`,
          'aria-current': id === view ? 'page' : null,
        },
        label,
      ),
    ),
  );
}
function studyList(
  projectId: number,
  studies: AppraisalStudyItem[],
  selected: number | undefined,
): HTMLElement {
  return h(
    'nav',
    { class: 'card', 'aria-label': 'Studies to appraise' },
    h('h2', {}, `Included studies (${studies.length})`),
    h(
      'ol',
      { class: 'study-list' },
      ...studies.map((s) =>
        h(
          'li',
          {},
          h(
            'a',
            {
              href: `#/projects/${projectId}/appraisal/${s.id}`,
              'aria-current': s.id === selected ? 'true' : null,
            },
            s.label,
          ),
          ' ',
          h(
            'span',
            { class: 'badge', title: 'criteria you answered' },
            s.design === null ? 'design to choose' : `you: ${s.answered}/${s.criteria}`,
          ),
          s.done ? h('span', { class: 'badge include' }, 'done') : null,
          s.doneBy && s.doneBy.length > 0
            ? h('span', { class: 'badge' }, `finished: ${s.doneBy.join(', ')}`)
            : null,
        ),
      ),
    ),
  );
}
