import type {
  CodebookResponse,
  CodingAgreementResponse,
  CodingStudiesResponse,
  StudyListItem,
} from '../../../server/api/types';
import { api, ApiError, optional } from '../api';
import { blindedNotice, unlessBlinded } from '../blind';
import { agreementTable } from '../coding/agreement-table';
import { pdfBeside } from '../coding/study-pdf';
import { renderStudy } from '../coding/study-view';
import { h, mount } from '../dom';
import { frame } from '../layout';
import { loadProject } from '../project';

/** The included studies, one coded at a time, beside its PDF when one was uploaded. */
export async function codingPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const project = await loadProject(projectId);
  const content = frame(root, project);
  const base = `/api/projects/${projectId}`;
  const owner = project.role === 'owner';
  const [{ codes, fields }, list, agreement] = await Promise.all([
    api.get<CodebookResponse>(`${base}/codebook`),
    unlessBlinded(api.get<CodingStudiesResponse>(`${base}/coding/studies`)),
    optional(api.get<CodingAgreementResponse>(`${base}/coding/agreement`)),
  ]);
  const heading = [
    h('h1', {}, 'Coding'),
    h(
      'p',
      {},
      owner
        ? h('a', { href: `#/projects/${projectId}/codebook` }, 'Edit the codebook')
        : h('a', { href: `#/projects/${projectId}/codebook` }, 'The codebook'),
      ' · Export: ',
      h('a', { href: `${base}/codebook.json`, download: '' }, 'JSON'),
      ' · ',
      h('a', { href: `${base}/codebook.csv`, download: '' }, 'CSV'),
    ),
  ];
  if (list instanceof ApiError) {
    // which studies are included is computed from the screening votes, still blind to this member
    mount(content, ...heading, blindedNotice(list));
    return;
  }
  const { studies } = list;
  const requested = params.recordId ? Number(params.recordId) : undefined;
  // any report of a study names it: select the study it belongs to
  const selected = (
    studies.find((s) => requested !== undefined && s.reportIds.includes(requested)) ?? studies[0]
  )?.id;
  const detail = h('div', { class: 'coding-detail' });
  const columns = h('div', { class: 'screening' }, detail, studyList(projectId, studies, selected));
  mount(content, ...heading, columns, agreement ? agreementTable(agreement.agreement) : null);
  if (selected != null)
    await renderStudy(detail, base, projectId, selected, codes, fields, owner, (href) =>
      pdfBeside(columns, href),
    );
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
              s.done ? h('span', { class: 'badge include' }, 'done') : null,
              s.doneBy && s.doneBy.length > 0
                ? h('span', { class: 'badge' }, `finished: ${s.doneBy.join(', ')}`)
                : null,
            ),
          ),
        ),
  );
}
