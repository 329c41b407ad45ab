import { escapeXml } from '../prisma/text';
import { draftLine } from './format';
import type { Block, ReportDocument, Section } from './types';

const STYLE = `
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
h1 { font-size: 1.8rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ccc; } h3 { margin-top: 1.6rem; }
table { border-collapse: collapse; margin: 1rem 0; width: 100%; font-size: 0.9rem; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
th, td { border: 1px solid #bbb; padding: 0.3rem 0.5rem; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
figure { margin: 1.5rem 0; } figure svg { max-width: 100%; height: auto; } figcaption { font-weight: bold; }
.note { border-left: 4px solid #c9a227; background: #fff8e1; padding: 0.5rem 0.8rem; }
nav ol { columns: 2; }
@media print { nav { display: none; } h2 { break-before: auto; } figure, tr { break-inside: avoid; } }
`;

const e = escapeXml;

function block(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p>${e(b.text)}</p>`;
    case 'note':
      return `<p class="note">${e(b.text)}</p>`;
    case 'table':
      return (
        `<table><caption>${e(b.caption)}</caption><thead><tr>${b.header.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead>` +
        `<tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('\n')}</tbody></table>`
      );
    case 'figure':
      return `<figure>${b.svg}<figcaption>${e(b.caption)}</figcaption></figure>`;
    case 'references': {
      const tag = b.numbered ? 'ol' : 'ul';
      return `<${tag} class="references">${b.entries.map((x) => `<li>${e(x)}</li>`).join('\n')}</${tag}>`;
    }
  }
}

function section(s: Section, level: number): string {
  const h = `h${Math.min(level, 6)}`;
  return (
    `<section id="${e(s.id)}" aria-labelledby="${e(s.id)}-title"><${h} id="${e(s.id)}-title">${e(s.title)}</${h}>\n` +
    `${s.blocks.map(block).join('\n')}\n${s.sections.map((c) => section(c, level + 1)).join('\n')}</section>`
  );
}

/** The report's body (title, contents, sections): the Report page previews it as is. */
export function reportBodyHtml(doc: ReportDocument): string {
  const contents = doc.sections.map((s) => `<li><a href="#${e(s.id)}">${e(s.title)}</a></li>`).join('');
  return (
    `<h1>${e(doc.title)}</h1>\n<p>${e(draftLine(doc.draftedAt))}</p>\n` +
    (doc.question ? `<p><strong>Review question:</strong> ${e(doc.question)}</p>\n` : '') +
    `<nav aria-label="Contents"><ol>${contents}</ol></nav>\n${doc.sections.map((s) => section(s, 2)).join('\n')}`
  );
}

/** The report as one self-contained HTML file: styles and the SVG figures inline, nothing fetched. */
export function reportToHtml(doc: ReportDocument): string {
  return (
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${e(doc.title)} — draft report</title><style>${STYLE}</style></head>\n<body>\n<main>\n${reportBodyHtml(doc)}\n</main>\n</body></html>\n`
  );
}
