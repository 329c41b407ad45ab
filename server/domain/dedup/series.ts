/**
 * Generic and series titles: items a venue publishes again and again under the same title —
 * editorials, editor's columns, introductions to special issues, book reviews, notices. Two of
 * them by the same editor in one volume share title, author, journal and year, so the title
 * says nothing about which one a record is. Matched on the normalised title (lower case,
 * punctuation as spaces), at its start: "Editor's comments: Tuum est" is a column too.
 */
/** Titles that are a series title only as a whole: "Editorial", but not "Editorial decision making…". */
const WHOLE_TITLES: RegExp[] = [
  /^(editorials?|editorial (comments?|notes?|introduction|statement|overview|preface|essay|board))$/,
  /^(preface|foreword|prologue|epilogue|afterword|overview|introduction|conclusions?|summary|untitled|index|abstracts?|proceedings)$/,
  /^(reply|replies|response|responses|rejoinder|comment|comments|commentary|discussion|correspondence|letters?)$/,
  /^(table of )?contents$|^(front|back) matter$|^masthead$|^(cover|cover image|cover picture)$/,
  /^(viewpoint|point of view|opinion|perspective|perspectives|debate|forum|interview|conversation|panel|keynote|keynote address|presidential address|research note|research commentary|teaching case|highlights|conference report|meeting report|meeting abstracts?|news)$/,
];

/** Titles that are a series title whatever follows: "Editor's comments: Tuum est", "Book review: …". */
const LEADING_WORDS: RegExp[] = [
  /^(guest|invited|special|introductory) editorials?\b/,
  /^editors? s? ?(comments?|notes?|introduction|preface|corner|column|letter|message|choice|perspective|remarks|foreword|page)\b/,
  /^(a )?(letter|message|note|word|notes) from the (editors?|editor in chief|editors in chief|guest editors?|president|chair)\b/,
  /^from the (editors?|editor in chief|guest editors?|president|chair|desk)\b/,
  /^(editor in chief|president|chair) s (introduction|message|column|letter|comments?)\b/,
  /^introduction (to )?(the|this|our) (special|thematic|focus|focused|featured|current) (issue|section|forum|collection|topic)\b/,
  /^introduction to (the|this) (issue|volume|section|forum|minitrack|mini track|track|symposium|workshop|panel)\b/,
  /^(special|thematic) (issue|section) (introduction|editorial|foreword|preface)\b/,
  /^(in|inside|about) this issue\b|^this issue\b|^issue (information|highlights|introduction)\b/,
  /^(preface|foreword) (to|for) (the|this)\b/,
  /^book reviews?\b|^reviews? of (books|recent books)\b|^books? (received|notes|briefly noted|in brief)\b|^(media|software|film) reviews?\b/,
  /^(erratum|errata|corrigendum|corrigenda|addendum|retraction|notice of retraction|expression of concern|publisher s note)\b/,
  /^(call for (papers|submissions|proposals|nominations|participation)|announcements?|news and notes|obituary|in memoriam)\b/,
  /^(acknowledg(e)?ments? (of|to) (reviewers|referees)|reviewers? acknowledg(e)?ments?|thanks to (our )?reviewers|list of (reviewers|referees))\b/,
  /^(author|subject|cumulative) index\b/,
  // "Response to the commentaries", not "Response to radiofrequency ablation of pulmonary tumours".
  /^(reply|replies|response|responses|rejoinder|a reply|a response|authors? reply|authors? response) (to|on) (the |a |an |our |my )?(comments?|commentar\w*|letters?|critiques?|criticisms?|reviewers?|referees?|editors?|authors?|discussion|discussants|rejoinder|reply|response|responses|readers?|correspondents?)\b/,
  /^letters? to the editor\b/,
  /^(comment|comments|commentary) on\b/,
];

/** The words a series title can start with: any other title is answered without running the patterns. */
const FIRST_WORDS = new Set(
  (
    'editorial editorials editor editors guest invited special introductory a letter letters message note notes word ' +
    'from president chair introduction in inside about this issue preface foreword prologue epilogue afterword ' +
    'overview conclusion conclusions summary untitled index abstract abstracts proceedings reply replies response ' +
    'responses rejoinder comment comments commentary discussion correspondence table contents front back masthead ' +
    'cover viewpoint point opinion perspective perspectives debate forum interview conversation panel keynote ' +
    'presidential research teaching highlights conference meeting news thematic book books review reviews media ' +
    'software film erratum errata corrigendum corrigenda addendum retraction notice expression publisher call ' +
    'announcement announcements obituary acknowledgment acknowledgments acknowledgement acknowledgements reviewer ' +
    'reviewers thanks list author authors subject cumulative'
  ).split(' '),
);

/** Whether a normalised title (or main title before its subtitle) is a generic or series title. */
export function isSeriesTitle(normalisedTitle: string): boolean {
  if (!normalisedTitle) return false;
  const space = normalisedTitle.indexOf(' ');
  if (!FIRST_WORDS.has(space < 0 ? normalisedTitle : normalisedTitle.slice(0, space))) return false;
  return (
    WHOLE_TITLES.some((p) => p.test(normalisedTitle)) || LEADING_WORDS.some((p) => p.test(normalisedTitle))
  );
}
