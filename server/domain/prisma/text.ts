import { BOLD_WIDTHS, FIRST_CODE_POINT, REGULAR_WIDTHS } from './font-metrics';

/**
 * The font stack of every diagram. The widths used for wrapping are the wider of DejaVu Sans and
 * Liberation Sans (metric-compatible with Arial), so text fits whichever of them renders it.
 */
export const FONT_FAMILY = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";

/** Width in user units of `text` at `fontSize`. */
export function measureText(text: string, fontSize: number, bold = false): number {
  const table = bold ? BOLD_WIDTHS : REGULAR_WIDTHS;
  let units = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const known = table[cp - FIRST_CODE_POINT];
    // Outside Latin: CJK and other wide scripts take a full em, the rest roughly a digit.
    units += known ?? (cp >= 0x2e80 ? 1000 : 640);
  }
  return (units * fontSize) / 1000;
}

/** Greedy word wrap to `maxWidth`; a word longer than a line is broken between characters. */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  let current = '';
  // Only ordinary spaces break lines: "(n\u00a0=\u00a012)" stays together.
  for (const word of text.split(/[ \t\r\n]+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (measureText(candidate, fontSize, bold) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = '';
    for (const piece of breakWord(word, maxWidth, fontSize, bold)) {
      if (current) lines.push(current);
      current = piece;
    }
  }
  if (current) lines.push(current);
  return lines.length ? lines : [''];
}

function breakWord(word: string, maxWidth: number, fontSize: number, bold: boolean): string[] {
  if (measureText(word, fontSize, bold) <= maxWidth) return [word];
  const pieces: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece && measureText(piece + ch, fontSize, bold) > maxWidth) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** Escapes text for XML and drops the characters XML 1.0 cannot hold at all. */
export function escapeXml(text: string): string {
  return stripInvalidXml(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function stripInvalidXml(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const control = cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d;
    const lone = cp >= 0xd800 && cp <= 0xdfff; // for..of yields unpaired surrogates alone
    if (!control && !lone && cp !== 0xfffe && cp !== 0xffff) out += ch;
  }
  return out;
}

/** 1234567 → "1,234,567", independent of the machine's locale. */
export function formatCount(n: number | null): string {
  if (n === null) return '–';
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
