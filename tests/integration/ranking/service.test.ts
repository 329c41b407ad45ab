import type { Db } from '../../../server/db/connection';
import { getRankingModel } from '../../../server/db/repos/ranking';
import {
  orderQueue,
  projectStoppingReport,
  RankingScheduler,
  recordScores,
  retrainProject,
  type RankingDecision,
} from '../../../server/services/ranking';
import { openTestDb, seedProject, seedRecords, seedSource } from '../../support/db';

const clock = () => new Date('2026-03-01T12:00:00.000Z');

const TOPIC = 'nudge default option physicians prescribing';
const OTHER = 'soil erosion river sediment transport';

function setup(): { db: Db; projectId: number; ids: number[] } {
  const db = openTestDb();
  const projectId = seedProject(db);
  const sourceId = seedSource(db, projectId);
  const records = Array.from({ length: 40 }, (_, i) => ({
    title: i % 4 === 0 ? `Study ${i}: ${TOPIC}` : `Study ${i}: ${OTHER}`,
    abstract: i % 4 === 0 ? `We tested a ${TOPIC} intervention.` : `We measured ${OTHER} in basin ${i}.`,
  }));
  return { db, projectId, ids: seedRecords(db, projectId, sourceId, records) };
}

function enable(db: Db, projectId: number, prioritisation: unknown): void {
  db.prepare('UPDATE projects SET settings_json = ? WHERE id = ?').run(
    JSON.stringify({ prioritisation }),
    projectId,
  );
}

describe('ranking service', () => {
  it('keeps the given order when prioritisation is off', () => {
    const { db, projectId, ids } = setup();
    expect(orderQueue(db, projectId, ids)).toEqual(ids);
  });

  it('uses a keyword-seeded cold start before there is an include and an exclude', () => {
    const { db, projectId, ids } = setup();
    enable(db, projectId, { enabled: true, keywords: ['nudge'] });
    const decisions: RankingDecision[] = [{ recordId: ids[0]!, label: 1 }];
    const result = retrainProject({ db, clock }, projectId, () => decisions);
    expect(result.trained).toBe(false);
    expect(result.model).toMatchObject({ modelVersion: 'cold-start', includes: 1, excludes: 0 });
    // the cold-start order ranks the queue but is never shown as a relevance
    expect(recordScores(db, projectId, ids).size).toBe(0);
    const order = orderQueue(db, projectId, ids.slice(1));
    // records 4, 8, … (ids[4], ids[8], …) mention the keyword: all nine come first
    expect(new Set(order.slice(0, 9))).toEqual(new Set(ids.filter((_, i) => i > 0 && i % 4 === 0)));
  });

  it('trains on decisions, writes a score per record and orders the queue by it', () => {
    const { db, projectId, ids } = setup();
    enable(db, projectId, true);
    const decisions: RankingDecision[] = [
      { recordId: ids[0]!, label: 1 },
      { recordId: ids[1]!, label: 0 },
    ];
    const result = retrainProject({ db, clock }, projectId, () => decisions);
    expect(result.trained).toBe(true);
    expect(result.model).toMatchObject({
      includes: 1,
      excludes: 1,
      records: 40,
      trainedAt: '2026-03-01T12:00:00.000Z',
    });
    const count = db
      .prepare('SELECT COUNT(*) AS n FROM ranking_scores WHERE project_id = ?')
      .get(projectId) as { n: number };
    expect(count.n).toBe(40);
    const queue = ids.slice(2);
    const order = orderQueue(db, projectId, queue);
    expect(new Set(order.slice(0, 9))).toEqual(new Set(ids.filter((_, i) => i > 0 && i % 4 === 0)));
    const scores = recordScores(db, projectId, [ids[4]!, ids[5]!]);
    expect(scores.get(ids[4]!)!).toBeGreaterThan(scores.get(ids[5]!)!);
  });

  it('retrains off the request path and coalesces bursts', async () => {
    const { db, projectId, ids } = setup();
    enable(db, projectId, { enabled: true });
    let reads = 0;
    const reader = () => {
      reads++;
      return [
        { recordId: ids[0]!, label: 1 as const },
        { recordId: ids[1]!, label: 0 as const },
      ];
    };
    const scheduler = new RankingScheduler({ db, clock }, reader);
    scheduler.request(projectId);
    scheduler.request(projectId);
    scheduler.request(projectId);
    // nothing has run yet: request() returned before any training
    expect(reads).toBe(0);
    expect(getRankingModel(db, projectId)).toBeNull();
    await scheduler.idle();
    expect(reads).toBe(1);
    expect(getRankingModel(db, projectId)).not.toBeNull();
  });

  it('builds features in steps, letting other work run between them', async () => {
    const db = openTestDb();
    const projectId = seedProject(db);
    const sourceId = seedSource(db, projectId);
    const ids = seedRecords(
      db,
      projectId,
      sourceId,
      Array.from({ length: 2500 }, (_, i) => ({
        title: i % 10 ? `${OTHER} ${i}` : `${TOPIC} ${i}`,
        abstract: null,
      })),
    );
    enable(db, projectId, true);
    const scheduler = new RankingScheduler({ db, clock }, () => [
      { recordId: ids[0]!, label: 1 },
      { recordId: ids[1]!, label: 0 },
    ]);
    scheduler.request(projectId);
    let turnsWhileTraining = 0;
    const tick = () => {
      if (getRankingModel(db, projectId) !== null) return;
      turnsWhileTraining++;
      setImmediate(tick);
    };
    setImmediate(tick);
    await scheduler.idle();
    // 2,500 records are built in three chunks of at most 1,000: our callback ran after the
    // first and after the second, before the model was written
    expect(turnsWhileTraining).toBeGreaterThanOrEqual(2);
    expect(getRankingModel(db, projectId)).toMatchObject({ records: 2500, includes: 1, excludes: 1 });
  });

  it('reports retrain failures through onError instead of throwing', async () => {
    const { db, projectId } = setup();
    const errors: number[] = [];
    const scheduler = new RankingScheduler(
      { db, clock },
      () => {
        throw new Error('decisions unavailable');
      },
      (id) => errors.push(id),
    );
    scheduler.request(projectId);
    await scheduler.idle();
    expect(errors).toEqual([projectId]);
  });

  it('builds the stopping report from the decisions in order', () => {
    const { db, projectId, ids } = setup();
    const decisions: RankingDecision[] = ids
      .slice(0, 10)
      .map((recordId, i) => ({ recordId, label: i < 2 ? 1 : 0 }));
    const report = projectStoppingReport(db, projectId, () => decisions);
    expect(report.screened).toBe(10);
    expect(report.totalRecords).toBe(40);
    expect(report.relevantFound).toBe(2);
    expect(report.consecutive.consecutiveExcludes).toBe(8);
    expect(report.model).toBeNull();
  });

  it('an unknown project is a NotFoundError', () => {
    const { db } = setup();
    expect(() => orderQueue(db, 999, [1])).toThrow(/not found/);
  });
});
