import fs from 'node:fs';
import { ConflictError } from '../../domain/errors';
import { backupDatabase } from '../../services/backup';
import { parseCommandArgs, required } from '../args';
import { withDb } from '../database';
import type { CommandIO } from '../types';

/** `sift backup`: an online SQLite backup, checked before it is renamed into place. */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    db: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean', default: false },
  });
  const dbFile = required(values.db, 'db');
  const out = required(values.out, 'out');
  if (fs.existsSync(out) && values.force !== true) {
    throw new ConflictError(`${out} already exists (pass --force to overwrite it)`);
  }
  return withDb(dbFile, async (db) => {
    const result = await backupDatabase(db, out);
    io.stdout.write(
      `backed up ${dbFile} to ${out}: ${result.pages} pages, ${result.bytes} bytes, integrity ok\n`,
    );
    return 0;
  });
}
