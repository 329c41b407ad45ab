/**
 * Text normalisation for matching (not for display): the same work exported by different
 * databases should end up with the same string whatever the accents, markup or punctuation.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '-',
  mdash: '-',
  alpha: 'alpha',
  beta: 'beta',
  gamma: 'gamma',
  delta: 'delta',
  kappa: 'kappa',
  mu: 'mu',
};

const GREEK: Record<string, string> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  κ: 'kappa',
  λ: 'lambda',
  μ: 'mu',
  τ: 'tau',
  ω: 'omega',
};

const FOLDED_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
};

/** Decodes HTML entities and drops tags such as <i>, <sup>, <scp>. */
export function stripHtml(text: string): string {
  if (!text.includes('<') && !text.includes('&')) return text;
  return text
    .replace(/<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&([a-z]+);/gi, (whole, name: string) => NAMED_ENTITIES[name.toLowerCase()] ?? whole);
}

/** Turns LaTeX leftovers ({\"u}, \'e, \textit{x}, $\beta$, {Protected}) into plain letters. */
export function stripLatex(text: string): string {
  if (!/[\\{}$]/.test(text)) return text;
  return text
    .replace(/\\(?:textit|textbf|emph|textrm|mathrm|mathit|textsc|text)\s*\{([^{}]*)\}/g, '$1')
    .replace(/\\(alpha|beta|gamma|delta|epsilon|kappa|lambda|mu|tau|omega)\b/g, '$1')
    .replace(/\\ss\b/g, 'ss')
    .replace(/\\(?:["'`^~=.uvHckr])\s*\{?([a-zA-Z])\}?/g, '$1')
    .replace(/\\&/g, '&')
    .replace(/[{}$]/g, '');
}

/** Removes accents and folds letters that NFKD leaves alone (ß, æ, ø …); lower-cases. */
export function foldAccents(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return text.toLowerCase();
  let out = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  out = out.replace(/[ßæœøđðþłı]/g, (ch) => FOLDED_LETTERS[ch] ?? ch);
  return out.replace(/[αβγδεκλμτω]/g, (ch) => GREEK[ch] ?? ch);
}

/** Full matching normalisation: markup out, accents folded, punctuation to single spaces. */
export function normaliseText(value: string | null | undefined): string {
  if (!value) return '';
  return foldAccents(stripLatex(stripHtml(value)))
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Words of a normalised string. */
export function tokens(normalised: string): string[] {
  return normalised === '' ? [] : normalised.split(' ');
}
