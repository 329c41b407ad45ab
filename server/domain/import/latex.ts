/**
 * LaTeX text as found in BibTeX values → plain Unicode. Handles accents (\'e, {\"o}, \c{c}),
 * special letters (\ss, \o, \aa), escaped characters (\&, \%, \_), dashes and quotes, text
 * commands (\emph{…}, \textit{…}) and protection braces. Unknown commands keep the text of
 * their argument and are reported through `onUnknown`; the decoder never throws.
 */

// Accent commands → combining character placed after the accented letter (NFC composes them).
const ACCENTS = table({
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  c: '\u0327',
  v: '\u030c',
  u: '\u0306',
  H: '\u030b',
  k: '\u0328',
  r: '\u030a',
  d: '\u0323',
  b: '\u0331',
  t: '\u0361',
  G: '\u030f',
});

// The accent alone (an accent command with an empty argument, \'{}).
const SPACING_ACCENTS = table({
  "'": '\u00b4',
  '`': '`',
  '^': '^',
  '"': '\u00a8',
  '~': '~',
  '=': '\u00af',
  '.': '\u02d9',
  c: '\u00b8',
  v: '\u02c7',
  u: '\u02d8',
  H: '\u02dd',
  k: '\u02db',
  r: '\u02da',
});

// Commands without an argument that stand for a character or a symbol.
// prettier-ignore
const SYMBOLS = table({
  ss: 'ß', SS: 'SS', o: 'ø', O: 'Ø', aa: 'å', AA: 'Å', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ',
  l: 'ł', L: 'Ł', i: 'ı', j: 'ȷ', dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', dj: 'đ', DJ: 'Đ', ng: 'ŋ', NG: 'Ŋ',
  '\n': ' ', '\r': ' ', '\t': ' ', '&': '&', '%': '%', _: '_', $: '$', '#': '#', '{': '{', '}': '}', ' ': ' ', ',': ' ', ';': ' ', ':': ' ',
  '!': '', '/': '', '-': '', '\\': ' ', '@': '', quad: ' ', qquad: ' ', enspace: ' ', thinspace: ' ', space: ' ',
  textendash: '–', textemdash: '—', ldots: '…', dots: '…', textellipsis: '…', cdots: '⋯',
  textquoteleft: '‘', textquoteright: '’', textquotedblleft: '“', textquotedblright: '”',
  lq: '‘', rq: '’', textquotedbl: '"', guillemotleft: '«', guillemotright: '»', flqq: '«', frqq: '»',
  S: '§', P: '¶', textsection: '§', textparagraph: '¶', copyright: '©', textcopyright: '©',
  textregistered: '®', texttrademark: '™', textdegree: '°', degree: '°', pounds: '£', textsterling: '£',
  euro: '€', texteuro: '€', textdollar: '$', textyen: '¥', textcent: '¢', dag: '†', ddag: '‡',
  textasciitilde: '~', textasciicircum: '^', textbackslash: '\\', textbar: '|', textless: '<', textgreater: '>',
  textunderscore: '_', textbullet: '•', textperiodcentered: '·', textexclamdown: '¡', textquestiondown: '¿',
  textordfeminine: 'ª', textordmasculine: 'º', textmu: 'µ', textpm: '±', texttimes: '×', textdiv: '÷',
  textonehalf: '½', textonequarter: '¼', textthreequarters: '¾', textperthousand: '‰', LaTeX: 'LaTeX', TeX: 'TeX',
  BibTeX: 'BibTeX', slash: '/', textslash: '/', nobreakspace: ' ', newline: ' ', linebreak: ' ', par: ' ',
  // Greek letters and the few math symbols that appear in titles ($\alpha$-synuclein, $p \leq 0.05$).
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η',
  theta: 'θ', vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π',
  varpi: 'ϖ', rho: 'ρ', varrho: 'ϱ', sigma: 'σ', varsigma: 'ς', tau: 'τ', upsilon: 'υ', phi: 'φ',
  varphi: 'ϕ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ',
  Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
  pm: '±', mp: '∓', times: '×', div: '÷', cdot: '·', leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', ne: '≠',
  approx: '≈', sim: '∼', simeq: '≃', equiv: '≡', propto: '∝', infty: '∞', partial: '∂', nabla: '∇',
  rightarrow: '→', to: '→', leftarrow: '←', leftrightarrow: '↔', Rightarrow: '⇒', Leftarrow: '⇐',
  uparrow: '↑', downarrow: '↓', circ: '∘', bullet: '•', star: '⋆', ast: '∗', prime: '′', ell: 'ℓ',
  sum: '∑', prod: '∏', int: '∫', sqrt: '√', in: '∈', notin: '∉', subset: '⊂', supset: '⊃', cup: '∪', cap: '∩',
  emptyset: '∅', forall: '∀', exists: '∃', neg: '¬', wedge: '∧', vee: '∨', ll: '≪', gg: '≫', langle: '⟨', rangle: '⟩',
  lbrace: '{', rbrace: '}', vert: '|', backslash: '\\', colon: ':', hbar: 'ħ', Re: 'ℜ', Im: 'ℑ', aleph: 'ℵ',
});

// Commands whose one argument is ordinary text to keep (formatting, boxes, case changes).
// prettier-ignore
const TEXT_COMMANDS = new Set([
  'textit', 'textbf', 'textsl', 'textsc', 'textrm', 'textsf', 'texttt', 'textup', 'textmd', 'textnormal',
  'emph', 'em', 'mbox', 'hbox', 'text', 'textsuperscript', 'textsubscript', 'mathrm', 'mathit', 'mathbf',
  'mathsf', 'mathtt', 'mathcal', 'mathbb', 'mathnormal', 'operatorname', 'ensuremath', 'uppercase', 'lowercase',
  'MakeUppercase', 'MakeLowercase', 'NoCaseChange', 'underline', 'uline', 'textsuperior', 'boldsymbol', 'bm',
  'enquote', 'sp', 'sb', 'textenglish', 'foreignlanguage', 'hyphenation', 'nolinkurl', 'sout', 'st', 'textcite', 'textnumero',
]);

// Declarations that switch a font or do nothing visible: dropped, their scope's text kept.
// prettier-ignore
const DECLARATIONS = new Set([
  'it', 'bf', 'sl', 'sc', 'rm', 'sf', 'tt', 'em', 'itshape', 'bfseries', 'slshape', 'scshape', 'upshape',
  'mdseries', 'rmfamily', 'sffamily', 'ttfamily', 'normalfont', 'relax', 'protect', 'displaystyle', 'textstyle',
  'scriptsize', 'footnotesize', 'small', 'normalsize', 'large', 'Large', 'LARGE', 'huge', 'Huge', 'tiny',
  'noindent', 'null', 'hfill', 'vfill', 'centering', 'ignorespaces', 'unskip', 'leavevmode', 'kern', 'left', 'right',
  'big', 'Big', 'bigl', 'bigr', 'Bigl', 'Bigr', 'xspace', 'nocorr', 'hskip', 'vskip',
]);

// Commands whose argument is not text and is dropped entirely (\noopsort{1973a} is a sorting trick).
// prettier-ignore
const DROP_ARGUMENT = new Set(['begin', 'end', 'noopsort', 'label', 'index', 'footnote', 'thanks', 'cite', 'citep', 'citet', 'ref', 'pageref', 'vspace', 'hspace', 'phantom']);

const MAX_DEPTH = 64;

/** Decodes LaTeX markup to Unicode text; `onUnknown` receives each command it did not know. */
export function latexToUnicode(input: string, onUnknown?: (command: string) => void): string {
  if (!/[\\{}$~`'-]/.test(input)) return input;
  const decoder = new Decoder(input, onUnknown);
  const out = decoder.run();
  return decoder.accented ? out.normalize('NFC') : out;
}

// Characters the decoder must look at; everything between them is copied in one slice.
const SPECIAL = /[\\{}$^_~`'-]/g;

/**
 * For values that are not prose (URLs, DOIs, file paths): drops protection braces and the
 * backslash of escaped characters, and otherwise leaves the text alone.
 */
export function latexVerbatim(input: string): string {
  if (!/[\\{}]/.test(input)) return input;
  return input
    .replace(/\\(?:url|href|nolinkurl)\s*/g, '')
    .replace(
      /\\(textunderscore|textasciitilde)(?:\{\})?|\\([&%#$_{}~])|[{}]/g,
      (_m, word: string | undefined, char: string | undefined) =>
        word === 'textunderscore' ? '_' : word === 'textasciitilde' ? '~' : (char ?? ''),
    );
}

class Decoder {
  private pos = 0;
  private inMath = false;
  private openQuote = false;
  /** Set when an accent was combined, so the caller knows NFC is needed. */
  accented = false;

  constructor(
    private readonly text: string,
    private readonly onUnknown: ((command: string) => void) | undefined,
    private readonly depth = 0,
  ) {}

  run(): string {
    let out = '';
    const text = this.text;
    while (this.pos < text.length) {
      const ch = text[this.pos]!;
      switch (ch) {
        case '\\':
          out += this.command();
          break;
        case '{':
        case '}':
          this.pos++;
          break;
        case '$':
          this.inMath = !this.inMath;
          this.pos++;
          break;
        case '^':
        case '_':
          // Super- and subscripts in math keep their text (Ca$^{2+}$ → Ca2+).
          if (!this.inMath) out += ch;
          this.pos++;
          break;
        case '~':
          out += ' ';
          this.pos++;
          break;
        case '-':
          if (text.startsWith('---', this.pos)) {
            out += '—';
            this.pos += 3;
          } else if (text.startsWith('--', this.pos)) {
            out += '–';
            this.pos += 2;
          } else {
            out += '-';
            this.pos++;
          }
          break;
        case '`':
          if (text[this.pos + 1] === '`') {
            out += '“';
            this.openQuote = true;
            this.pos += 2;
          } else {
            out += '‘';
            this.pos++;
          }
          break;
        case "'":
          // '' closes a ``…'' pair; on its own it is two apostrophes, as PubMed data often has it.
          if (text[this.pos + 1] === "'" && this.openQuote) {
            out += '”';
            this.openQuote = false;
            this.pos += 2;
          } else {
            out += "'";
            this.pos++;
          }
          break;
        default: {
          SPECIAL.lastIndex = this.pos;
          const next = SPECIAL.exec(text);
          const end = next ? next.index : text.length;
          out += text.slice(this.pos, end);
          this.pos = end;
        }
      }
    }
    return out;
  }

  /** Reads the command at pos (which holds the backslash) and returns its text. */
  private command(): string {
    const text = this.text;
    this.pos++;
    if (this.pos >= text.length) return '\\';
    let name: string;
    if (isLetter(text.charCodeAt(this.pos))) {
      const start = this.pos;
      while (this.pos < text.length && isLetter(text.charCodeAt(this.pos))) this.pos++;
      name = text.slice(start, this.pos);
      // A control word swallows the spaces after it ("\ss b" is "ßb"), unless it takes an argument.
      if (!ACCENTS.has(name)) this.skipSpaces();
    } else {
      name = text[this.pos]!;
      this.pos++;
    }

    if (ACCENTS.has(name) && (!isLetter(name.charCodeAt(0)) || this.hasArgumentAhead())) {
      return this.accent(name);
    }
    const symbol = SYMBOLS.get(name);
    if (symbol !== undefined) {
      this.skipEmptyGroup();
      return symbol;
    }
    if (TEXT_COMMANDS.has(name)) return this.argumentText();
    if (DECLARATIONS.has(name)) return '';
    if (DROP_ARGUMENT.has(name)) {
      this.skipOptional();
      this.readArgument();
      return '';
    }
    if (name === 'ElsevierGlyph') {
      // Elsevier's exports write some characters as their code point: \ElsevierGlyph{2014} is "—".
      const code = Number.parseInt(this.readArgument(), 16);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    if (name === 'url' || name === 'path') return latexVerbatim(this.readArgument());
    if (name === 'href') {
      this.readArgument();
      return this.argumentText();
    }
    // Unknown: report it and let the main loop keep whatever text its arguments hold.
    this.onUnknown?.(`\\${name}`);
    return '';
  }

  private accent(name: string): string {
    this.skipSpaces();
    const arg = this.readArgument();
    const nested = new Decoder(arg, this.onUnknown, this.depth + 1);
    let base = nested.runNested();
    this.accented = true;
    if (base === '') return SPACING_ACCENTS.get(name) ?? '';
    // A dotless i or j under an accent is the ordinary letter (\'{\i} → í).
    if (base.startsWith('ı')) base = 'i' + base.slice(1);
    if (base.startsWith('ȷ')) base = 'j' + base.slice(1);
    const first = Array.from(base)[0]!;
    return first + (ACCENTS.get(name) ?? '') + base.slice(first.length);
  }

  private runNested(): string {
    if (this.depth > MAX_DEPTH) return this.text.replace(/[\\{}]/g, '');
    return this.run();
  }

  private argumentText(): string {
    this.skipSpaces();
    const nested = new Decoder(this.readArgument(), this.onUnknown, this.depth + 1);
    const out = nested.runNested();
    if (nested.accented) this.accented = true;
    return out;
  }

  /** The next argument: a brace group's content, a command, or one character. */
  private readArgument(): string {
    const text = this.text;
    if (this.pos >= text.length) return '';
    const ch = text[this.pos]!;
    if (ch === '{') {
      let depth = 0;
      const start = this.pos + 1;
      for (; this.pos < text.length; this.pos++) {
        const c = text[this.pos];
        if (c === '\\') {
          this.pos++;
          continue;
        }
        if (c === '{') depth++;
        else if (c === '}' && --depth === 0) {
          this.pos++;
          return text.slice(start, this.pos - 1);
        }
      }
      return text.slice(start);
    }
    if (ch === '\\') {
      const start = this.pos;
      this.pos++;
      if (this.pos < text.length && isLetter(text.charCodeAt(this.pos))) {
        while (this.pos < text.length && isLetter(text.charCodeAt(this.pos))) this.pos++;
      } else {
        this.pos++;
      }
      return text.slice(start, this.pos);
    }
    if (ch === '}') return '';
    const cp = text.codePointAt(this.pos)!;
    const char = String.fromCodePoint(cp);
    this.pos += char.length;
    return char;
  }

  private hasArgumentAhead(): boolean {
    let p = this.pos;
    while (p < this.text.length && (this.text[p] === ' ' || this.text[p] === '\t')) p++;
    return p < this.text.length && this.text[p] !== '}';
  }

  private skipSpaces(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  private skipEmptyGroup(): void {
    if (this.text.startsWith('{}', this.pos)) this.pos += 2;
  }

  private skipOptional(): void {
    if (this.text[this.pos] !== '[') return;
    const close = this.text.indexOf(']', this.pos);
    this.pos = close < 0 ? this.text.length : close + 1;
  }
}

// Maps, not object literals: a command named \constructor must not find Object.prototype.
function table(entries: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(entries));
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
