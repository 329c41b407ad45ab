import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app';
import {
  codebookFromCsv,
  codebookFromJson,
  codebookToCsv,
  codebookToJson,
} from '../../domain/coding/codebook';
import { crossTabCsv, evidenceCsv, frequenciesCsv } from '../../domain/coding/report';
import {
  addCode,
  applyCode,
  codebookWithIds,
  codingStudy,
  editCode,
  importCodebook,
  listCodingStudies,
  projectSynthesis,
  readCodebook,
  removeApplication,
  removeCode,
  setExtractionValue,
  setThemeSummary,
  synthesisMarkdown,
} from '../../services/coding';
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
});
const ApplyBody = z.object({
  codeId: Id,
  excerpt: z.string().max(20_000).optional(),
  page: z.string().max(50).nullable().optional(),
  note: z.string().max(5000).optional(),
});
const ValueBody = z.object({ value: z.unknown() });
const SummaryBody = z.object({ summary: z.string().max(50_000) });

/** Codebook, coding of included studies, and the theme synthesis with its exports. */
export function codingRoutes(ctx: AppContext): Router {
  const router = Router();
  const p = '/projects/:projectId';
  const read = requireProjectAction(ctx, 'read');
  const code = requireProjectAction(ctx, 'code');
  const settings = requireProjectAction(ctx, 'settings');
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
  router.post(`${p}/codebook/import`, settings, (req, res) => {
    const body = ImportBody.parse(req.body);
    const name = body.fileName ?? `codebook.${body.format}`;
    const book =
      body.format === 'json' ? codebookFromJson(body.text, name) : codebookFromCsv(body.text, name);
    res.json(importCodebook(ctx.db, currentProject(req).projectId, book));
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

  router.get(`${p}/coding/studies`, read, (req, res) => {
    res.json(listCodingStudies(ctx.db, currentProject(req).projectId));
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

  const report = (req: Request) => projectSynthesis(ctx.db, currentProject(req).projectId);
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
    const markdown = synthesisMarkdown(ctx.db, currentProject(req).projectId);
    res.type('text/markdown').set('content-disposition', attachment('synthesis.md')).send(markdown);
  });
  router.put(`${p}/synthesis/summaries/:codeId`, code, (req, res) => {
    const { summary } = SummaryBody.parse(req.body);
    setThemeSummary(deps, currentProject(req).projectId, { codeId: idParam(req, 'codeId'), summary });
    res.json({ summary });
  });

  return router;
}
