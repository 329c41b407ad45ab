/**
 * BibTeX name lists: "and"-separated names in the three forms BibTeX knows ("First von Last",
 * "von Last, First", "von Last, Jr, First"), with particles (van der, de la) told apart by
 * case and brace groups ({World Health Organization}) kept whole. Works on LaTeX source, so
 * the braces that protect a name are still visible; callers decode the parts afterwards.
 */

export interface NameParts {
  first: string;
  von: string;
  last: string;
  jr: string;
}

/** Splits a name list on " and " outside braces (any case, as BibTeX does). */
export function splitNameList(value: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') {
      i++;
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0 && isSpace(c) && /^and\s/i.test(value.slice(i + 1, i + 5))) {
      names.push(value.slice(start, i));
      i += 4;
      start = i;
    }
  }
  names.push(value.slice(start));
  return names.map((name) => name.trim()).filter((name) => name !== '');
}

/** The parts of one name written in any of BibTeX's three forms. */
export function parseName(name: string): NameParts {
  const commaParts = splitTopLevel(name, ',').map((part) => part.trim());
  if (commaParts.every((part) => LABELLED_PART.test(part))) return labelledParts(commaParts);
  if (commaParts.length === 1) {
    const words = nameWords(commaParts[0]!);
    if (words.length === 0) return { first: '', von: '', last: '', jr: '' };
    // First von Last: von starts at the first lower-case word before the last word.
    const vonStart = words.findIndex((word, index) => index < words.length - 1 && isLowerWord(word));
    if (vonStart < 0) {
      return { first: words.slice(0, -1).join(' '), von: '', last: words[words.length - 1]!, jr: '' };
    }
    let vonEnd = vonStart;
    for (let i = vonStart; i < words.length - 1; i++) if (isLowerWord(words[i]!)) vonEnd = i;
    return {
      first: words.slice(0, vonStart).join(' '),
      von: words.slice(vonStart, vonEnd + 1).join(' '),
      last: words.slice(vonEnd + 1).join(' '),
      jr: '',
    };
  }
  const [vonLast, second, ...rest] = commaParts;
  const { von, last } = splitVonLast(vonLast!);
  if (commaParts.length === 2) return { first: second!, von, last, jr: '' };
  // von Last, Jr, First (anything after a third comma belongs to First).
  return { first: rest.join(', '), von, last, jr: second! };
}

/**
 * "von Last, First, Jr" with each part passed through `decode` (LaTeX → Unicode); a name
 * with no first part (a group author) stays as written.
 */
export function formatName(parts: NameParts, decode: (text: string) => string): string {
  const family = decode([parts.von, parts.last].filter((p) => p !== '').join(' ')).trim();
  const first = decode(parts.first).trim();
  const jr = decode(parts.jr).trim();
  if (!first && !jr) return family;
  return [family, first, jr].filter((p) => p !== '').join(', ');
}

// BibLaTeX's extended name format: "family=Doe, given=Jane, prefix=van".
const LABELLED_PART = /^(family|given|prefix|suffix)\s*=/i;

function labelledParts(parts: string[]): NameParts {
  const out: NameParts = { first: '', von: '', last: '', jr: '' };
  for (const part of parts) {
    const eq = part.indexOf('=');
    const label = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (label === 'family') out.last = value;
    else if (label === 'given') out.first = value;
    else if (label === 'prefix') out.von = value;
    else out.jr = value;
  }
  return out;
}

function splitVonLast(text: string): { von: string; last: string } {
  const words = nameWords(text);
  if (words.length <= 1) return { von: '', last: words.join(' ') };
  // The von part runs to the last lower-case word that is not the final word.
  let vonEnd = -1;
  for (let i = 0; i < words.length - 1; i++) if (isLowerWord(words[i]!)) vonEnd = i;
  return { von: words.slice(0, vonEnd + 1).join(' '), last: words.slice(vonEnd + 1).join(' ') };
}

/** Words separated by white space or ~ outside braces. */
function nameWords(text: string): string[] {
  return splitTopLevel(text.replace(/~/g, ' '), ' ')
    .map((w) => w.trim())
    .filter((w) => w !== '');
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === separator || (separator === ' ' && isSpace(c)))) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * BibTeX's case test: the first letter at brace depth 0 decides; a group starting with a
 * command ({\"u}ber) counts by the letter after the command; a plain group ({Van}) has no case
 * and so is not a particle.
 */
function isLowerWord(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (c === '{') {
      if (word[i + 1] !== '\\') return false;
      // Special character: skip the command name, then read the next letter.
      let j = i + 2;
      if (/[a-zA-Z]/.test(word[j] ?? '')) {
        while (j < word.length && /[a-zA-Z]/.test(word[j]!)) j++;
        const name = word.slice(i + 2, j);
        // \oe, \aa and friends are letters themselves.
        if (/^(oe|OE|ae|AE|aa|AA|o|O|l|L|ss|i|j)$/.test(name)) return name[0] === name[0]!.toLowerCase();
      } else {
        j++;
      }
      for (; j < word.length; j++) {
        const d = word[j]!;
        if (/\p{L}/u.test(d)) return d === d.toLowerCase() && d !== d.toUpperCase();
      }
      return false;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (/\p{L}/u.test(c)) return c === c.toLowerCase() && c !== c.toUpperCase();
  }
  return false;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}
