import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import { draftLine } from '../domain/report/format';
import type { Block, ReportDocument, Section } from '../domain/report/types';
import { prismaPngAsync } from './prisma-export';

/**
 * The report as a Word document (the `docx` package): real headings (the navigation pane lists
 * them), real tables with a header row repeated across pages, and each SVG figure as a PNG drawn
 * by resvg exactly as the diagram's own PNG export draws it.
 */

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
];
/** Text width of an A4 page with Word's default margins, in the 96-dpi pixels docx sizes images in. */
const TEXT_WIDTH_PX = 600;

function heading(text: string, level: number): Paragraph {
  return new Paragraph({ text, heading: HEADINGS[Math.min(level, HEADINGS.length) - 1] });
}

function cell(text: string, header: boolean): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text, bold: header, size: 18 })] })],
    shading: header ? { type: ShadingType.CLEAR, fill: 'EDEDED', color: 'auto' } : undefined,
  });
}

function table(b: Extract<Block, { kind: 'table' }>): FileChild[] {
  return [
    new Paragraph({ children: [new TextRun({ text: b.caption, bold: true })], keepNext: true }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: b.header.map((h) => cell(h, true)) }),
        ...b.rows.map((r) => new TableRow({ children: r.map((c) => cell(c, false)) })),
      ],
    }),
    new Paragraph({ text: '' }),
  ];
}

function svgSize(svg: string): { width: number; height: number } {
  const match = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  return match
    ? { width: Number(match[1]), height: Number(match[2]) }
    : { width: TEXT_WIDTH_PX, height: 400 };
}

async function figure(b: Extract<Block, { kind: 'figure' }>): Promise<FileChild[]> {
  const size = svgSize(b.svg);
  const scale = Math.min(1, TEXT_WIDTH_PX / size.width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      children: [
        new ImageRun({
          type: 'png',
          data: await prismaPngAsync(b.svg, 2),
          transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
          altText: { name: b.caption, title: b.caption, description: b.alt },
        }),
      ],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: b.caption, bold: true })],
    }),
  ];
}

async function block(b: Block): Promise<FileChild[]> {
  switch (b.kind) {
    case 'paragraph':
      return [new Paragraph({ text: b.text })];
    case 'note':
      return [
        new Paragraph({
          children: [new TextRun({ text: b.text, italics: true })],
          shading: { type: ShadingType.CLEAR, fill: 'FFF8E1', color: 'auto' },
        }),
      ];
    case 'table':
      return table(b);
    case 'figure':
      return figure(b);
    case 'references':
      return b.entries.map(
        (entry, i) =>
          new Paragraph({
            text: b.numbered ? `${i + 1}. ${entry}` : entry,
            indent: { left: 360, hanging: 360 },
          }),
      );
  }
}

async function section(s: Section, level: number): Promise<FileChild[]> {
  const children: FileChild[] = [heading(s.title, level)];
  for (const b of s.blocks) children.push(...(await block(b)));
  for (const child of s.sections) children.push(...(await section(child, level + 1)));
  return children;
}

/** One Word document from a title, a subtitle and the sections (the report, or the checklist alone). */
export async function sectionsToDocx(
  title: string,
  subtitle: string,
  sections: readonly Section[],
): Promise<Buffer> {
  const children: FileChild[] = [
    new Paragraph({ text: title, heading: HeadingLevel.TITLE }),
    new Paragraph({ text: subtitle }),
  ];
  for (const s of sections) children.push(...(await section(s, 1)));
  const doc = new Document({
    creator: 'Sift',
    title,
    description: subtitle,
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

/** The drafted report as DOCX. */
export function reportToDocx(doc: ReportDocument): Promise<Buffer> {
  return sectionsToDocx(doc.title, draftLine(doc.draftedAt), doc.sections);
}
