import type { CodebookChanges } from '../../../server/api/types';
import { changeLines, importSummary } from '../../../client/src/coding/codebook-changes';

const none: CodebookChanges = {
  codes: { added: [], renamed: [], described: [], moved: [], removed: [], kept: [] },
  fields: { added: [], changed: [], removed: [], kept: [] },
};

describe('the codebook import preview in words', () => {
  const changes: CodebookChanges = {
    codes: {
      ...none.codes,
      added: [{ code: 'b.commute', label: 'Commuting', parent: 'b' }],
      renamed: [{ code: 'a.career', from: 'Career', to: 'Careers and jobs' }],
      moved: [{ code: 'a.time', label: 'Time', from: 'b', to: null }],
      kept: [{ code: 'old', label: 'Old' }],
    },
    fields: { ...none.fields, changed: [{ key: 'design', label: 'Design', what: ['label', 'choices'] }] },
  };

  it('says every change on a line of its own', () => {
    expect(changeLines(changes).map((l) => `${l.what} ${l.detail}`)).toEqual([
      'Code added: “Commuting” (b.commute) under b',
      'Code renamed: “Career” → “Careers and jobs” (a.career)',
      'Code moved: “Time” from b to the top level',
      'Field changed: “Design” (design): label, choices',
      'Kept (not in the file): “Old”',
    ]);
  });

  it('counts what an import did', () => {
    expect(importSummary(changes)).toBe('1 code added, 1 code renamed, 1 code moved, 1 field changed');
    expect(importSummary(none)).toBe('nothing changed');
    expect(changeLines(none)).toEqual([]);
  });
});
