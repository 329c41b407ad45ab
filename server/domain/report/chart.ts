import { escapeXml, FONT_FAMILY } from '../prisma/text';

const WIDTH = 640;
const LABEL_W = 230;
const BAR_H = 22;
const GAP = 8;
const MARGIN = 12;
const FONT = 13;
const MAX_LABEL = 32;

/**
 * A horizontal bar chart of studies per theme, as SVG (inline in HTML, rasterised for DOCX), in
 * the PRISMA diagram's font stack so both render alike. `total` is the scale's end.
 */
export function themeChartSvg(bars: readonly { label: string; value: number }[], total: number): string {
  const scale = Math.max(total, ...bars.map((b) => b.value), 1);
  const plotW = WIDTH - LABEL_W - 2 * MARGIN - 40;
  const height = 2 * MARGIN + bars.length * (BAR_H + GAP);
  const rows = bars.map((b, i) => {
    const y = MARGIN + i * (BAR_H + GAP);
    const w = (b.value / scale) * plotW;
    const label = b.label.length > MAX_LABEL ? `${b.label.slice(0, MAX_LABEL - 1)}…` : b.label;
    return [
      `<text x="${MARGIN + LABEL_W - 8}" y="${y + BAR_H / 2 + FONT * 0.35}" text-anchor="end">${escapeXml(label)}</text>`,
      `<rect x="${MARGIN + LABEL_W}" y="${y}" width="${w.toFixed(1)}" height="${BAR_H}" fill="#3b6ea5"/>`,
      `<text x="${(MARGIN + LABEL_W + w + 6).toFixed(1)}" y="${y + BAR_H / 2 + FONT * 0.35}">${b.value}</text>`,
    ].join('');
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" ` +
    `font-family="${escapeXml(FONT_FAMILY)}" font-size="${FONT}" role="img" aria-label="Included studies per theme">` +
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>${rows.join('')}</svg>`
  );
}
