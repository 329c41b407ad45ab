import { ValidationError } from '../../domain/errors';
import { VOTE_SELECTIONS, type VoteSelection } from '../../domain/screening/independent-votes';
import { STAGES, isStage, type Stage } from '../../domain/screening/types';
import { computeAgreement } from '../../services/screening';
import { parseCommandArgs } from '../args';
import { withProject } from '../database';
import type { CommandIO } from '../types';

type Agreement = ReturnType<typeof computeAgreement>;

const NOT_ESTIMABLE = 'not estimable';

function render(a: Agreement): string {
  const label = a.stage === 'title_abstract' ? 'Title/abstract' : 'Full text';
  const fmt = (v: number | null, digits = 3) => (v === null ? NOT_ESTIMABLE : v.toFixed(digits));
  const ci = a.kappaCI95
    ? `, 95% CI ${fmt(a.kappaCI95[0])} to ${fmt(a.kappaCI95[1])}`
    : a.kappa !== null
      ? `, 95% CI ${NOT_ESTIMABLE}`
      : '';
  const percent = (v: number | null) => (v === null ? NOT_ESTIMABLE : `${v.toFixed(1)} %`);
  const votes =
    a.votes === 'first'
      ? "each reviewer's first vote on a record"
      : "each reviewer's latest vote (after any change of mind; not independent)";
  const scale = a.categories.length ? a.categories.join(', ') : 'none used';
  const lines = [
    `${label}: ${a.n} records with two votes (votes: ${votes}; categories used: ${scale})`,
    `  percent agreement   ${percent(a.percentAgreement)}`,
    `  Cohen's kappa       ${fmt(a.kappa)} (SE ${fmt(a.kappaSE)}${ci})${a.interpretation ? `: ${a.interpretation}` : ''}`,
    `  PABAK               ${fmt(a.pabak)}`,
    `  Gwet's AC1          ${fmt(a.ac1)}`,
    `  Scott's pi          ${fmt(a.scottPi)}`,
    `  Krippendorff alpha  ${fmt(a.alpha)} (${a.alphaUnits} records with two or more votes)`,
  ];
  const reasons = [...new Set(Object.values(a.notEstimable))];
  if (reasons.length) lines.push(`  not estimable: ${reasons.join('; ')}`);
  for (const p of a.pairs) {
    const who = `${p.usernameA ?? `user ${p.userA}`} × ${p.usernameB ?? `user ${p.userB}`}`;
    lines.push(`  pair ${who}: n ${p.n}, agreement ${percent(p.percentAgreement)}, kappa ${fmt(p.kappa)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `sift agreement`: inter-rater agreement per stage and reviewer pair. */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    db: { type: 'string' },
    project: { type: 'string' },
    stage: { type: 'string' },
    maybe: { type: 'string', default: 'include' },
    votes: { type: 'string', default: 'first' },
    json: { type: 'boolean', default: false },
  });
  if (values.stage !== undefined && !isStage(values.stage)) {
    throw new ValidationError(`--stage must be one of ${STAGES.join(', ')}`);
  }
  if (values.maybe !== 'include' && values.maybe !== 'separate')
    throw new ValidationError('--maybe must be include or separate');
  const votes = values.votes as VoteSelection;
  if (!VOTE_SELECTIONS.includes(votes)) throw new ValidationError('--votes must be first or latest');
  const stages: Stage[] = values.stage ? [values.stage as Stage] : [...STAGES];
  return withProject(values, (db, project) => {
    const results = stages.map((stage) =>
      computeAgreement(db, project.id, stage, values.maybe === 'separate' ? 'separate' : 'as_include', votes),
    );
    if (values.json) {
      const body = values.stage
        ? { project: project.name, ...results[0] }
        : { project: project.name, stages: results };
      io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    } else {
      io.stdout.write(`Project "${project.name}"\n${results.map(render).join('\n')}`);
    }
    return 0;
  });
}
