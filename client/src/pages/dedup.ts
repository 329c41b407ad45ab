import type { Cluster, ClusterListResponse, DedupRecord, DedupRunSummary } from '../../../server/api/types';
import { api, ApiError } from '../api';
import { h, mount } from '../dom';
import { frame, statusLine } from '../layout';
import { loadProject } from '../project';

const FIELDS: [key: keyof DedupRecord, label: string][] = [
  ['title', 'Title'],
  ['authors', 'Authors'],
  ['year', 'Year'],
  ['journal', 'Journal'],
  ['volume', 'Volume'],
  ['issue', 'Issue'],
  ['pages', 'Pages'],
  ['doi', 'DOI'],
  ['pmid', 'PMID'],
  ['abstract', 'Abstract'],
  ['sourceName', 'Source'],
];

const FILTERS: [value: string, label: string][] = [
  ['review', 'Waiting for review'],
  ['merged', 'Merged'],
  ['not-duplicate', 'Not duplicates / kept apart'],
  ['related', 'Related reports'],
];

/** The routes of the deduplication API, in one place. */
const paths = (projectId: number) => {
  const base = `/api/projects/${projectId}/dedup`;
  return {
    run: `${base}/run`,
    clusters: (status: string) => `${base}/clusters?status=${encodeURIComponent(status)}`,
    decide: (id: number) => `${base}/clusters/${id}/decision`,
    undo: (id: number) => `${base}/clusters/${id}/undo`,
  };
};

/** Duplicate clusters side by side, differing fields highlighted: merge, not duplicate, undo. */
export async function dedupPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const project = await loadProject(projectId);
  const content = frame(root, project);
  const p = paths(projectId);
  const owner = project.role === 'owner';
  const filter = new URLSearchParams(location.hash.split('?')[1] ?? '').get('status') ?? 'review';
  const listing = await api.get<ClusterListResponse>(p.clusters(filter));
  const summary = listing.summary;
  const status = statusLine();
  const list = h('div', { id: 'clusters' });
  const run = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      disabled: !owner,
      onclick: async () => {
        status.textContent = 'Finding duplicates…';
        try {
          const r = await api.post<DedupRunSummary>(p.run);
          status.textContent = `Done: ${r.mergedNow} merged automatically, ${r.reviewNow} cluster(s) to review.`;
          await dedupPage(root, params);
        } catch (error) {
          status.textContent = error instanceof ApiError ? error.message : 'Deduplication failed.';
        }
      },
    },
    'Find duplicates',
  );
  mount(
    content,
    h('h1', {}, 'Duplicates'),
    h(
      'p',
      { id: 'dedup-summary' },
      `${summary.records} records · ${summary.duplicates} duplicates removed · ${summary.clusters} cluster(s) · ${summary.review} waiting for review`,
    ),
    h('p', { class: 'actions' }, run),
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
    status,
    list,
  );
  mount(
    list,
    ...(listing.clusters.length === 0
      ? [h('p', { class: 'muted' }, 'No clusters here.')]
      : listing.clusters.map(clusterCard)),
  );

  function clusterCard(c: Cluster): HTMLElement {
    const differs = new Set(c.differingFields);
    const primaryName = `primary-${c.id}`;
    const card: HTMLElement = h('section', {
      class: 'card cluster',
      'data-cluster-id': c.id,
      'aria-labelledby': `cluster-${c.id}`,
    });
    const act = async (what: string, url: string, body?: unknown) => {
      try {
        const updated = await api.post<Cluster>(url, body);
        status.textContent = `${what}: cluster ${c.id}.`;
        card.replaceWith(clusterCard(updated));
        document.querySelector<HTMLElement>(`#cluster-${c.id}`)?.focus();
      } catch (error) {
        status.textContent =
          error instanceof ApiError ? `${what} failed: ${error.message}` : `${what} failed.`;
      }
    };
    const chosenPrimary = () => {
      const checked = card.querySelector<HTMLInputElement>(`input[name="${primaryName}"]:checked`);
      return checked ? Number(checked.value) : undefined;
    };
    const lastLive = c.decisions.filter((d) => d.decision !== 'undo' && !d.undone).at(-1);
    mount(
      card,
      h(
        'h2',
        { id: `cluster-${c.id}`, tabindex: -1 },
        `Cluster ${c.id}: ${c.records.length} records · `,
        h(
          'span',
          {
            class: `badge ${c.status === 'merged' ? 'include' : c.status === 'not-duplicate' ? 'exclude' : 'maybe'}`,
          },
          c.status,
        ),
      ),
      h(
        'p',
        { class: 'muted' },
        `Matched by ${c.rule} · score ${c.score.toFixed(3)}${c.differingFields.length ? ` · differs in ${c.differingFields.join(', ')}` : ''}`,
      ),
      vetoList(c),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'compare' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Field'),
              ...c.records.map((r) =>
                h(
                  'th',
                  { scope: 'col' },
                  `Record ${r.id}`,
                  r.id === c.primaryRecordId ? ' (kept)' : '',
                  owner && c.status !== 'merged'
                    ? h(
                        'label',
                        { class: 'check' },
                        h('input', {
                          type: 'radio',
                          name: primaryName,
                          value: r.id,
                          'aria-label': `Keep record ${r.id} as primary`,
                        }),
                        ' keep',
                      )
                    : null,
                ),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            ...FIELDS.map(([key, label]) =>
              h(
                'tr',
                { class: differs.has(key) ? 'diff' : null },
                h(
                  'th',
                  { scope: 'row' },
                  label,
                  differs.has(key) ? h('span', { class: 'sr-only' }, ' (differs)') : null,
                ),
                ...c.records.map((r) => {
                  const value = r[key];
                  const text = Array.isArray(value) ? value.join('; ') : value == null ? '' : String(value);
                  return h('td', { dir: 'auto', class: key === 'abstract' ? 'clip' : null }, text);
                }),
              ),
            ),
          ),
        ),
      ),
      owner
        ? h(
            'p',
            { class: 'actions' },
            c.status !== 'merged'
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'include',
                    onclick: () =>
                      void act('Merged', p.decide(c.id), { decision: 'merge', primaryId: chosenPrimary() }),
                  },
                  'Merge',
                )
              : null,
            c.status !== 'not-duplicate'
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'exclude',
                    onclick: () =>
                      void act('Marked not duplicate', p.decide(c.id), { decision: 'not-duplicate' }),
                  },
                  'Not duplicate',
                )
              : null,
            lastLive
              ? h(
                  'button',
                  { type: 'button', onclick: () => void act('Undone', p.undo(c.id)) },
                  `Undo ${lastLive.decision}`,
                )
              : null,
          )
        : null,
    );
    return card;
  }
}

/** The vetoes in a cluster's evidence, one line per pair: why those records were not merged automatically. */
function vetoList(c: Cluster): HTMLElement | null {
  const vetoed = c.evidence.filter((e) => e.vetoes && e.vetoes.length > 0);
  if (vetoed.length === 0) return null;
  return h(
    'ul',
    { class: 'vetoes', 'aria-label': 'Why records were kept apart' },
    ...vetoed.map((e) =>
      h(
        'li',
        {},
        `Records ${e.a} and ${e.b} ${e.outcome === 'distinct' ? 'kept apart' : 'not merged automatically'}: ${(e.vetoes ?? []).map((v) => v.detail).join('; ')}`,
      ),
    ),
  );
}
