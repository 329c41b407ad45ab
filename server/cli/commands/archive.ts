import fs from 'node:fs';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { exportArchive, importArchive } from '../../services/archive';
import { parseCommandArgs, required, UsageError } from '../args';
import { cliDeps, withDb, withProject } from '../database';
import type { CommandIO } from '../types';

/** `sift archive export|import`: a whole project as JSON, and back into a database (which it may create). */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const [action, ...rest] = argv;
  const { values, positionals } = parseCommandArgs(rest, {
    db: { type: 'string' },
    project: { type: 'string' },
    out: { type: 'string' },
    name: { type: 'string' },
  });
  if (action === 'export') {
    if (positionals.length) throw new UsageError();
    required(values.db, 'db');
    const out = required(values.out, 'out');
    return withProject(values, (db, project) => {
      const archive = exportArchive(cliDeps(db), project.id);
      const text = `${JSON.stringify(archive, null, 1)}\n`;
      if (out === '-') io.stdout.write(text);
      else {
        fs.writeFileSync(out, text);
        const records = archive.tables.records?.length ?? 0;
        io.stdout.write(`archived project "${project.name}" (${records} records) to ${out}\n`);
      }
      return 0;
    });
  }
  if (action === 'import') {
    const [file, ...extra] = positionals;
    if (!file || extra.length || values.out !== undefined || values.project !== undefined) {
      throw new UsageError();
    }
    required(values.db, 'db');
    const archive = readArchive(file);
    // Restoring into a new file is how an archive moves to another machine: this one may create the database.
    return withDb(
      values.db,
      (db) => {
        const result = importArchive(cliDeps(db), { archive, name: values.name });
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
      },
      { create: true },
    );
  }
  throw new UsageError();
}

function readArchive(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new NotFoundError(`${file}: cannot read the file (${code})`);
    throw new ValidationError(`${file}: not JSON (${(error as Error).message})`);
  }
}
