import type { Code, CodebookResponse } from '../../../server/api/types';
import { api } from '../api';
import { h, mount } from '../dom';
import { statusLine } from '../layout';
import { codeOptions } from './code-options';
import { childrenByParent, dropPlace, dropZoneAt, possibleParents, siblingsOf, type DropZone } from './codes';
import type { EditorContext } from './editor-context';
import { focusAfterStep, type Step } from './steps';
import { upDownButtons } from './up-down';

/** What the owner has open on one code: its rename form or its "move under" form. */
type Open = { codeId: number; form: 'rename' | 'move' } | null;

const row = (id: number) => `[data-code-id="${id}"]`;
const statusOf = (id: number) => `${row(id)} > .code-row .code-status`;
const button = (id: number, action: string) => `${row(id)} > .code-row [data-action="${action}"]`;

/**
 * The owner's code tree: each code renamed in place, moved under another ("Move…", a select: the
 * keyboard's way) or by dragging it onto a code (inside it, or above or below it as a sibling),
 * reordered with the ↑/↓ buttons, removed; and a form that adds a code.
 */
export function codeTreeEditor(ctx: EditorContext): { element: HTMLElement; render(): void } {
  const treeStatus = statusLine();
  const body = h('div');
  const element = h(
    'section',
    { class: 'card', id: 'codebook-editor', 'aria-labelledby': 'codes-title' },
    h('h2', { id: 'codes-title', tabindex: -1 }, 'Codes'),
    h(
      'p',
      { class: 'hint' },
      'Drag a code onto another to put it inside, or onto the top or bottom edge of a code to put it beside. ',
      'With the keyboard: “Move…” puts a code under another, ↑ and ↓ reorder it among its siblings.',
    ),
    treeStatus,
    body,
  );
  let open: Open = null;
  let dragged: number | null = null;

  function render(): void {
    const { codes } = ctx.book;
    mount(
      body,
      codes.length === 0 ? h('p', { class: 'muted' }, 'No codes yet.') : tree(codes),
      topLevelDrop(codes),
      addCodeForm(ctx),
    );
  }

  function tree(codes: Code[]): HTMLElement {
    const byParent = childrenByParent(codes);
    const list = (parentId: number | null): HTMLElement | null => {
      const children = byParent.get(parentId);
      if (!children?.length) return null;
      return h(
        'ul',
        { class: 'code-tree', id: parentId === null ? 'code-tree' : null },
        ...children.map((c) =>
          h('li', { 'data-code-id': c.id }, codeRow(codes, c), openForm(codes, c), list(c.id)),
        ),
      );
    };
    return list(null)!;
  }

  function codeRow(codes: Code[], c: Code): HTMLElement {
    const { siblings, index } = siblingsOf(codes, c);
    const status = h('span', { class: 'code-status', role: 'status', 'aria-live': 'polite' });
    const moveAmong = (step: Step) => () => {
      void ctx.change(
        () => api.post(`${ctx.base}/codes/${c.id}/move`, { parentId: c.parentId, index: index + step }),
        {
          focus: button(c.id, focusAfterStep(index, step, siblings.length)),
          say: { at: statusOf(c.id), text: `Moved ${step < 0 ? 'up' : 'down'}.` },
        },
        status,
      );
    };
    const rowElement = h(
      'div',
      { class: 'code-row', draggable: 'true' },
      h('span', { class: 'code-label', dir: 'auto' }, c.label),
      ' ',
      h('code', { class: 'code-key' }, c.code),
      c.description
        ? h('span', { class: 'muted code-description', dir: 'auto' }, ` — ${c.description}`)
        : null,
      h(
        'span',
        { class: 'code-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            'data-action': 'rename',
            'aria-label': `Rename ${c.label}`,
            onclick: () => openOn(c.id, 'rename'),
          },
          'Rename',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            'data-action': 'move',
            'aria-label': `Move ${c.label}…`,
            onclick: () => openOn(c.id, 'move'),
          },
          'Move…',
        ),
        ...upDownButtons(c.label, index, siblings.length, moveAmong),
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            'data-action': 'remove',
            'aria-label': `Remove the code ${c.label}`,
            onclick: () =>
              void ctx.change(
                () => api.delete(`${ctx.base}/codes/${c.id}`),
                {
                  focus: '#codes-title',
                  say: { at: '#codebook-editor > .status', text: `Removed ${c.label}.` },
                },
                status,
              ),
          },
          'Remove',
        ),
      ),
      status,
    );
    dragAndDrop(rowElement, codes, c);
    return rowElement;
  }

  function openOn(codeId: number, form: 'rename' | 'move'): void {
    open = { codeId, form };
    render();
    body.querySelector<HTMLElement>(`${row(codeId)} > form [data-first]`)?.focus();
  }

  function close(codeId: number, action: string): void {
    open = null;
    render();
    body.querySelector<HTMLElement>(button(codeId, action))?.focus();
  }

  function openForm(codes: Code[], c: Code): HTMLElement | null {
    if (open?.codeId !== c.id) return null;
    const status = statusLine();
    const cancel = () => close(c.id, open?.form ?? 'rename');
    const onEscape = (event: Event) => {
      if ((event as KeyboardEvent).key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        cancel();
      }
    };
    const cancelButton = h('button', { type: 'button', onclick: cancel }, 'Cancel');
    if (open.form === 'rename') {
      const label = h('input', {
        id: `rename-${c.id}`,
        value: c.label,
        required: true,
        maxlength: 300,
        'data-first': '',
      });
      const description = h('textarea', { id: `describe-${c.id}`, rows: 2, maxlength: 5000 });
      description.value = c.description;
      return h(
        'form',
        {
          class: 'inline-edit',
          'aria-label': `Rename ${c.label}`,
          onkeydown: onEscape,
          onsubmit: (event: Event) => {
            event.preventDefault();
            void ctx.change(
              () =>
                api.patch(`${ctx.base}/codes/${c.id}`, {
                  label: label.value.trim(),
                  description: description.value,
                }),
              () => {
                open = null;
                return { focus: button(c.id, 'rename'), say: { at: statusOf(c.id), text: 'Renamed.' } };
              },
              status,
            );
          },
        },
        h('label', { for: `rename-${c.id}` }, `New label for ${c.label}`),
        label,
        h('label', { for: `describe-${c.id}` }, 'Description'),
        description,
        h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Save'), cancelButton),
        status,
      );
    }
    const choices = possibleParents(codes, c.id);
    const under = h(
      'select',
      { id: `move-${c.id}`, 'data-first': '' },
      h('option', { value: '', selected: c.parentId === null }, '(top level: a theme)'),
      ...codeOptions(choices).map((o) => {
        o.selected = Number(o.value) === c.parentId;
        return o;
      }),
    );
    return h(
      'form',
      {
        class: 'inline-edit',
        'aria-label': `Move ${c.label}`,
        onkeydown: onEscape,
        onsubmit: (event: Event) => {
          event.preventDefault();
          const parentId = under.value === '' ? null : Number(under.value);
          const parent = codes.find((x) => x.id === parentId);
          void ctx.change(
            () => api.post(`${ctx.base}/codes/${c.id}/move`, { parentId, index: Number.MAX_SAFE_INTEGER }),
            () => {
              open = null;
              return {
                focus: button(c.id, 'move'),
                say: {
                  at: statusOf(c.id),
                  text: parent ? `Moved under ${parent.label}.` : 'Moved to the top level.',
                },
              };
            },
            status,
          );
        },
      },
      h('label', { for: `move-${c.id}` }, `Move ${c.label} under`),
      under,
      h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Move'), cancelButton),
      status,
    );
  }

  /** Drag a row onto another: inside it (its middle) or beside it (its top or bottom quarter). */
  function dragAndDrop(rowElement: HTMLElement, codes: Code[], c: Code): void {
    let zone: DropZone | null = null;
    const clear = () => {
      rowElement.classList.remove('drop-before', 'drop-after', 'drop-inside');
      zone = null;
    };
    rowElement.addEventListener('dragstart', (event) => {
      dragged = c.id;
      event.dataTransfer?.setData('text/plain', String(c.id));
      if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
      element.classList.add('dragging');
    });
    rowElement.addEventListener('dragend', () => {
      dragged = null;
      element.classList.remove('dragging');
    });
    rowElement.addEventListener('dragover', (event) => {
      if (dragged === null) return;
      const box = rowElement.getBoundingClientRect();
      const at = dropZoneAt(event.clientY - box.top, box.height);
      if (!dropPlace(codes, dragged, c.id, at)) return;
      event.preventDefault();
      if (at !== zone) {
        clear();
        zone = at;
        rowElement.classList.add(`drop-${at}`);
      }
    });
    rowElement.addEventListener('dragleave', clear);
    rowElement.addEventListener('drop', (event) => {
      event.preventDefault();
      const moving = dragged;
      const at = zone;
      clear();
      if (moving === null || at === null) return;
      const place = dropPlace(codes, moving, c.id, at);
      if (place) void dropAt(codes, moving, place);
    });
  }

  async function dropAt(codes: Code[], moving: number, place: { parentId: number | null; index: number }) {
    const parent = codes.find((x) => x.id === place.parentId);
    await ctx.change(
      () => api.post<CodebookResponse>(`${ctx.base}/codes/${moving}/move`, place),
      {
        say: {
          at: statusOf(moving),
          text: parent ? `Moved under ${parent.label}.` : 'Moved to the top level.',
        },
      },
      treeStatus,
    );
  }

  /** While a code is dragged: a place to drop it as the last theme. */
  function topLevelDrop(codes: Code[]): HTMLElement {
    const zone = h(
      'div',
      { class: 'drop-top', 'aria-hidden': 'true' },
      'Drop here to make it a theme, last at the top level',
    );
    zone.addEventListener('dragover', (event) => {
      if (dragged === null) return;
      event.preventDefault();
      zone.classList.add('over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      zone.classList.remove('over');
      if (dragged !== null) void dropAt(codes, dragged, { parentId: null, index: Number.MAX_SAFE_INTEGER });
    });
    return zone;
  }

  render();
  return { element, render };
}

/** Adds a code under a parent or at the top. */
function addCodeForm(ctx: EditorContext): HTMLElement {
  const key = h('input', { id: 'new-code', name: 'code', required: true, maxlength: 80 });
  const label = h('input', { id: 'new-label', name: 'label', required: true, maxlength: 300 });
  const description = h('textarea', { id: 'new-description', name: 'description', rows: 2, maxlength: 5000 });
  const parent = h(
    'select',
    { id: 'new-parent', name: 'parentId' },
    h('option', { value: '' }, '(top level)'),
    ...codeOptions(ctx.book.codes),
  );
  const said = statusLine();
  return h(
    'form',
    {
      'aria-label': 'Add a code',
      id: 'add-code',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const text = label.value.trim();
        void ctx.change(
          () =>
            api.post<Code>(`${ctx.base}/codes`, {
              code: key.value.trim(),
              label: text,
              description: description.value,
              parentId: parent.value ? Number(parent.value) : null,
            }),
          (code) => ({ focus: '#new-code', say: { at: statusOf(code.id), text: 'Added.' } }),
          said,
        );
      },
    },
    h('h3', {}, 'Add a code'),
    h('label', { for: 'new-code' }, 'Short code'),
    key,
    h('label', { for: 'new-label' }, 'Label'),
    label,
    h('label', { for: 'new-description' }, 'Description'),
    description,
    h('label', { for: 'new-parent' }, 'Under'),
    parent,
    h('p', {}, h('button', { type: 'submit' }, 'Add code')),
    said,
  );
}
