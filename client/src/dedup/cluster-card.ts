import type { Cluster, DedupRecord } from '../../../server/api/types';
import { api, ApiError } from '../api';
import { keepAt } from '../anchor';
import { h, mount } from '../dom';
import { statusLine } from '../layout';

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

/** The routes of the deduplication API, in one place. */
export const dedupPaths = (projectId: number) => {
  const base = `/api/projects/${projectId}/dedup`;
  return {
    run: `${base}/run`,
    clusters: (status: string) => `${base}/clusters?status=${encodeURIComponent(status)}`,
    decide: (id: number) => `${base}/clusters/${id}/decision`,
    undo: (id: number) => `${base}/clusters/${id}/undo`,
  };
};

export interface ClusterCardContext {
  projectId: number;
  owner: boolean;
  /** The list the card is on ("review", "merged", …). */
  filter: string;
  /** After a decision or an undo: the page's counters are read again. */
  changed: () => void;
}

/**
 * One cluster: its records side by side, differing fields highlighted, and the owner's
 * decisions. The card says on itself what a decision did. On the list of clusters waiting for
 * review, a decided cluster shrinks to one line with its undo: it no longer waits.
 */
export function clusterCard(first: Cluster, context: ClusterCardContext): HTMLElement {
  const p = dedupPaths(context.projectId);
  const card = h('section', {
    class: 'card cluster',
    'data-cluster-id': first.id,
    'aria-labelledby': `cluster-${first.id}`,
  });
  const status = statusLine();

  /** Sends a decision or an undo, redraws the card, and says what happened where the button was. */
  const act = async (what: string, url: string, body: unknown, event: Event) => {
    const top = (event.currentTarget as HTMLElement).getBoundingClientRect().top;
    try {
      const updated = await api.post<Cluster>(url, body);
      draw(updated);
      status.classList.remove('error');
      status.textContent = `${what}: cluster ${updated.id}.`;
      keepAt(status, top);
      card.querySelector<HTMLElement>(`#cluster-${updated.id}`)?.focus({ preventScroll: true });
      context.changed();
    } catch (error) {
      status.classList.add('error');
      status.textContent = error instanceof ApiError ? `${what} failed: ${error.message}` : `${what} failed.`;
    }
  };

  const draw = (c: Cluster) => {
    if (context.filter === 'review' && c.status !== 'review') drawDecided(c);
    else drawFull(c);
  };

  const undoButton = (c: Cluster, compact: boolean) => {
    const lastLive = c.decisions.filter((d) => d.decision !== 'undo' && !d.undone).at(-1);
    if (!lastLive || !context.owner) return null;
    const what = lastLive.decision === 'merge' ? 'merge' : `${lastLive.decision} decision`;
    return h(
      'button',
      {
        type: 'button',
        'aria-label': compact ? `Undo the ${what} of cluster ${c.id}` : null,
        onclick: (event: Event) => void act('Undone', p.undo(c.id), undefined, event),
      },
      `Undo ${lastLive.decision}`,
    );
  };

  const heading = (c: Cluster, ...rest: (Node | string)[]) =>
    h(
      'h2',
      { id: `cluster-${c.id}`, tabindex: -1 },
      `Cluster ${c.id}: ${c.records.length} records · `,
      h('span', { class: `badge ${badgeClass(c.status)}` }, c.status),
      ...rest,
    );

  function drawDecided(c: Cluster): void {
    card.classList.add('decided');
    mount(card, heading(c), h('p', { class: 'actions' }, undoButton(c, true)), status);
  }

  function drawFull(c: Cluster): void {
    card.classList.remove('decided');
    const primaryName = `primary-${c.id}`;
    const chosenPrimary = () => {
      const checked = card.querySelector<HTMLInputElement>(`input[name="${primaryName}"]:checked`);
      return checked ? Number(checked.value) : undefined;
    };
    mount(
      card,
      heading(c),
      h(
        'p',
        { class: 'muted' },
        `Matched by ${c.rule} · score ${c.score.toFixed(3)}${c.differingFields.length ? ` · differs in ${c.differingFields.join(', ')}` : ''}`,
      ),
      vetoList(c),
      h(
        'div',
        { class: 'table-wrap' },
        compareTable(c, context.owner && c.status !== 'merged' ? primaryName : null),
      ),
      context.owner
        ? h(
            'p',
            { class: 'actions' },
            c.status !== 'merged'
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'include',
                    onclick: (event: Event) =>
                      void act(
                        'Merged',
                        p.decide(c.id),
                        { decision: 'merge', primaryId: chosenPrimary() },
                        event,
                      ),
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
                    onclick: (event: Event) =>
                      void act('Marked not duplicate', p.decide(c.id), { decision: 'not-duplicate' }, event),
                  },
                  'Not duplicate',
                )
              : null,
            undoButton(c, false),
          )
        : null,
      status,
    );
  }

  draw(first);
  return card;
}

function badgeClass(status: Cluster['status']): string {
  return status === 'merged' ? 'include' : status === 'not-duplicate' ? 'exclude' : 'maybe';
}

/** The records side by side, a row per field; on a phone each field becomes a card listing the records' values. */
function compareTable(c: Cluster, primaryName: string | null): HTMLElement {
  const differs = new Set(c.differingFields);
  return h(
    'table',
    { class: 'compare' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col', class: 'field-col' }, 'Field'),
        ...c.records.map((r) =>
          h(
            'th',
            { scope: 'col', 'data-label': `Record ${r.id}` },
            `Record ${r.id}`,
            r.id === c.primaryRecordId ? ' (kept)' : '',
            primaryName
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
            // a long abstract is clipped inside its cell; an empty one draws nothing
            return h(
              'td',
              { dir: 'auto' },
              key === 'abstract' && text ? h('div', { class: 'clip' }, text) : text,
            );
          }),
        ),
      ),
    ),
  );
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
