import type { Report, ReportListResponse } from '../../../server/api/types';
import { api, ApiError } from '../api';
import { blindedNotice, unlessBlinded } from '../blind';
import { h, mount } from '../dom';
import { groupingForm } from '../fulltext/grouping-form';
import { reportCard, type ReportCard, type ReportCardContext } from '../fulltext/report-card';
import { retrievalSummary } from '../fulltext/reports';
import { frame } from '../layout';
import { loadProject } from '../project';

/** Reports sought after title/abstract: attach a PDF or a link, or mark them not retrievable; then assess eligibility. */
export async function fulltextPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const project = await loadProject(projectId);
  const content = frame(root, project);
  const base = `/api/projects/${projectId}/fulltext`;
  const owner = project.role === 'owner';
  const summary = h('div', { id: 'retrieval-summary' });
  const list = h('ol', { class: 'report-list' });
  const empty = h(
    'p',
    { class: 'muted', hidden: true },
    'No reports sought yet: records included at title/abstract appear here.',
  );
  // One card per report, kept across redraws: a card's status line stays where its message was said.
  const cards = new Map<number, ReportCard>();

  const render = async () => {
    const answer = await unlessBlinded(api.get<ReportListResponse>(base));
    if (answer instanceof ApiError) {
      summary.replaceChildren(blindedNotice(answer));
      mount(list);
      return;
    }
    const { reports } = answer;
    summary.textContent = retrievalSummary(reports);
    empty.hidden = reports.length > 0;
    const shown = reports.map((r: Report) => {
      const card = cards.get(r.recordId) ?? reportCard(r.recordId, context);
      cards.set(r.recordId, card);
      card.fill(r);
      return card.element;
    });
    // re-attach only when the list changed, so focus inside an unchanged card is not lost
    const same = shown.length === list.children.length && shown.every((el, i) => list.children[i] === el);
    if (!same) mount(list, ...shown);
  };

  const context: ReportCardContext = {
    projectId,
    base,
    owner,
    selected: new Set<number>(),
    act: async (recordId, words, run) => {
      const focused = document.activeElement?.id;
      let said: string;
      let done = false;
      try {
        await run();
        done = true;
        said = `${words.done}: record ${recordId}.`;
      } catch (error) {
        said = `${words.failed}: ${error instanceof Error ? error.message : String(error)}`;
      }
      await render();
      const card = cards.get(recordId);
      if (card) {
        card.status.classList.toggle('error', !done);
        card.status.textContent = said;
        // the control used may have been redrawn (or gone, as "Not retrievable" goes): focus it, else the report
        const again = focused ? document.getElementById(focused) : null;
        (again && card.element.contains(again)
          ? again
          : card.element.querySelector<HTMLElement>('h2')
        )?.focus();
      }
      return done;
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
    owner ? groupingForm(projectId, context.selected, render) : null,
    summary,
    empty,
    list,
  );
  await render();
}
