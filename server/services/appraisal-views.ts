import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import { getProject } from '../db/repos/projects';
import type { Actor } from '../domain/auth/actor';
import { criteriaOf } from '../domain/appraisal/tool';
import {
  appraisalProgress,
  countedOf,
  finishedWork,
  labelledStudies,
  loadAppraisal,
  studyOrNotFound,
  type AppraisalState,
} from './appraisal-studies';
import { userNames } from './user-names';
import { visibilityFor } from './visibility';

/**
 * What an appraiser sees of the appraisal: the included studies (once the stages that decide
 * them are open to the caller), their own work on each, and the other appraisers' work and the
 * consensus once the visibility policy lets them see it on that study.
 */

/** The included studies, one item per study, with what the caller may see of their appraisal. */
export function listAppraisalStudies(db: Db, projectId: number, actor: Actor): Api.AppraisalStudiesResponse {
  getProject(db, projectId);
  const vis = visibilityFor(db, projectId, actor);
  vis.require({ kind: 'stage-records', stage: 'appraisal' });
  const state = loadAppraisal(db, projectId);
  const labelOf = labelledStudies(db, projectId, state.studies);
  const name = userNames(db);
  return {
    notice: state.settings.notice,
    appraisersRequired: state.settings.appraisersRequired,
    studies: state.studies.studies.map((study) => {
      const id = study.recordId;
      const progress = appraisalProgress(state, id, actor);
      const others = vis.othersAppraisal(progress);
      const { record, label } = labelOf(id);
      const mine = workOf(state, id, actor.userId, name);
      const design = state.formDesign.get(id) ?? mine.design;
      const criteria = criteriaOf(state.tool, design);
      return {
        id,
        label,
        title: record?.title ?? null,
        reportIds: study.reportIds,
        formDesign: state.formDesign.get(id) ?? null,
        design,
        answered: criteria.filter((c) => mine.answers.some((a) => a.criterion === c.id)).length,
        criteria: criteria.length,
        done: progress.doneByCaller,
        doneBy: others
          ? finishedWork(state, id)
              .map((f) => name(f.userId))
              .sort()
          : null,
        consensus: others ? (state.consensusAnswers.get(id)?.length ?? 0) : null,
      };
    }),
  };
}

/** One included study as the caller may see it (any of its reports names it). */
export function appraisalStudy(
  db: Db,
  projectId: number,
  actor: Actor,
  recordId: number,
): Api.AppraisalStudyDetail {
  getProject(db, projectId);
  const vis = visibilityFor(db, projectId, actor);
  vis.require({ kind: 'stage-records', stage: 'appraisal' });
  const state = loadAppraisal(db, projectId);
  const study = studyOrNotFound(state.studies, recordId);
  const id = study.recordId;
  const { record, label } = labelledStudies(db, projectId, state.studies)(id);
  const progress = appraisalProgress(state, id, actor);
  const others = vis.othersAppraisal(progress);
  const name = userNames(db);
  const appraisers = [...new Set((state.appraisals.get(id) ?? []).map((a) => a.userId))];
  return {
    study: {
      id,
      label,
      title: record?.title ?? null,
      authors: record?.authors ?? [],
      year: record?.year ?? null,
      journal: record?.journal ?? null,
      abstract: record?.abstract ?? null,
    },
    reportIds: study.reportIds,
    notice: state.settings.notice,
    tool: state.tool,
    formDesign: state.formDesign.get(id) ?? null,
    mine: workOf(state, id, actor.userId, name),
    othersVisible: others,
    others: others ? appraisers.filter((u) => u !== actor.userId).map((u) => workOf(state, id, u, name)) : [],
    doneBy: others
      ? finishedWork(state, id)
          .map((f) => name(f.userId))
          .sort()
      : null,
    consensus: others ? consensusOf(state, id, name) : null,
  };
}

function workOf(
  state: AppraisalState,
  studyId: number,
  userId: number,
  name: (id: number) => string,
): Api.AppraiserWork {
  const rows = (state.appraisals.get(studyId) ?? []).filter((a) => a.userId === userId);
  return {
    userId,
    appraiser: name(userId),
    design: rows.find((r) => r.design !== null)?.design ?? null,
    done: rows.some((r) => r.doneAt !== null),
    answers: (state.answers.get(studyId) ?? [])
      .filter((a) => a.userId === userId)
      .map(({ criterion, answer, justification, quote, page, updatedAt }) => ({
        criterion,
        answer,
        justification,
        quote,
        page,
        updatedAt,
      })),
  };
}

/**
 * The consensus as the results count it: the owner's answers, and the answers both appraisers
 * agreed on (credited to them both, decided by nobody).
 */
function consensusOf(
  state: AppraisalState,
  studyId: number,
  name: (id: number) => string,
): Api.AppraisalConsensus {
  const counted = countedOf(state, studyId);
  const written = new Map((state.consensusAnswers.get(studyId) ?? []).map((c) => [c.criterion, c]));
  const finished = finishedWork(state, studyId);
  const one = state.settings.appraisersRequired === 1;
  const first = [...finished].sort((a, b) => a.doneAt.localeCompare(b.doneAt) || a.userId - b.userId)[0];
  const counts = (userId: number) =>
    one ? userId === first?.userId : finished.some((f) => f.userId === userId);
  const answers = Object.entries(counted.answers).map(([criterion, answer]) => {
    const own = written.get(criterion);
    if (own)
      return {
        criterion,
        answer: own.answer,
        justification: own.justification,
        quote: own.quote,
        page: own.page,
        updatedAt: own.decidedAt,
        fromAppraiser: own.fromUserId === null ? null : name(own.fromUserId),
        decidedBy: name(own.decidedBy),
      };
    const given = (state.answers.get(studyId) ?? []).filter(
      (a) => a.criterion === criterion && counts(a.userId),
    );
    return {
      criterion,
      answer,
      justification: given.map((g) => `${name(g.userId)}: ${g.justification}`).join('\n'),
      quote: given.find((g) => g.quote)?.quote ?? null,
      page: given.find((g) => g.quote)?.page ?? null,
      updatedAt:
        given
          .map((g) => g.updatedAt)
          .sort()
          .at(-1) ?? '',
      fromAppraiser: one && first ? name(first.userId) : null,
      decidedBy: one ? 'one appraiser per study' : 'both appraisers agreed',
    };
  });
  return { design: counted.design, answers, unresolved: counted.unresolved };
}
