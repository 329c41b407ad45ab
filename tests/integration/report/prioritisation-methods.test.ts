import { openDatabase } from '../../../server/db/connection';
import type { Section } from '../../../server/domain/report/types';
import { rankingIdle, updatePrioritisationSettings } from '../../../server/services/ranking';
import { projectReport } from '../../../server/services/report';
import { seedProject } from '../../support/db';

const clock = () => new Date('2026-06-01T00:00:00Z');

function sectionsOf(doc: { sections: Section[] }): Section[] {
  return doc.sections.flatMap((s) => [s, ...sectionsOf(s)]);
}

/** The Methods' prioritisation paragraph names the model the project ranks with (issue 18 made it the SVM). */
describe('report: prioritisation in the Methods', () => {
  it.each([
    [
      undefined,
      'a linear support vector machine (joined by a naive Bayes classifier after 150 exclusions in a row)',
    ],
    ['nb' as const, 'a naive Bayes classifier'],
    ['lr' as const, 'a logistic regression classifier'],
  ])('model %p is described as %p', async (model, words) => {
    const db = openDatabase(':memory:');
    const projectId = seedProject(db);
    updatePrioritisationSettings({ db, clock }, projectId, { enabled: true, ...(model ? { model } : {}) });
    await rankingIdle(db);
    const section = sectionsOf(projectReport(db, projectId, clock())).find((s) => s.id === 'prioritisation');
    const text = JSON.stringify(section?.blocks);
    expect(text).toContain(`records were shown in the order of ${words} over TF-IDF features`);
    db.close();
  });
});
