import fs from 'node:fs';
import path from 'node:path';
import { readLabelledCsv } from '../../../server/cli/read-labelled-csv';
import { sift, tempDir, type CliOutcome } from '../../support/cli';

const FIXTURE = path.join(__dirname, '../../fixtures/ranking/nudging_first240.csv');

describe('sift simulate', () => {
  // One two-seed run serves the contract test and is the reference the repeat must match.
  let twoSeeds: CliOutcome;
  beforeAll(async () => {
    twoSeeds = await sift(['simulate', FIXTURE, '--seeds', '2', '--json']);
  });

  it('--json prints the contract document averaged over runs', () => {
    const { code, stdout } = twoSeeds;
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(doc).sort()).toEqual(
      [
        'atd',
        'inclusions',
        'records',
        'recallCurve',
        'rrf10',
        'runs',
        'wss95',
        'records_screened',
        'inclusions_screened',
        'wss95_asreview',
        'rrf10_asreview',
        'atd_asreview',
        'priors',
      ].sort(),
    );
    // records and inclusions count the priors; the _screened counts and every metric do not
    expect(doc).toMatchObject({
      records: 240,
      inclusions: 16,
      runs: 2,
      records_screened: 238,
      inclusions_screened: 15,
    });
    for (const k of ['wss95', 'rrf10', 'atd', 'wss95_asreview', 'rrf10_asreview']) {
      expect(typeof doc[k]).toBe('number');
      expect(doc[k] as number).toBeGreaterThanOrEqual(-5);
      expect(doc[k] as number).toBeLessThanOrEqual(100);
    }
    // asreview-insights' ATD is in records: a mean position among the 238 screened
    expect(doc.atd_asreview as number).toBeGreaterThanOrEqual(1);
    expect(doc.atd_asreview as number).toBeLessThanOrEqual(238);
    expect(doc.rrf10_asreview).toBeCloseTo(doc.rrf10 as number, 6);
    // which prior records each run used: 1-based record numbers, one inclusion, one exclusion
    const priors = doc.priors as Array<{ seed: number; included: number; excluded: number }>;
    expect(priors.map((p) => p.seed)).toEqual([1, 2]);
    const { labels } = readLabelledCsv(FIXTURE);
    for (const p of priors) {
      expect(labels[p.included - 1]).toBe(1);
      expect(labels[p.excluded - 1]).toBe(0);
    }
    const curve = doc.recallCurve as number[];
    expect(curve).toHaveLength(101);
    expect(curve[0]).toBe(0);
    expect(curve[100]).toBe(100);
    expect([...curve].sort((a, b) => a - b)).toEqual(curve);
  });

  it('gives the same numbers for the same seeds, and takes --model lr', async () => {
    const again = await sift(['simulate', FIXTURE, '--seeds', '2', '--json']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(twoSeeds.stdout);
    const lr = await sift(['simulate', FIXTURE, '--seeds', '1', '--json', '--model', 'lr']);
    expect(lr.code).toBe(0);
    expect(JSON.parse(lr.stdout)).toMatchObject({ records: 240, runs: 1 });
  });

  it('writes the recall curve as SVG and PNG', async () => {
    const dir = tempDir('sift-sim-');
    const svg = path.join(dir, 'curve.svg');
    const png = path.join(dir, 'curve.png');
    expect((await sift(['simulate', FIXTURE, '--seeds', '1', '--curve', svg])).code).toBe(0);
    expect(fs.readFileSync(svg, 'utf8')).toMatch(/^<svg[\s\S]*<polyline[\s\S]*<\/svg>$/);
    const text = await sift(['simulate', FIXTURE, '--seeds', '1', '--curve', png]);
    expect(text.stdout).toMatch(/WSS@95 .* RRF@10 .* ATD/);
    expect(fs.readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
  });

  it.each([
    [['simulate'], /exactly one labelled CSV/],
    [['simulate', FIXTURE, '--seeds', '0'], /--seeds must be a positive whole number/],
    [['simulate', FIXTURE, '--model', 'svm'], /--model must be sift, nb, lr/],
    [['simulate', FIXTURE, '--curve', 'x.pdf'], /--curve must name a .svg or .png/],
  ])('refuses bad usage %p with exit 2', async (args, message) => {
    const r = await sift(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('names the file and line of an unlabelled row', async () => {
    const dir = tempDir('sift-sim-');
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, 'title,abstract,included\n"A","multi\nline",1\nB,b,\nC,c,0\n');
    const r = await sift(['simulate', file, '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:4: label "" is not 1 or 0`);
  });

  it('refuses a set without two inclusions', async () => {
    const dir = tempDir('sift-sim-');
    const file = path.join(dir, 'one.csv');
    fs.writeFileSync(file, 'title,label_included\na,1\nb,0\nc,0\n');
    const r = await sift(['simulate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/at least two included and one excluded/);
  });
});
