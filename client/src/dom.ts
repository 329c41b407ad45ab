/**
 * The only way the client builds DOM. Text from imports (titles, abstracts, notes) goes in
 * through textContent, never innerHTML, so nothing an export carries can run as HTML.
 */
export type Child = Node | string | number | null | undefined | false;

export interface Props {
  [attribute: string]: string | number | boolean | null | undefined | ((event: Event) => void);
}

/** Creates an element; `on…` props become listeners, strings become attributes, children become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child == null || child === false) continue;
    parent.appendChild(
      typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child,
    );
  }
}

/** Replaces the children of a node. */
export function mount(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/**
 * Splits text into plain runs and highlighted runs for the given keywords, returning nodes
 * (text nodes and <mark> elements) — highlighting without ever parsing HTML.
 */
export function highlight(text: string, include: string[], exclude: string[]): Node[] {
  const words = [
    ...include.map((w) => ({ w, kind: 'include' })),
    ...exclude.map((w) => ({ w, kind: 'exclude' })),
  ].filter((x) => x.w.trim() !== '');
  if (words.length === 0) return [document.createTextNode(text)];
  const escaped = words.map((x) => x.w.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(${escaped.join('|')})`, 'gi');
  const nodes: Node[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    if (start > last) nodes.push(document.createTextNode(text.slice(last, start)));
    const found = match[0];
    const kind = words.find((x) => x.w.trim().toLowerCase() === found.toLowerCase())?.kind ?? 'include';
    nodes.push(h('mark', { class: `kw-${kind}` }, found));
    last = start + found.length;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}
