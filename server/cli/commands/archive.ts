import fs from 'node:fs';
import { openDatabase } from '../../db/connection';
import { systemClock } from '../../domain/clock';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { exportArchive, importArchive } from '../../services/archive';
import { resolveProject } from '../../services/projects';
import { parseCommandArgs, required } from '../args';
import type { Command } from '../types';

const USAGE =
  'sift archive export --db FILE [--project NAME] --out FILE.json | sift archive import --db FILE FILE.json [--name NEW]';

export const archiveCommand: Command = {
  name: 'archive',
  usage: USAGE,
  summary:
    'write a whole project (records, sources, decisions with history, dedup, coding, settings) as JSON, or recreate one from it',
  async run(argv, io) {
    const [action, ...rest] = argv;
    const { values, positionals } = parseCommandArgs(rest, {
      db: { type: 'string' },
      project: { type: 'string' },
      out: { type: 'string' },
      name: { type: 'string' },
    });
    const dbFile = required(values.db, 'db');
    if (action === 'export') {
      if (positionals.length) throw new ValidationError(`usage: ${USAGE}`);
      const out = required(values.out, 'out');
      if (!fs.existsSync(dbFile)) throw new NotFoundError(`no database at ${dbFile}`);
      const db = openDatabase(dbFile);
      try {
        const project = resolveProject(db, values.project, { create: false, clock: systemClock });
        const archive = db.transaction(() => exportArchive(db, project.id, systemClock))();
        const text = `${JSON.stringify(archive, null, 1)}\n`;
        if (out === '-') io.stdout.write(text);
        else {
          fs.writeFileSync(out, text);
          const records = archive.tables.records?.length ?? 0;
          io.stdout.write(`archived project "${project.name}" (${records} records) to ${out}\n`);
        }
        return 0;
      } finally {
        db.close();
      }
    }
    if (action === 'import') {
      const [file, ...extra] = positionals;
      if (!file || extra.length || values.out !== undefined || values.project !== undefined) {
        throw new ValidationError(`usage: ${USAGE}`);
      }
      let archive: unknown;
      try {
        archive = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code) throw new NotFoundError(`${file}: cannot read the file (${code})`);
        throw new ValidationError(`${file}: not JSON (${(error as Error).message})`);
      }
      const db = openDatabase(dbFile);
      try {
        const result = importArchive(db, archive, systemClock, { name: values.name });
        io.stdout.write(
          `imported project "${result.project.name}" as project ${result.project.id}: ` +
            `${result.rows.records ?? 0} records, ${result.rows.screening_events ?? 0} screening events\n`,
        );
        if (result.createdUsers.length) {
          io.stdout.write(
            `created locked accounts (no password; set one to let them log in): ${result.createdUsers.join(', ')}\n`,
          );
        }
        return 0;
      } finally {
        db.close();
      }
    }
    throw new ValidationError(`usage: ${USAGE}`);
  },
};
