import { designFromForm } from '../../../server/domain/appraisal/design';
import { MMAT_2018 } from '../../../server/domain/appraisal/tools/mmat-2018';

describe("a study's design from its extraction form", () => {
  const map = {
    Survey: 'quantitative-descriptive',
    'Interviews / focus groups': 'qualitative',
    Other: 'nonsense',
  };
  it.each<[string[], string | null]>([
    [['Survey'], 'quantitative-descriptive'],
    [['Interviews / focus groups'], 'qualitative'],
    // not in the map: a design's label or id, whatever the case and spacing
    [['  mixed METHODS '], 'mixed-methods'],
    [['quantitative-rct'], 'quantitative-rct'],
    // several values naming one design, or the same value twice
    [['Survey', 'Survey'], 'quantitative-descriptive'],
    // nothing, something unknown, a map entry naming no design, or two designs: the appraiser chooses
    [[], null],
    [['Case study'], null],
    [['Other'], null],
    [['Survey', 'Interviews / focus groups'], null],
  ])('%j → %s', (values, expected) => {
    expect(designFromForm(MMAT_2018, values, map)).toBe(expected);
  });
});
