import type { AppraisalCriterion, AppraisalStudyDetail, AppraiserWork } from '../../../server/api/types';
import { api } from '../api';
import { changesThatReload } from '../coding/actions';
import { h } from '../dom';
import { answerText } from './answer-text';

/**
 * What shows once both appraisers finished a study (or appraisal is unblinded): each appraiser's
 * answer per criterion beside the answer that counts. Where they agree it stands by itself; where
 * they disagree it waits for the owner, who uses one appraiser's answer or writes their own (the
 * server keeps who and when).
 */
export function consensusSection(
  study: string,
  data: AppraisalStudyDetail,
  criteria: AppraisalCriterion[],
  owner: boolean,
  reload: () => void,
): HTMLElement {
  const { status, run } = changesThatReload(reload);
  const consensus = data.consensus!;
  const appraisers: AppraiserWork[] = [...(data.mine.answers.length ? [data.mine] : []), ...data.others];
  const unresolved = new Set(consensus.unresolved);
  const design = (id: string | null) => data.tool.designs.find((d) => d.id === id)?.label ?? '—';
  return h(
    'section',
    { class: 'card', id: 'appraisal-consensus', 'aria-label': 'Appraisers and consensus' },
    h('h2', {}, 'Appraisers and consensus'),
    unresolved.size > 0
      ? h('p', { class: 'appraisal-unresolved' }, `To reconcile: ${[...unresolved].join(', ')}.`)
      : h('p', { class: 'muted' }, 'Nothing left to reconcile on this study.'),
    data.formDesign
      ? null
      : h(
          'p',
          {},
          h('strong', {}, 'Design: '),
          appraisers.map((a) => `${a.appraiser}: ${design(a.design)}`).join(' · '),
          ' → ',
          h('strong', {}, design(consensus.design)),
          owner ? designChooser(study, data, run) : null,
        ),
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
            h('th', {}, 'Criterion'),
            ...appraisers.map((a) =>
              h('th', {}, a.userId === data.mine.userId ? `${a.appraiser} (you)` : a.appraiser),
            ),
            h('th', {}, 'Counts'),
          ),
        ),
        h(
          'tbody',
          {},
          ...criteria.map((c) => {
            const counted = consensus.answers.find((a) => a.criterion === c.id);
            return h(
              'tr',
              { 'data-criterion': c.id, class: unresolved.has(c.id) ? 'diff' : null },
              h('th', { scope: 'row' }, c.id),
              ...appraisers.map((a) => {
                const given = a.answers.find((x) => x.criterion === c.id);
                return h(
                  'td',
                  {},
                  answerText(data.tool, given),
                  owner && given
                    ? h(
                        'button',
                        {
                          type: 'button',
                          class: 'link',
                          'aria-label': `Use ${a.appraiser}'s answer to ${c.id}`,
                          onclick: run(() =>
                            api.put(`${study}/consensus/answers/${encodeURIComponent(c.id)}`, {
                              fromUserId: a.userId,
                            }),
                          ),
                        },
                        `Use ${a.appraiser}’s`,
                      )
                    : null,
                );
              }),
              h(
                'td',
                {},
                ...(counted
                  ? [answerText(data.tool, counted), h('p', { class: 'muted' }, counted.decidedBy)]
                  : [h('p', { class: 'muted' }, unresolved.has(c.id) ? 'Disagreement' : '—')]),
                owner ? writeOwn(study, data, c, run) : null,
              ),
            );
          }),
        ),
      ),
    ),
    status,
  );
}

type Run = ReturnType<typeof changesThatReload>['run'];

function designChooser(study: string, data: AppraisalStudyDetail, run: Run): HTMLElement {
  const select = h(
    'select',
    { 'aria-label': 'Consensus design' },
    h('option', { value: '' }, 'Decide the design…'),
    ...data.tool.designs.map((d) => h('option', { value: d.id }, d.label)),
  );
  select.value = data.consensus?.design ?? '';
  select.addEventListener(
    'change',
    run(() => api.put(`${study}/consensus/design`, { design: select.value === '' ? null : select.value })),
  );
  return h('span', {}, ' ', select);
}

/** The owner writes the answer that counts (their own answer and justification). */
function writeOwn(study: string, data: AppraisalStudyDetail, c: AppraisalCriterion, run: Run): HTMLElement {
  const answer = h(
    'select',
    { 'aria-label': `Consensus answer to ${c.id}` },
    ...data.tool.answers
      .filter((a) => !c.answers || c.answers.includes(a.id))
      .map((a) => h('option', { value: a.id }, a.label)),
  );
  const why = h('textarea', { 'aria-label': `Consensus justification for ${c.id}`, maxlength: 5000 });
  return h(
    'details',
    { class: 'appraisal-write' },
    h('summary', {}, 'Write the answer'),
    answer,
    why,
    h(
      'button',
      {
        type: 'button',
        onclick: run(() =>
          api.put(`${study}/consensus/answers/${encodeURIComponent(c.id)}`, {
            answer: answer.value,
            justification: why.value,
          }),
        ),
      },
      `Save the answer to ${c.id}`,
    ),
  );
}
