import { ENGLISH_STOP_WORDS } from './stop-words';

export interface TokenizeOptions {
  /** Longest n-gram to emit (1 = words only). */
  ngramMax: number;
  /** Drop English function words before forming n-grams. */
  stopWords: boolean;
}

// Same rule as scikit-learn's default token_pattern (\b\w\w+\b): runs of two or more word
// characters, Unicode-aware so "Müller" or "β-blocker" parts stay tokens.
// Splitting on the complement is several times faster than matchAll in V8.
const SEPARATORS = /[^\p{L}\p{N}_]+/u;

/** Lower-cased word tokens of a text, optionally without stop words. */
export function words(text: string, stopWords: boolean): string[] {
  const out: string[] = [];
  for (const word of text.toLowerCase().split(SEPARATORS)) {
    if (word.length < 2) continue;
    if (stopWords && ENGLISH_STOP_WORDS.has(word)) continue;
    out.push(word);
  }
  return out;
}

/** Words plus n-grams (joined by a space) up to `ngramMax`, in text order. */
export function tokenize(text: string, options: TokenizeOptions): string[] {
  const unigrams = words(text, options.stopWords);
  if (options.ngramMax <= 1) return unigrams;
  const out = [...unigrams];
  for (let n = 2; n <= options.ngramMax; n++) {
    for (let i = 0; i + n <= unigrams.length; i++) out.push(unigrams.slice(i, i + n).join(' '));
  }
  return out;
}
