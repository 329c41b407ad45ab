import type { CodePairTable } from '../../../server/api/types';
import { h } from '../dom';

/** Observed agreement and Cohen's kappa per code and pair of coders, over the studies both finished. */
export function agreementTable(rows: CodePairTable[]): HTMLElement {
  const num = (x: number | null) => (x == null ? '–' : x.toFixed(3));
  return h(
    'section',
    { class: 'card', id: 'coding-agreement', 'aria-label': 'Agreement between coders' },
    h('h2', {}, 'Agreement between coders'),
    rows.length === 0
      ? h('p', { class: 'muted' }, 'No study has been finished by two coders yet.')
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            {},
            h(
              'caption',
              {},
              'Per code, on the studies both coders marked done (their own codes, not the consensus)',
            ),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...[
                  'Code',
                  'Coders',
                  'Studies',
                  'Both',
                  'Only first',
                  'Only second',
                  'Neither',
                  'Observed agreement',
                  "Cohen's κ",
                ].map((t, i) => h('th', { scope: 'col', class: i > 1 ? 'num' : null }, t)),
              ),
            ),
            h(
              'tbody',
              {},
              ...rows.map((r) =>
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, h('code', {}, r.code)),
                  h('td', {}, r.coders.join(' · ')),
                  h('td', { class: 'num' }, r.studies),
                  h('td', { class: 'num' }, r.both),
                  h('td', { class: 'num' }, r.onlyFirst),
                  h('td', { class: 'num' }, r.onlySecond),
                  h('td', { class: 'num' }, r.neither),
                  h('td', { class: 'num' }, num(r.observedAgreement)),
                  h(
                    'td',
                    { class: 'num', title: r.kappaNotEstimable ?? null },
                    r.kappa == null ? 'not estimable' : num(r.kappa),
                  ),
                ),
              ),
            ),
          ),
        ),
  );
}
