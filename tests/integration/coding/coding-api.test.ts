import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../../server/app';
import { openDatabase, type Db } from '../../../server/db/connection';
import { codingRepo } from '../../../server/db/repos/coding';
import { includedReportIds } from '../../../server/db/repos/fulltext';
import { includedStudies } from '../../../server/services/coding-studies';
import { buildDemo } from '../../../server/services/demo';
import { DEMO_PASSWORD } from '../../../server/services/demo-steps';
import { createMember, createUser, loginAgent } from '../../support/auth';
import { sift, tempDir } from '../../support/cli';

const clock = () => new Date('2026-11-01T09:00:00Z');

describe('coding and synthesis over HTTP and the CLI, on the demo review', () => {
  let db: Db;
  let projectId: number;
  let app: ReturnType<typeof createApp>;
  let dir: string;
  let dbFile: string;

  beforeAll(() => {
    dir = tempDir();
    dbFile = path.join(dir, 'demo.sqlite');
    db = openDatabase(dbFile);
    projectId = buildDemo({ db, clock }).projectId;
    createMember(db, projectId, 'vera', 'viewer');
    createUser(db, 'stranger');
    app = createApp({ db, clock });
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const url = (suffix: string) => `/api/projects/${projectId}${suffix}`;

  it('the demo review opens with the learner-perspective codebook and coded included studies', async () => {
    const { agent } = await loginAgent(app, 'alice', DEMO_PASSWORD);
    const book = await agent.get(url('/codebook')).expect(200);
    expect(
      book.body.codes
        .filter((c: { parentId: number | null }) => c.parentId === null)
        .map((c: { label: string }) => c.label),
    ).toEqual([
      'Learning ambitions',
      'Learning preferences',
      'Requirements',
      'Expectations',
      'Study-work-life balance',
    ]);
    const studies = await agent.get(url('/coding/studies')).expect(200);
    // one item per study: the demo's two reports of one study are coded once, under the first
    const grouped = includedStudies(db, projectId).studies;
    expect(grouped.length).toBe(includedReportIds(db, projectId).length - 1);
    expect(studies.body.studies.map((s: { id: number }) => s.id)).toEqual(grouped.map((s) => s.recordId));
  });

  it('the demo’s excerpts are its records’ own titles, or flagged illustrative with no page; accepting one into the consensus keeps the flag', async () => {
    const repo = codingRepo(db);
    const applications = repo.listApplications(projectId);
    const titles = new Map(
      repo.studyRecords(projectId, [...new Set(applications.map((a) => a.recordId))]).map((r) => [r.id, r]),
    );
    const unsourced = applications.filter((a) => {
      const r = titles.get(a.recordId);
      const own = [r?.title, r?.abstract].some((t) => t && a.excerpt !== '' && t.includes(a.excerpt));
      return !(own || (a.illustrative && a.page === null));
    });
    expect(unsourced).toEqual([]);
    expect(applications.filter((a) => a.page !== null)).toEqual([]);
    const flagged = applications.find((a) => a.illustrative)!;
    expect(flagged).toBeDefined();

    const { agent } = await loginAgent(app, 'owner', DEMO_PASSWORD);
    const study = await agent.get(url(`/coding/studies/${flagged.recordId}`)).expect(200);
    expect(study.body.applications.find((a: { id: number }) => a.id === flagged.id)).toMatchObject({
      illustrative: true,
      page: null,
    });
    const accepted = await agent
      .post(url(`/coding/studies/${flagged.recordId}/consensus/applications`))
      .send({ fromApplicationId: flagged.id })
      .expect(201);
    expect(accepted.body).toMatchObject({ excerpt: flagged.excerpt, illustrative: true });
    const rewritten = await agent
      .post(url(`/coding/studies/${flagged.recordId}/consensus/applications`))
      .send({ fromApplicationId: flagged.id, excerpt: 'The owner’s own reading' })
      .expect(201);
    expect(rewritten.body).toMatchObject({ illustrative: false });
    await agent.delete(url(`/coding/consensus/applications/${accepted.body.id}`)).expect(204);
    await agent.delete(url(`/coding/consensus/applications/${rewritten.body.id}`)).expect(204);
  });

  it('synthesis counts match the stored coding: each theme counts distinct included studies under it', async () => {
    const { agent } = await loginAgent(app, 'owner', DEMO_PASSWORD);
    const res = await agent.get(url('/synthesis')).expect(200);
    const repo = codingRepo(db);
    const codes = repo.listCodes(projectId);
    const included = new Set(includedStudies(db, projectId).studies.map((s) => s.recordId));
    for (const theme of codes.filter((c) => c.parentId === null)) {
      const under = new Set([theme.id, ...codes.filter((c) => c.parentId === theme.id).map((c) => c.id)]);
      const expected = new Set(
        repo
          .listApplications(projectId)
          .filter((a) => under.has(a.codeId) && included.has(a.recordId))
          .map((a) => a.recordId),
      ).size;
      expect(res.body.codes.find((c: { code: string }) => c.code === theme.code).studies).toBe(expected);
    }
    expect(res.body.studies).toBe(included.size);
  });

  it('refuses strangers (401/404) and viewers writing (403); reviewers code only included studies', async () => {
    await request(app).get(url('/synthesis')).expect(401);
    const stranger = await loginAgent(app, 'stranger');
    await stranger.agent.get(url('/synthesis')).expect(404);
    const viewer = await loginAgent(app, 'vera');
    await viewer.agent.get(url('/synthesis')).expect(200);
    const studyId = includedReportIds(db, projectId)[0]!;
    const codeId = codingRepo(db).listCodes(projectId)[0]!.id;
    await viewer.agent
      .post(url(`/coding/studies/${studyId}/applications`))
      .send({ codeId })
      .expect(403);
    await viewer.agent.post(url('/codes')).send({ code: 'x', label: 'X' }).expect(403);

    const alice = await loginAgent(app, 'alice', DEMO_PASSWORD);
    // alice finished every study in the demo: her coding of one changes only after she reopens it
    await alice.agent
      .post(url(`/coding/studies/${studyId}/applications`))
      .send({ codeId })
      .expect(409);
    await alice.agent.delete(url(`/coding/studies/${studyId}/done`)).expect(200);
    const created = await alice.agent
      .post(url(`/coding/studies/${studyId}/applications`))
      .send({ codeId, excerpt: 'quoted', page: '2' })
      .expect(201);
    expect(created.body).toMatchObject({ recordId: studyId, codeId, excerpt: 'quoted' });
    const excludedRecord = (
      db.prepare('SELECT id FROM records WHERE project_id = ? ORDER BY id DESC LIMIT 1').get(projectId) as {
        id: number;
      }
    ).id;
    if (!includedReportIds(db, projectId).includes(excludedRecord)) {
      await alice.agent
        .post(url(`/coding/studies/${excludedRecord}/applications`))
        .send({ codeId })
        .expect(400);
    }
    // bob may not remove alice's code application; alice may
    const bob = await loginAgent(app, 'bob', DEMO_PASSWORD);
    await bob.agent.delete(url(`/coding/applications/${created.body.id}`)).expect(400);
    await alice.agent.delete(url(`/coding/applications/${created.body.id}`)).expect(204);
  });

  it('exports the codebook and the synthesis as JSON, CSV and Markdown', async () => {
    const { agent } = await loginAgent(app, 'owner', DEMO_PASSWORD);
    const json = await agent.get(url('/codebook.json')).expect(200);
    expect(JSON.parse(json.text).codes).toHaveLength(24);
    const csv = await agent.get(url('/synthesis.csv')).expect(200);
    expect(csv.text.split('\r\n')[0]).toBe('code,label,parent,depth,studies,direct,excerpts,share');
    const md = await agent.get(url('/synthesis.md')).expect(200);
    expect(md.text).toMatch(/^# Learner perspectives on micro-credentials/);
  });

  it('sift synthesis --json keeps the contract {"codes": [{"code", "label", "studies"}]}', async () => {
    const out = await sift(['synthesis', '--db', dbFile, '--json']);
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as { codes: { code: string; label: string; studies: number }[] };
    expect(report.codes.length).toBe(24);
    for (const c of report.codes)
      expect(c).toEqual(
        expect.objectContaining({
          code: expect.any(String),
          label: expect.any(String),
          studies: expect.any(Number),
        }),
      );
  });

  it('sift codebook export then import into another project gives the same codebook', async () => {
    const exported = await sift(['codebook', 'export', '--db', dbFile, '--format', 'csv']);
    expect(exported.code).toBe(0);
    const file = path.join(dir, 'book.csv');
    fs.writeFileSync(file, exported.stdout);
    expect((await sift(['project', 'add', '--db', dbFile, '--name', 'Second'])).code).toBe(0);
    const imported = await sift(['codebook', 'import', '--db', dbFile, '--project', 'Second', file]);
    expect(imported.code).toBe(0);
    const again = await sift([
      'codebook',
      'export',
      '--db',
      dbFile,
      '--project',
      'Second',
      '--format',
      'csv',
    ]);
    expect(again.stdout).toBe(exported.stdout);
  });
});
