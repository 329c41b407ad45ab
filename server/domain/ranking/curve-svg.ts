/** One line on the recall plot. */
export interface CurveSeries {
  label: string;
  /** Recall (%) at 0 %, 1 %, …, 100 % of the records screened (evenly spaced points). */
  recall: readonly number[];
  colour: string;
  dashed?: boolean;
}

const W = 640;
const H = 420;
const M = { left: 60, right: 20, top: 30, bottom: 50 };

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string,
  );
}

/**
 * A recall curve as standalone SVG (records screened on x, relevant found on y, both in %),
 * with the random-screening diagonal for reference, like ASReview's recall plot.
 */
export function recallCurveSvg(title: string, series: readonly CurveSeries[]): string {
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const x = (pct: number) => M.left + (pct / 100) * pw;
  const y = (pct: number) => M.top + ph - (pct / 100) * ph;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
  );
  parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  for (let t = 0; t <= 100; t += 20) {
    parts.push(`<line x1="${x(t)}" y1="${y(0)}" x2="${x(t)}" y2="${y(100)}" stroke="#eee"/>`);
    parts.push(`<line x1="${x(0)}" y1="${y(t)}" x2="${x(100)}" y2="${y(t)}" stroke="#eee"/>`);
    parts.push(`<text x="${x(t)}" y="${y(0) + 16}" text-anchor="middle">${t}</text>`);
    parts.push(`<text x="${x(0) - 8}" y="${y(t) + 4}" text-anchor="end">${t}</text>`);
  }
  parts.push(`<rect x="${M.left}" y="${M.top}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
  parts.push(
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(100)}" y2="${y(100)}" stroke="#999" stroke-dasharray="4 4"/>`,
  );
  series.forEach((s, i) => {
    const step = s.recall.length > 1 ? 100 / (s.recall.length - 1) : 100;
    const points = s.recall.map((r, j) => `${x(j * step).toFixed(1)},${y(r).toFixed(1)}`).join(' ');
    const dash = s.dashed ? ' stroke-dasharray="6 3"' : '';
    parts.push(`<polyline points="${points}" fill="none" stroke="${s.colour}" stroke-width="2"${dash}/>`);
    parts.push(
      `<line x1="${x(60)}" y1="${y(30 - i * 7)}" x2="${x(66)}" y2="${y(30 - i * 7)}" stroke="${s.colour}" stroke-width="2"${dash}/>`,
    );
    parts.push(`<text x="${x(67)}" y="${y(30 - i * 7) + 4}">${escapeXml(s.label)}</text>`);
  });
  parts.push(`<text x="${x(67)}" y="${y(30 - series.length * 7) + 4}" fill="#666">random screening</text>`);
  parts.push(
    `<text x="${W / 2}" y="${M.top - 10}" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`,
  );
  parts.push(`<text x="${W / 2}" y="${H - 10}" text-anchor="middle">records screened (%)</text>`);
  parts.push(
    `<text transform="translate(16 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle">relevant records found (%)</text>`,
  );
  parts.push('</svg>');
  return parts.join('\n');
}
