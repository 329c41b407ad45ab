import type { ReportBlock, ReportResponse, ReportSection, ReportStyleName } from '../../../server/api/types';
import { api, ApiError } from '../api';
import { blindedNotice, unlessBlinded } from '../blind';
import { h, mount } from '../dom';
import { frame, statusLine } from '../layout';
import { loadProject } from '../project';
import { importSvg } from '../svg';

const STYLES: [ReportStyleName, string][] = [
  ['apa', 'APA'],
  ['vancouver', 'Vancouver'],
  ['harvard', 'Harvard'],
];

/** One block of the drafted report, built as DOM (text through textContent, the SVG through importSvg). */
function block(b: ReportBlock): Node {
  switch (b.kind) {
    case 'paragraph':
      return h('p', {}, b.text);
    case 'note':
      return h('p', { class: 'report-note', role: 'note' }, b.text);
    case 'table':
      return h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          {},
          h('caption', {}, b.caption),
          h('thead', {}, h('tr', {}, ...b.header.map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, ...b.rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))),
        ),
      );
    case 'figure': {
      const { svg } = importSvg(b.svg);
      svg.removeAttribute('width');
      svg.removeAttribute('height');
      svg.setAttribute('aria-label', b.alt);
      return h('figure', {}, svg, h('figcaption', {}, b.caption));
    }
    case 'references':
      return h(b.numbered ? 'ol' : 'ul', { class: 'references' }, ...b.entries.map((e) => h('li', {}, e)));
  }
}

function section(s: ReportSection, level: number): HTMLElement {
  const heading = h(`h${Math.min(level, 6)}` as 'h2', { id: `report-${s.id}` }, s.title);
  return h(
    'section',
    { 'aria-labelledby': `report-${s.id}` },
    heading,
    ...s.blocks.map(block),
    ...s.sections.map((c) => section(c, level + 1)),
  );
}

/** The drafted report: a preview built from the same blocks as every download, and the downloads. */
export async function reportPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const project = await loadProject(projectId);
  const content = frame(root, project);
  const base = `/api/projects/${projectId}/report`;
  let style: ReportStyleName = 'apa';
  const preview = h('article', {
    class: 'report-preview card',
    id: 'report-preview',
    'aria-label': 'Report preview',
  });
  const downloads = h('p', { class: 'actions', id: 'report-downloads' });
  const status = statusLine();
  const renderDownloads = () =>
    mount(
      downloads,
      h('a', { class: 'button', href: `${base}.docx?style=${style}`, download: '' }, 'Word (DOCX)'),
      h('a', { class: 'button', href: `${base}.html?style=${style}`, download: '' }, 'HTML'),
      h('a', { class: 'button', href: `${base}.md?style=${style}`, download: '' }, 'Markdown'),
      h('a', { class: 'button', href: `${base}/checklist.docx`, download: '' }, 'Checklist (DOCX)'),
      h('a', { class: 'button', href: `${base}/checklist.csv`, download: '' }, 'Checklist (CSV)'),
    );
  let drawing = 0;
  const draw = async (): Promise<boolean> => {
    const mine = ++drawing;
    status.textContent = 'Drafting…';
    const answer = await unlessBlinded(api.get<ReportResponse>(`${base}?style=${style}`));
    if (mine !== drawing) return true;
    if (answer instanceof ApiError) {
      mount(content, h('h1', {}, 'Report'), blindedNotice(answer));
      return false;
    }
    renderDownloads();
    mount(
      preview,
      h('h2', { class: 'report-title' }, answer.title),
      h(
        'p',
        { class: 'muted' },
        `Draft report of a systematic review — drafted by Sift on ${answer.draftedAt.slice(0, 10)}`,
      ),
      ...answer.sections.map((s) => section(s, 3)),
    );
    status.textContent = `Draft updated; references in ${STYLES.find(([s]) => s === style)?.[1] ?? style} style.`;
    return true;
  };
  const select = h(
    'select',
    { id: 'report-style' },
    ...STYLES.map(([value, label]) => h('option', { value }, label)),
  );
  select.addEventListener('change', () => {
    style = select.value as ReportStyleName;
    void draw();
  });
  mount(
    content,
    h('h1', {}, 'Report'),
    h(
      'p',
      { class: 'muted' },
      'A draft of the review’s Methods and Results written from its data, with the PRISMA 2020 checklist: a starting point for the authors to edit. It is drafted afresh from the current data each time it is shown or downloaded.',
    ),
    h('p', {}, h('label', { for: 'report-style' }, 'Citation style '), select),
    h('h2', {}, 'Download'),
    downloads,
    status,
    h('h2', {}, 'Preview'),
    preview,
  );
  await draw();
}
