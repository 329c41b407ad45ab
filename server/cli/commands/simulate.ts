import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { ValidationError } from '../../domain/errors';
import { recallCurveSvg } from '../../domain/ranking/curve-svg';
import { configFor, MODEL_NAMES, modelVersion, type ModelName } from '../../domain/ranking/ranker';
import { simulate, type SimulationSummary } from '../../domain/ranking/simulate';
import { parseCommandArgs } from '../args';
import { readLabelledCsv } from '../read-labelled-csv';
import type { CommandIO } from '../types';

function positiveInteger(value: string, flag: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1)
    throw new ValidationError(`--${flag} must be a positive whole number, got "${value}"`);
  return n;
}

function writeCurve(file: string, title: string, summary: SimulationSummary): void {
  const svg = recallCurveSvg(title, [
    { label: `mean of ${summary.runs} runs`, recall: summary.recallCurve, colour: '#1f77b4' },
  ]);
  const ext = path.extname(file).toLowerCase();
  if (ext === '.svg') fs.writeFileSync(file, svg);
  else
    fs.writeFileSync(
      file,
      new Resvg(svg, { background: 'white', fitTo: { mode: 'width', value: 1280 } }).render().asPng(),
    );
}

/** `sift simulate`: replays a labelled CSV in model order, ASReview-style; needs no database. */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    seeds: { type: 'string', default: '15' },
    json: { type: 'boolean', default: false },
    model: { type: 'string', default: 'sift' },
    curve: { type: 'string' },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new ValidationError('give exactly one labelled CSV file');
  const seeds = positiveInteger(values.seeds as string, 'seeds');
  if (!MODEL_NAMES.includes(values.model as ModelName))
    throw new ValidationError(`--model must be ${MODEL_NAMES.join(', ')}; got "${values.model}"`);
  const curve = values.curve;
  if (curve !== undefined && !/\.(svg|png)$/i.test(curve))
    throw new ValidationError('--curve must name a .svg or .png file');

  const dataset = readLabelledCsv(file);
  const inclusions = dataset.labels.filter((l) => l === 1).length;
  if (inclusions < 2 || inclusions === dataset.labels.length) {
    throw new ValidationError(
      `${file}: a simulation needs at least two included and one excluded record (found ${inclusions} of ${dataset.labels.length} included)`,
    );
  }
  const config = configFor(values.model as ModelName);
  const { summary } = simulate(dataset, { config, seeds });
  if (curve) writeCurve(curve, `${path.basename(file)} — ${modelVersion(config)}`, summary);

  if (values.json) {
    io.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    const f = (n: number) => n.toFixed(1);
    io.stdout.write(
      `${path.basename(file)}: ${summary.records} records, ${summary.inclusions} included, ${summary.runs} runs (model ${modelVersion(config)})\n` +
        `WSS@95 ${f(summary.wss95)} %   RRF@10 ${f(summary.rrf10)} %   ATD ${f(summary.atd)} %\n` +
        `asreview-insights: WSS@95 ${f(summary.wss95_asreview)} %   RRF@10 ${f(summary.rrf10_asreview)} %   ATD ${f(summary.atd_asreview)} records\n` +
        (curve ? `recall curve written to ${curve}\n` : ''),
    );
  }
  return 0;
}
