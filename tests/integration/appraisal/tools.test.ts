import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../../../server/app';
import { openDatabase } from '../../../server/db/connection';
import { MMAT_2018 } from '../../../server/domain/appraisal/tools/mmat-2018';
import { readyForAppraisal } from '../../support/appraisal';
import { loginAgent } from '../../support/auth';
import { removeDir, sift, tempDir } from '../../support/cli';
import { seedScreeningProject } from '../../support/screening';

/**
 * Appraisal tools as data (issue 20): owners choose a shipped tool, make their own (from a copy
 * of one, in the browser's editor, which posts the JSON), and import or export a tool as JSON;
 * a malformed file is refused with a clear error, and a tool never changes under answers it no
 * longer holds.
 */

const clock = () => new Date('2026-04-02T10:00:00Z');

async function setup() {
  const dir = tempDir('sift-tools-');
  const file = path.join(dir, 'review.sqlite');
  const db = openDatabase(file);
  const p = seedScreeningProject(db, 1);
  readyForAppraisal(
    db,
    p.projectId,
    { owner: { userId: p.owner.userId, role: 'owner' }, coder: { userId: p.alice.userId, role: 'reviewer' } },
    { recordIds: p.recordIds },
  );
  const app = createApp({ db, clock });
  const owner = (await loginAgent(app, p.owner.username)).agent;
  const alice = (await loginAgent(app, p.alice.username)).agent;
  return {
    dir,
    file,
    db,
    owner,
    alice,
    base: `/api/projects/${p.projectId}/appraisal`,
    study: p.recordIds[0]!,
  };
}

/** A project's own tool: MMAT's qualitative criteria and screening questions, under its own id. */
function ownTool() {
  return {
    ...MMAT_2018,
    id: 'mmat-qualitative-only',
    name: 'MMAT 2018, qualitative studies only',
    source: undefined,
    designs: [MMAT_2018.designs[0]!],
    overall: { kind: 'all', answer: 'yes', met: 'Meets all', notMet: 'Not all' },
  };
}

describe('appraisal tools', () => {
  let s: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    s = await setup();
  });
  afterEach(() => {
    s.db.close();
    removeDir(s.dir);
  });

  it('lists the shipped tools in full and the one in use (MMAT 2018 by default)', async () => {
    const tools = (await s.alice.get(`${s.base}/tools`).expect(200)).body;
    expect(tools.active).toBe('mmat-2018');
    expect(tools.tools.map((t: { id: string; builtIn: boolean }) => [t.id, t.builtIn])).toEqual([
      ['mmat-2018', true],
      ['casp-qualitative-2018', true],
      ['jbi-analytical-cross-sectional', true],
    ]);
    const exported = await s.alice.get(`${s.base}/tool.json?tool=casp-qualitative-2018`).expect(200);
    expect(exported.headers['content-disposition']).toBe('attachment; filename="casp-qualitative-2018.json"');
    expect(JSON.parse(exported.text).designs[0].criteria).toHaveLength(10);
  });

  it('an owner saves a tool of their own and appraises with it; its JSON exports and imports back', async () => {
    await s.alice.post(`${s.base}/tools`).send(ownTool()).expect(403);
    const saved = await s.owner.post(`${s.base}/tools`).send(ownTool()).expect(201);
    expect(saved.body.id).toBe('mmat-qualitative-only');
    expect((await s.alice.get(`${s.base}/settings`).expect(200)).body.tool).toBe('mmat-qualitative-only');
    const study = (await s.alice.get(`${s.base}/studies/${s.study}`).expect(200)).body;
    expect(study.tool.designs.map((d: { id: string }) => d.id)).toEqual(['qualitative']);

    // export with the CLI, change the name, import with the CLI: the project appraises with the import
    const out = path.join(s.dir, 'tool.json');
    expect((await sift(['appraisal', 'tool', 'export', '--db', s.file, '--out', out])).code).toBe(0);
    const json = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(json).toEqual(JSON.parse(JSON.stringify(ownTool())));
    fs.writeFileSync(out, JSON.stringify({ ...json, name: 'Renamed' }));
    const imported = await sift(['appraisal', 'tool', 'import', '--db', s.file, out]);
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.stderr).toMatch(/imported "Renamed" \(mmat-qualitative-only\)/);
    const tools = (await s.owner.get(`${s.base}/tools`).expect(200)).body;
    expect(tools.tools.find((t: { id: string }) => t.id === 'mmat-qualitative-only').name).toBe('Renamed');

    // and back to a shipped tool
    await s.owner.put(`${s.base}/tool`).send({ tool: 'jbi-analytical-cross-sectional' }).expect(200);
    expect((await s.owner.get(`${s.base}/settings`).expect(200)).body.tool).toBe(
      'jbi-analytical-cross-sectional',
    );
    await s.owner.put(`${s.base}/tool`).send({ tool: 'no-such-tool' }).expect(404);
  });

  it('imports a JSON file in the browser; a malformed one is refused with its line, a wrong shape with its field', async () => {
    const text = JSON.stringify(ownTool(), null, 2);
    await s.owner.post(`${s.base}/tools/import`).send({ text, fileName: 'mine.json' }).expect(201);

    const broken = text.replace('"version": 1,', '"version": 1,,');
    const line = broken.split('\n').findIndex((l) => l.includes(',,')) + 1;
    const syntax = await s.owner
      .post(`${s.base}/tools/import`)
      .send({ text: broken, fileName: 'mine.json' })
      .expect(422);
    expect(syntax.body.error).toMatchObject({ code: 'parse_failed', details: { file: 'mine.json', line } });
    expect(syntax.body.error.message).toMatch(new RegExp(`^mine\\.json:${line}: not valid JSON`));

    const shape = await s.owner
      .post(`${s.base}/tools/import`)
      .send({
        text: JSON.stringify({ ...ownTool(), answers: [{ id: 'yes', label: 'Yes' }] }),
        fileName: 'mine.json',
      })
      .expect(422);
    expect(shape.body.error.message).toMatch(/^mine\.json: appraisal tool: answers\.0\.tone: /);

    const notATool = await s.owner
      .post(`${s.base}/tools/import`)
      .send({ text: '{"format": "sift-codebook", "codes": []}', fileName: 'codebook.json' })
      .expect(422);
    expect(notATool.body.error.message).toBe(
      'codebook.json: not a Sift appraisal tool (expected "format": "sift-appraisal-tool")',
    );

    // the CLI refuses the same file, naming it (exit 1: a refused import)
    const file = path.join(s.dir, 'broken.json');
    fs.writeFileSync(file, broken);
    const cli = await sift(['appraisal', 'tool', 'import', '--db', s.file, file]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(new RegExp(`broken\\.json:${line}: not valid JSON`));
  });

  it("a shipped tool's id is refused for a tool of one's own: the shipped wording stays as cited", async () => {
    const copy = await s.owner
      .post(`${s.base}/tools`)
      .send({ ...ownTool(), id: 'mmat-2018' })
      .expect(409);
    expect(copy.body.error.message).toMatch(/give your own tool another id/);
  });

  it('a tool never changes under answers it no longer holds', async () => {
    await s.alice.put(`${s.base}/studies/${s.study}/design`).send({ design: 'quantitative-rct' }).expect(200);
    await s.alice
      .put(`${s.base}/studies/${s.study}/answers/2.1`)
      .send({ answer: 'cant_tell', justification: 'Randomisation is not described.' })
      .expect(200);
    const refused = await s.owner.post(`${s.base}/tools`).send(ownTool()).expect(409);
    expect(refused.body.error.message).toMatch(/criterion "2\.1", design "quantitative-rct"/);
    await s.owner.put(`${s.base}/tool`).send({ tool: 'casp-qualitative-2018' }).expect(409);
    // a tool that keeps them is fine
    const kept = { ...ownTool(), designs: MMAT_2018.designs.slice(0, 2) };
    await s.owner.post(`${s.base}/tools`).send(kept).expect(201);
  });

  it('settings: where designs come from is checked against the form and the tool', async () => {
    const patch = (body: object) => s.owner.patch(`${s.base}/settings`).send(body);
    expect((await patch({ designField: 'country' }).expect(400)).body.error.message).toMatch(
      /the extraction form has no field "country" \(it has design\)/,
    );
    expect((await patch({ designMap: { Survey: 'survey' } }).expect(400)).body.error.message).toMatch(
      /"Survey" maps to "survey", which is not a design of Mixed Methods Appraisal Tool/,
    );
    const saved = (await patch({ appraisersRequired: 1, notice: 'Made for the demo.' }).expect(200)).body;
    expect(saved).toMatchObject({
      appraisersRequired: 1,
      notice: 'Made for the demo.',
      designField: 'design',
    });
    expect((await patch({ notice: '' }).expect(200)).body.notice).toBeNull();
    await s.alice.patch(`${s.base}/settings`).send({ notice: 'x' }).expect(403);
    await patch({ unblinded: true }).expect(400);
  });
});
