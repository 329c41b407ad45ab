import type { ReportListResponse } from '../../../server/api/types';
import { api, ApiError } from '../api';
import { blindedNotice, unlessBlinded } from '../blind';
import { h, mount } from '../dom';
import { groupingForm } from '../fulltext/grouping-form';
import { reportCard, type ReportCardContext } from '../fulltext/report-card';
import { retrievalSummary } from '../fulltext/reports';
import { frame, statusLine } from '../layout';
import { loadProject } from '../project';

/** Reports sought after title/abstract: attach a PDF or a link, or mark them not retrievable; then assess eligibility. */
export async function fulltextPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const project = await loadProject(projectId);
  const content = frame(root, project);
  const base = `/api/projects/${projectId}/fulltext`;
  const owner = project.role === 'owner';
  const status = statusLine();
  const list = h('div', { id: 'reports' });
  const say = (text: string) => {
    status.textContent = text;
  };

  const render = async () => {
    const answer = await unlessBlinded(api.get<ReportListResponse>(base));
    if (answer instanceof ApiError) {
      mount(list, blindedNotice(answer));
      return;
    }
    const { reports } = answer;
    mount(
      list,
      h('p', {}, retrievalSummary(reports)),
      reports.length === 0
        ? h('p', { class: 'muted' }, 'No reports sought yet: records included at title/abstract appear here.')
        : h('ol', { class: 'report-list' }, ...reports.map((r) => reportCard(r, context))),
    );
  };

  const context: ReportCardContext = {
    projectId,
    base,
    owner,
    selected: new Set<number>(),
    say,
    act: async (recordId, what, run) => {
      try {
        await run();
        await render();
        say(`${what}: record ${recordId}.`);
      } catch (error) {
        say(error instanceof ApiError ? `${what} failed: ${error.message}` : `${what} failed.`);
      }
    },
  };
  mount(
    content,
    h('h1', {}, 'Full text'),
    h(
      'p',
      {},
      'Retrieve each report, then assess eligibility (two reviewers, a reason for every exclusion): ',
      h(
        'a',
        { class: 'button primary', href: `#/projects/${projectId}/screening/full_text` },
        'Assess eligibility',
      ),
    ),
    owner ? groupingForm(projectId, context.selected, say, render) : null,
    status,
    list,
  );
  await render();
}
