import fs from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../../domain/errors';
import { REPORT_STYLES, type ReportStyle } from '../../domain/report/types';
import { projectReport } from '../../services/report';
import {
  CHECKLIST_FORMATS,
  exportChecklist,
  exportReport,
  REPORT_FORMATS,
  type ChecklistFormat,
  type ReportFormat,
} from '../../services/report-export';
import { parseCommandArgs, required } from '../args';
import { cliDeps, withProject } from '../database';
import type { CommandIO } from '../types';

/**
 * `sift report`: the review's report drafted from its data (DOCX, HTML or Markdown), and
 * `sift report checklist`: the PRISMA 2020 checklist alone (CSV or DOCX). No blinding: the CLI
 * is whoever holds the database file.
 */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const checklist = argv[0] === 'checklist';
  const { values, positionals } = parseCommandArgs(checklist ? argv.slice(1) : argv, {
    db: { type: 'string' },
    project: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    style: { type: 'string' },
  });
  if (positionals.length > 0)
    throw new ValidationError(
      `unexpected argument "${positionals[0]}" (say "sift report" or "sift report checklist")`,
    );
  const formats: readonly string[] = checklist ? CHECKLIST_FORMATS : REPORT_FORMATS;
  const format = required(values.format, 'format');
  if (!formats.includes(format))
    throw new ValidationError(`--format must be one of ${formats.join(', ')}, not "${format}"`);
  const style = values.style ?? 'apa';
  if (!(REPORT_STYLES as readonly string[]).includes(style))
    throw new ValidationError(`--style must be one of ${REPORT_STYLES.join(', ')}, not "${style}"`);
  if (checklist && values.style !== undefined)
    throw new ValidationError('--style goes with the report, not the checklist');
  const out = required(values.out, 'out');
  return withProject(values, async (db, project) => {
    const doc = projectReport(db, project.id, cliDeps(db).clock(), style as ReportStyle);
    const bytes = checklist
      ? await exportChecklist(doc, format as ChecklistFormat)
      : await exportReport(doc, format as ReportFormat);
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, bytes);
    io.stdout.write(
      `wrote ${out} (${checklist ? 'PRISMA 2020 checklist' : 'report'}, ${format}, ${bytes.length} bytes)\n`,
    );
    return 0;
  });
}
