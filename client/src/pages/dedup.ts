import type { ClusterListResponse, DedupCounts, DedupRunSummary } from '../../../server/api/types';
import { api, ApiError } from '../api';
import { clusterCard, dedupPaths } from '../dedup/cluster-card';
import { h, mount } from '../dom';
import { frame, statusLine } from '../layout';
import { loadProject } from '../project';

const FILTERS: [value: string, label: string][] = [
  ['review', 'Waiting for review'],
  ['merged', 'Merged'],
  ['not-duplicate', 'Not duplicates / kept apart'],
  ['related', 'Related reports'],
];

const summaryText = (s: DedupCounts) =>
  `${s.records} records · ${s.duplicates} duplicates removed · ${s.clusters} cluster(s) · ${s.review} waiting for review`;

/** Duplicate clusters side by side, differing fields highlighted: merge, not duplicate, undo. */
export async function dedupPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const project = await loadProject(projectId);
  const content = frame(root, project);
  const p = dedupPaths(projectId);
  const owner = project.role === 'owner';
  const filter = new URLSearchParams(location.hash.split('?')[1] ?? '').get('status') ?? 'review';
  const summary = h('p', { id: 'dedup-summary' });
  const runStatus = statusLine();
  const list = h('div', { id: 'clusters' });
  const context = {
    projectId,
    owner,
    filter,
    // the counters follow each decision (the summary comes with the clusters waiting for review)
    changed: () =>
      void api
        .get<ClusterListResponse>(p.clusters('review'))
        .then((r) => (summary.textContent = summaryText(r.summary)))
        // the decision itself was saved and said on its card; stale counters are all that is lost
        .catch(() => undefined),
  };

  const load = async () => {
    const listing = await api.get<ClusterListResponse>(p.clusters(filter));
    summary.textContent = summaryText(listing.summary);
    mount(
      list,
      ...(listing.clusters.length === 0
        ? [h('p', { class: 'muted' }, 'No clusters here.')]
        : listing.clusters.map((c) => clusterCard(c, context))),
    );
  };

  const run = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      disabled: !owner,
      onclick: async () => {
        runStatus.classList.remove('error');
        runStatus.textContent = 'Finding duplicates…';
        try {
          const r = await api.post<DedupRunSummary>(p.run);
          await load();
          runStatus.textContent = `Done: ${r.mergedNow} merged automatically, ${r.reviewNow} cluster(s) to review.`;
        } catch (error) {
          runStatus.classList.add('error');
          runStatus.textContent = error instanceof ApiError ? error.message : 'Deduplication failed.';
        }
      },
    },
    'Find duplicates',
  );
  mount(
    content,
    h('h1', {}, 'Duplicates'),
    summary,
    h('div', { class: 'actions' }, run, runStatus),
    h(
      'nav',
      { class: 'stage-switch', 'aria-label': 'Cluster filter' },
      ...FILTERS.map(([value, label]) =>
        h(
          'a',
          {
            href: `#/projects/${projectId}/dedup?status=${value}`,
            'aria-current': value === filter ? 'page' : null,
          },
          label,
        ),
      ),
    ),
    list,
  );
  await load();
}
