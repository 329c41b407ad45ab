import fs from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../../domain/errors';
import { computePrisma } from '../../domain/prisma/compute';
import { parsePrismaCsv } from '../../domain/prisma/csv';
import { OTHER_SCREENING, type OtherScreening, type PrismaResult } from '../../domain/prisma/types';
import { exportPrisma, PRISMA_FORMATS, type PrismaFormat } from '../../services/prisma-export';
import { projectPrisma } from '../../services/prisma';
import { parseCommandArgs, required } from '../args';
import { withProject } from '../database';
import type { CommandIO } from '../types';

/** `sift prisma`: the PRISMA 2020 diagram of a project, or of a PRISMA2020 template CSV filled elsewhere. */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    db: { type: 'string' },
    project: { type: 'string' },
    'from-csv': { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    'no-detail': { type: 'boolean' },
    'previous-studies': { type: 'string' },
    'previous-reports': { type: 'string' },
    'other-screening': { type: 'string' },
  });
  const otherScreening = values['other-screening'];
  if (otherScreening !== undefined && !(OTHER_SCREENING as readonly string[]).includes(otherScreening))
    throw new ValidationError(`--other-screening must be one of ${OTHER_SCREENING.join(', ')}`);
  const previous = {
    previousStudies: countFlag(values['previous-studies'], 'previous-studies'),
    previousReports: countFlag(values['previous-reports'], 'previous-reports'),
    otherScreening: otherScreening as OtherScreening | undefined,
  };
  const out = required(values.out, 'out');
  const format = formatOf(values.format, out);
  let result: PrismaResult;
  let title: string;
  if (values['from-csv'] !== undefined) {
    if (values.db !== undefined) throw new ValidationError('give either --db or --from-csv, not both');
    if (previous.previousStudies !== undefined || previous.previousReports !== undefined) {
      throw new ValidationError(
        '--previous-studies and --previous-reports go with --db; a CSV carries its own',
      );
    }
    if (otherScreening !== undefined)
      throw new ValidationError('--other-screening goes with --db: the template CSV has no such step');
    const file = values['from-csv'];
    result = computePrisma(parsePrismaCsv(fs.readFileSync(file, 'utf8'), path.basename(file)));
    title = `PRISMA 2020 flow diagram — ${path.basename(file)}`;
  } else {
    ({ result, title } = await withProject(values, (db, project) => ({
      result: projectPrisma(db, project.id, withoutUndefined(previous)),
      title: `PRISMA 2020 flow diagram — ${project.name}`,
    })));
  }
  const bytes = await exportPrisma(result, format, {
    title,
    svg: { perSourceDetail: !values['no-detail'] },
  });
  if (out === '-') io.stdout.write(bytes);
  else fs.writeFileSync(out, bytes);
  for (const warning of result.warnings) io.stderr.write(`warning: ${warning.message}\n`);
  if (out !== '-') io.stdout.write(`wrote ${out} (${format}, ${bytes.length} bytes)\n`);
  return 0;
}

function countFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new ValidationError(`--${flag} must be a whole number, got "${value}"`);
  return Number(value);
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** --format, or the extension of --out when it is one of the formats. */
function formatOf(flag: string | undefined, out: string): PrismaFormat {
  const candidate = flag ?? path.extname(out).slice(1).toLowerCase();
  if ((PRISMA_FORMATS as readonly string[]).includes(candidate)) return candidate as PrismaFormat;
  throw new ValidationError(
    `--format must be one of ${PRISMA_FORMATS.join(', ')}${flag ? `, got "${flag}"` : ''}`,
  );
}
