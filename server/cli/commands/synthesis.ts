import { reportMarkdown } from '../../domain/coding/report';
import { projectSynthesis } from '../../services/coding';
import { parseCommandArgs } from '../args';
import { withProject } from '../database';
import type { CommandIO } from '../types';

/**
 * `sift synthesis`: theme frequencies, cross-tabs, co-occurrence and evidence of the included
 * studies. The JSON is a contract: `{"codes": [{"code", "label", "studies", …}], …}`.
 */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    db: { type: 'string' },
    project: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  return withProject(values, (db, project) => {
    const report = projectSynthesis(db, project.id);
    io.stdout.write(
      values.json ? `${JSON.stringify(report, null, 2)}\n` : reportMarkdown(report, project.name),
    );
    return 0;
  });
}
