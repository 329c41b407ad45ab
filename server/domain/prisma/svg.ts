import { boxContents, type BoxId, type Paragraph } from './boxes';
import { DEFAULT_LABELS } from './template';
import { FONT_FAMILY, escapeXml, measureText, wrapText } from './text';
import type { PrismaResult } from './types';

export interface SvgOptions {
  /** Draw the other-methods column; defaults to whether the review has any. */
  other?: boolean;
  /** Draw the previous-studies column (updated review); defaults to whether there were previous studies. */
  previous?: boolean;
  /** List each database and register under its total (default true). */
  perSourceDetail?: boolean;
  /** Wrap each count in a link; "{box}" is replaced by the URL-encoded box key. */
  drillDownHref?: string;
}

// Geometry in SVG user units (px). Chosen so the widest diagram fits A4 landscape at ≥ 8 pt.
const FONT = 13;
const LINE = 17;
const PAD = 9;
const INDENT = 12;
const BOX_W = 205;
const GAP_X = 40;
const GAP_COL = 30;
const GAP_Y = 36;
const MARGIN = 12;
const PHASE_W = 32;
const HEADER_FONT = 14;
const COLOURS = {
  line: '#000000',
  text: '#000000',
  yellow: '#ffc000',
  grey: '#d9d9d9',
  blue: '#9dc3e6',
  box: '#ffffff',
};

interface Placed {
  id: BoxId;
  x: number;
  y: number;
  w: number;
  h: number;
  lines: Line[];
}

interface Line {
  text: string;
  indent: number;
  bold: boolean;
  box?: string;
  n?: number | null;
}

/** Renders the PRISMA 2020 flow diagram as a standalone SVG; the same input always gives the same bytes. */
export function renderPrismaSvg(
  result: Pick<PrismaResult, 'model' | 'labels' | 'hints'>,
  options: SvgOptions = {},
): string {
  const previous = options.previous ?? result.hints.previous;
  const other = options.other ?? result.hints.other;
  const contents = boxContents(result, { previous, other, perSourceDetail: options.perSourceDetail ?? true });
  const label = (key: string) => result.labels[key] ?? DEFAULT_LABELS[key] ?? key;

  // Columns, left to right.
  const phaseX = MARGIN;
  let x = phaseX + PHASE_W + 12;
  const prevX = previous ? x : null;
  if (previous) x += BOX_W + GAP_COL;
  const dbrX = x;
  const dbrSideX = dbrX + BOX_W + GAP_X;
  x = dbrSideX + BOX_W;
  const otherX = other ? x + GAP_COL : null;
  const otherSideX = otherX === null ? null : otherX + BOX_W + GAP_X;
  const width = (otherSideX === null ? x : otherSideX + BOX_W) + MARGIN;

  const lay = (id: BoxId, colX: number): Placed => {
    const lines = layoutLines(contents[id]);
    return { id, x: colX, y: 0, w: BOX_W, h: Math.max(2, lines.length) * LINE + 2 * PAD, lines };
  };

  // Header row.
  const headers: { x: number; w: number; text: string; fill: string; key: string }[] = [];
  if (prevX !== null)
    headers.push({ x: prevX, w: BOX_W, text: label('prevstud'), fill: COLOURS.grey, key: 'prevstud' });
  headers.push({
    x: dbrX,
    w: 2 * BOX_W + GAP_X,
    text: label('newstud'),
    fill: COLOURS.yellow,
    key: 'newstud',
  });
  if (otherX !== null)
    headers.push({
      x: otherX,
      w: 2 * BOX_W + GAP_X,
      text: label('othstud'),
      fill: COLOURS.grey,
      key: 'othstud',
    });
  const headerLines = headers.map((h) => wrapText(h.text, h.w - 2 * PAD, HEADER_FONT, true));
  const headerH = Math.max(...headerLines.map((l) => l.length)) * (HEADER_FONT + 4) + 2 * PAD;
  let y = MARGIN;
  const headerY = y;
  y += headerH + GAP_Y * 0.6;

  // Content rows: each row's boxes share a vertical centre so horizontal arrows stay straight.
  const rows: Placed[][] = [];
  const addRow = (boxes: (Placed | number | null)[]) => {
    const present = boxes.filter((b): b is Placed => b !== null && typeof b !== 'number');
    const h = Math.max(...boxes.map((b) => (b === null ? 0 : typeof b === 'number' ? b : b.h)));
    for (const b of present) b.y = y + (h - b.h) / 2;
    rows.push(present);
    const top = y;
    y += h + GAP_Y;
    return { top, bottom: top + h };
  };
  // The identification row is at least as tall as its rotated phase label.
  // The other-methods column's own boxes before retrieval appear only when they hold something:
  // duplicates (and records an eligibility rule removed) there, and the title/abstract step when
  // the review shows it.
  const otherRemoved =
    otherSideX !== null && (result.model.other_duplicates ?? 0) + (result.model.other_excluded_other ?? 0) > 0
      ? otherSideX
      : null;
  const otherScreened = otherX !== null && result.model.other_records_screened !== null ? otherX : null;
  const identification = addRow([
    phaseSpacer(label('identification')),
    prevX !== null ? lay('box1', prevX) : null,
    lay('box2', dbrX),
    lay('box3', dbrSideX),
    otherX !== null ? lay('box11', otherX) : null,
    otherRemoved !== null ? lay('oth_removed', otherRemoved) : null,
  ]);
  const screened = addRow([
    lay('box4', dbrX),
    lay('box5', dbrSideX),
    otherScreened !== null ? lay('oth_screened', otherScreened) : null,
    otherScreened !== null && otherSideX !== null ? lay('oth_excluded', otherSideX) : null,
  ]);
  addRow([
    lay('box6', dbrX),
    lay('box7', dbrSideX),
    otherX !== null ? lay('box12', otherX) : null,
    otherSideX !== null ? lay('box13', otherSideX) : null,
  ]);
  const assessed = addRow([
    lay('box8', dbrX),
    lay('box9', dbrSideX),
    otherX !== null ? lay('box14', otherX) : null,
    otherSideX !== null ? lay('box15', otherSideX) : null,
  ]);
  const included = addRow([lay('box10', dbrX)]);
  const total = previous ? addRow([lay('box16', dbrX)]) : included;
  const height = y - GAP_Y + MARGIN;

  const placed = new Map<BoxId, Placed>();
  for (const row of rows) for (const b of row) placed.set(b.id, b);
  const at = (id: BoxId) => placed.get(id)!;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${r(height)}" viewBox="0 0 ${width} ${r(height)}" font-family="${escapeXml(FONT_FAMILY)}" font-size="${FONT}" role="img" aria-label="PRISMA 2020 flow diagram">`,
  );
  out.push(`<title>PRISMA 2020 flow diagram</title>`);
  out.push(`<rect x="0" y="0" width="${width}" height="${r(height)}" fill="#ffffff"/>`);
  headers.forEach((h, i) => {
    const lines = headerLines[i]!;
    out.push(`<g class="prisma-header" data-box="${h.key}">`);
    out.push(rect(h.x, headerY, h.w, headerH, h.fill, 8));
    const lineH = HEADER_FONT + 4;
    const startY = headerY + headerH / 2 - ((lines.length - 1) * lineH) / 2 + HEADER_FONT * 0.35;
    lines.forEach((line, j) => {
      out.push(
        `<text x="${r(h.x + h.w / 2)}" y="${r(startY + j * lineH)}" text-anchor="middle" font-weight="bold" font-size="${HEADER_FONT}">${escapeXml(line)}</text>`,
      );
    });
    out.push('</g>');
  });

  phaseLabel(
    out,
    phaseX,
    identification.top,
    identification.bottom,
    label('identification'),
    'identification',
  );
  phaseLabel(out, phaseX, screened.top, assessed.bottom, label('screening'), 'screening');
  phaseLabel(out, phaseX, included.top, total.bottom, label('included'), 'included');

  for (const b of placed.values()) drawBox(out, b, options.drillDownHref);

  // Arrows of the databases and registers column.
  const down = (from: BoxId, to: BoxId) =>
    arrow(out, [
      [cx(at(from)), bottom(at(from))],
      [cx(at(to)), at(to).y],
    ]);
  const right = (from: BoxId, to: BoxId) =>
    arrow(out, [
      [at(from).x + at(from).w, cy(at(from))],
      [at(to).x, cy(at(from))],
    ]);
  right('box2', 'box3');
  down('box2', 'box4');
  right('box4', 'box5');
  down('box4', 'box6');
  right('box6', 'box7');
  down('box6', 'box8');
  right('box8', 'box9');
  down('box8', 'box10');
  if (otherX !== null) {
    if (otherRemoved !== null) right('box11', 'oth_removed');
    if (otherScreened !== null) {
      down('box11', 'oth_screened');
      right('oth_screened', 'oth_excluded');
      down('oth_screened', 'box12');
    } else {
      down('box11', 'box12');
    }
    right('box12', 'box13');
    down('box12', 'box14');
    right('box14', 'box15');
    const b14 = at('box14');
    const b10 = at('box10');
    arrow(out, [
      [cx(b14), bottom(b14)],
      [cx(b14), cy(b10)],
      [b10.x + b10.w, cy(b10)],
    ]);
  }
  if (previous) {
    down('box10', 'box16');
    const b1 = at('box1');
    const b16 = at('box16');
    arrow(out, [
      [cx(b1), bottom(b1)],
      [cx(b1), cy(b16)],
      [b16.x, cy(b16)],
    ]);
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function phaseSpacer(text: string): number {
  return measureText(text, HEADER_FONT, true) + 2 * PAD;
}

function layoutLines(paragraphs: readonly Paragraph[]): Line[] {
  const lines: Line[] = [];
  for (const p of paragraphs) {
    const indent = (p.indent ?? 0) * INDENT;
    for (const text of wrapText(p.text, BOX_W - 2 * PAD - indent, FONT, p.bold)) {
      lines.push({ text, indent, bold: p.bold ?? false, box: p.box, n: p.n });
    }
  }
  return lines;
}

function drawBox(out: string[], b: Placed, href: string | undefined): void {
  out.push(`<g class="prisma-box" data-box="${b.id}">`);
  out.push(rect(b.x, b.y, b.w, b.h, COLOURS.box, 0));
  const textTop = b.y + b.h / 2 - (b.lines.length * LINE) / 2;
  b.lines.forEach((line, i) => {
    const attrs = [`x="${r(b.x + PAD + line.indent)}"`, `y="${r(textTop + i * LINE + LINE * 0.72)}"`];
    if (line.bold) attrs.push('font-weight="bold"');
    if (line.box !== undefined) {
      attrs.push(`data-box="${escapeXml(line.box)}"`);
      if (line.n !== undefined && line.n !== null) attrs.push(`data-n="${line.n}"`);
    }
    const text = `<text ${attrs.join(' ')}>${escapeXml(line.text)}</text>`;
    out.push(
      href && line.box !== undefined
        ? `<a href="${escapeXml(href.replace('{box}', encodeURIComponent(line.box)))}">${text}</a>`
        : text,
    );
  });
  out.push('</g>');
}

function phaseLabel(out: string[], x: number, top: number, bottom: number, text: string, key: string): void {
  const h = bottom - top;
  const midX = x + PHASE_W / 2;
  const midY = top + h / 2;
  const lines = wrapText(text, h - 2 * PAD, HEADER_FONT, true);
  out.push(`<g class="prisma-phase" data-box="${key}">`);
  out.push(rect(x, top, PHASE_W, h, COLOURS.blue, 8));
  lines.forEach((line, i) => {
    const dx = (i - (lines.length - 1) / 2) * (HEADER_FONT + 2);
    out.push(
      `<text x="${r(midX)}" y="${r(midY)}" transform="rotate(-90 ${r(midX)} ${r(midY)})" dy="${r(HEADER_FONT * 0.35 + dx)}" text-anchor="middle" font-weight="bold" font-size="${HEADER_FONT}">${escapeXml(line)}</text>`,
    );
  });
  out.push('</g>');
}

function rect(x: number, y: number, w: number, h: number, fill: string, radius: number): string {
  const rounded = radius ? ` rx="${radius}" ry="${radius}"` : '';
  return `<rect x="${r(x)}" y="${r(y)}" width="${r(w)}" height="${r(h)}"${rounded} fill="${fill}" stroke="${COLOURS.line}" stroke-width="1.2"/>`;
}

/** A polyline ending in a filled arrowhead, drawn as plain paths so every renderer agrees. */
function arrow(out: string[], points: [number, number][]): void {
  const last = points[points.length - 1]!;
  const before = points[points.length - 2]!;
  const angle = Math.atan2(last[1] - before[1], last[0] - before[0]);
  const size = 8;
  const back = (a: number): [number, number] => [
    last[0] - size * Math.cos(angle + a),
    last[1] - size * Math.sin(angle + a),
  ];
  const [l, rr] = [back(0.42), back(-0.42)];
  const shaft = [
    ...points.slice(0, -1),
    [last[0] - size * 0.8 * Math.cos(angle), last[1] - size * 0.8 * Math.sin(angle)] as [number, number],
  ];
  out.push(
    `<path d="M${shaft.map(([px, py]) => `${r(px)} ${r(py)}`).join(' L')}" fill="none" stroke="${COLOURS.line}" stroke-width="1.4"/>`,
  );
  out.push(
    `<path d="M${r(last[0])} ${r(last[1])} L${r(l[0])} ${r(l[1])} L${r(rr[0])} ${r(rr[1])} Z" fill="${COLOURS.line}"/>`,
  );
}

const cx = (b: Placed) => b.x + b.w / 2;
const cy = (b: Placed) => b.y + b.h / 2;
const bottom = (b: Placed) => b.y + b.h;

/** Coordinates rounded to 0.1 so output never depends on floating-point noise. */
function r(v: number): string {
  const rounded = Math.round(v * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}
