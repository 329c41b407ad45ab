import { DEFAULT_LABELS, EXTENSION_LABELS } from './template';
import { renderPrismaSvg, type SvgOptions } from './svg';
import { escapeXml, formatCount } from './text';
import { NUMERIC_KEYS, type PrismaResult } from './types';

export interface HtmlOptions {
  svg?: SvgOptions;
  title?: string;
}

/**
 * A self-contained HTML page: the diagram inline (no scripts, no external files), the
 * consistency warnings, and the numbers as a table for screen readers and copy-paste.
 */
export function renderPrismaHtml(result: PrismaResult, options: HtmlOptions = {}): string {
  const title = options.title ?? 'PRISMA 2020 flow diagram';
  const m = result.model;
  const rows = NUMERIC_KEYS.filter((key) => m[key] !== null)
    .map(
      (key) =>
        `<tr><th scope="row"><code>${key}</code></th><td>${escapeXml(result.labels[key] ?? DEFAULT_LABELS[key] ?? key)}${key in EXTENSION_LABELS ? ' (other methods)' : ''}</td><td class="n">${formatCount(m[key])}</td></tr>`,
    )
    .join('\n');
  const details = (
    [
      ['Records identified per database', m.database_specific_results],
      ['Records identified per register', m.register_specific_results],
      ['Records excluded at title/abstract, by reason', m.records_excluded_reasons],
      ['Records from other methods excluded at title/abstract, by reason', m.other_records_excluded_reasons],
      ['Reports excluded (databases and registers), by reason', m.dbr_excluded_reasons],
      ['Reports excluded (other methods), by reason', m.other_excluded_reasons],
    ] as const
  )
    .filter(([, items]) => items.length > 0)
    .map(
      ([caption, items]) =>
        `<h2>${caption}</h2>\n<ul>${items.map((i) => `<li>${escapeXml(i.name)}: ${formatCount(i.n)}</li>`).join('')}</ul>`,
    )
    .join('\n');
  const warnings = result.warnings.length
    ? `<section class="warnings"><h2>Counts that do not add up</h2>\n<ul>${result.warnings
        .map((w) => `<li data-code="${escapeXml(w.code)}">${escapeXml(w.message)}</li>`)
        .join('\n')}</ul></section>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title)}</title>
<style>
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; margin: 2rem; color: #111; }
figure { margin: 0; }
figure svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; margin-top: 1rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.warnings { border-left: 4px solid #c60; padding-left: 1rem; }
@media print { body { margin: 0; } .numbers, .warnings { break-before: page; } }
</style>
</head>
<body>
<h1>${escapeXml(title)}</h1>
<figure>
${renderPrismaSvg(result, options.svg)}</figure>
${warnings}
<section class="numbers">
<h2>Numbers</h2>
<table>
<thead><tr><th>Data key</th><th>Box</th><th>n</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${details}
</section>
</body>
</html>
`;
}
