import type { AppraisalSummary, AppraisalTool, CriterionAgreement } from '../../../server/api/types';
import { h } from '../dom';
import { answerInfo, TONE_SYMBOL } from './tones';

/**
 * The appraisal's results in the browser, as the server draws them in SVG and PNG: a
 * traffic-light table per design (one row per study, one column per criterion, each answer a
 * coloured cell with its symbol, its label for assistive technology), summary bars (the share
 * of studies per answer for each criterion), the agreement between appraisers, and the downloads.
 */
export function resultsSection(base: string, summary: AppraisalSummary, tool: AppraisalTool): HTMLElement {
  return h(
    'section',
    { class: 'card', id: 'appraisal-results', 'aria-label': 'Results' },
    h('h2', {}, 'Results'),
    h(
      'p',
      {},
      'Download: ',
      h('a', { href: `${base}/plot.svg`, download: '' }, 'traffic-light plot (SVG)'),
      ' · ',
      h('a', { href: `${base}/plot.png`, download: '' }, 'PNG'),
      ' · ',
      h('a', { href: `${base}/plot.png?kind=both`, download: '' }, 'with summary bars (PNG)'),
      ' · ',
      h('a', { href: `${base}/summary.csv`, download: '' }, 'CSV'),
      ' · ',
      h('a', { href: `${base}/summary.json`, download: '' }, 'JSON'),
    ),
    tool.overall.kind === 'none' ? h('p', { class: 'hint' }, tool.overall.note) : null,
    ...trafficLights(summary, tool),
    summaryBars(summary, tool),
    legend(tool),
    agreementTable(summary.agreement.criteria),
  );
}

function trafficLights(summary: AppraisalSummary, tool: AppraisalTool): HTMLElement[] {
  const overall = tool.overall.kind !== 'none';
  return tool.designs.flatMap((design) => {
    const studies = summary.studies.filter((s) => s.design === design.id);
    if (studies.length === 0) return [];
    const criteria = [...tool.screening, ...design.criteria];
    return [
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'traffic-light', 'data-design': design.id },
          h(
            'caption',
            {},
            `${design.label} (${studies.length} ${studies.length === 1 ? 'study' : 'studies'})`,
          ),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Study'),
              ...criteria.map((c) => h('th', { scope: 'col', title: c.question, class: 'tl-head' }, c.id)),
              overall ? h('th', { scope: 'col' }, 'Overall') : null,
            ),
          ),
          h(
            'tbody',
            {},
            ...studies.map((s) =>
              h(
                'tr',
                { 'data-study': s.study },
                h('th', { scope: 'row' }, s.label),
                ...criteria.map((c) => {
                  const { label, tone } = answerInfo(tool, s.answers[c.id]);
                  return h(
                    'td',
                    { class: `tl tl-${tone ?? 'missing'}`, title: `${c.id}: ${label}` },
                    h('span', { 'aria-hidden': 'true' }, tone ? TONE_SYMBOL[tone] : ''),
                    h('span', { class: 'sr-only' }, `${c.id}: ${label}`),
                  );
                }),
                overall ? h('td', {}, s.overall ?? '–') : null,
              ),
            ),
          ),
        ),
      ),
    ];
  });
}

function summaryBars(summary: AppraisalSummary, tool: AppraisalTool): HTMLElement {
  return h(
    'div',
    { class: 'appraisal-bars', id: 'appraisal-bars' },
    h('h3', {}, 'Share of studies per answer, for each criterion'),
    summary.distribution.length === 0 ? h('p', { class: 'muted' }, 'No study has a design yet.') : null,
    ...summary.distribution.flatMap((row, i) => {
      const group =
        i === 0 || summary.distribution[i - 1]!.design !== row.design
          ? h(
              'p',
              { class: 'bar-group' },
              `${row.design === null ? 'Screening questions' : (tool.designs.find((d) => d.id === row.design)?.label ?? row.design)} (${row.studies} ${row.studies === 1 ? 'study' : 'studies'})`,
            )
          : null;
      const segments = [
        ...tool.answers.map((a) => ({ id: a.id, label: a.label, tone: a.tone as string })),
        { id: 'not_answered', label: 'Not answered', tone: 'missing' },
      ].filter((seg) => (row.counts[seg.id] ?? 0) > 0);
      const words = segments.map((seg) => `${seg.label} ${row.counts[seg.id]} of ${row.studies}`).join(', ');
      const bar = h(
        'div',
        { class: 'bar-row', 'data-criterion': row.criterion },
        h('span', { class: 'bar-label' }, row.criterion),
        h(
          'span',
          { class: 'bar', role: 'img', 'aria-label': `${row.criterion}: ${words}` },
          ...segments.map((seg) => {
            const share = (100 * (row.counts[seg.id] ?? 0)) / row.studies;
            const bar = h(
              'span',
              { class: `bar-seg tl-${seg.tone}`, title: `${seg.label}: ${Math.round(share)}%` },
              share >= 12 ? `${Math.round(share)}%` : '',
            );
            // through the CSSOM: the content security policy refuses style attributes
            bar.style.width = `${share.toFixed(2)}%`;
            return bar;
          }),
        ),
      );
      return group ? [group, bar] : [bar];
    }),
  );
}

function legend(tool: AppraisalTool): HTMLElement {
  return h(
    'p',
    { class: 'appraisal-legend' },
    'Key: ',
    ...tool.answers.map((a) =>
      h(
        'span',
        { class: 'legend-item' },
        h('span', { class: `tl tl-${a.tone}`, 'aria-hidden': 'true' }, TONE_SYMBOL[a.tone]),
        ` ${a.label}`,
      ),
    ),
    h(
      'span',
      { class: 'legend-item' },
      h('span', { class: 'tl tl-missing', 'aria-hidden': 'true' }),
      ' Not answered',
    ),
  );
}

const percent = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

function agreementTable(rows: CriterionAgreement[]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', id: 'appraisal-agreement' },
    h('h3', {}, 'Agreement between appraisers, per criterion'),
    rows.length === 0
      ? h('p', { class: 'muted' }, 'No study has been finished by two appraisers yet.')
      : h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, 'Criterion'),
              h('th', {}, 'Appraisers'),
              h('th', { class: 'num' }, 'Studies'),
              h('th', { class: 'num' }, 'Observed agreement'),
              h('th', { class: 'num' }, "Cohen's kappa"),
            ),
          ),
          h(
            'tbody',
            {},
            ...rows.map((r) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, r.criterion),
                h('td', {}, r.appraisers.join(' and ')),
                h('td', { class: 'num' }, r.studies),
                h('td', { class: 'num' }, percent(r.observedAgreement)),
                h(
                  'td',
                  { class: 'num', title: r.kappaNotEstimable ?? '' },
                  r.kappa === null ? 'not estimable' : r.kappa.toFixed(2),
                ),
              ),
            ),
          ),
        ),
  );
}
