import type { AppraisalSettings, AppraisalToolsResponse, Field } from '../../../server/api/types';
import { api } from '../api';
import { h } from '../dom';
import { savingBeside } from '../settings/save';
import { toolEditor } from './tool-editor';

/**
 * The owner's setup of the appraisal: the tool (a shipped one, or their own: edited here or
 * imported from a JSON file; any tool downloads as JSON), appraisers per study, blind, the
 * one-way unblind, where a study's design comes from, and the notice shown above the results.
 */
export function setupSection(
  base: string,
  settings: AppraisalSettings,
  tools: AppraisalToolsResponse,
  fields: Field[],
  reload: () => void,
): HTMLElement {
  const { status, save } = savingBeside();
  const saveThenReload = (what: string, run: () => Promise<unknown>) =>
    save(what, run).then(() => {
      if (!status.classList.contains('error')) reload();
    });

  const tool = h(
    'select',
    { id: 'appraisal-tool' },
    ...tools.tools.map((t) =>
      h('option', { value: t.id }, `${t.name}${t.builtIn ? '' : ' (this project’s)'}`),
    ),
  );
  tool.value = tools.active;
  const appraisers = h(
    'select',
    { id: 'appraisers-required' },
    h('option', { value: '1' }, '1 appraiser (their answers count)'),
    h('option', { value: '2' }, '2 appraisers, blind, then the owner reconciles'),
  );
  appraisers.value = String(settings.appraisersRequired);
  const blind = h('input', { type: 'checkbox', id: 'appraisal-blind', checked: settings.blind });
  const designField = h(
    'select',
    { id: 'appraisal-design-field' },
    h('option', { value: '' }, 'none: appraisers choose each study’s design'),
    ...fields.map((f) => h('option', { value: f.key }, f.label)),
  );
  designField.value = settings.designField ?? '';
  const active = tools.tools.find((t) => t.id === tools.active)!;
  const field = fields.find((f) => f.key === settings.designField);
  const mapSelects = (field?.options ?? []).map((option) => {
    const select = h(
      'select',
      { 'data-value': option, 'aria-label': `Design for “${option}”` },
      h('option', { value: '' }, '(by name, or the appraiser chooses)'),
      ...active.designs.map((d) => h('option', { value: d.id }, d.label)),
    );
    select.value = settings.designMap[option] ?? '';
    return { option, select };
  });
  const notice = h('textarea', { id: 'appraisal-notice', maxlength: 2000 });
  notice.value = settings.notice ?? '';
  const file = h('input', { type: 'file', id: 'appraisal-tool-file', accept: '.json,application/json' });

  return h(
    'section',
    { class: 'card', id: 'appraisal-setup', 'aria-label': 'Appraisal setup' },
    h('h2', {}, 'Setup (owner)'),
    status,
    h(
      'form',
      {
        class: 'inline-form',
        onsubmit: (event: Event) => {
          event.preventDefault();
          void saveThenReload('Tool', () => api.put(`${base}/tool`, { tool: tool.value }));
        },
      },
      h('label', { for: 'appraisal-tool' }, 'Tool'),
      tool,
      h('button', { type: 'submit' }, 'Use this tool'),
      h(
        'a',
        { href: `${base}/tool.json?tool=${encodeURIComponent(tools.active)}`, download: '' },
        'Export it as JSON',
      ),
    ),
    active.source
      ? h(
          'p',
          { class: 'hint', id: 'appraisal-source' },
          `Source: ${active.source.authors} (${active.source.year}). ${active.source.title}. `,
          h(
            'a',
            { href: active.source.url, target: '_blank', rel: 'noopener noreferrer' },
            active.source.url,
          ),
          active.source.note ? ` ${active.source.note}` : '',
        )
      : null,
    h(
      'form',
      {
        onsubmit: (event: Event) => {
          event.preventDefault();
          void saveThenReload('Appraisal settings', () =>
            api.patch(`${base}/settings`, {
              appraisersRequired: Number(appraisers.value),
              blind: blind.checked,
              designField: designField.value === '' ? null : designField.value,
              designMap: Object.fromEntries(
                mapSelects.filter((m) => m.select.value !== '').map((m) => [m.option, m.select.value]),
              ),
              notice: notice.value,
            }),
          );
        },
      },
      h('label', { for: 'appraisers-required' }, 'Appraisers per study'),
      appraisers,
      h(
        'label',
        { class: 'check', for: 'appraisal-blind' },
        blind,
        ' Blind (appraisers see each other’s answers on a study once both marked it done)',
      ),
      h('label', { for: 'appraisal-design-field' }, 'Design from the extraction field'),
      designField,
      mapSelects.length
        ? h(
            'fieldset',
            { class: 'appraisal-map' },
            h('legend', {}, `Which design each value of “${field!.label}” is`),
            ...mapSelects.map((m) => h('label', {}, `${m.option} `, m.select)),
          )
        : null,
      h('label', { for: 'appraisal-notice' }, 'Notice shown above the appraisal and in its exports'),
      notice,
      h('p', {}, h('button', { type: 'submit', class: 'primary' }, 'Save appraisal settings')),
    ),
    h(
      'p',
      {},
      h(
        'button',
        {
          type: 'button',
          disabled: !settings.blind || settings.unblinded,
          onclick: () => {
            if (
              !confirm(
                'Unblind the appraisal? Appraisers will see each other’s answers on every study; this cannot be undone.',
              )
            )
              return;
            void saveThenReload('Unblinding', () => api.post(`${base}/unblind`));
          },
        },
        settings.unblinded ? 'Appraisal unblinded' : 'Unblind the appraisal now',
      ),
    ),
    h(
      'form',
      {
        class: 'inline-form',
        onsubmit: (event: Event) => {
          event.preventDefault();
          const chosen = file.files?.[0];
          if (!chosen) return;
          void saveThenReload('Imported tool', async () =>
            api.post(`${base}/tools/import`, { text: await chosen.text(), fileName: chosen.name }),
          );
        },
      },
      h('label', { for: 'appraisal-tool-file' }, 'Import a tool (JSON)'),
      file,
      h('button', { type: 'submit' }, 'Import'),
    ),
    toolEditor(base, active, saveThenReload),
  );
}
