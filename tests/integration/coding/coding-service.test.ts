import { LEARNER_PERSPECTIVE_CODEBOOK } from '../../../server/domain/coding/demo-codebook';
import { ConflictError, NotFoundError, ValidationError } from '../../../server/domain/errors';
import {
  addCode,
  applyCode,
  editCode,
  importCodebook,
  readCodebook,
  removeApplication,
  removeCode,
  setExtractionValue,
  setThemeSummary,
  synthesisInput,
  synthesisReport,
} from '../../../server/services/coding';
import type { Actor } from '../../../server/domain/auth/actor';
import {
  markStudyDone,
  unblindCodingStage,
  updateCodingSettings,
} from '../../../server/services/coding-consensus';
import { createMember } from '../../support/auth';
import { openTestDb, seedProject, seedRecords, seedSource } from '../../support/db';
import { includeAtFullText } from '../../support/screening';

const clock = () => new Date('2026-03-04T05:06:07Z');
const ALICE = 1;
const BOB = 2;
const coder = (userId: number): Actor => ({ userId, role: 'reviewer' });
const names = (id: number) => ({ 1: 'alice', 2: 'bob' })[id] ?? `user ${id}`;

function setup() {
  const db = openTestDb();
  const projectId = seedProject(db);
  const sourceId = seedSource(db, projectId);
  const [s1, s2, s3] = seedRecords(db, projectId, sourceId, [
    { title: 'Why nurses take badges', authors: ['Oliver, Beverley'], year: 2019 },
    { title: 'Micro-credentials at work', authors: ['Ahsan, Kamrul', 'Akbar, S.'], year: 2023 },
    { title: 'Excluded study', authors: ['Nobody, A.'], year: 2020 },
  ]) as [number, number, number];
  createMember(db, projectId, 'alice', 'reviewer'); // ALICE
  createMember(db, projectId, 'bob', 'reviewer'); // BOB
  const owner: Actor = { userId: createMember(db, projectId, 'owner', 'owner'), role: 'owner' };
  includeAtFullText(db, projectId, owner, [s1, s2]);
  importCodebook(db, projectId, LEARNER_PERSPECTIVE_CODEBOOK);
  const codeId = (key: string) =>
    (db.prepare('SELECT id FROM codes WHERE code = ?').get(key) as { id: number }).id;
  return { db, projectId, s1, s2, s3, codeId, owner, deps: { db, clock } };
}

describe('coding service on a real database', () => {
  it('imports the codebook, and reading it back gives the same codebook', () => {
    const { db, projectId } = setup();
    expect(readCodebook(db, projectId)).toEqual(LEARNER_PERSPECTIVE_CODEBOOK);
  });

  it('re-importing updates by key instead of duplicating codes', () => {
    const { db, projectId } = setup();
    const changed = {
      ...LEARNER_PERSPECTIVE_CODEBOOK,
      codes: LEARNER_PERSPECTIVE_CODEBOOK.codes.map((c) =>
        c.code === 'balance' ? { ...c, label: 'Balance' } : c,
      ),
    };
    importCodebook(db, projectId, changed);
    const book = readCodebook(db, projectId);
    expect(book.codes).toHaveLength(LEARNER_PERSPECTIVE_CODEBOOK.codes.length);
    expect(book.codes.find((c) => c.code === 'balance')!.label).toBe('Balance');
  });

  it('an invalid codebook changes nothing', () => {
    const db = openTestDb();
    const projectId = seedProject(db);
    const bad = {
      codes: [
        { code: 'a', label: 'A', description: '', parent: null },
        { code: 'a', label: 'again', description: '', parent: null },
      ],
      fields: [],
    };
    expect(() => importCodebook(db, projectId, bad)).toThrow(ValidationError);
    expect(readCodebook(db, projectId).codes).toEqual([]);
  });

  it('codes only included studies, and refuses unknown codes', () => {
    const { deps, projectId, s1, s3, codeId } = setup();
    const app = applyCode(deps, projectId, coder(ALICE), {
      recordId: s1,
      codeId: codeId('ambitions.career'),
      excerpt: 'to get promoted',
      page: '4',
    });
    expect(app).toMatchObject({
      recordId: s1,
      userId: ALICE,
      excerpt: 'to get promoted',
      page: '4',
      createdAt: '2026-03-04T05:06:07.000Z',
    });
    expect(() =>
      applyCode(deps, projectId, coder(ALICE), { recordId: s3, codeId: codeId('ambitions') }),
    ).toThrow(/not an included study/);
    expect(() => applyCode(deps, projectId, coder(ALICE), { recordId: s1, codeId: 99999 })).toThrow(
      NotFoundError,
    );
  });

  it('refuses to delete a code in use, and lets the coder (not another reviewer) remove an application', () => {
    const { db, deps, projectId, s1, codeId, owner } = setup();
    const app = applyCode(deps, projectId, coder(ALICE), { recordId: s1, codeId: codeId('balance.time') });
    expect(() => removeCode(db, projectId, codeId('balance'))).toThrow(ConflictError);
    // blind coding: bob may not even learn that alice's code exists; once coding is open he may, but not remove it
    expect(() => removeApplication(deps, projectId, coder(BOB), app.id)).toThrow(NotFoundError);
    unblindCodingStage(db, projectId, owner);
    expect(() => removeApplication(deps, projectId, coder(BOB), app.id)).toThrow(/only the coder/);
    removeApplication(deps, projectId, coder(ALICE), app.id);
    removeCode(db, projectId, codeId('balance'));
    expect(readCodebook(db, projectId).codes.some((c) => c.code.startsWith('balance'))).toBe(false);
  });

  it('adds and edits codes, refusing duplicate keys and moves beneath a descendant', () => {
    const { db, projectId, codeId } = setup();
    const added = addCode(db, projectId, {
      code: 'ambitions.status',
      label: 'Status',
      parentId: codeId('ambitions'),
    });
    expect(added.parentId).toBe(codeId('ambitions'));
    expect(() => addCode(db, projectId, { code: 'ambitions.status', label: 'Again' })).toThrow(ConflictError);
    expect(() => editCode(db, projectId, codeId('ambitions'), { parentId: added.id })).toThrow(
      /beneath itself/,
    );
    expect(editCode(db, projectId, added.id, { label: 'Social status' }).label).toBe('Social status');
  });

  it('validates extraction values by field kind', () => {
    const { deps, projectId, s1 } = setup();
    expect(
      setExtractionValue(deps, projectId, coder(ALICE), { recordId: s1, field: 'sample_size', value: '120' }),
    ).toBe(120);
    expect(() =>
      setExtractionValue(deps, projectId, coder(ALICE), {
        recordId: s1,
        field: 'sample_size',
        value: 'many',
      }),
    ).toThrow(/takes a number/);
    expect(() =>
      setExtractionValue(deps, projectId, coder(ALICE), { recordId: s1, field: 'design', value: 'Poll' }),
    ).toThrow(/takes one of/);
    expect(() =>
      setExtractionValue(deps, projectId, coder(ALICE), { recordId: s1, field: 'nope', value: 'x' }),
    ).toThrow(NotFoundError);
  });

  it("with one coder per study, builds the synthesis from the coders' own coding: frequencies, country cross-tab, agreement", () => {
    const { db, deps, projectId, s1, s2, codeId, owner } = setup();
    updateCodingSettings(db, projectId, owner, { codersRequired: 1 });
    applyCode(deps, projectId, coder(ALICE), {
      recordId: s1,
      codeId: codeId('ambitions.career'),
      excerpt: 'promotion',
    });
    applyCode(deps, projectId, coder(BOB), {
      recordId: s1,
      codeId: codeId('ambitions.career'),
      excerpt: 'career',
    });
    applyCode(deps, projectId, coder(ALICE), {
      recordId: s2,
      codeId: codeId('balance.time'),
      excerpt: 'no time',
    });
    setExtractionValue(deps, projectId, coder(ALICE), {
      recordId: s1,
      field: 'country',
      value: ['Australia'],
    });
    setExtractionValue(deps, projectId, coder(BOB), {
      recordId: s1,
      field: 'country',
      value: ['Australia', 'New Zealand'],
    });
    setThemeSummary(deps, projectId, { codeId: codeId('ambitions'), summary: 'Careers drive uptake.' });
    for (const who of [ALICE, BOB]) markStudyDone(deps, projectId, coder(who), s1);

    const report = synthesisReport(synthesisInput(db, projectId, names), 1);
    expect(report.studies).toBe(2);
    const studies = Object.fromEntries(report.codes.map((c) => [c.code, c.studies]));
    expect(studies).toMatchObject({
      ambitions: 1,
      'ambitions.career': 1,
      balance: 1,
      'balance.time': 1,
      requirements: 0,
    });
    const country = report.crossTabs.find((t) => t.characteristic === 'country')!;
    expect(country.values).toEqual(['Australia', 'New Zealand', 'not reported']);
    expect(country.rows.find((r) => r.code === 'ambitions')!.counts).toEqual([1, 1, 0]);
    expect(country.rows.find((r) => r.code === 'balance')!.counts).toEqual([0, 0, 1]);
    const ambitions = report.themes.find((t) => t.code === 'ambitions')!;
    expect(ambitions.summary).toBe('Careers drive uptake.');
    expect(ambitions.evidence.map((e) => [e.study, e.coder, e.excerpt])).toEqual([
      ['Oliver 2019', 'alice', 'promotion'],
      ['Oliver 2019', 'bob', 'career'],
    ]);
    const career = report.agreement.find((t) => t.code === 'ambitions.career')!;
    expect(career).toMatchObject({
      coders: ['alice', 'bob'],
      studies: 1,
      both: 1,
      observedAgreement: 1,
      kappa: null,
    });
    expect(report.coding).toEqual({ codersRequired: 1, studiesWithCoding: 2 });
  });
});
