import type { Db } from '../../../server/db/connection';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../server/domain/errors';
import * as fulltext from '../../../server/services/fulltext';
import * as screening from '../../../server/services/screening';
import { openTestDb } from '../../support/db';
import { seedScreeningProject } from '../../support/screening';

const clock = () => new Date('2026-02-01T10:00:00Z');

function setup(n = 6) {
  const db = openTestDb();
  const p = seedScreeningProject(db, n);
  const deps = { db, clock };
  const decide = (
    actor: screening.Actor,
    recordId: number,
    decision: 'include' | 'exclude' | 'maybe',
    reason?: string,
    stage: 'title_abstract' | 'full_text' = 'title_abstract',
  ) => screening.decide(deps, p.projectId, actor, { recordId, stage, decision, reason });
  return { db, deps, ...p, decide };
}

const ids = (q: { records: { id: number }[] }) => q.records.map((r) => r.id);

describe('screening service: queues, agreement and conflicts', () => {
  it('a record leaves every queue once its two required votes are in', () => {
    const { db, projectId, recordIds, alice, bob, decide } = setup(3);
    const [r1] = recordIds as [number];
    decide(alice, r1, 'include');
    expect(ids(screening.queue(db, projectId, alice, 'title_abstract'))).not.toContain(r1);
    expect(ids(screening.queue(db, projectId, bob, 'title_abstract'))).toContain(r1);
    decide(bob, r1, 'maybe');
    expect(ids(screening.queue(db, projectId, bob, 'title_abstract'))).not.toContain(r1);
    expect(screening.queue(db, projectId, bob, 'title_abstract').remaining).toBe(2);
    const status = screening.screeningStatus(db, projectId);
    expect(status.titleAbstract).toMatchObject({
      total: 3,
      screened: 1,
      included: 1,
      conflicts: 0,
      awaiting: 2,
    });
  });

  it('with one reviewer required, a single vote settles the record', () => {
    const { db, deps, projectId, recordIds, owner, alice, bob, decide } = setup(2);
    screening.updateSettings(deps, projectId, owner, {
      stages: { title_abstract: { reviewersRequired: 1 } },
    });
    decide(alice, recordIds[0]!, 'exclude');
    expect(ids(screening.queue(db, projectId, bob, 'title_abstract'))).toEqual([recordIds[1]]);
    expect(screening.screeningStatus(db, projectId).titleAbstract).toMatchObject({
      excluded: 1,
      awaiting: 1,
    });
  });

  it('changing the required number re-evaluates votes already cast', () => {
    const { db, deps, projectId, recordIds, owner, alice, decide } = setup(2);
    decide(alice, recordIds[0]!, 'exclude');
    expect(screening.screeningStatus(db, projectId).titleAbstract.excluded).toBe(0);
    screening.updateSettings(deps, projectId, owner, {
      stages: { title_abstract: { reviewersRequired: 1 } },
    });
    expect(screening.screeningStatus(db, projectId).titleAbstract.excluded).toBe(1);
  });

  it('disagreeing votes make a conflict that only the owner sees and resolves, with a reason', () => {
    const { db, deps, projectId, recordIds, owner, alice, bob, decide } = setup(2);
    const r = recordIds[0]!;
    decide(alice, r, 'include');
    decide(bob, r, 'exclude', 'Wrong population');
    expect(() => screening.conflicts(db, projectId, alice, 'title_abstract')).toThrow(ForbiddenError);
    const list = screening.conflicts(db, projectId, owner, 'title_abstract');
    expect(list.conflicts.map((c) => c.recordId)).toEqual([r]);
    expect(list.conflicts[0]!.votes.map((v) => v.decision)).toEqual(['include', 'exclude']);
    expect(() =>
      screening.resolve(deps, projectId, alice, {
        recordId: r,
        stage: 'title_abstract',
        decision: 'include',
      }),
    ).toThrow(ForbiddenError);
    const result = screening.resolve(deps, projectId, owner, {
      recordId: r,
      stage: 'title_abstract',
      decision: 'exclude',
      reason: 'Not an RCT',
    });
    expect(result).toMatchObject({ status: 'resolved', outcome: 'exclude' });
    expect(screening.conflicts(db, projectId, owner, 'title_abstract').conflicts).toEqual([]);
    expect(() => decide(alice, r, 'exclude')).toThrow(ConflictError);
    expect(screening.screeningStatus(db, projectId).titleAbstract.exclusionReasons).toEqual([
      { reason: 'Not an RCT', count: 1 },
    ]);
  });

  it('a vote may change until resolution; retracting returns the record to the queue', () => {
    const { db, deps, projectId, recordIds, alice, decide } = setup(2);
    const r = recordIds[0]!;
    decide(alice, r, 'include');
    decide(alice, r, 'exclude');
    expect(ids(screening.queue(db, projectId, alice, 'title_abstract'))).toEqual([recordIds[1]]);
    expect(screening.myDecisions(db, projectId, alice, 'title_abstract').records).toEqual([
      expect.objectContaining({ id: r, myVote: expect.objectContaining({ decision: 'exclude' }) }),
    ]);
    screening.retract(deps, projectId, alice, 'title_abstract', r);
    expect(ids(screening.queue(db, projectId, alice, 'title_abstract'))).toContain(r);
    expect(() => screening.retract(deps, projectId, alice, 'title_abstract', r)).toThrow(ConflictError);
    const events = db.prepare('SELECT kind, decision FROM screening_events ORDER BY id').all();
    expect(events).toEqual([
      { kind: 'vote', decision: 'include' },
      { kind: 'vote', decision: 'exclude' },
      { kind: 'retract', decision: null },
    ]);
  });

  it('a record marked as a duplicate after screening drops out of every count, conflict list and report list', () => {
    const { db, projectId, recordIds, owner, alice, bob, decide } = setup(3);
    const [r1, r2, r3] = recordIds as [number, number, number];
    decide(alice, r1, 'include');
    decide(bob, r1, 'include');
    decide(alice, r2, 'include');
    decide(bob, r2, 'exclude');
    db.prepare('UPDATE records SET duplicate_of = ? WHERE id IN (?, ?)').run(r3, r1, r2);
    const status = screening.screeningStatus(db, projectId);
    expect(status.titleAbstract).toMatchObject({ total: 1, included: 0, conflicts: 0 });
    expect(status.fullText.reportsSought).toBe(0);
    expect(screening.conflicts(db, projectId, owner, 'title_abstract').conflicts).toEqual([]);
    expect(fulltext.listReports(db, projectId, owner).reports).toEqual([]);
  });

  it('events cannot be rewritten', () => {
    const { db, recordIds, alice, decide } = setup(1);
    decide(alice, recordIds[0]!, 'include');
    expect(() => db.prepare("UPDATE screening_events SET decision = 'exclude'").run()).toThrow(/append-only/);
  });

  it('refuses viewers, records of other projects, duplicates and an unknown project', () => {
    const { db, projectId, recordIds, alice, viewer, decide } = setup(2);
    expect(() => decide(viewer, recordIds[0]!, 'include')).toThrow(ForbiddenError);
    const other = seedScreeningProject(db, 1, 'Other');
    expect(() =>
      screening.decide({ db, clock }, other.projectId, other.alice, {
        recordId: recordIds[0]!,
        stage: 'title_abstract',
        decision: 'include',
      }),
    ).toThrow(NotFoundError);
    db.prepare('UPDATE records SET duplicate_of = ? WHERE id = ?').run(recordIds[0], recordIds[1]);
    expect(() => decide(alice, recordIds[1]!, 'include')).toThrow(/duplicate/);
    expect(() => screening.queue(db, 12345, alice, 'title_abstract')).toThrow(NotFoundError);
    expect(ids(screening.queue(db, projectId, alice, 'title_abstract'))).toEqual([recordIds[0]]);
    expect(screening.queue(db, projectId, alice, 'title_abstract').remaining).toBe(1);
  });

  it('a queue far into the review still returns records that come back (retraction, another reviewer withdrawing, new settings)', () => {
    const { db, deps, projectId, recordIds, owner, alice, bob, decide } = setup(6);
    const carol = { userId: owner.userId, role: 'reviewer' as const };
    for (const r of recordIds.slice(0, 4)) decide(alice, r, 'include');
    expect(ids(screening.queue(db, projectId, alice, 'title_abstract'))).toEqual(recordIds.slice(4));
    decide(bob, recordIds[0]!, 'include');
    expect(ids(screening.queue(db, projectId, carol, 'title_abstract', 1))).toEqual([recordIds[1]]);
    screening.retract(deps, projectId, bob, 'title_abstract', recordIds[0]!);
    expect(ids(screening.queue(db, projectId, carol, 'title_abstract', 1))).toEqual([recordIds[0]]);
    screening.retract(deps, projectId, alice, 'title_abstract', recordIds[1]!);
    expect(ids(screening.queue(db, projectId, alice, 'title_abstract'))).toEqual([
      recordIds[1],
      recordIds[4],
      recordIds[5],
    ]);
    screening.updateSettings(deps, projectId, owner, {
      stages: { title_abstract: { reviewersRequired: 1 } },
    });
    expect(ids(screening.queue(db, projectId, bob, 'title_abstract', 1))).toEqual([recordIds[1]]);
    screening.updateSettings(deps, projectId, owner, {
      stages: { title_abstract: { reviewersRequired: 2 } },
    });
    expect(ids(screening.queue(db, projectId, bob, 'title_abstract', 1))).toEqual([recordIds[0]]);
  });

  it('remaining follows records added or removed by other parts of Sift between requests', () => {
    const { db, projectId, recordIds, alice, decide } = setup(3);
    expect(screening.queue(db, projectId, alice, 'title_abstract').remaining).toBe(3);
    decide(alice, recordIds[0]!, 'include');
    expect(screening.queue(db, projectId, alice, 'title_abstract').remaining).toBe(2);
    const sourceId = (
      db.prepare('SELECT id FROM sources WHERE project_id = ?').get(projectId) as { id: number }
    ).id;
    db.prepare(
      "INSERT INTO records (project_id, source_id, position, title, created_at) VALUES (?, ?, 9, 'Late record', 'now')",
    ).run(projectId, sourceId);
    expect(screening.queue(db, projectId, alice, 'title_abstract').remaining).toBe(3);
    db.prepare('DELETE FROM records WHERE id = ?').run(recordIds[2]);
    expect(screening.queue(db, projectId, alice, 'title_abstract').remaining).toBe(2);
  });

  it('remaining counts exactly what the queue holds, whatever the mix of votes, states and duplicates', () => {
    const { db, projectId, recordIds, owner, alice, bob, decide } = setup(8);
    const [r1, r2, r3, r4, r5, r6] = recordIds as number[];
    decide(alice, r1!, 'include');
    decide(bob, r1!, 'include');
    decide(bob, r2!, 'exclude');
    decide(alice, r3!, 'include');
    decide(bob, r3!, 'exclude');
    decide(owner, r4!, 'maybe');
    db.prepare('UPDATE records SET duplicate_of = ? WHERE id IN (?, ?, ?)').run(r1, r2, r5, r6);
    decide(alice, r4!, 'exclude');
    for (const actor of [owner, alice, bob]) {
      const q = screening.queue(db, projectId, actor, 'title_abstract', 100);
      expect({ who: actor.username, remaining: q.remaining }).toEqual({
        who: actor.username,
        remaining: q.records.length,
      });
    }
    expect(ids(screening.queue(db, projectId, alice, 'title_abstract', 100))).toEqual([
      recordIds[6],
      recordIds[7],
    ]);
  });

  it('a refused decision changes nothing', () => {
    const { db, projectId, recordIds, owner, alice, decide } = setup(1);
    const before = db.prepare('SELECT COUNT(*) AS n FROM screening_events').get();
    expect(() =>
      screening.decide({ db, clock }, projectId, alice, {
        recordId: recordIds[0]! + 50,
        stage: 'title_abstract',
        decision: 'include',
      }),
    ).toThrow(NotFoundError);
    // full text is closed to a reviewer while title/abstract is blind; once open, the record is not there
    expect(() => decide(alice, recordIds[0]!, 'exclude', undefined, 'full_text')).toThrow(ForbiddenError);
    screening.unblind(db, projectId, owner, 'title_abstract');
    expect(() => decide(alice, recordIds[0]!, 'exclude', undefined, 'full_text')).toThrow(ConflictError);
    expect(db.prepare('SELECT COUNT(*) AS n FROM screening_events').get()).toEqual(before);
  });

  it('projections rebuilt from the events equal the ones kept up to date', () => {
    const { db, projectId, recordIds, alice, bob, decide } = setup(4);
    decide(alice, recordIds[0]!, 'include');
    decide(bob, recordIds[0]!, 'exclude');
    decide(alice, recordIds[1]!, 'maybe');
    decide(bob, recordIds[1]!, 'include');
    decide(alice, recordIds[2]!, 'exclude');
    const snapshot = () => ({
      votes: db
        .prepare('SELECT record_id, stage, user_id, position, decision FROM screening_votes ORDER BY 1, 2, 3')
        .all(),
      state: db
        .prepare('SELECT record_id, stage, status, outcome, vote_count FROM screening_state ORDER BY 1, 2')
        .all(),
    });
    const live = snapshot();
    db.transaction(() =>
      screening.rebuildStage(
        db,
        projectId,
        'title_abstract',
        screening.getSettings(db, projectId),
        clock().toISOString(),
      ),
    )();
    expect(snapshot()).toEqual(live);
  });

  it('agreement is owner-only while blind and open to reviewers after unblinding', () => {
    const { db, projectId, recordIds, owner, alice, bob, decide } = setup(4);
    const votes: ['include' | 'exclude', 'include' | 'exclude'][] = [
      ['include', 'include'],
      ['exclude', 'exclude'],
      ['include', 'exclude'],
      ['exclude', 'exclude'],
    ];
    votes.forEach(([a, b], i) => {
      decide(alice, recordIds[i]!, a);
      decide(bob, recordIds[i]!, b);
    });
    expect(() => screening.agreement(db, projectId, alice, 'title_abstract')).toThrow(ForbiddenError);
    const stats = screening.agreement(db, projectId, owner, 'title_abstract');
    expect(stats).toMatchObject({
      n: 4,
      percentAgreement: 75,
      table: [
        [1, 1],
        [0, 2],
      ],
    });
    expect(stats.kappa).toBeCloseTo(0.5, 10);
    expect(stats.pairs).toEqual([expect.objectContaining({ userA: alice.userId, userB: bob.userId, n: 4 })]);
    screening.unblind(db, projectId, owner, 'title_abstract');
    expect(screening.agreement(db, projectId, alice, 'title_abstract').n).toBe(4);
  });

  it('progress hides counts that depend on other votes from a blinded reviewer', () => {
    const { db, projectId, recordIds, owner, alice, bob, decide } = setup(2);
    decide(alice, recordIds[0]!, 'include');
    decide(bob, recordIds[0]!, 'exclude');
    const mine = screening.progress(db, projectId, alice, 'title_abstract');
    expect(mine).toMatchObject({
      visibility: 'blinded',
      me: { votes: 1, remaining: 1 },
    });
    // Not even how many records are complete: that moves when someone else votes.
    expect(mine.counts).toEqual({ total: 2 });
    expect(mine).not.toHaveProperty('reviewers');
    const full = screening.progress(db, projectId, owner, 'title_abstract');
    expect(full).toMatchObject({ visibility: 'full', counts: { conflicts: 1 } });
  });

  it('settings: owner only, validated, stored beside other areas’ keys', () => {
    const { db, deps, projectId, owner, alice } = setup(1);
    db.prepare(`UPDATE projects SET settings_json = '{"coding":{"x":1}}' WHERE id = ?`).run(projectId);
    expect(() => screening.updateSettings(deps, projectId, alice, { eligibilityCriteria: 'x' })).toThrow(
      ForbiddenError,
    );
    expect(() =>
      screening.updateSettings(deps, projectId, owner, {
        stages: { title_abstract: { reviewersRequired: 3 } },
      }),
    ).toThrow(ValidationError);
    expect(() =>
      screening.updateSettings(deps, projectId, owner, { stages: { full_text: { unblinded: true } } }),
    ).toThrow(ValidationError);
    screening.updateSettings(deps, projectId, owner, {
      eligibilityCriteria: 'RCTs in adults',
      highlightKeywords: { include: ['randomi*'] },
    });
    const stored = JSON.parse(
      (
        db.prepare('SELECT settings_json FROM projects WHERE id = ?').get(projectId) as {
          settings_json: string;
        }
      ).settings_json,
    );
    expect(stored.coding).toEqual({ x: 1 });
    expect(screening.getSettings(db, projectId)).toMatchObject({
      eligibilityCriteria: 'RCTs in adults',
      highlightKeywords: { include: ['randomi*'], exclude: [] },
    });
  });
});

function includeAtTitleAbstract(s: ReturnType<typeof setup>, recordId: number) {
  s.decide(s.alice, recordId, 'include');
  s.decide(s.bob, recordId, 'include');
}

describe('full text', () => {
  /** A project whose title/abstract stage the owner has unblinded: full text opens to reviewers then. */
  function setupOpen(n: number) {
    const s = setup(n);
    screening.unblind(s.db, s.projectId, s.owner, 'title_abstract');
    return s;
  }

  function atFullText(db: Db, s: ReturnType<typeof setup>, recordId: number) {
    includeAtTitleAbstract(s, recordId);
    fulltext.setLink(s.deps, s.projectId, s.owner, recordId, 'https://example.org/paper.pdf');
    return db;
  }

  it('a record included at title/abstract is sought, then assessed once retrieved; exclusions need a reason', () => {
    const s = setupOpen(3);
    const [r1, r2, r3] = s.recordIds as [number, number, number];
    includeAtTitleAbstract(s, r1);
    includeAtTitleAbstract(s, r2);
    s.decide(s.alice, r3, 'exclude');
    s.decide(s.bob, r3, 'exclude');
    expect(
      fulltext.listReports(s.db, s.projectId, s.owner).reports.map((r) => [r.recordId, r.status]),
    ).toEqual([
      [r1, 'sought'],
      [r2, 'sought'],
    ]);
    expect(() => s.decide(s.alice, r1, 'include', undefined, 'full_text')).toThrow(/retrieved/);
    fulltext.setLink(s.deps, s.projectId, s.owner, r1, 'https://example.org/r1.pdf');
    fulltext.markNotRetrievable(s.deps, s.projectId, s.owner, {
      recordId: r2,
      note: 'paywalled, author did not answer',
    });
    expect(() => fulltext.setLink(s.deps, s.projectId, s.owner, r3, 'https://example.org/r3')).toThrow(
      ConflictError,
    );
    expect(() => s.decide(s.alice, r1, 'exclude', undefined, 'full_text')).toThrow(ValidationError);
    s.decide(s.alice, r1, 'exclude', 'Wrong outcomes', 'full_text');
    s.decide(s.bob, r1, 'exclude', 'Wrong study design', 'full_text');
    expect(() => s.decide(s.alice, r1, 'include')).toThrow(/moved on to full text/);
    const status = screening.screeningStatus(s.db, s.projectId);
    expect(status.fullText).toMatchObject({
      reportsSought: 2,
      reportsNotRetrieved: 1,
      reportsAssessed: 1,
      excluded: 1,
      exclusionReasons: [{ reason: 'Wrong outcomes', count: 1 }],
    });
    expect(status.included).toEqual({ reports: 0, studies: 0 });
  });

  it('several reports linked to one study count as one included study', () => {
    const s = setupOpen(3);
    for (const r of s.recordIds) {
      atFullText(s.db, s, r);
      s.decide(s.alice, r, 'include', undefined, 'full_text');
      s.decide(s.bob, r, 'include', undefined, 'full_text');
    }
    expect(screening.screeningStatus(s.db, s.projectId).included).toEqual({ reports: 3, studies: 3 });
    const study = fulltext.groupReports(s.deps, s.projectId, s.owner, {
      label: 'TRIAL-1',
      recordIds: [s.recordIds[0]!, s.recordIds[1]!],
    });
    expect(fulltext.listStudies(s.db, s.projectId, s.owner)).toEqual([
      { id: study.id, label: 'TRIAL-1', recordIds: [s.recordIds[0], s.recordIds[1]] },
    ]);
    expect(screening.screeningStatus(s.db, s.projectId).included).toEqual({ reports: 3, studies: 2 });
    fulltext.ungroupReport(s.deps, s.projectId, s.owner, s.recordIds[0]!);
    fulltext.ungroupReport(s.deps, s.projectId, s.owner, s.recordIds[1]!);
    expect(fulltext.listStudies(s.db, s.projectId, s.owner)).toEqual([]);
    expect(screening.screeningStatus(s.db, s.projectId).included).toEqual({ reports: 3, studies: 3 });
  });
});
