import { parsePages } from '../../../server/domain/dedup/features';
import {
  journalSimilarity,
  levenshteinRatio,
  titleSimilarity,
} from '../../../server/domain/dedup/similarity';
import { normaliseText } from '../../../server/domain/dedup/text';
import { citesCorrectedArticle, titleForms, titleMarker } from '../../../server/domain/dedup/title';

describe('normaliseText()', () => {
  it.each([
    ['Ménière’s disease in São Paulo', 'menieres disease in sao paulo'],
    ['Stra\\ss{}e and {\\"u}ber {\\\'e}tude', 'strasse and uber etude'],
    ['Effect of <i>Helicobacter</i> H<sub>2</sub>O &amp; CO&#8322;', 'effect of helicobacter h2o co2'],
    ['IFN-&gamma; and $\\beta$-blockers', 'ifn gamma and beta blockers'],
    ['  Æther — Øresund  ', 'aether oresund'],
    ['TNF-α and β-catenin', 'tnf alpha and beta catenin'],
  ])('folds %p to %p', (input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });
});

describe('titleForms()', () => {
  it.each([
    [
      'Current aspects of hemolytic uremic syndrome in children. [Romanian]',
      'current aspects of hemolytic uremic syndrome in children',
    ],
    [
      '[Current aspects of hemolytic uremic syndrome in children]. [Review] [16 refs] [Romanian]',
      'current aspects of hemolytic uremic syndrome in children',
    ],
    ['Stroke rehabilitation in China [Chinese]', 'stroke rehabilitation in china'],
    ['Stroke rehabilitation (in German)', 'stroke rehabilitation'],
    ['Is aspirin enough? [Article in French]', 'is aspirin enough'],
    [
      'HPV testing after CIN 3: meta-analysis (Provisional abstract)',
      'hpv testing after cin 3 meta analysis',
    ],
    [
      'Gain-of-function mutations.[Erratum appears in Proc Natl Acad Sci U S A. 2007 Jun 19;104(25):10749]',
      'gain of function mutations',
    ],
    [
      'Severe deficiency of ADAMTS13.[Erratum appears in J Pediatr. 2003 Jun',
      'severe deficiency of adamts13',
    ],
    ['Streptococcus-associated HUS (multiple letters) [1]', 'streptococcus associated hus'],
  ])('strips tags and annotations from %p', (input, expected) => {
    expect(titleForms(input).full).toBe(expected);
  });

  it('keeps a translated title in brackets as a variant to compare with the original', () => {
    const forms = titleForms(
      'Utilidad de los antimicrobianos [Usefulness of antimicrobials in closed thoracostomy]',
    );
    expect(forms.variants).toContain('usefulness of antimicrobials in closed thoracostomy');
    expect(forms.variants).toContain('utilidad de los antimicrobianos');
  });
});

describe('titleMarker() and correction citations', () => {
  it.each([
    ['erratum severe deficiency of adamts13', 'erratum'],
    ['correction to effects of aspirin', 'erratum'],
    ['notice of retraction effects of aspirin', 'retraction'],
    ['comment on effects of aspirin', 'comment'],
    ['effects of aspirin reply', 'reply'],
    ['response to effects of aspirin', 'reply'],
    ['effects of aspirin on stroke', null],
    ['error correction in stroke registries', null],
  ])('%p is %p', (title, marker) => {
    expect(titleMarker(title)).toBe(marker);
  });

  it('recognises the citation a correction notice carries', () => {
    expect(citesCorrectedArticle('Eculizumab for aHUS (vol 360, pg 542, 2009)')).toBe(true);
    expect(
      citesCorrectedArticle('Eculizumab for aHUS (New England Journal of Medicine (2009) 360 (542-544))'),
    ).toBe(true);
    expect(citesCorrectedArticle('Eculizumab for aHUS (aHUS) in adults')).toBe(false);
  });
});

describe('parsePages()', () => {
  it.each([
    ['221-8', { start: '221', end: '228', articleNumber: false, supplement: false }],
    ['S109-S112', { start: '109', end: '112', articleNumber: false, supplement: true }],
    ['c37-c42', { start: '37', end: '42', articleNumber: false, supplement: false }],
    ['e12724', { start: '12724', end: '12724', articleNumber: true, supplement: false }],
    ['CD002273', { start: '2273', end: '2273', articleNumber: true, supplement: false }],
  ])('reads %p', (input, expected) => {
    expect(parsePages(input)).toEqual(expected);
  });

  it.each(['Suppl-12', 't-20', '13-May', '01-Jun', ''])('treats %p as unknown', (input) => {
    expect(parsePages(input)).toBeNull();
  });
});

describe('similarities', () => {
  it('levenshteinRatio() is 1 − distance / longer length, 0 below the floor', () => {
    expect(levenshteinRatio('kitten', 'sitting', 0.5)).toBeCloseTo(1 - 3 / 7);
    expect(levenshteinRatio('abcdef', 'abcdef')).toBe(1);
    expect(levenshteinRatio('abcdef', 'uvwxyz', 0.5)).toBe(0);
  });

  it('titleSimilarity() treats an abridged title as close but not identical', () => {
    const full = normaliseText(
      'Persistent high-risk human papillomavirus infections as surrogate endpoints of progressive cervical disease',
    );
    const abridged = normaliseText(
      'Persistent high-risk human papillomavirus infections as surrogate endpoints',
    );
    expect(titleSimilarity(full, abridged)).toBeGreaterThanOrEqual(0.9);
    expect(titleSimilarity(full, abridged)).toBeLessThan(1);
  });

  it.each([
    ['Nature Reviews Nephrology', 'Nat Rev Nephrol'],
    ['Deutsche Medizinische Wochenschrift', 'Dtsch-Med-Wochenschr'],
    ['British Medical Journal', 'BMJ'],
    ['Americas Conference on Information Systems', 'AMCIS 2017 Proceedings'],
  ])('journalSimilarity() matches %p with its abbreviation %p', (full, abbreviation) => {
    expect(journalSimilarity(normaliseText(full), normaliseText(abbreviation))).toBeGreaterThanOrEqual(0.9);
  });

  it('journalSimilarity() keeps different journals apart', () => {
    expect(
      journalSimilarity(normaliseText('Journal of Clinical Oncology'), normaliseText('PLoS ONE')),
    ).toBeLessThan(0.3);
  });
});
