import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app';
import {
  codebookFromCsv,
  codebookFromJson,
  codebookToCsv,
  codebookToJson,
} from '../../domain/coding/codebook';
import { SYNTHESIS_APPRAISAL_OPTIONS } from '../../domain/appraisal/synthesis';
import { crossTabCsv, evidenceCsv, frequenciesCsv } from '../../domain/coding/report';
import {
  addCode,
  applyCode,
  codebookWithIds,
  codingAgreementFor,
  editCode,
  readCodebook,
  removeApplication,
  removeCode,
  setExtractionValue,
  setThemeSummary,
  synthesisFor,
  synthesisMarkdown,
} from '../../services/coding';
import {
  addConsensusApplication,
  codingSettings,
  markStudyDone,
  removeConsensusApplication,
  reopenStudy,
  setConsensusValue,
  unblindCodingStage,
  updateCodingSettings,
} from '../../services/coding-consensus';
import {
  addField,
  applyCodebookImport,
  editField,
  moveCode,
  moveField,
  previewCodebookImport,
  removeField,
} from '../../services/codebook';
import { codingStudy, listCodingStudies } from '../../services/coding-views';
import { currentActor, currentProject, requireProjectAction } from '../auth';
import { idParam } from './params';

const Id = z.coerce.number().int().positive();
const CodeBody = z.object({
  code: z.string().min(1).max(80),
  label: z.string().min(1).max(300),
  description: z.string().max(5000).optional(),
  parentId: Id.nullable().optional(),
});
const CodePatch = z.object({
  label: z.string().min(1).max(300).optional(),
  description: z.string().max(5000).optional(),
  parentId: Id.nullable().optional(),
});
const ImportBody = z.object({
  format: z.enum(['json', 'csv']),
  text: z.string().max(2_000_000),
  fileName: z.string().max(300).optional(),
  /** Remove the codes (and, from a JSON file, the fields) the project has and the file does not. */
  removeMissing: z.boolean().optional(),
});
const MoveCodeBody = z.object({ parentId: Id.nullable(), index: z.number().int().min(0) });
const MoveFieldBody = z.object({ index: z.number().int().min(0) });
const Options = z.array(z.string().min(1).max(300)).max(200);
const FieldBody = z.object({
  key: z.string().min(1).max(80),
  label: z.string().min(1).max(300),
  kind: z.enum(['text', 'number', 'single', 'multiple']),
  options: Options.optional(),
});
const FieldPatch = z.object({
  label: z.string().min(1).max(300).optional(),
  kind: z.enum(['text', 'number', 'single', 'multiple']).optional(),
  options: Options.optional(),
  renamedOptions: z
    .array(z.object({ from: z.string().min(1).max(300), to: z.string().min(1).max(300) }))
    .max(200)
    .optional(),
});
const ApplyBody = z.object({
  codeId: Id,
  excerpt: z.string().max(20_000).optional(),
  page: z.string().max(50).nullable().optional(),
  note: z.string().max(5000).optional(),
});
const ValueBody = z.object({ value: z.unknown() });
const ConsensusApplicationBody = z
  .object({
    fromApplicationId: Id.optional(),
    codeId: Id.optional(),
    excerpt: z.string().max(20_000).optional(),
    page: z.string().max(50).nullable().optional(),
    note: z.string().max(5000).optional(),
  })
  .refine((b) => b.fromApplicationId !== undefined || b.codeId !== undefined, {
    message: "give fromApplicationId (accept a coder's code) or codeId (write one)",
  });
const ConsensusValueBody = z.object({ value: z.unknown(), fromUserId: Id.nullable().optional() });
const SummaryBody = z.object({ summary: z.string().max(50_000) });
/** `?appraisal=all-yes|stratify`: the synthesis by appraisal result (left out: as it always was). */
const SynthesisQuery = z.object({ appraisal: z.enum(SYNTHESIS_APPRAISAL_OPTIONS).optional() });

/**
 * Codebook, blind coding of included studies with the owner's consensus, and the theme synthesis
 * with its exports. What each member sees of others' coding the services decide (visibility policy).
 */
export function codingRoutes(ctx: AppContext): Router {
  const router = Router();
  const p = '/projects/:projectId';
  const read = requireProjectAction(ctx, 'read');
  const code = requireProjectAction(ctx, 'code');
  const settings = requireProjectAction(ctx, 'settings');
  const resolve = requireProjectAction(ctx, 'resolve');
  const deps = { db: ctx.db, clock: ctx.clock };
  const attachment = (name: string) => `attachment; filename="${name}"`;

  router.get(`${p}/codebook`, read, (req, res) => {
    res.json(codebookWithIds(ctx.db, currentProject(req).projectId));
  });
  router.get(`${p}/codebook.json`, read, (req, res) => {
    res.type('application/json').set('content-disposition', attachment('codebook.json'));
    res.send(codebookToJson(readCodebook(ctx.db, currentProject(req).projectId)));
  });
  router.get(`${p}/codebook.csv`, read, (req, res) => {
    res.type('text/csv').set('content-disposition', attachment('codebook.csv'));
    res.send(codebookToCsv(readCodebook(ctx.db, currentProject(req).projectId)));
  });
  /** The import as the owner sent it: the file read, and whether it carries the extraction form. */
  const importOf = (req: Request) => {
    const body = ImportBody.parse(req.body);
    const name = body.fileName ?? `codebook.${body.format}`;
    const book =
      body.format === 'json' ? codebookFromJson(body.text, name) : codebookFromCsv(body.text, name);
    return { book, withFields: body.format === 'json', removeMissing: body.removeMissing ?? false };
  };
  router.post(`${p}/codebook/import/preview`, settings, (req, res) => {
    res.json(previewCodebookImport(ctx.db, currentProject(req).projectId, importOf(req)));
  });
  router.post(`${p}/codebook/import`, settings, (req, res) => {
    res.json(applyCodebookImport(ctx.db, currentProject(req).projectId, importOf(req)));
  });
  router.post(`${p}/codes`, settings, (req, res) => {
    res.status(201).json(addCode(ctx.db, currentProject(req).projectId, CodeBody.parse(req.body)));
  });
  router.patch(`${p}/codes/:codeId`, settings, (req, res) => {
    res.json(
      editCode(ctx.db, currentProject(req).projectId, idParam(req, 'codeId'), CodePatch.parse(req.body)),
    );
  });
  router.delete(`${p}/codes/:codeId`, settings, (req, res) => {
    removeCode(ctx.db, currentProject(req).projectId, idParam(req, 'codeId'));
    res.status(204).end();
  });
  router.post(`${p}/codes/:codeId/move`, settings, (req, res) => {
    const to = MoveCodeBody.parse(req.body);
    res.json(moveCode(ctx.db, currentProject(req).projectId, idParam(req, 'codeId'), to));
  });

  router.post(`${p}/extraction-fields`, settings, (req, res) => {
    const body = FieldBody.parse(req.body);
    const field = addField(ctx.db, currentProject(req).projectId, { ...body, options: body.options ?? [] });
    res.status(201).json(field);
  });
  router.patch(`${p}/extraction-fields/:fieldId`, settings, (req, res) => {
    const edit = FieldPatch.parse(req.body);
    res.json(editField(ctx.db, currentProject(req).projectId, idParam(req, 'fieldId'), edit));
  });
  router.post(`${p}/extraction-fields/:fieldId/move`, settings, (req, res) => {
    const { index } = MoveFieldBody.parse(req.body);
    res.json(moveField(ctx.db, currentProject(req).projectId, idParam(req, 'fieldId'), index));
  });
  router.delete(`${p}/extraction-fields/:fieldId`, settings, (req, res) => {
    removeField(ctx.db, currentProject(req).projectId, idParam(req, 'fieldId'));
    res.status(204).end();
  });

  router.get(`${p}/coding/settings`, read, (req, res) => {
    res.json(codingSettings(ctx.db, currentProject(req).projectId));
  });
  router.patch(`${p}/coding/settings`, settings, (req, res) => {
    res.json(updateCodingSettings(ctx.db, currentProject(req).projectId, currentActor(req), req.body));
  });
  router.post(`${p}/coding/unblind`, resolve, (req, res) => {
    res.json(unblindCodingStage(ctx.db, currentProject(req).projectId, currentActor(req)));
  });

  router.get(`${p}/coding/studies`, read, (req, res) => {
    res.json(listCodingStudies(ctx.db, currentProject(req).projectId, currentActor(req)));
  });

  router.get(`${p}/coding/studies/:recordId`, read, (req, res) => {
    res.json(codingStudy(ctx.db, currentProject(req).projectId, currentActor(req), idParam(req, 'recordId')));
  });

  router.post(`${p}/coding/studies/:recordId/applications`, code, (req, res) => {
    const body = ApplyBody.parse(req.body);
    const input = { ...body, recordId: idParam(req, 'recordId') };
    res.status(201).json(applyCode(deps, currentProject(req).projectId, currentActor(req), input));
  });
  router.delete(`${p}/coding/applications/:applicationId`, code, (req, res) => {
    removeApplication(deps, currentProject(req).projectId, currentActor(req), idParam(req, 'applicationId'));
    res.status(204).end();
  });
  router.put(`${p}/coding/studies/:recordId/values/:field`, code, (req, res) => {
    const { value } = ValueBody.parse(req.body);
    const input = { recordId: idParam(req, 'recordId'), field: String(req.params.field), value };
    res.json({ value: setExtractionValue(deps, currentProject(req).projectId, currentActor(req), input) });
  });
  router.post(`${p}/coding/studies/:recordId/done`, code, (req, res) => {
    res.json(markStudyDone(deps, currentProject(req).projectId, currentActor(req), idParam(req, 'recordId')));
  });
  router.delete(`${p}/coding/studies/:recordId/done`, code, (req, res) => {
    res.json(reopenStudy(deps, currentProject(req).projectId, currentActor(req), idParam(req, 'recordId')));
  });

  router.post(`${p}/coding/studies/:recordId/consensus/applications`, resolve, (req, res) => {
    const input = { ...ConsensusApplicationBody.parse(req.body), recordId: idParam(req, 'recordId') };
    res
      .status(201)
      .json(addConsensusApplication(deps, currentProject(req).projectId, currentActor(req), input));
  });
  router.delete(`${p}/coding/consensus/applications/:consensusId`, resolve, (req, res) => {
    removeConsensusApplication(
      deps,
      currentProject(req).projectId,
      currentActor(req),
      idParam(req, 'consensusId'),
    );
    res.status(204).end();
  });
  router.put(`${p}/coding/studies/:recordId/consensus/values/:field`, resolve, (req, res) => {
    const body = ConsensusValueBody.parse(req.body);
    const input = { ...body, recordId: idParam(req, 'recordId'), field: String(req.params.field) };
    res.json(setConsensusValue(deps, currentProject(req).projectId, currentActor(req), input));
  });
  router.get(`${p}/coding/agreement`, read, (req, res) => {
    res.json(codingAgreementFor(ctx.db, currentProject(req).projectId, currentActor(req)));
  });

  const report = (req: Request) =>
    synthesisFor(ctx.db, currentProject(req).projectId, currentActor(req), SynthesisQuery.parse(req.query));
  router.get(`${p}/synthesis`, read, (req, res) => {
    res.json(report(req));
  });
  router.get(`${p}/synthesis.json`, read, (req, res) => {
    res.set('content-disposition', attachment('synthesis.json')).json(report(req));
  });
  router.get(`${p}/synthesis.csv`, read, (req, res) => {
    const r = report(req);
    // one file with the frequency table, then each cross-tab and the evidence, separated by blank lines
    const parts = [frequenciesCsv(r), ...r.crossTabs.map(crossTabCsv), evidenceCsv(r)];
    res.type('text/csv').set('content-disposition', attachment('synthesis.csv')).send(parts.join('\r\n'));
  });
  router.get(`${p}/synthesis.md`, read, (req, res) => {
    const options = SynthesisQuery.parse(req.query);
    const markdown = synthesisMarkdown(ctx.db, currentProject(req).projectId, currentActor(req), options);
    res.type('text/markdown').set('content-disposition', attachment('synthesis.md')).send(markdown);
  });
  router.put(`${p}/synthesis/summaries/:codeId`, code, (req, res) => {
    const { summary } = SummaryBody.parse(req.body);
    setThemeSummary(deps, currentProject(req).projectId, { codeId: idParam(req, 'codeId'), summary });
    res.json({ summary });
  });

  return router;
}
