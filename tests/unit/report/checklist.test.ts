import {
  fillChecklist,
  locationText,
  PRISMA_2020_ITEMS,
  TO_BE_COMPLETED,
} from '../../../server/domain/report/checklist';
import type { Section } from '../../../server/domain/report/types';

const section = (id: string, title: string, sections: Section[] = []): Section => ({
  id,
  title,
  blocks: [],
  sections,
});

describe('the PRISMA 2020 checklist', () => {
  it('holds the 27 items and their sub-items (42 in all), each once', () => {
    const numbers = PRISMA_2020_ITEMS.map((i) => i.item);
    expect(new Set(numbers).size).toBe(42);
    expect(new Set(numbers.map((n) => Number.parseInt(n, 10)))).toEqual(
      new Set(Array.from({ length: 27 }, (_, i) => i + 1)),
    );
  });

  it('points an item at the sections the report holds, and leaves the rest to the authors', () => {
    const doc = {
      sections: [section('methods', 'Methods', [section('information-sources', 'Information sources')])],
    };
    const entries = fillChecklist(doc);
    const item = (n: string) => entries.find((e) => e.item === n)!;
    expect(item('6').location).toEqual([
      { id: 'information-sources', title: 'Methods › Information sources' },
    ]);
    expect(locationText(item('6'))).toBe('Methods › Information sources');
    // Eligibility criteria were not drafted (none recorded): the authors complete item 5.
    expect(item('5').location).toEqual([]);
    expect(locationText(item('5'))).toBe(TO_BE_COMPLETED);
    // What Sift never knows stays with the authors, whatever the report holds.
    for (const n of ['11', '15', '24a', '25', '26']) expect(item(n).location).toEqual([]);
  });
});
