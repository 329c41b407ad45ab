import type { CodebookResponse, CodingStudiesResponse, StudyListItem } from '../../../server/api/types';
import { api } from '../api';
import { codebookEditor } from '../coding/codebook-editor';
import { renderStudy } from '../coding/study-view';
import { h, mount } from '../dom';
import { frame } from '../layout';
import { loadProject } from '../project';

/** The included studies, one coded at a time; owners also edit the codebook here. */
export async function codingPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const project = await loadProject(projectId);
  const content = frame(root, project);
  const base = `/api/projects/${projectId}`;
  const [{ codes, fields }, { studies }] = await Promise.all([
    api.get<CodebookResponse>(`${base}/codebook`),
    api.get<CodingStudiesResponse>(`${base}/coding/studies`),
  ]);
  const selected = params.recordId ? Number(params.recordId) : studies[0]?.id;
  const detail = h('div', { class: 'coding-detail' });
  mount(
    content,
    h('h1', {}, 'Coding'),
    h(
      'p',
      {},
      'Codebook: ',
      h('a', { href: `${base}/codebook.json`, download: '' }, 'JSON'),
      ' · ',
      h('a', { href: `${base}/codebook.csv`, download: '' }, 'CSV'),
    ),
    h('div', { class: 'screening' }, detail, studyList(projectId, studies, selected)),
    project.role === 'owner' ? codebookEditor(base, projectId, codes) : null,
  );
  if (selected != null) await renderStudy(detail, base, projectId, selected, codes, fields);
}

function studyList(projectId: number, studies: StudyListItem[], selected: number | undefined): HTMLElement {
  return h(
    'nav',
    { class: 'card', 'aria-label': 'Included studies' },
    h('h2', {}, `Included studies (${studies.length})`),
    studies.length === 0
      ? h(
          'p',
          { class: 'muted' },
          'No included studies yet: they appear here once full-text screening includes them.',
        )
      : h(
          'ol',
          { class: 'study-list' },
          ...studies.map((s) =>
            h(
              'li',
              {},
              h(
                'a',
                {
                  href: `#/projects/${projectId}/coding/${s.id}`,
                  'aria-current': s.id === selected ? 'true' : null,
                },
                s.label,
              ),
              ' ',
              h('span', { class: 'badge' }, `${s.applications} codes`),
            ),
          ),
        ),
  );
}
