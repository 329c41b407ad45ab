import { draftLine } from './format';
import type { Block, ReportDocument, Section } from './types';

/** Markdown punctuation in drafted text is literal (a search string's `*` is no emphasis). */
function escape(text: string): string {
  return text.replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/\r?\n/g, ' ');
}

function block(b: Block): string[] {
  switch (b.kind) {
    case 'paragraph':
      return [escape(b.text), ''];
    case 'note':
      return [`> ${escape(b.text)}`, ''];
    case 'table':
      return [
        `Table: ${escape(b.caption)}`,
        '',
        `| ${b.header.map(escape).join(' | ')} |`,
        `|${b.header.map(() => '---').join('|')}|`,
        ...b.rows.map((r) => `| ${r.map(escape).join(' | ')} |`),
        '',
      ];
    case 'figure':
      return [
        `![${escape(b.caption)}](data:image/svg+xml;base64,${Buffer.from(b.svg, 'utf8').toString('base64')})`,
        '',
      ];
    case 'references':
      return [...b.entries.map((e, i) => (b.numbered ? `${i + 1}. ${escape(e)}` : `- ${escape(e)}`)), ''];
  }
}

function section(s: Section, level: number): string[] {
  return [
    `<a id="${s.id}"></a>`,
    '',
    `${'#'.repeat(level)} ${escape(s.title)}`,
    '',
    ...s.blocks.flatMap(block),
    ...s.sections.flatMap((child) => section(child, level + 1)),
  ];
}

/** The report as one Markdown file (GitHub and pandoc flavours): figures inline as SVG data URLs. */
export function reportToMarkdown(doc: ReportDocument): string {
  const lines = [`# ${escape(doc.title)}`, '', draftLine(doc.draftedAt), ''];
  if (doc.question) lines.push(`**Review question:** ${escape(doc.question)}`, '');
  lines.push(...doc.sections.flatMap((s) => section(s, 2)));
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
