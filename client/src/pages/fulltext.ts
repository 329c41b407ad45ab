import { api, ApiError } from '../api';
import { h, mount } from '../dom';
import { frame, statusLine } from '../layout';
import { loadProject } from '../project';
import { safeUrl } from '../records';
import { uploadWithProgress } from '../upload';

interface Report {
  recordId: number;
  title: string | null;
  year: number | null;
  doi: string | null;
  status: 'sought' | 'retrieved' | 'not_retrievable';
  hasPdf: boolean;
  pdfOriginalName: string | null;
  url: string | null;
  note: string | null;
  studyLabel: string | null;
  fullTextStatus?: string | null;
  fullTextOutcome?: 'include' | 'exclude' | null;
}

const STATUS: Record<Report['status'], string> = {
  sought: 'Sought',
  retrieved: 'Retrieved',
  not_retrievable: 'Not retrievable',
};

/** Reports sought after title/abstract: attach a PDF or a link, or mark them not retrievable; then assess eligibility. */
export async function fulltextPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const project = await loadProject(projectId);
  const content = frame(root, project);
  const base = `/api/projects/${projectId}/fulltext`;
  const owner = project.role === 'owner';
  const status = statusLine();
  const list = h('div', { id: 'reports' });

  const render = async () => {
    const { reports } = await api.get<{ reports: Report[] }>(base);
    const counts = { sought: 0, retrieved: 0, not_retrievable: 0 };
    for (const r of reports) counts[r.status] += 1;
    mount(
      list,
      h('p', {}, `${reports.length} report(s) sought · ${counts.retrieved} retrieved · ${counts.not_retrievable} not retrievable · ${counts.sought} waiting`),
      reports.length === 0
        ? h('p', { class: 'muted' }, 'No reports sought yet: records included at title/abstract appear here.')
        : h('ol', { class: 'report-list' }, ...reports.map(reportItem)),
    );
  };

  const selected = new Set<number>();

  function reportItem(r: Report): HTMLElement {
    const id = `r${r.recordId}`;
    const pick = h('input', { type: 'checkbox', id: `${id}-pick`, checked: selected.has(r.recordId) });
    pick.addEventListener('change', () => (pick.checked ? selected.add(r.recordId) : selected.delete(r.recordId)));
    const file = h('input', { id: `${id}-file`, type: 'file', accept: 'application/pdf,.pdf', name: 'file' });
    const url = h('input', { id: `${id}-url`, type: 'url', name: 'url', placeholder: 'https://…' });
    const progress = h('progress', { max: 1, value: 0, hidden: true, 'aria-label': `Upload progress for record ${r.recordId}` });
    const act = async (what: string, run: () => Promise<unknown>) => {
      try {
        await run();
        await render();
        status.textContent = `${what}: record ${r.recordId}.`;
      } catch (error) {
        status.textContent = error instanceof ApiError ? `${what} failed: ${error.message}` : `${what} failed.`;
      }
    };
    const link = safeUrl(r.url);
    return h(
      'li',
      { class: 'card report', 'data-record-id': r.recordId },
      owner ? h('label', { class: 'check', for: `${id}-pick` }, pick, ` Select record ${r.recordId} to group into a study`) : null,
      h('h2', { class: 'record-title', dir: 'auto' }, r.title ?? '(no title)'),
      h(
        'p',
        { class: 'muted' },
        `Record ${r.recordId}${r.year ? ` · ${r.year}` : ''}${r.doi ? ` · doi:${r.doi}` : ''} · `,
        h('span', { class: `badge ${r.status === 'retrieved' ? 'include' : r.status === 'not_retrievable' ? 'exclude' : ''}` }, STATUS[r.status]),
        r.fullTextOutcome ? h('span', { class: `badge ${r.fullTextOutcome}` }, ` eligibility: ${r.fullTextOutcome}`) : null,
        r.studyLabel ? h('span', { dir: 'auto' }, ` · study: ${r.studyLabel} `) : '',
        owner && r.studyLabel
          ? h('button', { type: 'button', class: 'link', onclick: () => void act('Removed from its study', () => api.delete(`/api/projects/${projectId}/studies/reports/${r.recordId}`)) }, 'Remove from study')
          : null,
      ),
      h(
        'p',
        { class: 'actions' },
        r.hasPdf ? h('a', { class: 'button', href: `${base}/${r.recordId}/pdf`, target: '_blank', rel: 'noopener' }, `PDF: ${r.pdfOriginalName ?? 'report.pdf'}`) : null,
        link ? h('a', { class: 'button', href: link, target: '_blank', rel: 'noopener noreferrer' }, 'Full-text link') : null,
        r.note ? h('span', { class: 'muted', dir: 'auto' }, `Note: ${r.note}`) : null,
      ),
      owner
        ? h(
            'div',
            { class: 'retrieval' },
            h(
              'form',
              {
                class: 'inline-form',
                'aria-label': `Upload the PDF of record ${r.recordId}`,
                onsubmit: (event: Event) => {
                  event.preventDefault();
                  const chosen = file.files?.[0];
                  if (!chosen) {
                    status.textContent = 'Choose a PDF file first.';
                    return;
                  }
                  const body = new FormData();
                  body.set('file', chosen, chosen.name);
                  progress.hidden = false;
                  void act('PDF uploaded', () => uploadWithProgress(`${base}/${r.recordId}/pdf`, body, (f) => (progress.value = f)));
                },
              },
              h('label', { for: `${id}-file` }, 'PDF'),
              file,
              h('button', { type: 'submit' }, 'Upload PDF'),
              progress,
            ),
            h(
              'form',
              {
                class: 'inline-form',
                'aria-label': `Link the full text of record ${r.recordId}`,
                onsubmit: (event: Event) => {
                  event.preventDefault();
                  void act('Link saved', () => api.post(`${base}/${r.recordId}/link`, { url: url.value }));
                },
              },
              h('label', { for: `${id}-url` }, 'or link'),
              url,
              h('button', { type: 'submit' }, 'Save link'),
            ),
            r.status !== 'not_retrievable'
              ? h(
                  'button',
                  { type: 'button', class: 'exclude', onclick: () => void act('Marked not retrievable', () => api.post(`${base}/${r.recordId}/not-retrievable`, {})) },
                  'Not retrievable',
                )
              : null,
          )
        : null,
    );
  }

  const studyLabel = h('input', { id: 'study-label', name: 'label', maxlength: 200, required: true, placeholder: 'e.g. Smith 2021 trial' });
  const grouping = owner
    ? h(
        'form',
        {
          class: 'inline-form card',
          'aria-label': 'Group reports into a study',
          onsubmit: async (event: Event) => {
            event.preventDefault();
            if (selected.size === 0) {
              status.textContent = 'Select the reports of one study first.';
              return;
            }
            try {
              await api.post(`/api/projects/${projectId}/studies`, { label: studyLabel.value.trim(), recordIds: [...selected] });
              const said = `Grouped ${selected.size} report(s) as the study "${studyLabel.value.trim()}".`;
              selected.clear();
              studyLabel.value = '';
              await render();
              status.textContent = said;
            } catch (error) {
              status.textContent = error instanceof ApiError ? `Grouping failed: ${error.message}` : 'Grouping failed.';
            }
          },
        },
        h('label', { for: 'study-label' }, 'Several reports of one study? Select them, name the study:'),
        studyLabel,
        h('button', { type: 'submit' }, 'Group as one study'),
      )
    : null;
  mount(
    content,
    h('h1', {}, 'Full text'),
    h(
      'p',
      {},
      'Retrieve each report, then assess eligibility (two reviewers, a reason for every exclusion): ',
      h('a', { class: 'button primary', href: `#/projects/${projectId}/screening/full_text` }, 'Assess eligibility'),
    ),
    grouping,
    status,
    list,
  );
  await render();
}
