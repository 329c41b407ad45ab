import type { PrismaDocument } from '../../../server/api/types';
import { api, ApiError } from '../api';
import { blindedNotice, unlessBlinded } from '../blind';
import { h, mount } from '../dom';
import { frame, statusLine } from '../layout';
import { loadProject } from '../project';
import { diagramQuery, showBoxRecords, showDiagram, type DiagramOptions } from '../prisma-view';

const FORMATS: [ext: string, label: string][] = [
  ['svg', 'SVG'],
  ['png', 'PNG'],
  ['pdf', 'PDF'],
  ['html', 'HTML'],
  ['csv', 'CSV (PRISMA2020 template)'],
];

/** The PRISMA 2020 diagram with its exports; owners click a count to list the records behind it. */
export async function prismaPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const project = await loadProject(projectId);
  const content = frame(root, project);
  const base = `/api/projects/${projectId}/prisma`;
  const owner = project.role === 'owner';
  const answer = await unlessBlinded(api.get<PrismaDocument>(base));
  if (answer instanceof ApiError) {
    mount(content, h('h1', {}, 'PRISMA 2020 flow diagram'), blindedNotice(answer));
    return;
  }
  const json = answer;
  // The boxes start as the server draws the diagram by default (the columns the review needs,
  // per-database lines on), and every export names all three, so it is what is shown.
  const options: Required<DiagramOptions> = { other: json.hints.other, previous: json.hints.previous, detail: true };
  const diagram = h('div', { class: 'prisma-view', id: 'prisma-diagram' });
  const drill = h('section', { id: 'drill', class: 'card', 'aria-live': 'polite' }, h('p', { class: 'muted' }, owner ? 'Click (or focus and press Enter on) a count in the diagram to list the records behind it.' : 'Owners can open the records behind each count.'));
  const status = statusLine();
  const exports = h('p', { class: 'actions', id: 'exports' });
  const renderExports = () =>
    mount(
      exports,
      ...FORMATS.map(([ext, label]) => h('a', { class: 'button', href: `${base}.${ext}${diagramQuery(options)}`, download: `prisma-${projectId}.${ext}` }, label)),
      h('a', { class: 'button', href: base, download: `prisma-${projectId}.json` }, 'JSON'),
    );
  let drawing = 0;
  const draw = async () => {
    renderExports();
    const mine = ++drawing;
    await showDiagram(diagram, projectId, options, owner ? (box, label) => void showBoxRecords(drill, projectId, box, label) : undefined, () => mine === drawing);
  };
  const toggle = (key: keyof DiagramOptions, label: string) => {
    const box = h('input', { type: 'checkbox', id: `opt-${key}`, checked: options[key] });
    box.addEventListener('change', () => {
      options[key] = box.checked;
      void draw();
    });
    return h('label', { class: 'check', for: `opt-${key}` }, box, ` ${label}`);
  };
  const warnings = json.warnings.map((w) => w.message);
  mount(
    content,
    h('h1', {}, 'PRISMA 2020 flow diagram'),
    h('div', { role: 'group', 'aria-label': 'Diagram options' }, toggle('other', 'Other methods column'), toggle('previous', 'Previous studies column'), toggle('detail', 'Per-database detail')),
    h('h2', {}, 'Export'),
    exports,
    warnings.length ? h('div', { class: 'card', role: 'note' }, h('h2', {}, 'Checks'), h('ul', {}, ...warnings.map((w) => h('li', {}, w)))) : null,
    status,
    diagram,
    drill,
  );
  await draw();
}
