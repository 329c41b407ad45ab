import { nearlySameName } from './similarity';
import { foldAccents, stripHtml, stripLatex } from './text';

/**
 * Author names as keys that survive how indexes write them. Each author becomes a set of
 * "surname|initial" keys, one per reading of the name: "Carignani, Andrea" is carignani|a, and,
 * read swapped, andrea|c — which is what an index that wrote "Andrea, C." keeps. A name without
 * a comma may be given-first ("Andrea Carignani") or family-first ("Zhang Wei", "SUN Heshan"),
 * so both readings are kept. Two authors match when their key sets share a key.
 */
export interface AuthorName {
  /** Arrays, not sets: a name has two to six keys, and a 100,000-record run builds half a million names. */
  keys: string[];
  /** Surnames of every reading, for a name written without any given name ("Reeb"). */
  surnames: string[];
  /** False when no given name or initial was written. */
  hasInitial: boolean;
}

export interface AuthorList {
  names: AuthorName[];
  /** Surname of the first author's main reading ("" when unknown): a blocking key. */
  first: string;
}

/** Lower-case particles of family names: dropped so "zur Heiden" and "Heiden, PZ" compare. */
const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'dos',
  'das',
  'du',
  'la',
  'le',
  'zu',
  'zur',
  'ten',
  'ter',
  'al',
  'el',
  'bin',
  'ibn',
]);

/** Authors compared at most: keeps a 3,000-author consortium record cheap. */
const MAX_AUTHORS = 60;

/** "Müller" and "Mueller", "Sørensen" and "Soerensen" fold to one surname. */
function surnameKey(words: string[]): string {
  return words.join('').replace(/ue/g, 'u').replace(/oe/g, 'o').replace(/ae/g, 'a');
}

/** Letters only, accents folded; words split on spaces, hyphens and dots. */
function wordsOf(text: string): string[] {
  return foldAccents(text)
    .replace(/['’‘`]/g, '')
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/** Surname words without particles (unless only particles remain: "De" alone stays). */
function withoutParticles(words: string[]): string[] {
  const kept = words.filter((w) => !PARTICLES.has(w));
  return kept.length > 0 ? kept : words;
}

/** Whether a raw token is written as initials: "A.", "AA", "A.-M.", "J.B". */
function isInitials(raw: string): boolean {
  const letters = raw.replace(/[.\-\s]/g, '');
  if (letters.length === 0 || letters.length > 3) return false;
  return raw.includes('.') || letters === letters.toUpperCase();
}

function addReading(name: AuthorName, familyWords: string[], initial: string): void {
  const family = withoutParticles(familyWords);
  if (family.length === 0) return;
  const variants = new Set([surnameKey(family)]);
  // A compound surname ("Ruipérez-Valiente", "Karp Gershon") is also cited by one of its parts.
  if (family.length > 1) for (const part of family) if (part.length >= 3) variants.add(surnameKey([part]));
  for (const surname of variants) {
    if (!name.surnames.includes(surname)) name.surnames.push(surname);
    const key = `${surname}|${initial}`;
    if (!name.keys.includes(key)) name.keys.push(key);
  }
}

/** The readings of one author as written. */
export function parseAuthorName(raw: string): AuthorName {
  const name: AuthorName = { keys: [], surnames: [], hasInitial: false };
  const text = stripLatex(stripHtml(raw)).trim();
  if (!text) return name;
  const comma = text.indexOf(',');
  if (comma >= 0) {
    // "Family, Given" — or an index's swap, "Given, F." — so both readings are kept.
    const familyWords = wordsOf(text.slice(0, comma));
    const givenRaw = text.slice(comma + 1).trim();
    const givenWords = wordsOf(givenRaw).filter((w) => w !== 'jr' && w !== 'sr' && !/^(ii|iii|iv)$/.test(w));
    const givenFull = givenWords.filter((w) => !PARTICLES.has(w));
    if (givenFull.length === 0) {
      addReading(name, familyWords, '');
      return name;
    }
    name.hasInitial = true;
    const firstInitial = givenRaw.split(/\s+/).find(isInitials);
    if (familyWords.length > 0 && familyWords.every((w) => PARTICLES.has(w)) && firstInitial) {
      // "Le, Quintrec M.": the particle was taken for the whole family name.
      addReading(
        name,
        [...familyWords, ...wordsOf(givenRaw.replace(firstInitial, ''))],
        wordsOf(firstInitial)[0]![0]!,
      );
    }
    addReading(name, familyWords, givenFull[0]![0]!);
    // Read swapped only when the given part holds a whole word: "Andrea, C." for "Carignani, Andrea".
    const givenWholeWords = givenRaw
      .split(/\s+/)
      .filter((t) => !isInitials(t))
      .flatMap(wordsOf)
      .filter((w) => w.length >= 2 && !PARTICLES.has(w));
    if (givenWholeWords.length > 0 && familyWords.length > 0) {
      const familyInitials = new Set([familyWords[0]![0]!, withoutParticles(familyWords)[0]![0]!]);
      for (const initial of familyInitials) addReading(name, givenWholeWords, initial);
      for (const initial of familyInitials) addReading(name, [givenWholeWords[0]!], initial);
    }
    return name;
  }
  const tokens = text.split(/\s+/).filter(Boolean);
  if (tokens.length === 1) {
    addReading(name, wordsOf(tokens[0]!), '');
    return name;
  }
  name.hasInitial = true;
  let trailing = tokens.length;
  while (trailing > 1 && isInitials(tokens[trailing - 1]!)) trailing--;
  if (trailing < tokens.length && !isInitials(tokens[0]!)) {
    // "Rahman NM", "Lei Y.", "O'Donnell C. P.": family first, initials after.
    addReading(name, tokens.slice(0, trailing).flatMap(wordsOf), wordsOf(tokens[trailing]!)[0]?.[0] ?? '');
    return name;
  }
  const leadingInitials = tokens.findIndex((t) => !isInitials(t));
  if (leadingInitials > 0) {
    // "N. M. Rahman", "C Deng": initials first, family after.
    addReading(name, tokens.slice(leadingInitials).flatMap(wordsOf), wordsOf(tokens[0]!)[0]?.[0] ?? '');
    return name;
  }
  // Whole words: given-first ("Andrea Carignani") or family-first ("Zhang Wei", "Nguyen Thi Ngoc Ha").
  const words = tokens.flatMap(wordsOf);
  if (words.length < 2) {
    addReading(name, words, '');
    return name;
  }
  addReading(name, [words[words.length - 1]!], words[0]![0]!);
  addReading(name, [words[0]!], words[1]![0]!);
  // A particle or compound before the last word: "Philipp zur Heiden", "Gabriel García Márquez".
  if (words.length > 2) addReading(name, words.slice(1), words[0]![0]!);
  return name;
}

/**
 * Splits one field that holds several authors run together, as some exports write them:
 * "Tan A.Schulze A.O'Donnell C. P.Davis P. G." (a full stop directly followed by a capitalised name).
 */
function splitRunTogether(raw: string): string[] {
  if (!raw.includes(';') && (!raw.includes('.') || !/\.[A-Z][a-z']/.test(raw))) return [raw];
  return raw
    .split(/;|(?<=\.)(?=[A-Z][a-z'])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Parses a record's author list (at most the first 60 authors); `cache` shares parsed names within one run. */
export function authorListOf(authors: string[], cache?: Map<string, AuthorName>): AuthorList {
  const names: AuthorName[] = [];
  for (const raw of authors) {
    for (const part of splitRunTogether(raw)) {
      // One run meets the same names over and over: parse each spelling once (names are never changed).
      let name = cache?.get(part);
      if (!name) {
        name = parseAuthorName(part);
        cache?.set(part, name);
      }
      if (name.keys.length > 0) names.push(name);
      if (names.length >= MAX_AUTHORS) break;
    }
    if (names.length >= MAX_AUTHORS) break;
  }
  const firstName = names[0];
  return { names, first: firstName?.surnames[0] ?? '' };
}

function sameAuthor(x: AuthorName, y: AuthorName): boolean {
  for (const key of x.keys) if (y.keys.includes(key)) return true;
  return (!x.hasInitial || !y.hasInitial) && sameSurname(x, y);
}

/** The same surname with another initial: a garbled list ("Johnson, M. D." for "Johnson, D."), or a namesake. */
function sameSurname(x: AuthorName, y: AuthorName): boolean {
  for (const s of x.surnames) if (y.surnames.includes(s)) return true;
  return false;
}

/** A surname one letter off ("Mulic" exported as "Muli") with the same initial. */
function nearlySameAuthor(x: AuthorName, y: AuthorName): boolean {
  for (const kx of x.keys) {
    const bar = kx.lastIndexOf('|');
    for (const ky of y.keys) {
      const barY = ky.lastIndexOf('|');
      if (kx.slice(bar) === ky.slice(barY) && nearlySameName(kx.slice(0, bar), ky.slice(0, barY)))
        return true;
    }
  }
  return false;
}

/** Whether both lists are led by the same author: index entries of one record keep the order. */
export function sameFirstAuthor(a: AuthorList, b: AuthorList): boolean {
  const x = a.names[0];
  const y = b.names[0];
  return !!x && !!y && sameAuthor(x, y);
}

/**
 * Share of the shorter author list found in the longer one (each author matched by name keys),
 * so an "et al." list and its full form agree; null when either record has no authors.
 */
export function authorAgreement(a: AuthorList, b: AuthorList): number | null {
  if (a.names.length === 0 || b.names.length === 0) return null;
  const [short, long] = a.names.length <= b.names.length ? [a.names, b.names] : [b.names, a.names];
  let matched = 0;
  for (const x of short) {
    if (long.some((y) => sameAuthor(x, y))) matched++;
    // The spelling fallback is quadratic in keys: only for lists of ordinary length.
    else if (short.length <= 12 && long.length <= 30 && long.some((y) => nearlySameAuthor(x, y))) matched++;
    // A surname whose initial disagrees counts half: it may be a garbled list or a namesake.
    else if (long.some((y) => sameSurname(x, y))) matched += 0.5;
  }
  return matched / short.length;
}
