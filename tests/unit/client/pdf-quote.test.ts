import { cleanSelectedText, pageLabel, pageNumbers, quoteOf, withQuote } from '../../../client/src/pdf/quote';

describe('text selected in a PDF, quoted with its page', () => {
  it('collapses the line breaks and spaces of the layout into single spaces', () => {
    expect(cleanSelectedText('  Room air was\nas effective as\n\n100%   oxygen ')).toBe(
      'Room air was as effective as 100% oxygen',
    );
  });

  it.each([
    [{ page: 2, endPage: 2 }, 'p. 2'],
    [{ page: 2, endPage: 3 }, 'pp. 2–3'],
  ])('cites %j as %s', (selection, label) => {
    expect(pageLabel(selection)).toBe(label);
  });

  it.each([
    [{ page: 2, endPage: 2 }, '2'],
    [{ page: 2, endPage: 3 }, '2–3'],
  ])('gives an excerpt from %j the page %s', (selection, page) => {
    expect(pageNumbers(selection)).toBe(page);
  });

  it('quotes the text with its page', () => {
    expect(quoteOf({ text: 'Room air was as effective', page: 4, endPage: 4 })).toBe(
      '“Room air was as effective” (p. 4)',
    );
  });

  it('adds a quote on a line of its own after what the note already says, or alone in an empty note', () => {
    const selection = { text: 'n = 120', page: 3, endPage: 3 };
    expect(withQuote('Adults only?  \n', selection)).toBe('Adults only?\n“n = 120” (p. 3)');
    expect(withQuote('  ', selection)).toBe('“n = 120” (p. 3)');
  });
});
