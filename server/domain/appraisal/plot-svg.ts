import type { AnswerTone, AppraisalSummary } from '../../api/appraisal';
import { FONT_FAMILY, escapeXml, measureText, wrapText } from '../prisma/text';
import { NOT_ANSWERED } from './summary';
import { criteriaOf, criterionIndex, type AppraisalTool } from './tool';

/**
 * The appraisal drawn the way reviews publish it, in the style of the robvis R package: a
 * traffic-light table (one row per study, one column per criterion, a coloured circle with a
 * symbol in each cell, so it reads without colour too) and summary bars (for each criterion, the
 * share of studies per answer). Pure: the same summary always gives the same bytes.
 */

export const PLOT_KINDS = ['traffic-light', 'summary', 'both'] as const;
export type PlotKind = (typeof PLOT_KINDS)[number];

/** Colour and symbol of each tone: robvis's palette (low, some concerns, high, no information). */
export const TONE_STYLE: Record<AnswerTone, { fill: string; ink: string; symbol: string }> = {
  good: { fill: '#02C100', ink: '#000000', symbol: '+' },
  some: { fill: '#E2DF07', ink: '#000000', symbol: '-' },
  bad: { fill: '#BF0000', ink: '#FFFFFF', symbol: '×' },
  unclear: { fill: '#4EA1F7', ink: '#000000', symbol: '?' },
  none: { fill: '#CCCCCC', ink: '#000000', symbol: '·' },
};
const MISSING = { fill: '#FFFFFF', stroke: '#888888', label: 'Not answered' };

const MARGIN = 16;
const FONT = 12;
const ROW = 26;
const RADIUS = 10;
const BAR_W = 360;
const BAR_H = 18;
const MAX_LABEL = 220;
const MIN_WIDTH = 560;

/** Draws the traffic-light table, the summary bars, or both (one above the other). */
export function renderAppraisalSvg(
  summary: AppraisalSummary,
  tool: AppraisalTool,
  kind: PlotKind = 'traffic-light',
): string {
  const parts: Part[] = [];
  if (kind !== 'summary') parts.push(trafficLight(summary, tool));
  if (kind !== 'traffic-light') parts.push(summaryBars(summary, tool));
  const width = Math.max(MIN_WIDTH, ...parts.map((p) => p.width));
  const out: string[] = [];
  let y = MARGIN;
  out.push(text(MARGIN, y + 15, tool.name, 15, true));
  y += 24;
  if (summary.notice) {
    for (const line of wrapText(summary.notice, width - 2 * MARGIN, FONT)) {
      out.push(text(MARGIN, y + FONT, line, FONT, false, '#8A4B00'));
      y += FONT + 4;
    }
    y += 4;
  }
  for (const part of parts) {
    out.push(`<g transform="translate(0 ${y})">${part.body}</g>`);
    y += part.height + 14;
  }
  const legend = legendOf(tool, width);
  out.push(`<g transform="translate(0 ${y})">${legend.body}</g>`);
  y += legend.height;
  const key = criteriaKey(summary, tool, width);
  out.push(`<g transform="translate(0 ${y})">${key.body}</g>`);
  y += key.height + MARGIN;
  const title = kind === 'summary' ? 'Summary of the appraisal' : 'Traffic-light plot of the appraisal';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${round(y)}" viewBox="0 0 ${width} ${round(y)}" ` +
    `role="img" font-family="${escapeXml(FONT_FAMILY)}">` +
    `<title>${escapeXml(`${title}: ${tool.name}`)}</title>` +
    (summary.notice ? `<desc>${escapeXml(summary.notice)}</desc>` : '') +
    `<rect width="100%" height="100%" fill="#FFFFFF"/>${out.join('')}</svg>\n`
  );
}

interface Part {
  body: string;
  width: number;
  height: number;
}

/** One block per design, in the tool's order: the studies of that design against its criteria. */
function trafficLight(summary: AppraisalSummary, tool: AppraisalTool): Part {
  const tone = new Map(tool.answers.map((a) => [a.id, a.tone]));
  const overall = tool.overall.kind !== 'none';
  const labelW =
    Math.min(MAX_LABEL, Math.max(60, ...summary.studies.map((s) => measureText(s.label, FONT)))) + 14;
  const out: string[] = [];
  let y = 0;
  let width = 0;
  for (const design of tool.designs) {
    const studies = summary.studies.filter((s) => s.design === design.id);
    if (studies.length === 0) continue;
    const criteria = criteriaOf(tool, design.id).map((c) => c.id);
    const colW = criteria.map((id) => Math.max(30, measureText(id, FONT, true) + 10));
    const overallW = overall
      ? Math.max(70, ...studies.map((s) => measureText(s.overall ?? '–', FONT) + 16))
      : 0;
    out.push(
      text(
        MARGIN,
        y + 14,
        `${design.label} (${studies.length} ${studies.length === 1 ? 'study' : 'studies'})`,
        13,
        true,
      ),
    );
    y += 24;
    let x = MARGIN + labelW;
    criteria.forEach((id, i) => {
      out.push(text(x + colW[i]! / 2, y + 12, id, FONT, true, '#000000', 'middle'));
      x += colW[i]!;
    });
    if (overall) out.push(text(x + overallW / 2, y + 12, 'Overall', FONT, true, '#000000', 'middle'));
    const tableRight = x + overallW;
    y += 18;
    out.push(
      `<line x1="${MARGIN}" y1="${y}" x2="${tableRight}" y2="${y}" stroke="#999999" stroke-width="1"/>`,
    );
    for (const study of studies) {
      const cy = y + ROW / 2;
      out.push(text(MARGIN, cy + 4, truncate(study.label, labelW - 14, FONT), FONT));
      x = MARGIN + labelW;
      criteria.forEach((id, i) => {
        out.push(cell(x + colW[i]! / 2, cy, tone.get(study.answers[id] ?? '')));
        x += colW[i]!;
      });
      if (overall)
        out.push(text(x + overallW / 2, cy + 4, study.overall ?? '–', FONT, false, '#000000', 'middle'));
      y += ROW;
    }
    y += 12;
    width = Math.max(width, tableRight + MARGIN);
  }
  const undecided = summary.studies.filter((s) => s.design === null).length;
  if (undecided > 0) {
    out.push(
      text(
        MARGIN,
        y + FONT,
        `${undecided} ${undecided === 1 ? 'study has' : 'studies have'} no design yet and ${undecided === 1 ? 'is' : 'are'} not shown.`,
        FONT,
        false,
        '#555555',
      ),
    );
    y += FONT + 8;
  }
  if (summary.studies.length === 0) {
    out.push(text(MARGIN, y + FONT, 'No included studies yet.', FONT, false, '#555555'));
    y += FONT + 8;
  }
  return { body: out.join(''), width, height: y };
}

/** For each criterion, one bar split by the share of studies per answer (robvis's summary plot, unweighted). */
function summaryBars(summary: AppraisalSummary, tool: AppraisalTool): Part {
  const out: string[] = [];
  const labelW = Math.max(40, ...summary.distribution.map((d) => measureText(d.criterion, FONT, true))) + 14;
  const barX = MARGIN + labelW;
  let y = 0;
  out.push(text(MARGIN, y + 14, 'Share of studies per answer, for each criterion', 13, true));
  y += 24;
  let group: string | null | undefined;
  for (const row of summary.distribution) {
    if (row.design !== group) {
      group = row.design;
      const name =
        row.design === null
          ? 'Screening questions'
          : (tool.designs.find((d) => d.id === row.design)?.label ?? row.design);
      out.push(
        text(
          MARGIN,
          y + 13,
          `${name} (${row.studies} ${row.studies === 1 ? 'study' : 'studies'})`,
          FONT,
          true,
          '#333333',
        ),
      );
      y += 20;
    }
    out.push(text(MARGIN, y + BAR_H / 2 + 4, row.criterion, FONT, true));
    let x = barX;
    const segments: { id: string; fill: string; ink: string; stroke?: string }[] = [
      ...tool.answers.map((a) => ({ id: a.id, fill: TONE_STYLE[a.tone].fill, ink: TONE_STYLE[a.tone].ink })),
      { id: NOT_ANSWERED, fill: MISSING.fill, ink: '#000000', stroke: MISSING.stroke },
    ];
    for (const segment of segments) {
      const n = row.counts[segment.id] ?? 0;
      if (n === 0 || row.studies === 0) continue;
      const w = (BAR_W * n) / row.studies;
      out.push(
        `<rect x="${round(x)}" y="${y}" width="${round(w)}" height="${BAR_H}" fill="${segment.fill}"` +
          (segment.stroke ? ` stroke="${segment.stroke}" stroke-width="1"` : '') +
          '/>',
      );
      const percent = `${Math.round((100 * n) / row.studies)}%`;
      if (w >= measureText(percent, 11) + 6)
        out.push(text(x + w / 2, y + BAR_H / 2 + 4, percent, 11, false, segment.ink, 'middle'));
      x += w;
    }
    out.push(
      `<rect x="${barX}" y="${y}" width="${BAR_W}" height="${BAR_H}" fill="none" stroke="#666666" stroke-width="1"/>`,
    );
    y += BAR_H + 8;
  }
  if (summary.distribution.length === 0) {
    out.push(text(MARGIN, y + FONT, 'No study has a design yet.', FONT, false, '#555555'));
    y += FONT + 8;
  } else {
    out.push(
      `<line x1="${barX}" y1="${y}" x2="${barX + BAR_W}" y2="${y}" stroke="#666666" stroke-width="1"/>`,
    );
    for (const tick of [0, 25, 50, 75, 100]) {
      const tx = barX + (BAR_W * tick) / 100;
      out.push(`<line x1="${tx}" y1="${y}" x2="${tx}" y2="${y + 4}" stroke="#666666" stroke-width="1"/>`);
      out.push(text(tx, y + 16, `${tick}%`, 11, false, '#333333', 'middle'));
    }
    y += 22;
  }
  return { body: out.join(''), width: barX + BAR_W + MARGIN + 10, height: y };
}

/** What each colour and symbol means. */
function legendOf(tool: AppraisalTool, width: number): Part {
  const items = [
    ...tool.answers.map((a) => ({ label: a.label, tone: a.tone as AnswerTone | undefined })),
    { label: MISSING.label, tone: undefined },
  ];
  const out: string[] = [text(MARGIN, 14, 'Key:', FONT, true)];
  let x = MARGIN + measureText('Key:', FONT, true) + 12;
  let y = 0;
  for (const item of items) {
    const w = 2 * RADIUS + 6 + measureText(item.label, FONT) + 16;
    if (x + w > width - MARGIN) {
      x = MARGIN;
      y += ROW;
    }
    out.push(cell(x + RADIUS, y + 10, item.tone));
    out.push(text(x + 2 * RADIUS + 6, y + 14, item.label, FONT));
    x += w;
  }
  return { body: out.join(''), width, height: y + ROW + 4 };
}

/** The criteria drawn, each with its question: what the column headings stand for. */
function criteriaKey(summary: AppraisalSummary, tool: AppraisalTool, width: number): Part {
  const shown = new Set(summary.distribution.map((d) => d.criterion));
  const index = criterionIndex(tool);
  const ids = [...index.keys()].filter((id) => shown.has(id));
  if (ids.length === 0) return { body: '', width, height: 0 };
  const idW = Math.max(...ids.map((id) => measureText(id, 11, true))) + 10;
  const out: string[] = [];
  let y = 0;
  for (const id of ids) {
    const lines = wrapText(index.get(id)!.criterion.question, width - 2 * MARGIN - idW, 11);
    out.push(text(MARGIN, y + 11, id, 11, true, '#333333'));
    lines.forEach((line, i) => out.push(text(MARGIN + idW, y + 11 + i * 14, line, 11, false, '#333333')));
    y += lines.length * 14 + 3;
  }
  return { body: out.join(''), width, height: y };
}

/** One answer: a circle in the tone's colour with its symbol; an open circle when not answered. */
function cell(cx: number, cy: number, tone: AnswerTone | undefined): string {
  if (tone === undefined)
    return `<circle cx="${round(cx)}" cy="${round(cy)}" r="${RADIUS}" fill="${MISSING.fill}" stroke="${MISSING.stroke}" stroke-width="1"/>`;
  const style = TONE_STYLE[tone];
  return (
    `<circle cx="${round(cx)}" cy="${round(cy)}" r="${RADIUS}" fill="${style.fill}" stroke="#555555" stroke-width="0.5"/>` +
    text(cx, cy + 5, style.symbol, 14, true, style.ink, 'middle')
  );
}

function text(
  x: number,
  y: number,
  content: string,
  size: number,
  bold = false,
  fill = '#000000',
  anchor: 'start' | 'middle' = 'start',
): string {
  return (
    `<text x="${round(x)}" y="${round(y)}" font-size="${size}"` +
    (bold ? ' font-weight="bold"' : '') +
    (fill !== '#000000' ? ` fill="${fill}"` : '') +
    (anchor !== 'start' ? ` text-anchor="${anchor}"` : '') +
    `>${escapeXml(content)}</text>`
  );
}

function truncate(content: string, maxWidth: number, size: number): string {
  if (measureText(content, size) <= maxWidth) return content;
  let out = content;
  while (out.length > 1 && measureText(`${out}…`, size) > maxWidth) out = out.slice(0, -1);
  return `${out.trimEnd()}…`;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
