import type {
  Agreement,
  ClusterListResponse,
  DedupCounts,
  FullProgress,
  PrismaDocument,
  Progress,
  RankingResponse,
} from '../../../server/api/types';
import { api, ApiError, optional } from '../api';
import { h, mount, type Child } from '../dom';
import { frame } from '../layout';
import { loadProject } from '../project';
import { showDiagram } from '../prisma-view';
import { STAGE_LABEL } from '../records';

/** The project's front page: where each stage stands, who has screened what, what waits for the owner. */
export async function dashboardPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const project = await loadProject(projectId);
  const content = frame(root, project);
  const base = `/api/projects/${projectId}`;
  const [ta, ft, dedup, prisma, stopping, ...agreements] = await Promise.all([
    optional(api.get<Progress>(`${base}/screening/title_abstract/progress`)),
    optional(api.get<Progress>(`${base}/screening/full_text/progress`)),
    optional(api.get<ClusterListResponse>(`${base}/dedup/clusters?status=review`)).then((r) => r?.summary ?? null),
    optional(api.get<PrismaDocument>(`${base}/prisma?trace=false`)),
    optional(api.get<RankingResponse>(`${base}/ranking`)),
    optional(api.get<Agreement>(`${base}/screening/title_abstract/agreement`)),
    optional(api.get<Agreement>(`${base}/screening/full_text/agreement`)),
  ]);
  const owner = project.role === 'owner';
  const diagram = h('div', { class: 'prisma-view', id: 'dashboard-prisma', 'aria-label': 'PRISMA 2020 flow diagram' }, h('p', { class: 'muted' }, 'Drawing the diagram…'));

  mount(
    content,
    h('h1', {}, project.name),
    project.description ? h('p', { class: 'muted', dir: 'auto' }, project.description) : null,
    h(
      'section',
      { class: 'grid', 'aria-label': 'Progress' },
      tile('Records imported', project.records, `from ${project.sources} source(s)`, `#/projects/${projectId}/import`),
      dedup ? duplicatesTile(projectId, dedup, prisma) : null,
      ta ? stageTile(projectId, ta) : null,
      ft ? stageTile(projectId, ft) : null,
      ta || ft ? conflictTile(projectId, owner, ta, ft) : null,
    ),
    stopping ? stoppingPanel(stopping) : null,
    h('h2', {}, 'Screening by reviewer'),
    h('div', { class: 'side-by-side' }, reviewerTable(ta), reviewerTable(ft)),
    agreementSection(base, agreements.filter((a): a is Agreement => a !== null)),
    h('h2', {}, 'PRISMA 2020 flow diagram'),
    diagram,
    h('p', {}, h('a', { href: `#/projects/${projectId}/prisma` }, 'Open the PRISMA page (exports, records behind each count)')),
  );
  showDiagram(diagram, projectId).catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 403) {
      mount(diagram, h('p', { class: 'muted', role: 'note' }, 'The diagram counts every reviewer’s decisions: it is shown once the owner unblinds both screening stages.'));
      return;
    }
    mount(diagram, h('p', { class: 'error' }, `The diagram could not be drawn: ${error instanceof Error ? error.message : String(error)}`));
  });
}

function tile(title: string, value: Child, detail: string, href?: string): HTMLElement {
  return h(
    'div',
    { class: 'card tile' },
    h('h2', {}, href ? h('a', { href }, title) : title),
    h('p', { class: 'big' }, value),
    detail ? h('p', { class: 'muted' }, detail) : null,
  );
}

/**
 * Duplicates removed, in the diagram's own numbers (its two "Duplicate records" boxes) so the
 * tile and the diagram never disagree; the deduplication's count only when the diagram is not
 * available to this member.
 */
function duplicatesTile(projectId: number, dedup: DedupCounts, prisma: PrismaDocument | null): HTMLElement {
  const n = (key: string) => {
    const value = prisma?.model[key];
    return typeof value === 'number' ? value : 0;
  };
  const toReview = `${dedup.review} cluster(s) to review`;
  const [value, detail] = prisma
    ? [
        n('duplicates') + n('other_duplicates'),
        `${n('duplicates')} from databases and registers · ${n('other_duplicates')} from other methods · ${toReview}`,
      ]
    : [dedup.duplicates, toReview];
  return tile('Duplicates', value, detail, `#/projects/${projectId}/dedup`);
}

function stageTile(projectId: number, p: Progress): HTMLElement {
  // While the stage is blind to this reviewer the server withholds team progress (it moves with others' votes),
  // and a stage fed by a stage still blind to them is closed altogether (which records reached it would tell).
  if (p.visibility === 'closed') {
    return h(
      'div',
      { class: 'card tile', 'data-stage': p.stage },
      h('h2', {}, STAGE_LABEL[p.stage]),
      h('p', { class: 'big' }, '–'),
      h('p', { class: 'muted' }, 'Opens to reviewers once the owner unblinds the previous stage'),
    );
  }
  const total = p.counts.total;
  const team =
    p.visibility === 'blinded'
      ? [h('p', { class: 'big' }, `${total} records`), h('p', { class: 'muted' }, 'Team progress is hidden in blind mode')]
      : [
          h('p', { class: 'big' }, `${p.counts.complete} / ${total}`),
          h('progress', { max: Math.max(1, total), value: p.counts.complete, 'aria-label': `${STAGE_LABEL[p.stage]}: ${p.counts.complete} of ${total} records complete` }),
          h('p', { class: 'muted' }, `${p.counts.included} included · ${p.counts.excluded} excluded · ${p.counts.awaiting} awaiting`),
        ];
  return h(
    'div',
    { class: 'card tile', 'data-stage': p.stage },
    h('h2', {}, h('a', { href: `#/projects/${projectId}/screening/${p.stage}` }, STAGE_LABEL[p.stage])),
    ...team,
    p.me ? h('p', {}, `You: ${p.me.votes} vote(s), ${p.me.remaining} left in your queue`) : null,
  );
}

function conflictTile(projectId: number, owner: boolean, ...stages: (Progress | null)[]): HTMLElement {
  const visible = stages.filter((p): p is FullProgress => p !== null && p.visibility === 'full');
  if (visible.length === 0) return tile('Conflicts', '–', 'hidden while screening is blind');
  const n = visible.reduce((sum, p) => sum + p.counts.conflicts, 0);
  const detail = visible.map((p) => `${STAGE_LABEL[p.stage]}: ${p.counts.conflicts}`).join(' · ');
  return tile('Conflicts waiting', n, detail, owner ? `#/projects/${projectId}/conflicts` : undefined);
}

function reviewerTable(p: Progress | null): HTMLElement {
  if (!p || p.visibility === 'closed') return h('div');
  const caption = h('caption', {}, STAGE_LABEL[p.stage]);
  if (p.visibility !== 'full') {
    return h('div', { class: 'card' }, h('h3', {}, STAGE_LABEL[p.stage]), h('p', { class: 'muted' }, 'Per-reviewer counts are hidden until the owner unblinds this stage.'));
  }
  return h(
    'div',
    { class: 'table-wrap card' },
    h(
      'table',
      {},
      caption,
      h('thead', {}, h('tr', {}, ...['Reviewer', 'Votes', 'Include', 'Maybe', 'Exclude'].map((t, i) => h('th', { scope: 'col', class: i ? 'num' : null }, t)))),
      h(
        'tbody',
        {},
        ...(p.reviewers.length === 0
          ? [h('tr', {}, h('td', { colspan: 5, class: 'muted' }, 'No votes yet.'))]
          : p.reviewers.map((r) =>
              h(
                'tr',
                {},
                h('td', {}, r.username ?? `user ${r.userId}`),
                h('td', { class: 'num' }, r.votes),
                h('td', { class: 'num' }, r.include),
                h('td', { class: 'num' }, r.maybe),
                h('td', { class: 'num' }, r.exclude),
              ),
            )),
      ),
    ),
  );
}

function stoppingPanel(r: RankingResponse): HTMLElement {
  if (r.visibility === 'blinded') {
    return h(
      'section',
      { class: 'card', 'aria-label': 'Stopping signal', id: 'stopping' },
      h('h2', {}, r.settings.enabled ? 'Prioritised screening is on' : 'Prioritised screening is off'),
      h('p', { class: 'muted' }, 'The model and the stopping signal learn from every reviewer’s votes: they are shown once the owner unblinds title/abstract.'),
    );
  }
  if (!r.settings.enabled) {
    return h(
      'section',
      { class: 'card', 'aria-label': 'Stopping signal', id: 'stopping' },
      h('h2', {}, 'Prioritised screening is off'),
      h('p', { class: 'muted' }, 'The owner can turn it on in Settings: queues are then ordered by predicted relevance, and this panel shows when stopping is defensible.'),
    );
  }
  const s = r.stopping;
  const hg = s.hypergeometric;
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const verdict = hg.met
    ? h('strong', { class: 'include' }, 'stopping is defensible')
    : h('strong', {}, 'keep screening');
  return h(
    'section',
    { class: 'card', 'aria-label': 'Stopping signal', id: 'stopping' },
    h('h2', {}, 'Stopping signal'),
    h('p', { class: 'muted' }, 'Three independent guides for the team; none is acted on by itself.'),
    h(
      'ul',
      {},
      h(
        'li',
        { id: 'stopping-counts' },
        `Records at title/abstract: ${s.totalRecords}${s.duplicatesLeftOut ? ` (${s.duplicatesLeftOut} merged duplicate(s) left out)` : ''}; settled ${s.screened}, unscreened ${s.unscreened}; ${s.relevantFound} relevant found.`,
      ),
      h('li', {}, `Relevant records likely left: about ${Math.round(s.relevantLeft.estimate * 10) / 10} (rate ${s.relevantLeft.recentRate.toFixed(3)} over the last ${s.relevantLeft.window} × ${s.unscreened} unscreened).`),
      h(
        'li',
        { id: 'stopping-test' },
        `Statistical test for ${pct(hg.recallTarget)} recall at ${pct(hg.confidence)} confidence: `,
        verdict,
        hg.reason
          ? ` — ${hg.reason}.`
          : ` (p = ${hg.pValue.toFixed(3)}: the last ${hg.window} settled record(s) held ${hg.relevantInWindow} relevant; were recall below target, at least ${hg.targetRelevant} relevant would be among those ${hg.window} and the ${hg.unscreened} unscreened, ${hg.pool} in all).`,
      ),
      h(
        'li',
        {},
        `Consecutive excludes: ${s.consecutive.consecutiveExcludes} of ${s.consecutive.threshold}${s.consecutive.met ? ' — reached' : ''}${s.consecutive.reason ? ` — not counted: ${s.consecutive.reason}` : ''}.`,
      ),
      r.model
        ? h('li', { class: 'muted' }, `Model trained ${new Date(r.model.trainedAt).toLocaleString()} on ${r.model.includes} includes and ${r.model.excludes} excludes.`)
        : h('li', { class: 'muted' }, 'No model yet: the queue follows the keywords, then a fixed random order, until there is one include and one exclude.'),
    ),
  );
}

type VoteSelection = Agreement['votes'];

const VOTES_CAPTION: Record<VoteSelection, string> = {
  first: "each reviewer's first vote on a record, before discussion",
  latest: "each reviewer's latest vote, after any change of mind (not independent judgements)",
};

/**
 * Agreement per stage, from first votes by default; one button switches to the latest votes
 * (labelled as such). A statistic that cannot be estimated says so, with the reason on hover.
 */
function agreementSection(base: string, first: Agreement[]): HTMLElement | null {
  if (first.length === 0) return null;
  const section = h('section', { id: 'agreement-section', 'aria-label': 'Agreement between reviewers' });
  const show = (rows: Agreement[], votes: VoteSelection) => {
    const other: VoteSelection = votes === 'first' ? 'latest' : 'first';
    const toggle = h(
      'button',
      {
        type: 'button',
        id: 'agreement-votes',
        onclick: async () => {
          const stages = rows.map((a) => a.stage);
          const next = await Promise.all(stages.map((stage) => optional(api.get<Agreement>(`${base}/screening/${stage}/agreement?votes=${other}`))));
          show(next.filter((a): a is Agreement => a !== null), other);
        },
      },
      other === 'latest' ? 'Show latest votes' : 'Show first votes',
    );
    mount(section, agreementTable(rows, votes), h('p', { class: 'actions' }, toggle));
  };
  show(first, 'first');
  return section;
}

function agreementTable(rows: Agreement[], votes: VoteSelection): HTMLElement {
  const cell = (a: Agreement, key: keyof Agreement['notEstimable'], text: string | null) =>
    text !== null
      ? h('td', { class: 'num' }, text)
      : h('td', { class: 'num muted', title: a.notEstimable[key] ?? null }, 'not estimable');
  const num = (x: number | null, digits = 3) => (x == null ? null : x.toFixed(digits));
  return h(
    'div',
    { class: 'table-wrap card', id: 'agreement', 'data-votes': votes },
    h(
      'table',
      {},
      h('caption', {}, `Agreement between reviewers (votes before resolution): ${VOTES_CAPTION[votes]}`),
      h(
        'thead',
        {},
        h('tr', {}, ...['Stage', 'Records', '% agreement', "Cohen's κ (SE)", 'PABAK', "Gwet's AC1", "Krippendorff's α", 'Band'].map((t, i) => h('th', { scope: 'col', class: i > 0 && i < 7 ? 'num' : null }, t))),
      ),
      h(
        'tbody',
        {},
        ...rows.map((a) =>
          h(
            'tr',
            { 'data-stage': a.stage },
            h('th', { scope: 'row' }, STAGE_LABEL[a.stage]),
            h('td', { class: 'num' }, a.n),
            cell(a, 'percentAgreement', a.percentAgreement == null ? null : `${a.percentAgreement.toFixed(1)} %`),
            cell(a, 'kappa', a.kappa == null ? null : `${num(a.kappa)} (SE ${num(a.kappaSE) ?? 'not estimable'})`),
            cell(a, 'pabak', num(a.pabak)),
            cell(a, 'ac1', num(a.ac1)),
            cell(a, 'alpha', num(a.alpha)),
            h('td', {}, a.interpretation ?? ''),
          ),
        ),
      ),
    ),
    h('p', { class: 'muted' }, `Scale: ${rows.map((a) => `${STAGE_LABEL[a.stage]} ${a.categories.length ? a.categories.join(' / ') : '(no category used yet)'}`).join(' · ')}.`),
  );
}
