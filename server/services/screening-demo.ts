import { recordsInStage } from '../db/repos/screening';
import type { Vote } from '../domain/screening/types';
import type { ServiceDeps } from './deps';
import * as fulltext from './fulltext';
import * as screening from './screening';

export interface DemoUsers {
  owner: number;
  alice: number;
  bob: number;
}

const INCLUDE_WORDS =
  /learner|student|perception|perceive|experience|value|preference|motivation|adult|employab|lifelong|professional/i;
const EXCLUDE_WORDS =
  /council|commission|recommendation|policy|regulation|blockchain|platform|technical|architecture/i;

/** Alice's judgement of a title: learner-centred work in, policy and technical papers out. */
function aliceVote(title: string): Vote {
  if (EXCLUDE_WORDS.test(title)) return 'exclude';
  return INCLUDE_WORDS.test(title) ? 'include' : 'exclude';
}

/** Bob mostly agrees; every twelfth record he reads differently, and he hedges with "maybe" now and then. */
function bobVote(index: number, alice: Vote): Vote {
  if (index % 12 === 2) return alice === 'include' ? 'exclude' : 'include';
  if (alice === 'include' && index % 4 === 1) return 'maybe';
  return alice;
}

const FULL_TEXT_REASONS = ['Wrong population', 'Wrong outcomes', 'Wrong publication type'];

/**
 * Screens the demo review as two reviewers would, deterministically, through the same
 * services the API uses: title/abstract votes by alice and bob with a few conflicts (one
 * resolved by the owner, the rest left for the demo), retrieval of the reports sought, and
 * full-text decisions with exclusion reasons. A few records stay unscreened so queues are not empty.
 * The owner unblinds each stage before the next one starts, as blind screening needs: which
 * records reach full text is computed from the title/abstract votes (docs/notes/screening.md).
 */
export function seedDemoScreening({ db, clock }: ServiceDeps, projectId: number, users: DemoUsers): void {
  const start = clock().getTime();
  let tick = 0;
  // Each action a little after the previous one, so the audit trail reads like a working day.
  const deps = { db, clock: () => new Date(start + 47_000 * tick++) };
  const owner = { userId: users.owner, role: 'owner' as const };
  const alice = { userId: users.alice, role: 'reviewer' as const };
  const bob = { userId: users.bob, role: 'reviewer' as const };

  db.transaction(() => {
    screening.updateSettings(deps, projectId, owner, {
      eligibilityCriteria:
        'Include: empirical or review studies of how adult, continuing-education or professional-development ' +
        "learners perceive, value or choose micro-credentials. Exclude: policy documents, employers' or providers' " +
        'views only, and technical descriptions of credential platforms.',
      highlightKeywords: {
        include: ['learner', 'student', 'perception', 'value', 'motivation', 'lifelong'],
        exclude: ['policy', 'employer', 'blockchain', 'platform'],
      },
    });

    const records = recordsInStage(db, projectId, 'title_abstract');
    const aliceStops = records.length - 3;
    const bobStops = records.length - 6;
    records.forEach((record, i) => {
      const a = aliceVote(record.title ?? '');
      if (i < aliceStops) {
        screening.decide(deps, projectId, alice, {
          recordId: record.id,
          stage: 'title_abstract',
          decision: a,
          reason: a === 'exclude' && EXCLUDE_WORDS.test(record.title ?? '') ? 'Not about learners' : null,
        });
      }
      if (i < bobStops) {
        screening.decide(deps, projectId, bob, {
          recordId: record.id,
          stage: 'title_abstract',
          decision: bobVote(i, a),
        });
      }
    });

    const [firstConflict] = screening.conflicts(db, projectId, owner, 'title_abstract').conflicts;
    if (firstConflict) {
      screening.resolve(deps, projectId, owner, {
        recordId: firstConflict.recordId,
        stage: 'title_abstract',
        decision: 'include',
        reason: 'Reports learners’ views in its findings; check at full text',
      });
    }

    screening.unblind(db, projectId, owner, 'title_abstract');
    const sought = fulltext.listReports(db, projectId, owner).reports;
    sought.forEach((report, i) => {
      if (i === 1) {
        fulltext.markNotRetrievable(deps, projectId, owner, {
          recordId: report.recordId,
          reason: 'Paywalled; no reply from the authors',
        });
        return;
      }
      const url = report.doi
        ? `https://doi.org/${report.doi}`
        : `https://example.org/sift-demo/report-${report.recordId}`;
      fulltext.setLink(deps, projectId, owner, report.recordId, url);
    });

    const assessed = recordsInStage(db, projectId, 'full_text');
    assessed.slice(0, Math.max(0, assessed.length - 1)).forEach((record, i) => {
      const excluded = i % 3 === 1;
      const reason = excluded
        ? (FULL_TEXT_REASONS[Math.floor(i / 3) % FULL_TEXT_REASONS.length] as string)
        : null;
      for (const actor of [alice, bob]) {
        screening.decide(deps, projectId, actor, {
          recordId: record.id,
          stage: 'full_text',
          decision: excluded ? 'exclude' : 'include',
          reason,
        });
      }
    });

    screening.unblind(db, projectId, owner, 'full_text');
    groupReportsOfOneStudy(deps, projectId, owner);
  })();
}

const firstAuthorSurname = (authors: string[]): string | null =>
  authors[0]?.split(',')[0]?.trim().toLowerCase() || null;

/**
 * Links the first two included reports that share a first author into one study, so the
 * demo shows several reports counted as one included study.
 */
function groupReportsOfOneStudy(
  deps: screening.ScreeningDeps,
  projectId: number,
  owner: screening.Actor,
): void {
  const included = new Set(
    fulltext
      .listReports(deps.db, projectId, owner)
      .reports.filter((r) => r.fullTextOutcome === 'include')
      .map((r) => r.recordId),
  );
  const bySurname = new Map<string, number[]>();
  for (const record of recordsInStage(deps.db, projectId, 'full_text')) {
    const surname = firstAuthorSurname(record.authors);
    if (!surname || !included.has(record.id)) continue;
    const ids = [...(bySurname.get(surname) ?? []), record.id];
    bySurname.set(surname, ids);
    if (ids.length === 2) {
      const label = `${surname.charAt(0).toUpperCase()}${surname.slice(1)} (two reports)`;
      fulltext.groupReports(deps, projectId, owner, { label, recordIds: ids });
      return;
    }
  }
}
