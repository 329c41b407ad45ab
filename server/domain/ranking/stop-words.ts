/**
 * English function words dropped before TF-IDF, as ASReview does (it passes scikit-learn's
 * English list). Ours is a shorter hand-written list of articles, pronouns, auxiliaries,
 * prepositions and conjunctions: content words such as "system" or "found" stay, because in
 * screening they can carry the topic.
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being below
  between both but by can could did do does doing down during each either else etc few for from further
  had has have having he her here hers herself him himself his how however i if in into is it its itself
  just me more most must my myself neither nor not of off on once only or other our ours ourselves out over
  own same she should so some such than that the their theirs them themselves then there these they this
  those through thus to too under until up upon us very was we were what when where which while who whom
  whose why will with within without would yet you your yours yourself yourselves`
    .split(/\s+/)
    .filter(Boolean),
);
