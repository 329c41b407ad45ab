import type { BoxRecords } from '../../server/api/types';
import { api, ApiError } from './api';
import { h, mount } from './dom';
import { recordTable } from './records';
import { importSvg } from './svg';
import { zoomable } from './zoom';

export interface DiagramOptions {
  other?: boolean;
  previous?: boolean;
  detail?: boolean;
}

export function diagramQuery(options: DiagramOptions): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(options)) if (value !== undefined) query.set(key, String(value));
  const text = query.toString();
  return text ? `?${text}` : '';
}

/**
 * Fetches the project's PRISMA SVG and puts a sanitised copy into `target`, zoomable. With
 * `onBox`, its counts are buttons that list their records; without, they are plain text.
 * `isCurrent` answers false once a newer drawing was asked for, so a slow answer never
 * replaces a newer one.
 */
export async function showDiagram(
  target: HTMLElement,
  projectId: number,
  options: DiagramOptions = {},
  onBox?: (box: string, label: string) => void,
  isCurrent: () => boolean = () => true,
): Promise<void> {
  const response = await fetch(`/api/projects/${projectId}/prisma.svg${diagramQuery(options)}`, { credentials: 'same-origin' });
  if (!response.ok) throw new ApiError(response.status, 'http_error', `the diagram could not be drawn (${response.status})`);
  const text = await response.text();
  if (!isCurrent()) return;
  const { svg } = importSvg(text);
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  if (onBox) {
    // it holds buttons, which an image may not: a group keeps them reachable
    svg.setAttribute('role', 'group');
  } else {
    for (const el of svg.querySelectorAll('[data-drill]')) {
      for (const name of ['tabindex', 'role', 'aria-label', 'class']) el.removeAttribute(name);
    }
  }
  zoomable(target, svg, 'PRISMA 2020 flow diagram');
  if (!onBox) return;
  const open = (event: Event) => {
    const el = (event.target as Element).closest('[data-drill]');
    if (!el) return;
    if (event instanceof KeyboardEvent && event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onBox(el.getAttribute('data-drill') ?? '', el.textContent ?? '');
  };
  svg.addEventListener('click', open);
  svg.addEventListener('keydown', open);
}

/** Lists the records behind one box in `target`, a page of 50 at a time. */
export async function showBoxRecords(target: HTMLElement, projectId: number, box: string, label: string, offset = 0): Promise<void> {
  mount(target, h('p', { class: 'muted' }, 'Loading…'));
  const page = await api.get<BoxRecords>(`/api/projects/${projectId}/prisma/boxes/${encodeURIComponent(box)}/records?offset=${offset}&limit=50`);
  const pager = h(
    'p',
    { class: 'actions' },
    offset > 0
      ? h('button', { type: 'button', onclick: () => void showBoxRecords(target, projectId, box, label, Math.max(0, offset - 50)) }, 'Previous 50')
      : null,
    offset + 50 < page.total
      ? h('button', { type: 'button', onclick: () => void showBoxRecords(target, projectId, box, label, offset + 50) }, 'Next 50')
      : null,
  );
  mount(
    target,
    h('h2', { id: 'drill-title', tabindex: -1 }, `${label.trim() || box}`),
    h('p', { class: 'muted' }, `${page.total} record(s) behind this count${page.total > 50 ? `; showing ${offset + 1}–${Math.min(page.total, offset + 50)}` : ''}.`),
    recordTable(page.records),
    pager,
  );
  target.querySelector<HTMLElement>('#drill-title')?.focus();
}
