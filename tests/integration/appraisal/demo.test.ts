import { appraisalRepo } from '../../../server/db/repos/appraisal';
import { findUserByUsername } from '../../../server/db/repos/users';
import { DEMO_APPRAISAL_NOTICE, DEMO_JUSTIFICATION } from '../../../server/services/appraisal-demo';
import { appraisalSummaryFor } from '../../../server/services/appraisal-summary';
import { buildDemo } from '../../../server/services/demo';
import { openTestDb } from '../../support/db';

/**
 * Issue 20: the demo review gains a first appraisal of its included studies, marked in the data
 * and on screen as an illustration made for the demo (the browser test checks the screen).
 */
it('the demo appraises every included study with MMAT 2018, dual and reconciled, marked as an illustration', () => {
  const db = openTestDb();
  const { projectId } = buildDemo({ db, clock: () => new Date('2026-06-01T00:00:00Z') });
  const alice = findUserByUsername(db, 'alice')!;
  // unblinded: every account sees the results
  const summary = appraisalSummaryFor(db, projectId, { userId: alice.id, role: 'reviewer' });
  expect(summary.tool).toBe('mmat-2018');
  expect(summary.notice).toBe(DEMO_APPRAISAL_NOTICE);
  expect(summary.notice).toMatch(/^Illustration made for the demo/);
  expect(summary.studies).toHaveLength(15);
  expect(summary.studies.every((s) => s.complete)).toBe(true);
  expect(new Set(summary.studies.map((s) => s.design))).toEqual(
    new Set(['qualitative', 'quantitative-descriptive']),
  );
  expect(summary.studies.filter((s) => s.meetsAll).length).toBe(4);
  // both appraisers finished every study: agreement on the screening questions over all 15
  expect(summary.agreement.criteria.find((a) => a.criterion === 'S1')).toMatchObject({
    appraisers: ['alice', 'bob'],
    studies: 15,
  });
  // in the data: every justification, the appraisers' and the owner's, says what it is
  const repo = appraisalRepo(db);
  const justifications = [...repo.listAnswers(projectId), ...repo.listConsensusAnswers(projectId)].map(
    (a) => a.justification,
  );
  expect(justifications.length).toBeGreaterThan(200);
  expect(justifications.every((j) => j.startsWith(DEMO_JUSTIFICATION))).toBe(true);
  expect(repo.listConsensusAnswers(projectId).length).toBeGreaterThan(0);
});
