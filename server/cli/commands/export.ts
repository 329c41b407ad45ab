import fs from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../../domain/errors';
import { RECORD_STATUSES, type RecordFilter, type RecordStatus } from '../../domain/records/filter';
import { STAGES, type Stage } from '../../domain/screening/types';
import { EXPORT_FORMATS, exportProject, labelIdByName, type ExportFormat } from '../../services/export';
import { oneOf, parseCommandArgs, required } from '../args';
import { withProject } from '../database';
import type { CommandIO } from '../types';

/**
 * `sift export`: the records of a project with what the review did with them, as CSV, XLSX,
 * RIS or BibTeX; every record (duplicates included) or those of a status, stage or label
 * (the records page's filter, one query module).
 */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    db: { type: 'string' },
    project: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    status: { type: 'string' },
    stage: { type: 'string' },
    label: { type: 'string' },
    // RIS/BibTeX carry Sift's id, source, status and duplicate_of unless this is given.
    'no-provenance': { type: 'boolean', default: false },
  });
  if (positionals.length > 0)
    throw new ValidationError(`unexpected argument "${positionals[0]}" (write to a file with --out)`);
  const format = oneOf(required(values.format, 'format'), EXPORT_FORMATS, 'format') as ExportFormat;
  const status = oneOf<RecordStatus>(values.status, RECORD_STATUSES, 'status');
  const stage = oneOf<Stage>(values.stage, STAGES, 'stage');
  if (format === 'xlsx' && !values.out)
    throw new ValidationError('--out FILE is required for xlsx (a workbook is not text for stdout)');
  return withProject(values, (db, project) => {
    const filter: RecordFilter = {
      ...(status ? { statuses: [status] } : {}),
      ...(stage ? { stage } : {}),
      ...(values.label !== undefined ? { labelIds: [labelIdByName(db, project.id, values.label)] } : {}),
    };
    const exported = exportProject(db, project.id, format, { provenance: !values['no-provenance'], filter });
    if (values.out) {
      fs.mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
      fs.writeFileSync(values.out, exported.content);
      io.stderr.write(`wrote ${exported.records} records of "${project.name}" to ${values.out}\n`);
    } else {
      io.stdout.write(exported.content);
    }
    return 0;
  });
}
