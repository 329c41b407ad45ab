import fs from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../../domain/errors';
import { EXPORT_FORMATS, exportProject, type ExportFormat } from '../../services/export';
import { parseCommandArgs, required } from '../args';
import { withProject } from '../database';
import type { CommandIO } from '../types';

/** `sift export`: every record of a project, duplicates included, as RIS, CSV or BibTeX. */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    db: { type: 'string' },
    project: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    // RIS/BibTeX carry Sift's id, source, status and duplicate_of unless this is given.
    'no-provenance': { type: 'boolean', default: false },
  });
  if (positionals.length > 0)
    throw new ValidationError(`unexpected argument "${positionals[0]}" (write to a file with --out)`);
  const format = required(values.format, 'format');
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new ValidationError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${format}"`);
  }
  return withProject(values, (db, project) => {
    const exported = exportProject(db, project.id, format as ExportFormat, {
      provenance: !values['no-provenance'],
    });
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
