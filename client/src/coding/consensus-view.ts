import type { Code, Field, FieldValue, StudyDetail } from '../../../server/api/types';
import { api } from '../api';
import { h } from '../dom';
import { changesThatReload } from './actions';
import { codeOptions } from './code-options';
import { excerptCell } from './excerpt';

/**
 * What shows once both coders finished a study (or coding is unblinded): the coders' extraction
 * values side by side and the consensus coding. The owner reconciles here: accepts a coder's
 * value or code (the codes table has an Accept per code), writes a code of their own, or takes
 * one out; the server keeps who and when.
 */

const shown = (value: FieldValue | undefined): string =>
  value == null || value === '' ? '—' : Array.isArray(value) ? value.join(', ') : String(value);

/** Each coder's value per field, the consensus value, and (owners) a button to take a coder's. */
export function valuesSection(
  study: string,
  data: StudyDetail,
  fields: Field[],
  owner: boolean,
  reload: () => void,
): HTMLElement {
  const { status, run } = changesThatReload(reload);
  // the caller's own column only when they coded the study (an owner who reconciles may not have)
  const own =
    Object.keys(data.values).length > 0
      ? [{ coder: 'you', userId: null as number | null, values: data.values }]
      : [];
  const coders = [...own, ...data.otherValues];
  return h(
    'section',
    { class: 'card', id: 'coder-values', 'aria-label': 'Characteristics by coder' },
    h('h2', {}, 'Characteristics by coder'),
    h(
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
            h('th', {}, 'Field'),
            ...coders.map((c) => h('th', {}, c.coder)),
            data.consensus ? h('th', {}, 'Consensus') : null,
          ),
        ),
        h(
          'tbody',
          {},
          ...fields.map((f) =>
            h(
              'tr',
              { 'data-field': f.key },
              h('th', { scope: 'row' }, f.label),
              ...coders.map((c) =>
                h(
                  'td',
                  {},
                  shown(c.values[f.key]),
                  owner && data.consensus && c.userId !== null && c.values[f.key] != null
                    ? h(
                        'button',
                        {
                          type: 'button',
                          class: 'link',
                          'aria-label': `Use ${c.coder}'s ${f.label}`,
                          onclick: run(() =>
                            api.put(`${study}/consensus/values/${encodeURIComponent(f.key)}`, {
                              value: c.values[f.key],
                              fromUserId: c.userId,
                            }),
                          ),
                        },
                        'Use',
                      )
                    : null,
                ),
              ),
              data.consensus ? h('td', {}, shown(data.consensus.values[f.key]?.value)) : null,
            ),
          ),
        ),
      ),
    ),
    status,
  );
}

/** The consensus coding of the study; owners take codes out or write one. */
export function consensusSection(
  base: string,
  study: string,
  data: StudyDetail,
  codes: Code[],
  owner: boolean,
  reload: () => void,
): HTMLElement {
  const consensus = data.consensus!;
  const labelOf = new Map(codes.map((c) => [c.id, c.label]));
  const { status, run } = changesThatReload(reload);
  const code = h('select', { id: 'consensus-code', name: 'consensus-code' }, ...codeOptions(codes));
  const excerpt = h('input', { id: 'consensus-excerpt', name: 'consensus-excerpt' });
  const page = h('input', { id: 'consensus-page', name: 'consensus-page', size: 6 });
  return h(
    'section',
    { class: 'card', id: 'consensus', 'aria-label': 'Consensus coding' },
    h('h2', {}, 'Consensus coding'),
    h(
      'p',
      { class: 'muted' },
      'What the synthesis counts for this study, reconciled by the owner from both coders.',
    ),
    consensus.applications.length === 0
      ? h(
          'p',
          { class: 'muted' },
          owner
            ? 'Nothing reconciled yet: accept codes above, or write one below.'
            : 'Nothing reconciled yet.',
        )
      : h(
          'table',
          {},
          h(
            'thead',
            {},
            h('tr', {}, ...['Code', 'Excerpt', 'Page', 'From', 'Decided', ''].map((t) => h('th', {}, t))),
          ),
          h(
            'tbody',
            {},
            ...consensus.applications.map((a) =>
              h(
                'tr',
                {},
                h('td', {}, labelOf.get(a.codeId) ?? String(a.codeId)),
                excerptCell(a),
                h('td', {}, a.page ?? ''),
                h('td', {}, a.fromCoder ?? 'written by the owner'),
                h('td', {}, `${a.decidedBy}, ${new Date(a.decidedAt).toLocaleString()}`),
                h(
                  'td',
                  {},
                  owner
                    ? h(
                        'button',
                        {
                          type: 'button',
                          class: 'link',
                          onclick: run(() => api.delete(`${base}/coding/consensus/applications/${a.id}`)),
                        },
                        'Take out',
                      )
                    : null,
                ),
              ),
            ),
          ),
        ),
    owner
      ? h(
          'form',
          {
            'aria-label': 'Write a consensus code',
            onsubmit: (event: Event) => {
              event.preventDefault();
              void run(() =>
                api.post(`${study}/consensus/applications`, {
                  codeId: Number(code.value),
                  excerpt: excerpt.value,
                  page: page.value || null,
                }),
              )();
            },
          },
          h('h3', {}, 'Write a consensus code'),
          h('label', { for: 'consensus-code' }, 'Code'),
          code,
          h('label', { for: 'consensus-excerpt' }, 'Excerpt'),
          excerpt,
          h('label', { for: 'consensus-page' }, 'Page'),
          page,
          h('p', {}, h('button', { type: 'submit' }, 'Add to the consensus')),
        )
      : null,
    status,
  );
}
