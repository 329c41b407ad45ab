import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type * as Api from '../api/types';
import { toPrismaCsv } from '../domain/prisma/csv';
import { renderPrismaHtml } from '../domain/prisma/html';
import { renderPrismaSvg, type SvgOptions } from '../domain/prisma/svg';
import type { PrismaResult } from '../domain/prisma/types';

export const PRISMA_FORMATS = ['svg', 'png', 'pdf', 'html', 'json', 'csv'] as const;
export type PrismaFormat = (typeof PRISMA_FORMATS)[number];

export const CONTENT_TYPES: Record<PrismaFormat, string> = {
  svg: 'image/svg+xml; charset=utf-8',
  png: 'image/png',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

export interface ExportOptions {
  svg?: SvgOptions;
  /** Shown above the diagram in HTML and as the PDF title. */
  title?: string;
  /** PNG pixels per SVG unit (default 3: ≈ 300 dpi when the diagram fills an A4 page). */
  pngZoom?: number;
}

/** The diagram in one of the publication formats. */
export async function exportPrisma(
  result: PrismaResult,
  format: PrismaFormat,
  options: ExportOptions = {},
): Promise<Buffer> {
  switch (format) {
    case 'svg':
      return Buffer.from(renderPrismaSvg(result, options.svg), 'utf8');
    case 'png':
      return prismaPngAsync(renderPrismaSvg(result, options.svg), options.pngZoom);
    case 'pdf':
      return prismaPdf(renderPrismaSvg(result, options.svg), options.title);
    case 'html':
      return Buffer.from(renderPrismaHtml(result, { svg: options.svg, title: options.title }), 'utf8');
    case 'json':
      return Buffer.from(`${JSON.stringify(prismaJson(result), null, 2)}\n`, 'utf8');
    case 'csv':
      return Buffer.from(toPrismaCsv(result), 'utf8');
  }
}

/** The JSON document of the API and the CLI: the model, box text overrides, warnings and the trace. */
export function prismaJson(result: PrismaResult): Required<Api.PrismaDocument> {
  return {
    model: result.model,
    labels: result.labels,
    warnings: result.warnings,
    hints: result.hints,
    trace: result.trace,
  };
}

// Fonts of the SVG's font stack as files, for renderers that do not read fontconfig.
const FONT_FILES = {
  regular: [
    '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/TTF/DejaVuSans.ttf',
    '/usr/share/fonts/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    '/usr/share/fonts/liberation/LiberationSans-Regular.ttf',
    '/Library/Fonts/Arial.ttf',
    '/System/Library/Fonts/Supplemental/Arial.ttf',
    'C:\\Windows\\Fonts\\arial.ttf',
  ],
  bold: [
    '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
    '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf',
    '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
    '/usr/share/fonts/liberation/LiberationSans-Bold.ttf',
    '/Library/Fonts/Arial Bold.ttf',
    '/System/Library/Fonts/Supplemental/Arial Bold.ttf',
    'C:\\Windows\\Fonts\\arialbd.ttf',
  ],
};

let fontCache: { regular: string | null; bold: string | null } | undefined;

/** The first installed font of each weight (looked up once per process). */
function installedFonts(): { regular: string | null; bold: string | null } {
  fontCache ??= {
    regular: FONT_FILES.regular.find((f) => fs.existsSync(f)) ?? null,
    bold: FONT_FILES.bold.find((f) => fs.existsSync(f)) ?? null,
  };
  return fontCache;
}

function pngOptions(zoom: number): ResvgRenderOptions {
  const fonts = installedFonts();
  const fontFiles = [fonts.regular, fonts.bold].filter((f): f is string => f !== null);
  return {
    fitTo: { mode: 'zoom', value: zoom },
    background: '#ffffff',
    font: {
      // The stack's own fonts are loaded by file (fast); the whole system only when none is installed.
      fontFiles,
      loadSystemFonts: fontFiles.length === 0,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  };
}

/** Rasterises the SVG with resvg, on white, at `zoom` pixels per unit, with the system's fonts. */
export function prismaPng(svg: string, zoom = 3): Buffer {
  return new Resvg(svg, pngOptions(zoom)).render().asPng();
}

/** prismaPng on resvg's thread pool, so a server keeps answering while a large PNG is drawn. */
export async function prismaPngAsync(svg: string, zoom = 3): Promise<Buffer> {
  return (await renderAsync(svg, pngOptions(zoom))).asPng();
}

const A4 = { width: 595.28, height: 841.89 };
const PDF_MARGIN = 28;

/**
 * Vector PDF on one A4 page (landscape when the diagram is wider than tall), the diagram scaled
 * to fit. Text stays text: the stack's font is embedded when installed, Helvetica otherwise.
 */
export function prismaPdf(svg: string, title = 'PRISMA 2020 flow diagram'): Promise<Buffer> {
  const size = svgSize(svg);
  const landscape = size.width > size.height;
  const page = landscape ? { width: A4.height, height: A4.width } : A4;
  const doc = new PDFDocument({
    size: [page.width, page.height],
    margin: 0,
    // A fixed date keeps the bytes (and the file ID pdfkit derives from it) reproducible.
    info: { Title: title, Creator: 'Sift', Producer: 'Sift', CreationDate: new Date(0) },
    compress: true,
  });
  const fonts = installedFonts();
  const regular = fonts.regular ? 'SiftSans' : 'Helvetica';
  const bold = fonts.bold ? 'SiftSans-Bold' : fonts.regular ? 'SiftSans' : 'Helvetica-Bold';
  if (fonts.regular) doc.registerFont('SiftSans', fonts.regular);
  if (fonts.bold) doc.registerFont('SiftSans-Bold', fonts.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const scale = Math.min(
    (page.width - 2 * PDF_MARGIN) / size.width,
    (page.height - 2 * PDF_MARGIN) / size.height,
  );
  const width = size.width * scale;
  const height = size.height * scale;
  SVGtoPDF(doc, svg, (page.width - width) / 2, (page.height - height) / 2, {
    width,
    height,
    assumePt: true,
    preserveAspectRatio: 'xMidYMid meet',
    fontCallback: (_family: string, isBold: boolean) => (isBold ? bold : regular),
    warningCallback: () => undefined,
  });
  doc.end();
  return done;
}

function svgSize(svg: string): { width: number; height: number } {
  const match = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  return match
    ? { width: Number(match[1]), height: Number(match[2]) }
    : { width: A4.width, height: A4.height };
}
