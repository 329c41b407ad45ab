import { isSeriesTitle } from '../../../server/domain/dedup/series';
import { normaliseText } from '../../../server/domain/dedup/text';

/**
 * isSeriesTitle() pattern by pattern, on titles normalised as the matcher normalises them
 * (lower case, apostrophes dropped, other punctuation as spaces). Each pattern is stated with
 * every optional letter or word present and absent, and with its phrase later in a title that
 * starts with a word a series title can start with: a series title is one only at its start
 * (whole, or followed by anything), never a research article that names the genre.
 */
const series = (title: string) => isSeriesTitle(normaliseText(title));

describe('isSeriesTitle(): generic and series titles', () => {
  it.each([
    // Whole titles, each optional letter both ways.
    'Editorial',
    'Editorials',
    'Editorial comment',
    'Editorial comments',
    'Editorial note',
    'Editorial notes',
    'Conclusion',
    'Conclusions',
    'Abstract',
    'Abstracts',
    'Reply',
    'Rejoinder',
    'Letter',
    'Letters',
    'Contents',
    'Table of contents',
    'Front matter',
    'Back matter',
    'Masthead',
    'Cover picture',
    'Meeting abstract',
    'Meeting abstracts',
    // Leading words, whatever follows.
    'Guest editorial: platforms and their ecosystems',
    "Editor's comment: Tuum est",
    "Editor's note",
    'Editor note',
    'Editors’ notes on this volume',
    'Letter from the editor',
    'A letter from the editors',
    'A message from the guest editor',
    'From the guest editor',
    'From the guest editors',
    'Chairʼs comment', // a modifier-letter apostrophe is punctuation: "chair s comment"
    'Presidentʼs comments',
    'Introduction: this special issue on digital platforms',
    'Introduction to our focused section',
    'Special issue editorial',
    'About this issue',
    'This issue',
    'Issue highlights',
    'Preface to the second edition',
    'Book review: The Nature of Technology',
    'Book reviews',
    'Review of books',
    'Reviews of recent books',
    'Book notes',
    'Books received',
    'Software review',
    'Film reviews',
    'Erratum',
    'Notice of retraction',
    'Obituary: Enid Mumford',
    'Call for papers',
    'Announcement',
    'Announcements',
    'Acknowledgments to reviewers',
    'Acknowledgement of referees',
    'Reviewer acknowledgment',
    'Reviewers acknowledgements',
    'Thanks to reviewers',
    'Thanks to our reviewers',
    'Subject index',
    'Author reply to the editor',
    'Authors reply to the commentaries',
    'Author response to reviewers',
    'Reply to comments',
    'Reply to the comment',
    'Response to the letter',
    'Reply to a critique',
    'Reply to the criticism',
    'Response to the reviewer',
    'Reply to the referee',
    'Response to the editor',
    'Reply to the author',
    'Response to a reader',
    'Reply to the correspondent',
    'Letters to the editor',
    'Comment on Smith et al.',
  ])('recognises %p', (title) => {
    expect(series(title)).toBe(true);
  });

  it.each([
    // The phrase of a pattern later in a title whose first word can start a series title.
    'Notes on the editorial',
    'A gentle introduction',
    'Research on online correspondence',
    'Reviews of web page contents',
    'Notes on front matter',
    'Notes on the masthead',
    'Book cover',
    'Panel data: a new perspective',
    'Perspectives on guest editorials in nursing journals',
    'Reviewer and editor comments on manuscripts',
    'Perspectives on the letter from the editor genre',
    'Letters sent from the president to Congress, 1900–1950',
    'Research on the presidentʼs letter',
    'A user’s introduction to our current issue tracker',
    'A practical introduction to the volume rendering pipeline',
    'Perspectives on special issue editorial practice',
    'News about this issue of fishing quotas',
    'Debate on this issue of coastal fishing',
    'Research issue: information systems in hospitals',
    'Notes on writing a preface for the thesis',
    'Research on book reviews',
    'A comparison of reviews of books and films',
    'A note on books received by libraries',
    'Research on film reviews',
    'Research on retraction notices',
    'Conference announcements on social media',
    'Research on acknowledgments to reviewers',
    'Perspectives on the author index',
    'Research on responses to reviewers',
    'Research on letters to the editor',
    'Reviewer commentary on manuscripts',
    // A whole-title word followed by more words.
    'Discussion of organisational routines in hospitals',
    'Contents and discontents',
    'Back matter of scholarly books',
    'Masthead design in newspapers',
    'Cover crops in dryland farming',
    'Opinion dynamics in social networks',
    // The general case.
    'Editorial decision making in open-access journals',
    'Introduction of electronic health records in Norway',
  ])('does not take %p for a series title', (title) => {
    expect(series(title)).toBe(false);
  });

  it('answers false for an empty title', () => {
    expect(isSeriesTitle('')).toBe(false);
  });
});
