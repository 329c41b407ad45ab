import fs from 'node:fs';
import { openDatabase } from '../../db/connection';
import { backupDatabase } from '../../services/backup';
import { ConflictError, NotFoundError } from '../../domain/errors';
import { parseCommandArgs, required } from '../args';
import type { Command } from '../types';

export const backupCommand: Command = {
  name: 'backup',
  usage: 'sift backup --db FILE --out FILE [--force]',
  summary: 'copy the database with SQLite online backup (safe while the server runs); checks the copy',
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      db: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
    });
    const dbFile = required(values.db, 'db');
    const out = required(values.out, 'out');
    // Backing up must never create an empty database where the user mistyped a path.
    if (!fs.existsSync(dbFile)) throw new NotFoundError(`no database at ${dbFile}`);
    if (fs.existsSync(out) && values.force !== true) {
      throw new ConflictError(`${out} already exists (pass --force to overwrite it)`);
    }
    const db = openDatabase(dbFile);
    try {
      const result = await backupDatabase(db, out);
      io.stdout.write(
        `backed up ${dbFile} to ${out}: ${result.pages} pages, ${result.bytes} bytes, integrity ok\n`,
      );
      return 0;
    } finally {
      db.close();
    }
  },
};
