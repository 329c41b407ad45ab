import { latexToUnicode } from '../../../server/domain/import/latex';

/**
 * Every command the LaTeX decoder knows, with the character it stands for, written out here rather
 * than read from the decoder, so that a character lost or changed in its tables is seen.
 */
// prettier-ignore
const SYMBOLS: Record<string, string> = {
  ss: 'ß', SS: 'SS', o: 'ø', O: 'Ø', aa: 'å', AA: 'Å', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', l: 'ł',
  L: 'Ł', i: 'ı', j: 'ȷ', dh: 'ð', DH: 'Ð', th: 'þ', TH: 'Þ', dj: 'đ', DJ: 'Đ', ng: 'ŋ', NG: 'Ŋ',
  '\n': ' ', '\r': ' ', '\t': ' ', '&': '&', '%': '%', '_': '_', '$': '$', '#': '#', '{': '{',
  '}': '}', ' ': ' ', ',': ' ', ';': ' ', ':': ' ', '!': '', '/': '', '-': '', '\\': ' ', '@': '',
  quad: ' ', qquad: ' ', enspace: ' ', thinspace: ' ', space: ' ', textendash: '–',
  textemdash: '—', ldots: '…', dots: '…', textellipsis: '…', cdots: '⋯', textquoteleft: '‘',
  textquoteright: '’', textquotedblleft: '“', textquotedblright: '”', lq: '‘', rq: '’',
  textquotedbl: '"', guillemotleft: '«', guillemotright: '»', flqq: '«', frqq: '»', S: '§', P: '¶',
  textsection: '§', textparagraph: '¶', copyright: '©', textcopyright: '©', textregistered: '®',
  texttrademark: '™', textdegree: '°', degree: '°', pounds: '£', textsterling: '£', euro: '€',
  texteuro: '€', textdollar: '$', textyen: '¥', textcent: '¢', dag: '†', ddag: '‡',
  textasciitilde: '~', textasciicircum: '^', textbackslash: '\\', textbar: '|', textless: '<',
  textgreater: '>', textunderscore: '_', textbullet: '•', textperiodcentered: '·',
  textexclamdown: '¡', textquestiondown: '¿', textordfeminine: 'ª', textordmasculine: 'º',
  textmu: 'µ', textpm: '±', texttimes: '×', textdiv: '÷', textonehalf: '½', textonequarter: '¼',
  textthreequarters: '¾', textperthousand: '‰', LaTeX: 'LaTeX', TeX: 'TeX', BibTeX: 'BibTeX',
  slash: '/', textslash: '/', nobreakspace: ' ', newline: ' ', linebreak: ' ', par: ' ',
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ',
  eta: 'η', theta: 'θ', vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν',
  xi: 'ξ', pi: 'π', varpi: 'ϖ', rho: 'ρ', varrho: 'ϱ', sigma: 'σ', varsigma: 'ς', tau: 'τ',
  upsilon: 'υ', phi: 'φ', varphi: 'ϕ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ',
  Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ',
  Omega: 'Ω', pm: '±', mp: '∓', times: '×', div: '÷', cdot: '·', leq: '≤', le: '≤', geq: '≥',
  ge: '≥', neq: '≠', ne: '≠', approx: '≈', sim: '∼', simeq: '≃', equiv: '≡', propto: '∝',
  infty: '∞', partial: '∂', nabla: '∇', rightarrow: '→', to: '→', leftarrow: '←',
  leftrightarrow: '↔', Rightarrow: '⇒', Leftarrow: '⇐', uparrow: '↑', downarrow: '↓', circ: '∘',
  bullet: '•', star: '⋆', ast: '∗', prime: '′', ell: 'ℓ', sum: '∑', prod: '∏', int: '∫', sqrt: '√',
  in: '∈', notin: '∉', subset: '⊂', supset: '⊃', cup: '∪', cap: '∩', emptyset: '∅', forall: '∀',
  exists: '∃', neg: '¬', wedge: '∧', vee: '∨', ll: '≪', gg: '≫', langle: '⟨', rangle: '⟩',
  lbrace: '{', rbrace: '}', vert: '|', backslash: '\\', colon: ':', hbar: 'ħ', Re: 'ℜ', Im: 'ℑ',
  aleph: 'ℵ',
};
// prettier-ignore
const SPACING_ACCENTS: Record<string, string> = {
  '\'': '´', '`': '`', '^': '^', '"': '¨', '~': '~', '=': '¯', '.': '˙', c: '¸', v: 'ˇ', u: '˘',
  H: '˝', k: '˛', r: '˚',
};
// prettier-ignore
const TEXT_COMMANDS = [
  'textit', 'textbf', 'textsl', 'textsc', 'textrm', 'textsf', 'texttt', 'textup', 'textmd',
  'textnormal', 'emph', 'em', 'mbox', 'hbox', 'text', 'textsuperscript', 'textsubscript', 'mathrm',
  'mathit', 'mathbf', 'mathsf', 'mathtt', 'mathcal', 'mathbb', 'mathnormal', 'operatorname',
  'ensuremath', 'uppercase', 'lowercase', 'MakeUppercase', 'MakeLowercase', 'NoCaseChange',
  'underline', 'uline', 'textsuperior', 'boldsymbol', 'bm', 'enquote', 'sp', 'sb', 'textenglish',
  'foreignlanguage', 'hyphenation', 'nolinkurl', 'sout', 'st', 'textcite', 'textnumero',
];
// prettier-ignore
const DECLARATIONS = [
  'it', 'bf', 'sl', 'sc', 'rm', 'sf', 'tt', 'em', 'itshape', 'bfseries', 'slshape', 'scshape',
  'upshape', 'mdseries', 'rmfamily', 'sffamily', 'ttfamily', 'normalfont', 'relax', 'protect',
  'displaystyle', 'textstyle', 'scriptsize', 'footnotesize', 'small', 'normalsize', 'large',
  'Large', 'LARGE', 'huge', 'Huge', 'tiny', 'noindent', 'null', 'hfill', 'vfill', 'centering',
  'ignorespaces', 'unskip', 'leavevmode', 'kern', 'left', 'right', 'big', 'Big', 'bigl', 'bigr',
  'Bigl', 'Bigr', 'xspace', 'nocorr', 'hskip', 'vskip',
];
// prettier-ignore
const DROP_ARGUMENT = [
  'begin', 'end', 'noopsort', 'label', 'index', 'footnote', 'thanks', 'cite', 'citep', 'citet',
  'ref', 'pageref', 'vspace', 'hspace', 'phantom',
];

/** Decodes and collects the commands the decoder reports as unknown. */
function decode(input: string): { text: string; unknown: string[] } {
  const unknown: string[] = [];
  const text = latexToUnicode(input, (command) => unknown.push(command));
  return { text, unknown };
}

describe('the commands latexToUnicode() knows', () => {
  it('gives each symbol command its character', () => {
    const decoded = Object.fromEntries(Object.keys(SYMBOLS).map((name) => [name, decode(`\\${name}{}`)]));
    const expected = Object.fromEntries(
      Object.entries(SYMBOLS).map(([name, text]) => [name, { text, unknown: [] }]),
    );
    expect(Object.keys(SYMBOLS)).toHaveLength(214);
    expect(decoded).toEqual(expected);
  });

  it('gives each accent with an empty argument its spacing form (\\^{} is "^")', () => {
    const decoded = Object.fromEntries(
      Object.keys(SPACING_ACCENTS).map((name) => [name, decode(`\\${name}{}`).text]),
    );
    expect(Object.keys(SPACING_ACCENTS)).toHaveLength(13);
    expect(decoded).toEqual(SPACING_ACCENTS);
  });

  it('keeps the text of a formatting command’s argument and knows the command', () => {
    expect(TEXT_COMMANDS).toHaveLength(48);
    for (const name of TEXT_COMMANDS) {
      expect({ name, ...decode(`x\\${name}{Kept}y`) }).toEqual({ name, text: 'xKepty', unknown: [] });
    }
  });

  it('drops a declaration and keeps the text of its group', () => {
    expect(DECLARATIONS).toHaveLength(53);
    for (const name of DECLARATIONS) {
      expect({ name, ...decode(`x{\\${name} Kept}y`) }).toEqual({ name, text: 'xKepty', unknown: [] });
    }
  });

  it('drops a command whose argument is not text, with its optional argument', () => {
    expect(DROP_ARGUMENT).toHaveLength(15);
    for (const name of DROP_ARGUMENT) {
      expect({ name, ...decode(`x\\${name}[p. 5]{dropped}y`) }).toEqual({ name, text: 'xy', unknown: [] });
    }
  });
});
