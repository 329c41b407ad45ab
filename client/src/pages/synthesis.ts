import type { Synthesis, Theme } from '../../../server/api/types';
import { api, ApiError } from '../api';
import { blindedNotice, unlessBlinded } from '../blind';
import { agreementTable } from '../coding/agreement-table';
import { barChart, chartPanel, heatMap } from '../charts';
import { h, mount } from '../dom';
import { frame, statusLine } from '../layout';
import { loadProject } from '../project';
import { excerptCell } from '../coding/excerpt';

export async function synthesisPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const project = await loadProject(projectId);
  const content = frame(root, project);
  const answer = await unlessBlinded(api.get<Synthesis>(`/api/projects/${projectId}/synthesis`));
  if (answer instanceof ApiError) {
    mount(content, h('h1', {}, 'Synthesis'), blindedNotice(answer));
    return;
  }
  const report = answer;
  const base = `/api/projects/${projectId}/synthesis`;

  const frequency = chartPanel(
    'Theme frequencies',
    'theme-frequencies.png',
    'number of included studies per code',
  );
  const byYear = chartPanel(
    'Themes by year',
    'themes-by-year.png',
    'studies per theme, stacked by publication year',
  );
  const byCountry = chartPanel(
    'Themes by country',
    'themes-by-country.png',
    'studies per theme, stacked by country',
  );
  const coOccur = chartPanel(
    'Theme co-occurrence',
    'theme-co-occurrence.png',
    'studies coded with both themes',
  );

  mount(
    content,
    h('h1', {}, 'Synthesis'),
    h(
      'p',
      {},
      `${report.studies} included ${report.studies === 1 ? 'study' : 'studies'}; `,
      report.coding.codersRequired === 2
        ? `the counts come from the consensus coding, reconciled for ${report.coding.studiesWithCoding} of them.`
        : `the counts come from each study's coder (or its consensus), coded for ${report.coding.studiesWithCoding} of them.`,
      ' Export: ',
      h('a', { href: `${base}.csv`, download: '' }, 'CSV'),
      ' · ',
      h('a', { href: `${base}.json`, download: '' }, 'JSON'),
      ' · ',
      h('a', { href: `${base}.md`, download: '' }, 'Markdown'),
    ),
    h('div', { class: 'grid' }, frequency.element, coOccur.element),
    h('div', { class: 'grid' }, byYear.element, byCountry.element),
    agreementTable(report.agreement),
    h('h2', {}, 'Themes'),
    ...report.themes.map((theme) => themeSection(projectId, theme)),
  );

  barChart(
    frequency.canvas,
    report.codes.map((c) => `${c.depth > 0 ? '  ' : ''}${c.label}`),
    [{ label: 'Studies', data: report.codes.map((c) => c.studies) }],
    { horizontal: true },
  );
  frequency.canvas.parentElement!.style.height = `${Math.max(18, report.codes.length * 1.4)}rem`;
  for (const [panel, characteristic] of [
    [byYear, 'year'],
    [byCountry, 'country'],
  ] as const) {
    const table = report.crossTabs.find((t) => t.characteristic === characteristic);
    if (!table) continue;
    barChart(
      panel.canvas,
      table.values,
      table.rows.map((r) => ({ label: r.label, data: r.counts })),
      { stacked: true },
    );
  }
  const labelOf = new Map(report.codes.map((c) => [c.code, c.label]));
  heatMap(
    coOccur.canvas,
    report.coOccurrence.codes.map((c) => labelOf.get(c) ?? c),
    report.coOccurrence.matrix,
  );
}

function themeSection(projectId: number, theme: Theme): HTMLElement {
  const status = statusLine();
  const summaryId = `summary-${theme.code}`;
  const summary = h('textarea', { id: summaryId, name: 'summary' });
  summary.value = theme.summary;
  return h(
    'section',
    { class: 'card theme' },
    h('h3', {}, `${theme.label} (${theme.studies} ${theme.studies === 1 ? 'study' : 'studies'})`),
    h('label', { for: summaryId }, 'Narrative summary'),
    summary,
    h(
      'button',
      {
        type: 'button',
        onclick: async () => {
          status.classList.remove('error');
          try {
            await api.put(`/api/projects/${projectId}/synthesis/summaries/${theme.codeId}`, {
              summary: summary.value,
            });
            status.textContent = 'Summary saved.';
          } catch (error) {
            status.classList.add('error');
            status.textContent = `Summary not saved: ${error instanceof ApiError ? error.message : 'the server did not answer'}`;
          }
        },
      },
      'Save summary',
    ),
    status,
    theme.evidence.length === 0
      ? h('p', { class: 'muted' }, 'No excerpts coded yet.')
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', {}, 'Study'),
                h('th', {}, 'Code'),
                h('th', {}, 'Excerpt'),
                h('th', {}, 'Page'),
                h('th', {}, 'Coder'),
              ),
            ),
            h(
              'tbody',
              {},
              ...theme.evidence.map((e) =>
                h(
                  'tr',
                  {},
                  h('td', {}, e.study),
                  h('td', {}, h('code', {}, e.code)),
                  excerptCell(e),
                  h('td', {}, e.page ?? ''),
                  h('td', {}, e.coder),
                ),
              ),
            ),
          ),
        ),
  );
}
