import { authorAgreement, authorListOf } from '../../../server/domain/dedup/authors';

const agree = (a: string[], b: string[]) => authorAgreement(authorListOf(a), authorListOf(b));

describe('authorAgreement(): surname-and-initial keys compared both ways', () => {
  it.each([
    [
      '"Family, Given" vs initials',
      ['Deng, Chaoqun', 'Ravichandran, Thiagarajan'],
      ['Deng, C', 'Ravichandran, T'],
    ],
    [
      '"Family I." (Scopus)',
      ['Lei, Yu', 'Yayla, Ali Alper', 'Kahai, Surinder'],
      ['Lei Y.', 'Yayla A.A.', 'Kahai S.'],
    ],
    [
      'given names first',
      ['Bartelheimer, Christian', 'Beverungen, Daniel'],
      ['Christian Bartelheimer', 'Daniel Beverungen'],
    ],
    ['given first with initials only', ['Deng, Chaoqun', 'Ravichandran, T.'], ['C Deng', 'T Ravichandran']],
    [
      'given and family swapped, family reduced to an initial ("Andrea, C." for "Carignani, Andrea")',
      ['Carignani, Andrea', 'Rossi, Marco'],
      ['Andrea, C.', 'Marco, R.'],
    ],
    ['a swapped multi-word given name', ['Lei, Yu', 'Yayla, Ali Alper'], ['Yu, L.', 'Ali Alper, Y.']],
    ['East Asian order without a comma', ['Zhang, Wei', 'Sun, Heshan'], ['Zhang Wei', 'SUN Heshan']],
    ['East Asian order against Western order', ['Zhang Wei', 'Li Na'], ['Wei Zhang', 'Na Li']],
    ['Vietnamese family-first name', ['Nguyen Thi Ngoc Ha'], ['Nguyen, T. N. H.']],
    [
      'diacritics and transliteration',
      ['Lüttenberg, Hedda', 'Müller-Lennert, Martin'],
      ['Luttenberg, H.', 'Mueller-Lennert, M.'],
    ],
    [
      'a particle written apart or folded into the initials',
      ['zur Heiden, Philipp', 'van der Aalst, Wil'],
      ['Heiden, PZ', 'Aalst, W. van der'],
    ],
    [
      'a run-together list (one field, no separators)',
      ["Tan A.Schulze A.O'Donnell C. P.Davis P. G."],
      ['Tan, A.', 'Schulze, A.', "O'Donnell, C. P.", 'Davis, P. G.'],
    ],
  ])('matches %s', (_what, a, b) => {
    expect(agree(a, b)).toBe(1);
  });

  it('counts the same surname with another first initial as half a match (a garbled list, or a namesake)', () => {
    expect(agree(['Smith, John'], ['Smith, Karen'])).toBe(0.5);
    expect(agree(['Smith, John', 'Jones, Ann'], ['Smith, Karen', 'Jones, Ann'])).toBe(0.75);
  });

  it('reads a particle taken for the whole family name ("Le, Quintrec M.")', () => {
    expect(agree(['Le, Quintrec M.'], ['Le Quintrec, M.'])).toBe(1);
  });

  it('matches a surname without any given name to any initial', () => {
    expect(agree(['Reeb'], ['Reeb, David'])).toBe(1);
  });

  it('counts the share of the shorter list found in the longer (an "et al." list)', () => {
    expect(
      agree(
        ['Stillman, A.N.', 'Siegel, R.B.'],
        ['Stillman, Andrew N.', 'Siegel, Rodney B.', 'Tingley, Morgan W.'],
      ),
    ).toBe(1);
    expect(agree(['Stillman, A.N.', 'Other, Z.'], ['Stillman, Andrew N.', 'Siegel, Rodney B.'])).toBe(0.5);
  });

  it('is unknown when either side has no authors', () => {
    expect(agree([], ['Zwass, Vladimir'])).toBeNull();
  });
});
