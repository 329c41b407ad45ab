import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app';
import { codingRepo } from '../../db/repos/coding';
import { findReport, includedReportIds } from '../../db/repos/fulltext';
import {
  codebookFromCsv,
  codebookFromJson,
  codebookToCsv,
  codebookToJson,
} from '../../domain/coding/codebook';
import { studyLabel } from '../../domain/coding/extraction';
import { crossTabCsv, evidenceCsv, frequenciesCsv, reportMarkdown } from '../../domain/coding/report';
import { NotFoundError } from '../../domain/errors';
import {
  addCode,
  coderNames,
  projectSynthesis,
  applyCode,
  editCode,
  importCodebook,
  readCodebook,
  removeApplication,
  removeCode,
  setExtractionValue,
  setThemeSummary,
} from '../../services/coding';
import { currentProject, currentUser, requireProjectAction } from '../auth';

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
  const studySet = (req: Request) => new Set(includedReportIds(ctx.db, currentProject(req).projectId));
  const attachment = (name: string) => `attachment; filename="${name}"`;

  router.get(`${p}/codebook`, read, (req, res) => {
    const repo = codingRepo(ctx.db);
    const { projectId } = currentProject(req);
    res.json({ codes: repo.listCodes(projectId), fields: repo.listFields(projectId) });
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
      editCode(ctx.db, currentProject(req).projectId, Id.parse(req.params.codeId), CodePatch.parse(req.body)),
    );
  });
  router.delete(`${p}/codes/:codeId`, settings, (req, res) => {
    removeCode(ctx.db, currentProject(req).projectId, Id.parse(req.params.codeId));
    res.status(204).end();
  });

  router.get(`${p}/coding/studies`, read, (req, res) => {
    const { projectId } = currentProject(req);
    const counts = new Map<number, number>();
    for (const a of codingRepo(ctx.db).listApplications(projectId))
      counts.set(a.recordId, (counts.get(a.recordId) ?? 0) + 1);
    const rows = codingRepo(ctx.db).studyRecords(projectId, includedReportIds(ctx.db, projectId));
    const studies = rows.map((r) => ({
      id: r.id,
      label: studyLabel(r.authors, r.year, r.title, r.id),
      title: r.title,
      applications: counts.get(r.id) ?? 0,
    }));
    res.json({ studies });
  });

  router.get(`${p}/coding/studies/:recordId`, read, (req, res) => {
    const { projectId } = currentProject(req);
    const recordId = Id.parse(req.params.recordId);
    if (!studySet(req).has(recordId)) throw new NotFoundError(`record ${recordId} is not an included study`);
    const me = currentUser(req).id;
    const repo = codingRepo(ctx.db);
    const study = repo.studyRecord(projectId, recordId)!;
    const name = coderNames(ctx.db);
    const fieldKey = new Map(repo.listFields(projectId).map((f) => [f.id, f.key]));
    const values: Record<string, unknown> = {};
    for (const v of repo.listValues(projectId, recordId))
      if (v.userId === me) values[fieldKey.get(v.fieldId) ?? ''] = v.value;
    const report = findReport(ctx.db, recordId);
    const fullText = report?.pdfFile
      ? { kind: 'pdf', href: `/api/projects/${projectId}/fulltext/${recordId}/pdf` }
      : report?.url
        ? { kind: 'url', href: report.url }
        : null;
    res.json({
      study: { ...study, label: studyLabel(study.authors, study.year, study.title, study.id) },
      fullText,
      applications: repo
        .listApplications(projectId, recordId)
        .map((a) => ({ ...a, coder: name(a.userId), mine: a.userId === me })),
      values,
    });
  });

  router.post(`${p}/coding/studies/:recordId/applications`, code, (req, res) => {
    const body = ApplyBody.parse(req.body);
    const app = applyCode(
      ctx.db,
      currentProject(req).projectId,
      currentUser(req).id,
      studySet(req),
      { ...body, recordId: Id.parse(req.params.recordId) },
      ctx.clock,
    );
    res.status(201).json(app);
  });
  router.delete(`${p}/coding/applications/:applicationId`, code, (req, res) => {
    const { projectId, role } = currentProject(req);
    removeApplication(
      ctx.db,
      projectId,
      currentUser(req).id,
      role === 'owner',
      Id.parse(req.params.applicationId),
      ctx.clock,
    );
    res.status(204).end();
  });
  router.put(`${p}/coding/studies/:recordId/values/:field`, code, (req, res) => {
    const { value } = ValueBody.parse(req.body);
    const stored = setExtractionValue(
      ctx.db,
      currentProject(req).projectId,
      currentUser(req).id,
      studySet(req),
      { recordId: Id.parse(req.params.recordId), field: String(req.params.field), value },
      ctx.clock,
    );
    res.json({ value: stored });
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
    const markdown = reportMarkdown(
      report(req),
      codingRepo(ctx.db).projectName(currentProject(req).projectId) ?? 'Review',
    );
    res.type('text/markdown').set('content-disposition', attachment('synthesis.md')).send(markdown);
  });
  router.put(`${p}/synthesis/summaries/:codeId`, code, (req, res) => {
    const { summary } = SummaryBody.parse(req.body);
    setThemeSummary(ctx.db, currentProject(req).projectId, Id.parse(req.params.codeId), summary, ctx.clock);
    res.json({ summary });
  });

  return router;
}
