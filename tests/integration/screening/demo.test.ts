import { buildDemo } from '../../../server/services/demo';
import * as screening from '../../../server/services/screening';
import { seedDemoScreening } from '../../../server/services/screening-demo';
import { openTestDb, seedRecords, seedSource } from '../../support/db';
import { seedScreeningProject } from '../../support/screening';

describe('seedDemoScreening', () => {
  function seeded() {
    const db = openTestDb();
    const p = seedScreeningProject(db, 0, 'Demo');
    const titles = [
      'Micro-credentials: A learner value framework',
      'Council Recommendation on a European approach to micro-credentials',
      'Student perceptions of micro-credentials in higher education',
      'A blockchain platform for issuing badges',
      'Adult learners and the value of digital badges',
      'Motivation of professional learners for short courses',
      'Micro-credentials through the eyes of employers',
      'Lifelong learning and micro-credentials: learner experiences',
      'Technical architecture of credential wallets',
      'Employability value of micro-credentials for students',
      'Learner preferences and expectations regarding micro-credential programmes',
      'Professional development with micro-credentials: teacher experiences',
      'Perceived value of online courses among adult students',
      'Policy note on qualifications frameworks',
      'Learner motivation in MOOCs',
    ];
    seedRecords(
      db,
      p.projectId,
      seedSource(db, p.projectId, { name: 'x' }),
      titles.map((title, i) => ({ title, doi: i % 2 ? `10.1000/demo.${i}` : null })),
    );
    const users = { owner: p.owner.userId, alice: p.alice.userId, bob: p.bob.userId };
    seedDemoScreening({ db, clock: () => new Date('2026-01-05T09:00:00Z') }, p.projectId, users);
    return { db, ...p };
  }

  it('leaves a realistic review: conflicts, one resolution, full-text exclusions with reasons', () => {
    const { db, projectId, owner } = seeded();
    const status = screening.screeningStatus(db, projectId);
    expect(status.titleAbstract.resolved).toBe(1);
    expect(status.titleAbstract.awaiting).toBe(6);
    expect(status.fullText.reportsNotRetrieved).toBe(1);
    expect(status.fullText.excluded).toBeGreaterThanOrEqual(1);
    expect(status.fullText.exclusionReasons.every((r) => r.reason !== '(no reason given)')).toBe(true);
    expect(status.included.studies).toBeGreaterThanOrEqual(1);
    expect(screening.getSettings(db, projectId).eligibilityCriteria).toMatch(/learners/);
    expect(screening.agreement(db, projectId, owner, 'title_abstract').n).toBe(9);
  });

  it('is deterministic', () => {
    const a = seeded();
    const b = seeded();
    const events = (db: typeof a.db) =>
      db
        .prepare(
          'SELECT record_id, stage, kind, decision, reason, created_at FROM screening_events ORDER BY id',
        )
        .all();
    expect(events(a.db)).toEqual(events(b.db));
  });

  it('screens the real demo review (data/demo) built by buildDemo: import, accounts, dedup, screening', () => {
    const db = openTestDb();
    const clock = () => new Date('2026-01-05T09:00:00Z');
    const { projectId } = buildDemo({ db, clock });
    const status = screening.screeningStatus(db, projectId);
    const ownerId = (db.prepare("SELECT id FROM users WHERE username = 'owner'").get() as { id: number }).id;
    const owner = { userId: ownerId, role: 'owner' as const };
    expect(status.titleAbstract.resolved).toBe(1);
    expect(status.titleAbstract.conflicts).toBeGreaterThanOrEqual(2);
    expect(status.titleAbstract.included).toBeGreaterThanOrEqual(5);
    expect(status.fullText.reportsAssessed).toBeGreaterThanOrEqual(3);
    expect(status.included.studies).toBeGreaterThanOrEqual(2);
    expect(status.included.studies).toBeLessThan(status.included.reports);
    expect(status.fullText.exclusionReasons.length).toBeGreaterThanOrEqual(2);
    expect(screening.agreement(db, projectId, owner, 'title_abstract').kappa).toBeGreaterThan(0.3);
  });
});
