import { ValidationError } from '../../domain/errors';
import {
  RECORD_STATUSES,
  SORT_KEYS,
  type RecordFilter,
  type RecordStatus,
  type SortKey,
} from '../../domain/records/filter';
import { STAGES, type Stage } from '../../domain/screening/types';
import { SOURCE_KINDS, type SourceKind } from '../../domain/source-kinds';
import { labelIdByName } from '../../services/export';
import { recordListForCommandLine } from '../../services/records';
import { oneOf, parseCommandArgs, wholeNumber } from '../args';
import { withProject } from '../database';
import type { CommandIO } from '../types';

/**
 * `sift records`: the records page on the command line — the same query (search, filters,
 * sorting, cursor paging) as GET …/records and the browser, answered with the same JSON
 * (`--json`) or as one line per record.
 */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    db: { type: 'string' },
    project: { type: 'string' },
    search: { type: 'string' },
    status: { type: 'string', multiple: true },
    stage: { type: 'string' },
    reason: { type: 'string' },
    label: { type: 'string', multiple: true },
    'source-kind': { type: 'string', multiple: true },
    'year-from': { type: 'string' },
    'year-to': { type: 'string' },
    sort: { type: 'string' },
    desc: { type: 'boolean', default: false },
    limit: { type: 'string' },
    offset: { type: 'string' },
    cursor: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (positionals.length > 0) throw new ValidationError(`unexpected argument "${positionals[0]}"`);
  const statuses = (values.status ?? []).map((s) => oneOf<RecordStatus>(s, RECORD_STATUSES, 'status')!);
  const kinds = (values['source-kind'] ?? []).map((k) => oneOf<SourceKind>(k, SOURCE_KINDS, 'source-kind')!);
  const stage = oneOf<Stage>(values.stage, STAGES, 'stage');
  const sort = oneOf<SortKey>(values.sort, SORT_KEYS, 'sort') ?? 'id';
  const yearFrom = wholeNumber(values['year-from'], 'year-from', 0, 3000);
  const yearTo = wholeNumber(values['year-to'], 'year-to', 0, 3000);
  const limit = wholeNumber(values.limit, 'limit', 1, 500) ?? 50;
  const offset = wholeNumber(values.offset, 'offset', 0, Number.MAX_SAFE_INTEGER);
  return withProject(values, (db, project) => {
    const filter: RecordFilter = {
      ...(values.search !== undefined ? { q: values.search } : {}),
      ...(statuses.length > 0 ? { statuses } : {}),
      ...(kinds.length > 0 ? { sourceKinds: kinds } : {}),
      ...(stage ? { stage } : {}),
      ...(values.reason !== undefined ? { reason: values.reason } : {}),
      ...(yearFrom !== undefined ? { yearFrom } : {}),
      ...(yearTo !== undefined ? { yearTo } : {}),
      ...(values.label ? { labelIds: values.label.map((name) => labelIdByName(db, project.id, name)) } : {}),
    };
    const page = recordListForCommandLine(db, project.id, {
      filter,
      sort: { key: sort, dir: values.desc ? 'desc' : 'asc' },
      limit,
      ...(offset !== undefined ? { offset } : {}),
      ...(values.cursor !== undefined ? { cursor: values.cursor } : {}),
    });
    if (values.json) {
      io.stdout.write(`${JSON.stringify(page)}\n`);
      return 0;
    }
    for (const r of page.items) {
      const status = r.outcome ? r.outcome.status : '';
      io.stdout.write(`${r.id}\t${r.year ?? ''}\t${status}\t${r.title ?? ''}\n`);
    }
    const shown = page.items.length;
    io.stderr.write(
      `${page.total} record${page.total === 1 ? '' : 's'} match; ${shown} shown` +
        (page.nextCursor ? ` (next page: --cursor ${page.nextCursor})` : '') +
        '\n',
    );
    return 0;
  });
}
