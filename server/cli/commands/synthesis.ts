import {
  SYNTHESIS_APPRAISAL_OPTIONS,
  synthesisTitle,
  type SynthesisAppraisalOption,
} from '../../domain/appraisal/synthesis';
import { reportMarkdown } from '../../domain/coding/report';
import { ValidationError } from '../../domain/errors';
import { projectSynthesis } from '../../services/coding';
import { parseCommandArgs } from '../args';
import { withProject } from '../database';
import type { CommandIO } from '../types';

/**
 * `sift synthesis`: theme frequencies, cross-tabs, co-occurrence and evidence of the included
 * studies. The JSON is a contract: `{"codes": [{"code", "label", "studies", …}], …}`. With
 * `--appraisal all-yes` it counts only the studies that meet all appraisal criteria; with
 * `--appraisal stratify` each code carries its studies by appraisal result (`appraisal`).
 */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    db: { type: 'string' },
    project: { type: 'string' },
    json: { type: 'boolean', default: false },
    appraisal: { type: 'string' },
  });
  const appraisal = values.appraisal as SynthesisAppraisalOption | undefined;
  if (appraisal !== undefined && !SYNTHESIS_APPRAISAL_OPTIONS.includes(appraisal))
    throw new ValidationError(`--appraisal must be one of ${SYNTHESIS_APPRAISAL_OPTIONS.join(', ')}`);
  return withProject(values, (db, project) => {
    const report = projectSynthesis(db, project.id, { appraisal });
    const markdown = () => reportMarkdown(report, synthesisTitle(project.name, appraisal));
    io.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : markdown());
    return 0;
  });
}
