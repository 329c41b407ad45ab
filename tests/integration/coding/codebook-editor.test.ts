import type { Code, CodebookImportPreview, CodebookResponse, Field } from '../../../server/api/types';
import { createApp } from '../../../server/app';
import { codingRepo } from '../../../server/db/repos/coding';
import { importCodebook } from '../../../server/services/coding';
import { loginAgent } from '../../support/auth';
import { openTestDb } from '../../support/db';
import { includeAtFullText, seedScreeningProject } from '../../support/screening';

/**
 * Issue 17, item 3: the codebook editor's API. Codes renamed and moved (refused beneath
 * themselves), siblings reordered, the extraction form built field by field, and a codebook
 * import previewed before it is applied. Owners only; every write is all or nothing, and what
 * was coded keeps pointing at the same code and field.
 */

const clock = () => new Date('2026-05-01T08:00:00Z');

async function setup() {
  const db = openTestDb();
  const p = seedScreeningProject(db, 2);
  const [study] = p.recordIds as [number];
  includeAtFullText(db, p.projectId, p.owner, [study]);
  importCodebook(db, p.projectId, {
    codes: [
      { code: 'a', label: 'Ambitions', description: '', parent: null },
      { code: 'a.career', label: 'Career', description: '', parent: 'a' },
      { code: 'a.skills', label: 'Skills', description: '', parent: 'a' },
      { code: 'b', label: 'Balance', description: '', parent: null },
    ],
    fields: [
      { key: 'design', label: 'Design', kind: 'single', options: ['Survey', 'Interviews'] },
      { key: 'country', label: 'Country', kind: 'multiple', options: ['UK', 'Chile'] },
    ],
  });
  const app = createApp({ db, clock });
  const [owner, alice] = await Promise.all(
    [p.owner, p.alice].map(async (m) => (await loginAgent(app, m.username)).agent),
  );
  const base = `/api/projects/${p.projectId}`;
  const book = async () => (await owner!.get(`${base}/codebook`).expect(200)).body as CodebookResponse;
  const { codes, fields } = await book();
  const id = (key: string) => codes.find((c) => c.code === key)!.id;
  const field = (key: string) => fields.find((f) => f.key === key)!.id;
  return { db, p, base, study, owner: owner!, alice: alice!, book, id, field };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** The tree as "parent key > key" in stored order. */
function tree(codes: Code[]): string[] {
  const key = new Map(codes.map((c) => [c.id, c.code]));
  return codes.map((c) => `${c.parentId === null ? '-' : key.get(c.parentId)}>${c.code}`);
}

/** alice codes the study with "a.career" and fills both fields (her coding stays open). */
async function aliceCodes(s: Setup): Promise<number> {
  const applied = await s.alice
    .post(`${s.base}/coding/studies/${s.study}/applications`)
    .send({ codeId: s.id('a.career'), excerpt: 'to be promoted', page: '2' })
    .expect(201);
  await s.alice
    .put(`${s.base}/coding/studies/${s.study}/values/design`)
    .send({ value: 'Survey' })
    .expect(200);
  await s.alice
    .put(`${s.base}/coding/studies/${s.study}/values/country`)
    .send({ value: ['UK', 'Chile'] })
    .expect(200);
  return applied.body.id as number;
}

describe('the codebook editor API', () => {
  it('renames and moves a code; what was coded with it keeps pointing at it', async () => {
    const s = await setup();
    const applied = await aliceCodes(s);
    const career = s.id('a.career');
    const renamed = await s.owner
      .patch(`${s.base}/codes/${career}`)
      .send({ label: 'Career advancement' })
      .expect(200);
    expect(renamed.body).toMatchObject({ id: career, code: 'a.career', label: 'Career advancement' });

    const moved = await s.owner
      .post(`${s.base}/codes/${career}/move`)
      .send({ parentId: s.id('b'), index: 0 })
      .expect(200);
    expect(tree((moved.body as CodebookResponse).codes)).toEqual(['->a', 'a>a.skills', '->b', 'b>a.career']);
    const [application] = codingRepo(s.db).listApplications(s.p.projectId);
    expect(application).toMatchObject({ id: applied, codeId: career, excerpt: 'to be promoted' });
    const study = await s.alice.get(`${s.base}/coding/studies/${s.study}`).expect(200);
    expect(study.body.applications[0]).toMatchObject({ id: applied, codeId: career });
  });

  it('reorders siblings and themes, and the export reads back in the new order', async () => {
    const s = await setup();
    await s.owner
      .post(`${s.base}/codes/${s.id('a.skills')}/move`)
      .send({ parentId: s.id('a'), index: 0 })
      .expect(200);
    const res = await s.owner
      .post(`${s.base}/codes/${s.id('b')}/move`)
      .send({ parentId: null, index: 0 })
      .expect(200);
    expect(tree((res.body as CodebookResponse).codes)).toEqual(['->b', '->a', 'a>a.skills', 'a>a.career']);
    // the positions are depth-first: a code moved under a later theme still exports after it
    await s.owner
      .post(`${s.base}/codes/${s.id('a.career')}/move`)
      .send({ parentId: s.id('b'), index: 0 })
      .expect(200);
    const exported = await s.owner.get(`${s.base}/codebook.json`).expect(200);
    const preview = await s.owner
      .post(`${s.base}/codebook/import/preview`)
      .send({ format: 'json', text: exported.text, removeMissing: true })
      .expect(200);
    const { changes, blocked } = preview.body as CodebookImportPreview;
    expect(blocked).toEqual([]);
    expect(Object.values(changes.codes).flat()).toEqual([]);
    expect([changes.fields.added, changes.fields.changed, changes.fields.removed].flat()).toEqual([]);
  });

  it('refuses to move a code beneath itself or its own sub-code, and changes nothing', async () => {
    const s = await setup();
    const before = tree((await s.book()).codes);
    for (const parentId of [s.id('a'), s.id('a.career')]) {
      const res = await s.owner
        .post(`${s.base}/codes/${s.id('a')}/move`)
        .send({ parentId, index: 0 })
        .expect(400);
      expect(res.body.error.message).toMatch(/beneath itself/);
    }
    await s.owner
      .patch(`${s.base}/codes/${s.id('a')}`)
      .send({ label: 'Renamed', parentId: s.id('a.skills') })
      .expect(400);
    const after = await s.book();
    expect(tree(after.codes)).toEqual(before);
    // the refused PATCH renamed nothing either: one transaction
    expect(after.codes.find((c) => c.code === 'a')?.label).toBe('Ambitions');
    await s.owner
      .post(`${s.base}/codes/${s.id('a')}/move`)
      .send({ parentId: 9999, index: 0 })
      .expect(404);
    await s.owner
      .post(`${s.base}/codes/${s.id('a')}/move`)
      .send({ parentId: null, index: -1 })
      .expect(400);
  });

  it('is the owner’s: a reviewer may neither move codes nor build the form nor import', async () => {
    const s = await setup();
    await s.alice
      .post(`${s.base}/codes/${s.id('a')}/move`)
      .send({ parentId: null, index: 1 })
      .expect(403);
    await s.alice
      .post(`${s.base}/extraction-fields`)
      .send({ key: 'x', label: 'X', kind: 'text' })
      .expect(403);
    await s.alice
      .patch(`${s.base}/extraction-fields/${s.field('design')}`)
      .send({ label: 'X' })
      .expect(403);
    await s.alice.post(`${s.base}/codebook/import/preview`).send({ format: 'json', text: '{}' }).expect(403);
  });

  it('builds the extraction form: fields added, edited, reordered and removed', async () => {
    const s = await setup();
    const added = await s.owner
      .post(`${s.base}/extraction-fields`)
      .send({ key: 'sample_size', label: 'Sample size', kind: 'number' })
      .expect(201);
    expect(added.body).toMatchObject({ key: 'sample_size', kind: 'number', options: [], position: 2 });
    await s.owner
      .post(`${s.base}/extraction-fields`)
      .send({ key: 'sample_size', label: 'Again', kind: 'text' })
      .expect(409);
    await s.owner
      .post(`${s.base}/extraction-fields`)
      .send({ key: 'setting', label: 'Setting', kind: 'single', options: [] })
      .expect(400);
    const setting = await s.owner
      .post(`${s.base}/extraction-fields`)
      .send({ key: 'setting', label: 'Setting', kind: 'single', options: ['Workplace', 'University'] })
      .expect(201);
    const edited = await s.owner
      .patch(`${s.base}/extraction-fields/${setting.body.id}`)
      .send({ label: 'Where', kind: 'multiple', options: ['University', 'Workplace', 'MOOC'] })
      .expect(200);
    expect(edited.body).toMatchObject({
      label: 'Where',
      kind: 'multiple',
      options: ['University', 'Workplace', 'MOOC'],
    });
    const moved = await s.owner
      .post(`${s.base}/extraction-fields/${setting.body.id}/move`)
      .send({ index: 0 })
      .expect(200);
    expect((moved.body as CodebookResponse).fields.map((f: Field) => f.key)).toEqual([
      'setting',
      'design',
      'country',
      'sample_size',
    ]);
    await s.owner.delete(`${s.base}/extraction-fields/${added.body.id}`).expect(204);
    expect((await s.book()).fields.map((f) => f.key)).toEqual(['setting', 'design', 'country']);
    // the form is the one coding uses: alice fills the new field
    await s.alice
      .put(`${s.base}/coding/studies/${s.study}/values/setting`)
      .send({ value: ['MOOC'] })
      .expect(200);
  });

  it('renames a choice in the values coders stored; refuses to lose a value (a used choice dropped, the kind changed, the field removed)', async () => {
    const s = await setup();
    await aliceCodes(s);
    const country = s.field('country');
    await s.owner
      .patch(`${s.base}/extraction-fields/${country}`)
      .send({ options: ['United Kingdom', 'Chile'], renamedOptions: [{ from: 'UK', to: 'United Kingdom' }] })
      .expect(200);
    const study = await s.alice.get(`${s.base}/coding/studies/${s.study}`).expect(200);
    expect(study.body.values).toEqual({ design: 'Survey', country: ['United Kingdom', 'Chile'] });

    const dropped = await s.owner
      .patch(`${s.base}/extraction-fields/${country}`)
      .send({ options: ['United Kingdom'] })
      .expect(409);
    expect(dropped.body.error.message).toMatch(/"Chile" \(used 1 time/);
    await s.owner
      .patch(`${s.base}/extraction-fields/${s.field('design')}`)
      .send({ kind: 'text' })
      .expect(409);
    await s.owner.delete(`${s.base}/extraction-fields/${country}`).expect(409);
    expect((await s.book()).fields.find((f) => f.key === 'country')?.options).toEqual([
      'United Kingdom',
      'Chile',
    ]);
  });

  it('previews an import (nothing written), then applies it; removal only when asked, refused for codes in use', async () => {
    const s = await setup();
    await aliceCodes(s);
    const file = JSON.stringify({
      format: 'sift-codebook',
      version: 1,
      codes: [
        { code: 'b', label: 'Study-work-life balance', parent: null },
        { code: 'a', label: 'Ambitions', parent: null },
        { code: 'a.career', label: 'Career', parent: 'b' },
        { code: 'c', label: 'Costs', parent: null },
      ],
      fields: [
        { key: 'design', label: 'Design', kind: 'single', options: ['Survey', 'Interviews', 'Case study'] },
      ],
    });
    const before = await s.book();
    const preview = await s.owner
      .post(`${s.base}/codebook/import/preview`)
      .send({ format: 'json', text: file, fileName: 'next.json' })
      .expect(200);
    expect(preview.body).toEqual({
      changes: {
        codes: {
          added: [{ code: 'c', label: 'Costs', parent: null }],
          renamed: [{ code: 'b', from: 'Balance', to: 'Study-work-life balance' }],
          described: [],
          moved: [{ code: 'a.career', label: 'Career', from: 'a', to: 'b' }],
          removed: [],
          kept: [{ code: 'a.skills', label: 'Skills' }],
        },
        fields: {
          added: [],
          changed: [{ key: 'design', label: 'Design', what: ['choices'] }],
          removed: [],
          kept: [{ key: 'country', label: 'Country' }],
        },
      },
      blocked: [],
      removeMissing: false,
      withFields: true,
    });
    expect(await s.book()).toEqual(before);

    // removing what the file lacks: the coded code is in the file, the form's country holds values
    const removing = await s.owner
      .post(`${s.base}/codebook/import/preview`)
      .send({ format: 'json', text: file, removeMissing: true })
      .expect(200);
    expect(removing.body.changes.codes.removed).toEqual([{ code: 'a.skills', label: 'Skills' }]);
    expect(removing.body.blocked).toEqual([
      expect.stringMatching(/field "Country" \(country\) holds 1 value/),
    ]);
    const refused = await s.owner
      .post(`${s.base}/codebook/import`)
      .send({ format: 'json', text: file, removeMissing: true })
      .expect(409);
    expect(refused.body.error.details.blocked).toHaveLength(1);
    expect(await s.book()).toEqual(before);

    const applied = await s.owner
      .post(`${s.base}/codebook/import`)
      .send({ format: 'json', text: file })
      .expect(200);
    expect(applied.body).toMatchObject({ codes: 4, fields: 1, changes: preview.body.changes });
    const after = await s.book();
    expect(tree(after.codes)).toEqual(['->b', 'b>a.career', '->a', 'a>a.skills', '->c']);
    expect(after.codes.find((c) => c.code === 'a.career')?.id).toBe(s.id('a.career'));
    expect(after.fields.map((f) => [f.key, f.options])).toEqual([
      ['design', ['Survey', 'Interviews', 'Case study']],
      ['country', ['UK', 'Chile']],
    ]);

    // a CSV carries codes only: removing what it lacks leaves the form alone, and a coded code is refused
    const csv = 'code,parent,label\r\nb,,Balance\r\nc,b,Costs\r\n';
    const csvPreview = await s.owner
      .post(`${s.base}/codebook/import/preview`)
      .send({ format: 'csv', text: csv, removeMissing: true })
      .expect(200);
    expect(csvPreview.body.withFields).toBe(false);
    expect(csvPreview.body.changes.fields.removed).toEqual([]);
    expect(csvPreview.body.blocked).toEqual([
      expect.stringMatching(/code "Career" \(a\.career\) is applied 1 time/),
    ]);
  });
});
