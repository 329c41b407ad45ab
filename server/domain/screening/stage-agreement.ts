import {
  agreementFromTable,
  interpretAgreement,
  krippendorffAlphaNominal,
  NOT_ESTIMABLE,
  tableFromPairs,
} from './agreement';
import type { AgreementStatistic, AgreementSummary } from '../../api/screening';
import type { VoteSelection } from './independent-votes';
import type { CurrentVote, Vote } from './types';

/** How "maybe" enters the statistics: folded into include (as conflicts see it) or its own category. */
export type MaybeHandling = 'as_include' | 'separate';

export interface RaterVotes {
  recordId: number;
  /** One vote per reviewer (first or latest, see VoteSelection), in the order reviewers first cast them. */
  votes: readonly Pick<CurrentVote, 'userId' | 'decision'>[];
}

// The summary's shape is the API's contract (server/api/screening.ts): one definition, computed here.
export type { AgreementSummary };

/** The statistics of a summary that may be undefined (null with a reason). */
export type SummaryStatistic = AgreementStatistic;

export interface PairAgreement extends AgreementSummary {
  userA: number;
  userB: number;
}

export interface StageAgreement extends AgreementSummary {
  maybe: MaybeHandling;
  /** Which vote of each reviewer was compared: their first (the default) or their latest. */
  votes: VoteSelection;
  /** The categories a vote could fall in; `categories` keeps those actually used (the scale). */
  categoriesOffered: string[];
  pairs: PairAgreement[];
}

function category(vote: Vote, maybe: MaybeHandling): string {
  return maybe === 'as_include' && vote === 'maybe' ? 'include' : vote;
}

function summarise(pairs: [string, string][], categories: string[], units: string[][]): AgreementSummary {
  const table = tableFromPairs(pairs, categories);
  const s = agreementFromTable(table);
  const alpha = krippendorffAlphaNominal(units);
  const alphaUnits = units.filter((u) => u.length >= 2).length;
  const why = s.notEstimable;
  const notEstimable: AgreementSummary['notEstimable'] = {
    percentAgreement: why.percentAgreement,
    observedAgreement: why.percentAgreement,
    kappa: why.cohenKappa,
    kappaSE: why.kappaSE,
    kappaCI95: why.kappaCI95,
    pabak: why.pabak,
    ac1: why.gwetAC1,
    scottPi: why.scottPi,
    brennanPrediger: why.brennanPrediger,
    alpha:
      alpha !== null
        ? undefined
        : alphaUnits === 0
          ? NOT_ESTIMABLE.noUnits
          : NOT_ESTIMABLE.noDisagreementExpected,
    interpretation: why.cohenKappa,
  };
  return {
    n: s.n,
    categories,
    table,
    percentAgreement: s.percentAgreement === null ? null : s.percentAgreement * 100,
    observedAgreement: s.percentAgreement,
    kappa: s.cohenKappa,
    kappaSE: s.kappaSE,
    kappaCI95: s.kappaCI95,
    pabak: s.pabak,
    ac1: s.gwetAC1,
    scottPi: s.scottPi,
    brennanPrediger: s.brennanPrediger,
    alpha,
    alphaUnits,
    interpretation: interpretAgreement(s.cohenKappa),
    notEstimable: Object.fromEntries(
      Object.entries(notEstimable).filter(([, reason]) => reason !== undefined),
    ) as AgreementSummary['notEstimable'],
  };
}

/**
 * Agreement at one stage: overall (first vs second reviewer of each record, the way
 * screening tools report it when reviewers rotate) and for every pair of reviewers on the
 * records both of them judged. `records` carry the votes selected (`votes` names which).
 *
 * The scale is the categories offered (include/exclude, with "maybe" folded into include or
 * kept apart) that were actually used on the records compared: PABAK and AC1 assume every
 * category of the scale is a live option, so a category nobody chose would inflate them.
 */
export function stageAgreement(
  records: readonly RaterVotes[],
  maybe: MaybeHandling = 'as_include',
  votes: VoteSelection = 'first',
): StageAgreement {
  const offered = maybe === 'as_include' ? ['include', 'exclude'] : ['include', 'maybe', 'exclude'];
  const firstPairs: [string, string][] = [];
  const units: string[][] = [];
  const byPair = new Map<string, { userA: number; userB: number; pairs: [string, string][] }>();
  for (const record of records) {
    const votes = record.votes.map((v) => ({ userId: v.userId, value: category(v.decision, maybe) }));
    units.push(votes.map((v) => v.value));
    const [first, second] = votes;
    if (first && second) firstPairs.push([first.value, second.value]);
    const sorted = [...votes].sort((a, b) => a.userId - b.userId);
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const a = sorted[i]!;
        const b = sorted[j]!;
        const key = `${a.userId}:${b.userId}`;
        const entry = byPair.get(key) ?? { userA: a.userId, userB: b.userId, pairs: [] };
        entry.pairs.push([a.value, b.value]);
        byPair.set(key, entry);
      }
    }
  }
  const used = new Set(units.filter((u) => u.length >= 2).flat());
  const categories = offered.filter((c) => used.has(c));
  const pairs = [...byPair.values()]
    .sort((x, y) => x.userA - y.userA || x.userB - y.userB)
    .map((p) => ({
      userA: p.userA,
      userB: p.userB,
      ...summarise(
        p.pairs,
        categories,
        p.pairs.map(([a, b]) => [a, b]),
      ),
    }));
  return { maybe, votes, categoriesOffered: offered, ...summarise(firstPairs, categories, units), pairs };
}
