import { cleanText } from '../../../server/domain/import/normalise';

/** cleanText folds white space in one regex pass (import speed); these pin what it folds. */
describe('cleanText', () => {
  it('keeps text with single plain spaces as it is, trimmed', () => {
    expect(cleanText('  A study of dogs ')).toBe('A study of dogs');
  });

  it('folds runs of spaces, line breaks and tabs into one space', () => {
    expect(cleanText('A  study\nof\r\n\tdogs')).toBe('A study of dogs');
    expect(cleanText('one \n two')).toBe('one two');
  });

  it('folds a lone non-breaking, ideographic or zero-width space into a plain space', () => {
    expect(cleanText('a\u00a0b\u3000c\u200bd\u2028e')).toBe('a b c d e');
    expect(cleanText('a \u200b b')).toBe('a b');
  });

  it('turns empty and blank values into null', () => {
    expect(cleanText('')).toBeNull();
    expect(cleanText(' \n\t\u00a0')).toBeNull();
    expect(cleanText(null)).toBeNull();
    expect(cleanText(undefined)).toBeNull();
  });
});
