import type {
  LabelListResponse,
  LabelSummary,
  NoteResponse,
  RecordPageDetail,
  TimelineResponse,
} from '../../../server/api/types';
import { api, ApiError } from '../api';
import { h, mount } from '../dom';
import { frame, statusLine } from '../layout';
import { loadProject } from '../project';
import { doiLink, recordMeta, safeUrl, STAGE_LABEL } from '../records';
import { labelChip } from '../workspace/labels';
import { KIND_LABEL, STATUS_LABEL } from '../workspace/query';
import { timelineList } from '../workspace/timeline';

/**
 * One record in full: every field, the raw fields as imported, the sources it came from (the
 * copies deduplication merged into it), its labels and team notes, where the review took it,
 * and its timeline, each as far as the visibility policy lets the caller see it.
 */
export async function recordPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const recordId = Number(params.recordId);
  const project = await loadProject(projectId);
  const content = frame(root, project);
  const base = `/api/projects/${projectId}`;
  const annotates = project.role !== 'viewer';
  const status = statusLine();
  const labelsBox = h('div', { id: 'record-labels', class: 'record-labels' });
  const notesBox = h('div', { id: 'record-notes' });
  const timelineBox = h('section', { class: 'card', 'aria-label': 'Timeline' });

  const [{ record }, { labels: projectLabels }] = await Promise.all([
    api.get<{ record: RecordPageDetail }>(`${base}/records/${recordId}`),
    api.get<LabelListResponse>(`${base}/labels`),
  ]);

  const fail = (e: unknown) => {
    status.textContent = e instanceof ApiError ? e.message : 'That did not work.';
    status.classList.add('error');
  };
  const refreshTimeline = async () => {
    const timeline = await api.get<TimelineResponse>(`${base}/records/${recordId}/timeline`);
    mount(timelineBox, h('h2', {}, 'Timeline'), timelineList(timeline));
  };
  const showLabels = (labels: LabelSummary[]) => {
    const remove = (l: LabelSummary) => async () => {
      try {
        showLabels(
          (await api.delete<{ labels: LabelSummary[] }>(`${base}/records/${recordId}/labels/${l.id}`)).labels,
        );
        await refreshTimeline();
      } catch (e) {
        fail(e);
      }
    };
    const free = projectLabels.filter((l) => !labels.some((x) => x.id === l.id));
    const chooser = h(
      'select',
      { id: 'record-label', 'aria-label': 'Label to put on' },
      ...free.map((l) => h('option', { value: l.id }, l.name)),
    );
    mount(
      labelsBox,
      ...(labels.length === 0
        ? [h('span', { class: 'muted' }, 'No labels. ')]
        : labels.map((l) => labelChip(l, annotates ? remove(l) : undefined))),
      annotates && free.length > 0
        ? h(
            'span',
            { class: 'inline-form' },
            chooser,
            h(
              'button',
              {
                type: 'button',
                id: 'record-label-add',
                onclick: async () => {
                  try {
                    showLabels(
                      (
                        await api.put<{ labels: LabelSummary[] }>(
                          `${base}/records/${recordId}/labels/${chooser.value}`,
                        )
                      ).labels,
                    );
                    await refreshTimeline();
                  } catch (e) {
                    fail(e);
                  }
                },
              },
              'Add label',
            ),
          )
        : null,
    );
  };
  const showNotes = (notes: RecordPageDetail['notes']) => {
    const text = h('textarea', { id: 'note-text', maxlength: 5000, 'aria-label': 'New note' });
    mount(
      notesBox,
      notes.length === 0
        ? h('p', { class: 'muted' }, 'No notes you may read yet.')
        : h(
            'ul',
            { class: 'notes' },
            ...notes.map((n) =>
              h(
                'li',
                {},
                h('strong', {}, n.username ?? 'someone'),
                ` (${n.createdAt.slice(0, 10)}): `,
                h('span', { dir: 'auto', class: 'note-text' }, n.text),
              ),
            ),
          ),
      annotates
        ? h(
            'form',
            {
              'aria-label': 'Add a note',
              onsubmit: async (event: Event) => {
                event.preventDefault();
                try {
                  const { note } = await api.post<NoteResponse>(`${base}/records/${recordId}/notes`, {
                    text: text.value,
                  });
                  showNotes([...notes, note]);
                  await refreshTimeline();
                } catch (e) {
                  fail(e);
                }
              },
            },
            text,
            h('button', { type: 'submit', id: 'note-add' }, 'Add note'),
          )
        : null,
    );
  };

  const field = (
    name: string,
    value: string | number | null | undefined | HTMLElement | (string | HTMLElement | null)[],
  ) =>
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
      ? null
      : h(
          'tr',
          {},
          h('th', { scope: 'row' }, name),
          h('td', { dir: 'auto' }, ...(Array.isArray(value) ? value : [value])),
        );
  const url = safeUrl(record.url);
  const where = () => {
    if (record.duplicateOf !== null)
      return h(
        'p',
        {},
        'A duplicate of ',
        h(
          'a',
          { href: `#/projects/${projectId}/records/${record.duplicateOf}` },
          `record ${record.duplicateOf}`,
        ),
        ' (deduplication merged it there).',
      );
    if (record.removedBeforeScreening)
      return h(
        'p',
        {},
        h('span', { class: 'badge exclude' }, 'Removed before screening'),
        ` ${record.removedBeforeScreening.reason} (bulk exclusion, ${record.removedBeforeScreening.at.slice(0, 10)}).`,
      );
    if (!record.outcome)
      return h('p', { class: 'muted' }, 'Its outcome is hidden while a screening stage is blind to you.');
    const o = record.outcome;
    return h(
      'p',
      { id: 'record-outcome' },
      h('span', { class: `badge status-${o.status}` }, STATUS_LABEL[o.status]),
      o.stage ? ` at ${STAGE_LABEL[o.stage].toLowerCase()}` : '',
      o.reason ? ` — ${o.reason}` : '',
    );
  };

  mount(
    content,
    h('p', {}, h('a', { href: `#/projects/${projectId}/records` }, '← Records')),
    h('h1', { dir: 'auto' }, record.title?.trim() || '(no title)'),
    h('p', { class: 'record-meta', dir: 'auto' }, recordMeta(record, 12), ' ', doiLink(record.doi)),
    where(),
    labelsBox,
    status,
    h(
      'div',
      { class: 'side-by-side' },
      h(
        'section',
        { class: 'card', 'aria-label': 'Fields' },
        h('h2', {}, 'Fields'),
        h(
          'table',
          { class: 'fields' },
          h(
            'tbody',
            {},
            field('Sift id', record.id),
            field('Type', record.type),
            field('Title', record.title),
            field('Authors', record.authors.join('; ')),
            field('Year', record.year),
            field('Journal', record.journal),
            field('Volume', record.volume),
            field('Issue', record.issue),
            field('Pages', record.pages),
            field('DOI', record.doi),
            field('PMID', record.pmid),
            field('ISBN', record.isbn),
            field('ISSN', record.issn),
            field('Language', record.language),
            field(
              'URL',
              url ? h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, url) : record.url,
            ),
            field('Keywords', record.keywords.join('; ')),
            field('Id in its file', record.sourceRecordId),
          ),
        ),
        record.abstract
          ? h('p', { class: 'abstract', dir: 'auto' }, record.abstract)
          : h('p', { class: 'muted' }, 'No abstract.'),
      ),
      h(
        'section',
        { class: 'card', 'aria-label': 'Sources' },
        h('h2', {}, 'Sources'),
        h(
          'ul',
          { id: 'record-sources' },
          h(
            'li',
            {},
            `${record.source.name} (${KIND_LABEL[record.source.kind as keyof typeof KIND_LABEL] ?? record.source.kind})`,
            record.source.fileName ? ` · ${record.source.fileName}` : '',
            ' — this record',
          ),
          ...record.copies.map((c) =>
            h(
              'li',
              {},
              `${c.sourceName} (${KIND_LABEL[c.sourceKind]}) — `,
              h('a', { href: `#/projects/${projectId}/records/${c.id}` }, `record ${c.id}`),
              ', merged into this one',
            ),
          ),
        ),
        h('h2', {}, 'Notes'),
        notesBox,
      ),
    ),
    timelineBox,
    h(
      'details',
      { class: 'card' },
      h('summary', {}, `Raw fields as imported (${record.raw.length})`),
      h(
        'table',
        { class: 'raw-fields' },
        h(
          'tbody',
          {},
          ...record.raw.map(([tag, value]) =>
            h('tr', {}, h('th', { scope: 'row' }, tag), h('td', { dir: 'auto' }, value)),
          ),
        ),
      ),
    ),
  );
  showLabels(record.labels);
  showNotes(record.notes);
  await refreshTimeline();
}
