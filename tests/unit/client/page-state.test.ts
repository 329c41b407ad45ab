import type { Code, Report } from '../../../server/api/types';
import { childrenByParent, codeDepth } from '../../../client/src/coding/codes';
import { retrievalSummary, statusBadgeClass } from '../../../client/src/fulltext/reports';
import { lines, prioritisationPatch, stagePatch, words } from '../../../client/src/settings/form-values';

describe('settings form values', () => {
  it('reasons are the non-blank lines, trimmed', () => {
    expect(lines(' Wrong population \r\n\n Wrong design\n  ')).toEqual(['Wrong population', 'Wrong design']);
  });

  it('keywords split on commas, semicolons and lines', () => {
    expect(words('adult learners, micro-credential;\nMOOC ,, ')).toEqual([
      'adult learners',
      'micro-credential',
      'MOOC',
    ]);
  });

  it('a title/abstract stage sends whether a reason is required', () => {
    const fields = { reviewersRequired: '1', blind: false, exclusionReasons: 'a\nb', reasonRequired: true };
    expect(stagePatch('title_abstract', fields)).toEqual({
      reviewersRequired: 1,
      blind: false,
      exclusionReasons: ['a', 'b'],
      reasonRequired: true,
    });
  });

  it('the full-text stage never sends that switch (a reason is always required there)', () => {
    const fields = { reviewersRequired: '2', blind: true, exclusionReasons: '', reasonRequired: false };
    expect(stagePatch('full_text', fields)).toEqual({
      reviewersRequired: 2,
      blind: true,
      exclusionReasons: [],
    });
  });

  it('prioritisation keeps at most 50 words', () => {
    const many = Array.from({ length: 60 }, (_, i) => `w${i}`).join(', ');
    const patch = prioritisationPatch(true, many);
    expect(patch.enabled).toBe(true);
    expect(patch.keywords).toHaveLength(50);
    expect(patch.keywords[49]).toBe('w49');
  });
});

describe('full-text retrieval summary', () => {
  const report = (recordId: number, status: Report['status']): Report => ({
    recordId,
    title: null,
    year: null,
    doi: null,
    status,
    hasPdf: false,
    pdfOriginalName: null,
    pdfSize: null,
    url: null,
    note: null,
    reason: null,
    updatedAt: null,
    studyId: null,
    studyLabel: null,
  });

  it('counts the reports by status', () => {
    const reports = [
      report(1, 'retrieved'),
      report(2, 'sought'),
      report(3, 'not_retrievable'),
      report(4, 'sought'),
    ];
    expect(retrievalSummary(reports)).toBe(
      '4 report(s) sought · 1 retrieved · 1 not retrievable · 2 waiting',
    );
  });

  it('colours retrieved as include and not retrievable as exclude', () => {
    expect(statusBadgeClass('retrieved')).toBe('badge include');
    expect(statusBadgeClass('not_retrievable')).toBe('badge exclude');
    expect(statusBadgeClass('sought')).toBe('badge ');
  });
});

describe('the codebook tree', () => {
  const code = (id: number, parentId: number | null): Code => ({
    id,
    parentId,
    code: `c${id}`,
    label: `Code ${id}`,
    description: '',
    position: id,
  });

  it('a code is as deep as its chain of parents', () => {
    const codes = [code(1, null), code(2, 1), code(3, 2)];
    expect(codes.map((c) => codeDepth(codes, c))).toEqual([0, 1, 2]);
  });

  it('a parent chain that loops stops instead of hanging', () => {
    const codes = [code(1, 2), code(2, 1)];
    expect(codeDepth(codes, codes[0]!)).toBe(2);
  });

  it('groups children under their parent, in codebook order', () => {
    const byParent = childrenByParent([code(1, null), code(2, 1), code(3, null), code(4, 1)]);
    expect(byParent.get(null)?.map((c) => c.id)).toEqual([1, 3]);
    expect(byParent.get(1)?.map((c) => c.id)).toEqual([2, 4]);
  });
});
