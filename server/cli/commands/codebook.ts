import fs from 'node:fs';
import {
  codebookFromCsv,
  codebookFromJson,
  codebookToCsv,
  codebookToJson,
} from '../../domain/coding/codebook';
import { ValidationError } from '../../domain/errors';
import { importCodebook, readCodebook } from '../../services/coding';
import { parseCommandArgs } from '../args';
import { withProject } from '../database';
import type { CommandIO } from '../types';

/** `sift codebook export|import`: carry a codebook between projects as JSON or CSV. */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const [action, ...rest] = argv;
  const { values, positionals } = parseCommandArgs(rest, {
    db: { type: 'string' },
    project: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
  });
  if (action !== 'export' && action !== 'import')
    throw new ValidationError('say "sift codebook export" or "sift codebook import"');
  return withProject(values, (db, project) => {
    if (action === 'export') {
      const format = values.format ?? 'json';
      if (format !== 'json' && format !== 'csv') throw new ValidationError('--format must be json or csv');
      const book = readCodebook(db, project.id);
      const text = format === 'json' ? codebookToJson(book) : codebookToCsv(book);
      if (values.out) fs.writeFileSync(values.out, text);
      else io.stdout.write(text);
      return 0;
    }
    const file = positionals[0];
    if (!file) throw new ValidationError('name the codebook file to import');
    const text = fs.readFileSync(file, 'utf8');
    const book = /\.csv$/i.test(file) ? codebookFromCsv(text, file) : codebookFromJson(text, file);
    const result = importCodebook(db, project.id, book);
    io.stderr.write(`imported ${result.codes} codes and ${result.fields} fields into "${project.name}"\n`);
    return 0;
  });
}
