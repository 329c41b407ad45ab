import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app';
import { PLOT_KINDS } from '../../domain/appraisal/plot-svg';
import { toolToJson } from '../../domain/appraisal/tool';
import {
  answerCriterion,
  clearAnswer,
  markAppraisalDone,
  reopenAppraisal,
  setDesign,
} from '../../services/appraisal';
import {
  appraisalSettings,
  setConsensusAnswer,
  setConsensusDesign,
  unblindAppraisalStage,
  updateAppraisalSettings,
} from '../../services/appraisal-consensus';
import { appraisalExportFor, appraisalSummaryFor } from '../../services/appraisal-summary';
import {
  chooseTool,
  importToolJson,
  saveProjectTool,
  toolForExport,
  toolsFor,
} from '../../services/appraisal-tools';
import { appraisalStudy, listAppraisalStudies } from '../../services/appraisal-views';
import { currentActor, currentProject, requireProjectAction } from '../auth';
import { idParam } from './params';

const Id = z.coerce.number().int().positive();
const Key = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'letters, digits, ".", "_" or "-"');
const DesignBody = z.object({ design: Key.nullable() }).strict();
const AnswerBody = z
  .object({
    answer: Key,
    justification: z.string().max(5000),
    quote: z.string().max(20_000).nullable().optional(),
    page: z.string().max(50).nullable().optional(),
  })
  .strict();
const ConsensusAnswerBody = z
  .object({
    fromUserId: Id.nullable().optional(),
    answer: Key.optional(),
    justification: z.string().max(5000).optional(),
    quote: z.string().max(20_000).nullable().optional(),
    page: z.string().max(50).nullable().optional(),
  })
  .strict()
  .refine((b) => b.fromUserId != null || b.answer !== undefined, {
    message: "give fromUserId (accept an appraiser's answer) or answer (write one)",
  });
const ChooseBody = z.object({ tool: Key }).strict();
const ImportBody = z
  .object({ text: z.string().max(2_000_000), fileName: z.string().max(300).optional() })
  .strict();
const ToolQuery = z.object({ tool: Key.optional() });
const PlotQuery = z.object({ kind: z.enum(PLOT_KINDS).default('traffic-light') });
const CriterionParams = z.object({ criterion: Key });

const CONTENT_TYPES = {
  svg: 'image/svg+xml; charset=utf-8',
  png: 'image/png',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

/**
 * Critical appraisal of the included studies: the tools, each appraiser's own work, the owner's
 * consensus, and the results with their exports. What each member sees of others' appraisals the
 * services decide (visibility policy).
 */
export function appraisalRoutes(ctx: AppContext): Router {
  const router = Router();
  const p = '/projects/:projectId/appraisal';
  const read = requireProjectAction(ctx, 'read');
  const appraise = requireProjectAction(ctx, 'appraise');
  const settings = requireProjectAction(ctx, 'settings');
  const resolve = requireProjectAction(ctx, 'resolve');
  const deps = { db: ctx.db, clock: ctx.clock };
  const study = `${p}/studies/:recordId`;

  router.get(`${p}/settings`, read, (req, res) => {
    res.json(appraisalSettings(ctx.db, currentProject(req).projectId));
  });
  router.patch(`${p}/settings`, settings, (req, res) => {
    res.json(updateAppraisalSettings(ctx.db, currentProject(req).projectId, currentActor(req), req.body));
  });
  router.post(`${p}/unblind`, resolve, (req, res) => {
    res.json(unblindAppraisalStage(ctx.db, currentProject(req).projectId, currentActor(req)));
  });

  router.get(`${p}/tools`, read, (req, res) => {
    res.json(toolsFor(ctx.db, currentProject(req).projectId));
  });
  router.put(`${p}/tool`, settings, (req, res) => {
    const { tool } = ChooseBody.parse(req.body);
    res.json(chooseTool(ctx.db, currentProject(req).projectId, currentActor(req), tool));
  });
  router.post(`${p}/tools`, settings, (req, res) => {
    res.status(201).json(saveProjectTool(deps, currentProject(req).projectId, currentActor(req), req.body));
  });
  router.post(`${p}/tools/import`, settings, (req, res) => {
    const body = ImportBody.parse(req.body);
    const input = { text: body.text, fileName: body.fileName ?? 'tool.json' };
    res.status(201).json(importToolJson(deps, currentProject(req).projectId, currentActor(req), input));
  });
  router.get(`${p}/tool.json`, read, (req, res) => {
    const { tool: toolId } = ToolQuery.parse(req.query);
    const tool = toolForExport(ctx.db, currentProject(req).projectId, toolId);
    res
      .type(CONTENT_TYPES.json)
      .set('content-disposition', `attachment; filename="${tool.id}.json"`)
      .send(toolToJson(tool));
  });

  router.get(`${p}/studies`, read, (req, res) => {
    res.json(listAppraisalStudies(ctx.db, currentProject(req).projectId, currentActor(req)));
  });
  router.get(study, read, (req, res) => {
    res.json(
      appraisalStudy(ctx.db, currentProject(req).projectId, currentActor(req), idParam(req, 'recordId')),
    );
  });
  router.put(`${study}/design`, appraise, (req, res) => {
    const { design } = DesignBody.parse(req.body);
    const input = { recordId: idParam(req, 'recordId'), design };
    res.json(setDesign(deps, currentProject(req).projectId, currentActor(req), input));
  });
  router.put(`${study}/answers/:criterion`, appraise, (req, res) => {
    const { criterion } = CriterionParams.parse(req.params);
    const input = { ...AnswerBody.parse(req.body), recordId: idParam(req, 'recordId'), criterion };
    res.json(answerCriterion(deps, currentProject(req).projectId, currentActor(req), input));
  });
  router.delete(`${study}/answers/:criterion`, appraise, (req, res) => {
    const { criterion } = CriterionParams.parse(req.params);
    clearAnswer(deps, currentProject(req).projectId, currentActor(req), {
      recordId: idParam(req, 'recordId'),
      criterion,
    });
    res.status(204).end();
  });
  router.post(`${study}/done`, appraise, (req, res) => {
    res.json(
      markAppraisalDone(deps, currentProject(req).projectId, currentActor(req), idParam(req, 'recordId')),
    );
  });
  router.delete(`${study}/done`, appraise, (req, res) => {
    res.json(
      reopenAppraisal(deps, currentProject(req).projectId, currentActor(req), idParam(req, 'recordId')),
    );
  });

  router.put(`${study}/consensus/design`, resolve, (req, res) => {
    const { design } = DesignBody.parse(req.body);
    const input = { recordId: idParam(req, 'recordId'), design };
    res.json(setConsensusDesign(deps, currentProject(req).projectId, currentActor(req), input));
  });
  router.put(`${study}/consensus/answers/:criterion`, resolve, (req, res) => {
    const { criterion } = CriterionParams.parse(req.params);
    const input = { ...ConsensusAnswerBody.parse(req.body), recordId: idParam(req, 'recordId'), criterion };
    res.json(setConsensusAnswer(deps, currentProject(req).projectId, currentActor(req), input));
  });

  router.get(`${p}/summary`, read, (req, res) => {
    res.json(appraisalSummaryFor(ctx.db, currentProject(req).projectId, currentActor(req)));
  });
  for (const format of ['json', 'csv'] as const) {
    router.get(`${p}/summary.${format}`, read, async (req, res) => {
      const { projectId } = currentProject(req);
      const bytes = await appraisalExportFor(ctx.db, projectId, currentActor(req), format);
      res
        .type(CONTENT_TYPES[format])
        .set('content-disposition', `attachment; filename="appraisal-${projectId}.${format}"`)
        .send(bytes);
    });
  }
  for (const format of ['svg', 'png'] as const) {
    router.get(`${p}/plot.${format}`, read, async (req, res) => {
      const { projectId } = currentProject(req);
      const { kind } = PlotQuery.parse(req.query);
      const bytes = await appraisalExportFor(ctx.db, projectId, currentActor(req), format, kind);
      res
        .type(CONTENT_TYPES[format])
        .set('content-disposition', `inline; filename="appraisal-${kind}-${projectId}.${format}"`)
        .set('X-Content-Type-Options', 'nosniff')
        .send(bytes);
    });
  }

  return router;
}
