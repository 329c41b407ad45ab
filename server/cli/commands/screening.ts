import { screeningStatus, type ScreeningStatus } from '../../services/screening';
import { parseCommandArgs, UsageError } from '../args';
import { withProject } from '../database';
import type { CommandIO } from '../types';

function table(rows: (string | number)[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r) =>
      r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join('  '),
    )
    .join('\n');
}

function reasons(list: { reason: string; count: number }[]): string {
  return list.length ? list.map((r) => `    ${r.count}  ${r.reason}`).join('\n') : '    (none)';
}

function render(name: string, s: ScreeningStatus): string {
  const row = (label: string, c: ScreeningStatus['titleAbstract']) => [
    label,
    c.total,
    c.screened,
    c.included,
    c.excluded,
    c.conflicts,
    c.awaiting,
  ];
  return [
    `Project "${name}" (id ${s.projectId})`,
    '',
    table([
      ['stage', 'records', 'screened', 'included', 'excluded', 'conflicts', 'awaiting'],
      row('title/abstract', s.titleAbstract),
      row('full text', s.fullText),
    ]),
    '',
    `Reports sought ${s.fullText.reportsSought}, not retrieved ${s.fullText.reportsNotRetrieved}, awaiting retrieval ${s.fullText.reportsAwaitingRetrieval}, assessed ${s.fullText.reportsAssessed}`,
    `Included: ${s.included.studies} studies from ${s.included.reports} reports`,
    '',
    'Exclusion reasons at title/abstract:',
    reasons(s.titleAbstract.exclusionReasons),
    'Exclusion reasons at full text:',
    reasons(s.fullText.exclusionReasons),
    '',
  ].join('\n');
}

/** `sift screening status`: counts per screening stage. */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    db: { type: 'string' },
    project: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (positionals[0] !== 'status' || positionals.length !== 1) throw new UsageError();
  return withProject(values, (db, project) => {
    const status = screeningStatus(db, project.id);
    io.stdout.write(
      values.json
        ? `${JSON.stringify({ project: project.name, ...status }, null, 2)}\n`
        : render(project.name, status),
    );
    return 0;
  });
}
