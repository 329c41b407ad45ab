import fs from 'node:fs';
import path from 'node:path';
import type { AppraisalSummary } from '../../api/appraisal';
import { PLOT_KINDS, type PlotKind } from '../../domain/appraisal/plot-svg';
import { toolFromJson, toolToJson } from '../../domain/appraisal/tool';
import { ValidationError } from '../../domain/errors';
import {
  appraisalExport,
  appraisalSummary,
  APPRAISAL_EXPORT_FORMATS,
} from '../../services/appraisal-summary';
import { storeProjectTool, toolForExport } from '../../services/appraisal-tools';
import { parseCommandArgs, required, UsageError } from '../args';
import { cliDeps, withProject } from '../database';
import type { CommandIO } from '../types';

/**
 * `sift appraisal summary` (the results: a table, `--json` the contract
 * `{"tool", "studies": [{"study", "design", "answers", "overall"}], "agreement"}`, or with
 * `--format svg|png --out FILE` the traffic-light plot) and `sift appraisal tool export|import`.
 */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const [action, ...rest] = argv;
  if (action === 'summary') return summary(rest, io);
  if (action === 'tool') return tool(rest, io);
  throw new UsageError();
}

async function summary(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    db: { type: 'string' },
    project: { type: 'string' },
    json: { type: 'boolean', default: false },
    format: { type: 'string' },
    out: { type: 'string' },
    plot: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError();
  const format = values.format ?? (values.out ? path.extname(values.out).slice(1).toLowerCase() : undefined);
  if (format !== undefined && !(APPRAISAL_EXPORT_FORMATS as readonly string[]).includes(format))
    throw new ValidationError(`--format must be one of ${APPRAISAL_EXPORT_FORMATS.join(', ')}`);
  const plot = (values.plot ?? 'traffic-light') as PlotKind;
  if (!(PLOT_KINDS as readonly string[]).includes(plot))
    throw new ValidationError(`--plot must be one of ${PLOT_KINDS.join(', ')}`);
  if (format !== undefined) {
    const out = required(values.out, 'out');
    const bytes = await withProject(values, (db, project) =>
      appraisalExport(db, project.id, format as (typeof APPRAISAL_EXPORT_FORMATS)[number], plot),
    );
    if (out === '-') io.stdout.write(bytes);
    else {
      fs.writeFileSync(out, bytes);
      io.stdout.write(`wrote ${out} (${format}, ${bytes.length} bytes)\n`);
    }
    return 0;
  }
  return withProject(values, (db, project) => {
    const result = appraisalSummary(db, project.id);
    io.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : table(project.name, result));
    return 0;
  });
}

async function tool(argv: string[], io: CommandIO): Promise<number> {
  const [verb, ...rest] = argv;
  const { values, positionals } = parseCommandArgs(rest, {
    db: { type: 'string' },
    project: { type: 'string' },
    tool: { type: 'string' },
    out: { type: 'string' },
  });
  if (verb === 'export') {
    return withProject(values, (db, project) => {
      const text = toolToJson(toolForExport(db, project.id, values.tool));
      if (values.out) fs.writeFileSync(values.out, text);
      else io.stdout.write(text);
      return 0;
    });
  }
  if (verb === 'import') {
    const file = positionals[0];
    if (!file) throw new ValidationError('name the tool file to import (JSON)');
    const parsed = toolFromJson(fs.readFileSync(file, 'utf8'), path.basename(file));
    return withProject(values, (db, project) => {
      const saved = storeProjectTool(cliDeps(db), project.id, parsed, null);
      io.stderr.write(
        `imported "${saved.name}" (${saved.id}) into "${project.name}"; the project now appraises with it\n`,
      );
      return 0;
    });
  }
  throw new UsageError();
}

/** The summary as a plain table: a row per study, its design, its answers, its overall judgement. */
function table(projectName: string, s: AppraisalSummary): string {
  const lines = [`Appraisal of "${projectName}" with ${s.toolName}`];
  if (s.notice) lines.push(`Note: ${s.notice}`);
  lines.push('');
  for (const study of s.studies) {
    const answers = Object.entries(study.answers)
      .map(([criterion, answer]) => `${criterion}=${answer}`)
      .join(' ');
    lines.push(
      `${study.label} (${study.study})  ${study.design ?? 'no design yet'}  ${answers || '(not appraised)'}` +
        (study.overall ? `  overall: ${study.overall}` : ''),
    );
  }
  if (s.overallRule.kind === 'none') lines.push('', s.overallRule.note);
  const agreement = s.agreement.criteria;
  if (agreement.length > 0) {
    lines.push('', 'Agreement between appraisers (studies both finished):');
    for (const a of agreement) {
      const kappa = a.kappa === null ? 'not estimable' : a.kappa.toFixed(2);
      const observed = a.observedAgreement === null ? '–' : `${Math.round(a.observedAgreement * 100)}%`;
      lines.push(
        `  ${a.criterion}  ${a.appraisers.join(' vs ')}  n=${a.studies}  agreement ${observed}  kappa ${kappa}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
