/**
 * Brings a server-rendered SVG (the PRISMA diagram) into the page without innerHTML: the text
 * is parsed as XML (parsing never runs scripts), then copied element by element through an
 * allow-list, so a source name carrying markup can only ever be text.
 */
const ELEMENTS = new Set(['svg', 'g', 'rect', 'text', 'tspan', 'path', 'line', 'polyline', 'polygon', 'circle', 'ellipse', 'title', 'desc', 'a']);
const ATTRIBUTES = new Set([
  'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height', 'viewBox', 'd', 'points',
  'fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'font-family', 'font-size', 'font-weight', 'font-style',
  'text-anchor', 'dominant-baseline', 'transform', 'dx', 'dy', 'class', 'data-box', 'role', 'aria-label',
  'opacity', 'fill-opacity',
  'preserveAspectRatio', 'letter-spacing',
]);
const SVG_NS = 'http://www.w3.org/2000/svg';

export interface SafeSvg {
  svg: SVGSVGElement;
  /** The drill-down targets found on <a> elements, by box key. */
  boxes: string[];
}

/** Parses and copies an SVG; `<a href>` become focusable groups carrying `data-drill` with the box key. */
export function importSvg(text: string): SafeSvg {
  const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
  const source = parsed.documentElement;
  if (source.nodeName !== 'svg' || parsed.getElementsByTagName('parsererror').length > 0) {
    throw new Error('the diagram is not a valid SVG');
  }
  const boxes: string[] = [];
  const svg = copy(source, boxes) as SVGSVGElement;
  return { svg, boxes };
}

function copy(node: Element, boxes: string[]): Element {
  const name = node.localName;
  const out = document.createElementNS(SVG_NS, name === 'a' ? 'g' : name);
  for (const attr of Array.from(node.attributes)) {
    if (ATTRIBUTES.has(attr.name) && !/^\s*(javascript|data|url)\s*:/i.test(attr.value)) out.setAttribute(attr.name, attr.value);
  }
  if (name === 'a') {
    const href = node.getAttribute('href') ?? node.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ?? '';
    const match = /\/prisma\/boxes\/([^/]+)\/records/.exec(href);
    if (match?.[1]) {
      const box = decodeURIComponent(match[1]);
      boxes.push(box);
      out.setAttribute('data-drill', box);
      out.setAttribute('tabindex', '0');
      out.setAttribute('role', 'button');
      out.setAttribute('class', 'drill');
    }
  }
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) out.appendChild(document.createTextNode(child.textContent ?? ''));
    else if (child.nodeType === Node.ELEMENT_NODE && ELEMENTS.has((child as Element).localName)) out.appendChild(copy(child as Element, boxes));
  }
  if (name === 'a' && out.getAttribute('data-drill')) {
    out.setAttribute('aria-label', `List the records behind: ${out.textContent ?? ''}`);
  }
  return out;
}
