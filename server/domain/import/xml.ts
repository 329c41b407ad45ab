import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ParseError } from '../errors';
import type { RawField } from './types';

/** An XML element reduced to what the bibliographic readers need. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  /** Child elements and text, in document order. */
  children: (XmlElement | string)[];
}

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
});

/**
 * Parses XML text into elements; malformed XML is a ParseError naming the line. Entity
 * declarations are refused outright: bibliographic exports never need them, and they are
 * the door to entity-expansion attacks.
 */
export function parseXml(text: string, fileName: string): { elements: XmlElement[]; warnings: string[] } {
  let source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const entity = /<!ENTITY/i.exec(source);
  if (entity)
    throw new ParseError(fileName, lineAt(source, entity.index), 'XML entity declarations are not allowed');
  const warnings: string[] = [];
  // Some exporters write a bare "&" (AT&T); read it as text rather than refuse the whole file.
  let bare = 0;
  source = source.replace(/&(?!#\d+;|#x[\da-fA-F]+;|[A-Za-z][\w.-]*;)/g, () => {
    bare++;
    return '&amp;';
  });
  if (bare > 0) warnings.push(`${bare} unescaped "&" read as text`);
  const deep = tooDeep(source, MAX_XML_DEPTH);
  if (deep !== null) {
    throw new ParseError(fileName, lineAt(source, deep), `elements nested more than ${MAX_XML_DEPTH} deep: not a bibliographic export`);
  }
  const valid = XMLValidator.validate(source);
  if (valid !== true) throw new ParseError(fileName, valid.err.line, `not well-formed XML: ${valid.err.msg}`);
  let parsed: OrderedNode[];
  try {
    parsed = parser.parse(source) as OrderedNode[];
  } catch (error) {
    // The parser refuses input it cannot hold (its own nesting limit) with a plain Error.
    if (error instanceof Error && error.constructor === Error) {
      throw new ParseError(fileName, null, `not well-formed XML: ${error.message}`, { cause: error });
    }
    throw error;
  }
  return { elements: convert(parsed), warnings };
}

/**
 * How deep elements may nest. PubMed and EndNote records are about ten levels deep (a few more
 * with MathML in a title); the parser keeps one stack frame per level, and refuses past 100.
 */
export const MAX_XML_DEPTH = 100;

/**
 * The offset of the first start tag nested deeper than `max`, or null: one pass over the tags
 * (comments, CDATA, declarations and processing instructions skipped), so a nesting bomb is
 * refused before the parser recurses into it.
 */
export function tooDeep(text: string, max: number): number | null {
  let depth = 0;
  let pos = text.indexOf('<');
  while (pos >= 0) {
    const next = text.charCodeAt(pos + 1);
    if (text.startsWith('<!--', pos)) pos = skipPast(text, '-->', pos + 4);
    else if (text.startsWith('<![CDATA[', pos)) pos = skipPast(text, ']]>', pos + 9);
    else if (next === 33 /* ! */ || next === 63 /* ? */) pos = skipPast(text, '>', pos + 2);
    else {
      const gt = text.indexOf('>', pos + 1);
      if (gt < 0) return null; // an unclosed tag: the validator names it
      if (next === 47 /* / */) depth--;
      else if (text.charCodeAt(gt - 1) !== 47 /* / */ && ++depth > max) return pos;
      pos = gt + 1;
    }
    if (pos < 0) return null;
    pos = text.indexOf('<', pos);
  }
  return null;
}

function skipPast(text: string, end: string, from: number): number {
  const at = text.indexOf(end, from);
  return at < 0 ? -1 : at + end.length;
}

function convert(nodes: OrderedNode[]): XmlElement[] {
  return nodes.flatMap((node) => {
    const element = toElement(node);
    return element && typeof element !== 'string' ? [element] : [];
  });
}

function toElement(node: OrderedNode): XmlElement | string | null {
  for (const key of Object.keys(node)) {
    if (key === ':@') continue;
    if (key === '#text') return String(node[key]);
    const attrs = (node[':@'] as Record<string, unknown> | undefined) ?? {};
    const children: (XmlElement | string)[] = [];
    for (const child of (node[key] as OrderedNode[] | undefined) ?? []) {
      const converted = toElement(child);
      if (converted !== null) children.push(converted);
    }
    return {
      name: key,
      attrs: Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, String(v)])),
      children,
    };
  }
  return null;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** All text inside an element, markup dropped (<i>, <sup>, EndNote's <style> wrappers). */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return '';
  let out = '';
  for (const child of element.children) out += typeof child === 'string' ? child : textOf(child);
  return out;
}

/** Child elements with the given name (all child elements when name is omitted). */
export function childElements(element: XmlElement | undefined, name?: string): XmlElement[] {
  if (!element) return [];
  const out: XmlElement[] = [];
  for (const child of element.children)
    if (typeof child !== 'string' && (name === undefined || child.name === name)) out.push(child);
  return out;
}

/** Every element reached by a slash-separated path of child names ("titles/title"). */
export function elementsAt(element: XmlElement | undefined, path: string): XmlElement[] {
  let current: XmlElement[] = element ? [element] : [];
  for (const step of path.split('/')) current = current.flatMap((e) => childElements(e, step));
  return current;
}

/** The text of the first element at `path`, or '' when there is none. */
export function textAt(element: XmlElement | undefined, path: string): string {
  return textOf(elementsAt(element, path)[0]);
}

/**
 * Every field of a record as [path, text] pairs, in document order: an element holding text
 * (or only inline markup) is one field; its attributes follow as [path@name, value].
 * Elements named in `skip` are left out, with everything under them.
 */
export function flattenFields(
  element: XmlElement,
  inline: ReadonlySet<string>,
  skip: ReadonlySet<string> = new Set(),
): RawField[] {
  const out: RawField[] = [];
  const walk = (node: XmlElement, path: string): void => {
    for (const child of childElements(node)) {
      if (skip.has(child.name)) continue;
      const childPath = path ? `${path}/${child.name}` : child.name;
      if (isLeaf(child, inline)) {
        const text = textOf(child).trim();
        // An empty element (<urls/>) carries nothing worth keeping.
        if (text !== '' || Object.keys(child.attrs).length > 0) out.push([childPath, text]);
        for (const [name, value] of Object.entries(child.attrs)) out.push([`${childPath}@${name}`, value]);
      } else {
        for (const [name, value] of Object.entries(child.attrs)) out.push([`${childPath}@${name}`, value]);
        walk(child, childPath);
      }
    }
  };
  walk(element, '');
  return out;
}

function isLeaf(element: XmlElement, inline: ReadonlySet<string>): boolean {
  let hasElement = false;
  for (const child of element.children) {
    if (typeof child === 'string') {
      if (child.trim() !== '') return true;
    } else if (!inline.has(child.name)) {
      hasElement = true;
    }
  }
  return !hasElement;
}
