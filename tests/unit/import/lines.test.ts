import { forEachLine, isBlankLine, splitLines } from '../../../server/domain/import/lines';

const collect = (text: string): string[] => {
  const lines: string[] = [];
  forEachLine(text, (line, lineNo) => {
    expect(lineNo).toBe(lines.length + 1);
    lines.push(line);
  });
  return lines;
};

describe('line splitting', () => {
  it.each([
    ['a\nb\nc', ['a', 'b', 'c']],
    ['a\r\nb\r\nc\r\n', ['a', 'b', 'c']],
    ['a\rb\rc\r', ['a', 'b', 'c']],
    ['a\n\nb\r\rc\r\n\r\nd', ['a', '', 'b', '', 'c', '', 'd']],
    ['a\n\r\nb', ['a', '', 'b']],
    ['\n', ['']],
    ['x', ['x']],
  ])('%j → %j (forEachLine and splitLines agree)', (text, lines) => {
    expect(collect(text)).toEqual(lines);
    expect(splitLines(text)).toEqual(lines);
  });

  it('yields nothing for empty text', () => {
    expect(collect('')).toEqual([]);
  });
});

describe('isBlankLine()', () => {
  it.each([
    ['', true],
    ['   \t ', true],
    ['\u00a0', true],
    ['  x ', false],
    ['TY  - JOUR', false],
  ])('%j → %s', (line, blank) => {
    expect(isBlankLine(line)).toBe(blank);
  });
});
