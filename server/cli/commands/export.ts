import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../db/connection';
import { systemClock } from '../../domain/clock';
import { ValidationError } from '../../domain/errors';
import { EXPORT_FORMATS, exportProject, type ExportFormat } from '../../services/export';
import { resolveProject } from '../../services/projects';
import { parseCommandArgs, required } from '../args';
import type { Command } from '../types';

export const exportCommand: Command = {
  name: 'export',
  usage: 'sift export --db FILE [--project NAME] --format ris|csv|bibtex [--out FILE] [--no-provenance]',
  summary: 'write every record of a project (duplicates included) as RIS, CSV or BibTeX, to --out or stdout',
  async run(argv, io) {
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
    const db = openDatabase(required(values.db, 'db'));
    try {
      const project = resolveProject(db, values.project, { clock: systemClock });
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
    } finally {
      db.close();
    }
  },
};
