import type { Db } from '../../server/db/connection';
import type { Actor } from '../../server/domain/auth/actor';
import { updateAppraisalSettings } from '../../server/services/appraisal-consensus';
import { applyCode, importCodebook, setExtractionValue } from '../../server/services/coding';
import { unblindCodingStage, updateCodingSettings } from '../../server/services/coding-consensus';
import { includeAtFullText } from './screening';

/**
 * Makes records included studies that are ready to appraise, through the real services: each
 * included at full text (both screening stages unblinded), a codebook with one theme ("A") and
 * a "design" field, one coder per study (`coder`) who fills the design where `designs` gives one
 * and codes theme A on the `themed` studies, then coding unblinded (the appraisal opens once the
 * coding that gives a study its design is open), and the design field mapped to MMAT's designs.
 */
export function readyForAppraisal(
  db: Db,
  projectId: number,
  people: { owner: Actor; coder: Actor },
  studies: { recordIds: readonly number[]; designs?: Record<number, string>; themed?: readonly number[] },
): void {
  const deps = { db, clock: () => new Date('2026-01-03T00:00:00.000Z') };
  includeAtFullText(db, projectId, people.owner, studies.recordIds);
  importCodebook(db, projectId, {
    codes: [{ code: 'A', label: 'Theme A', description: '', parent: null }],
    fields: [
      {
        key: 'design',
        label: 'Study design',
        kind: 'single',
        options: ['Survey', 'Interviews / focus groups', 'Other'],
      },
    ],
  });
  updateCodingSettings(db, projectId, people.owner, { codersRequired: 1 });
  for (const [recordId, value] of Object.entries(studies.designs ?? {}))
    setExtractionValue(deps, projectId, people.coder, { recordId: Number(recordId), field: 'design', value });
  const theme = db.prepare("SELECT id FROM codes WHERE project_id = ? AND code = 'A'").get(projectId) as {
    id: number;
  };
  for (const recordId of studies.themed ?? [])
    applyCode(deps, projectId, people.coder, { recordId, codeId: theme.id, excerpt: `about ${recordId}` });
  unblindCodingStage(db, projectId, people.owner);
  updateAppraisalSettings(db, projectId, people.owner, {
    designMap: { Survey: 'quantitative-descriptive', 'Interviews / focus groups': 'qualitative' },
  });
}
