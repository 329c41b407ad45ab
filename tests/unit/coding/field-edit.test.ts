import type { FieldDefinition } from '../../../server/domain/coding/codebook';
import { codebookChanges, nothingChanges } from '../../../server/domain/coding/codebook-changes';
import { planFieldEdit, renameChoices } from '../../../server/domain/coding/field-edit';
import { ConflictError, ValidationError } from '../../../server/domain/errors';

const design: FieldDefinition = {
  key: 'design',
  label: 'Study design',
  kind: 'single',
  options: ['Survey', 'Interviews', 'Case study'],
};
const country: FieldDefinition = {
  key: 'country',
  label: 'Country',
  kind: 'multiple',
  options: ['UK', 'Chile'],
};

describe('the extraction-form builder’s field edits', () => {
  it('relabels and reorders the choices of a field whatever it holds', () => {
    const plan = planFieldEdit(
      design,
      { label: ' Design ', options: ['Case study', 'Survey', 'Interviews'] },
      ['Survey'],
    );
    expect(plan.field).toEqual({
      ...design,
      label: 'Design',
      options: ['Case study', 'Survey', 'Interviews'],
    });
    expect(plan.renames).toEqual([]);
  });

  it('renames a choice in use, and the stored values follow it', () => {
    const plan = planFieldEdit(
      country,
      { options: ['United Kingdom', 'Chile'], renamedOptions: [{ from: 'UK', to: 'United Kingdom' }] },
      [['UK', 'Chile'], ['UK']],
    );
    expect(plan.renames).toEqual([{ from: 'UK', to: 'United Kingdom' }]);
    expect(renameChoices(['UK', 'Chile'], plan.renames)).toEqual(['United Kingdom', 'Chile']);
    expect(renameChoices('UK', plan.renames)).toBe('United Kingdom');
    expect(renameChoices(null, plan.renames)).toBeNull();
  });

  it('swaps two choices’ names at once (each value renamed once)', () => {
    const renames = [
      { from: 'UK', to: 'Chile' },
      { from: 'Chile', to: 'UK' },
    ];
    expect(
      planFieldEdit(country, { options: ['Chile', 'UK'], renamedOptions: renames }, [['UK']]).renames,
    ).toEqual(renames);
    expect(renameChoices(['UK', 'Chile'], renames)).toEqual(['Chile', 'UK']);
  });

  it('adds and removes choices nobody used', () => {
    const plan = planFieldEdit(design, { options: ['Survey', 'Mixed methods'] }, ['Survey', null]);
    expect(plan.field.options).toEqual(['Survey', 'Mixed methods']);
  });

  it('refuses to drop a choice a stored value holds (consensus or coder), naming it', () => {
    expect(() =>
      planFieldEdit(design, { options: ['Survey', 'Case study'] }, ['Interviews', 'Interviews']),
    ).toThrow(ConflictError);
    expect(() => planFieldEdit(country, { options: ['UK'] }, [['UK', 'Chile']])).toThrow(
      /"Chile" \(used 1 time/,
    );
  });

  it('changes the kind only while the field holds no value', () => {
    expect(planFieldEdit(design, { kind: 'multiple' }, [null]).field.kind).toBe('multiple');
    expect(planFieldEdit(design, { kind: 'text' }, []).field).toEqual({
      ...design,
      kind: 'text',
      options: [],
    });
    expect(() => planFieldEdit(design, { kind: 'multiple' }, ['Survey'])).toThrow(/its kind can change only/);
  });

  it.each([
    ['an empty label', { label: '  ' }, /label is required/],
    ['a choice twice', { options: ['Survey', 'Survey'] }, /listed twice/],
    ['an empty choice', { options: ['Survey', ' '] }, /cannot be empty/],
    ['no choice for a choice field', { options: [] }, /needs options/],
    [
      'a rename of a choice that is not there',
      { options: ['X'], renamedOptions: [{ from: 'Y', to: 'X' }] },
      /no choice "Y"/,
    ],
    [
      'a rename to a name not in the list',
      { renamedOptions: [{ from: 'Survey', to: 'Poll' }] },
      /not in the list/,
    ],
    [
      'a rename onto a choice that stays (a merge)',
      { options: ['Interviews', 'Case study'], renamedOptions: [{ from: 'Survey', to: 'Interviews' }] },
      /already a choice/,
    ],
  ])('refuses %s', (_what, edit, message) => {
    expect(() => planFieldEdit(design, edit, [])).toThrow(ValidationError);
    expect(() => planFieldEdit(design, edit, [])).toThrow(message);
  });
});

describe('codebookChanges(): the preview of a codebook import', () => {
  const current = {
    codes: [
      { code: 'a', label: 'Ambitions', description: '', parent: null },
      { code: 'a.career', label: 'Career', description: '', parent: 'a' },
      { code: 'b', label: 'Balance', description: 'old', parent: null },
      { code: 'old', label: 'Old code', description: '', parent: null },
    ],
    fields: [design, country],
  };
  const incoming = {
    codes: [
      { code: 'a', label: 'Learning ambitions', description: '', parent: null },
      { code: 'b', label: 'Balance', description: 'new', parent: null },
      { code: 'a.career', label: 'Career', description: '', parent: 'b' },
      { code: 'c', label: 'Costs', description: '', parent: 'b' },
    ],
    fields: [
      { ...design, options: ['Survey', 'Interviews'] },
      { key: 'n', label: 'Sample size', kind: 'number' as const, options: [] },
    ],
  };

  it('lists codes added, renamed, described, moved, and those not in the file as kept', () => {
    const changes = codebookChanges(current, incoming, { withFields: true, removeMissing: false });
    expect(changes.codes).toEqual({
      added: [{ code: 'c', label: 'Costs', parent: 'b' }],
      renamed: [{ code: 'a', from: 'Ambitions', to: 'Learning ambitions' }],
      described: [{ code: 'b', label: 'Balance' }],
      moved: [{ code: 'a.career', label: 'Career', from: 'a', to: 'b' }],
      removed: [],
      kept: [{ code: 'old', label: 'Old code' }],
    });
    expect(changes.fields).toEqual({
      added: [{ key: 'n', label: 'Sample size' }],
      changed: [{ key: 'design', label: 'Study design', what: ['choices'] }],
      removed: [],
      kept: [{ key: 'country', label: 'Country' }],
    });
  });

  it('lists what the file lacks as removed when the owner asks for it; a CSV (no fields) leaves the form alone', () => {
    const removing = codebookChanges(current, incoming, { withFields: true, removeMissing: true });
    expect(removing.codes.removed).toEqual([{ code: 'old', label: 'Old code' }]);
    expect(removing.fields.removed).toEqual([{ key: 'country', label: 'Country' }]);
    const csv = codebookChanges(
      current,
      { ...incoming, fields: [] },
      { withFields: false, removeMissing: true },
    );
    expect(csv.fields).toEqual({ added: [], changed: [], removed: [], kept: [] });
  });

  it('an export read back changes nothing', () => {
    expect(nothingChanges(codebookChanges(current, current, { withFields: true, removeMissing: true }))).toBe(
      true,
    );
    expect(
      nothingChanges(codebookChanges(current, incoming, { withFields: true, removeMissing: false })),
    ).toBe(false);
  });
});
