import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import * as repo from '../db/repos/fulltext';
import { requireProjectExists } from '../db/repos/projects';
import { findRecord, hasEvents } from '../db/repos/screening';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import type { Actor, ScreeningDeps } from './screening';
import { requireAction } from './screening';
import { visibilityFor } from './visibility';

/** 50 MiB: larger than almost any article PDF, small enough to refuse a mistaken upload. */
export const MAX_PDF_BYTES = 50 * 1024 * 1024;
const PDF_SIGNATURE = Buffer.from('%PDF-', 'ascii');

function requireWriter(db: Db, projectId: number, actor: Actor): void {
  requireProjectExists(db, projectId);
  requireAction(actor, 'import');
}

/** Only reports sought (records included at title/abstract) can be retrieved. */
function requireSought(db: Db, projectId: number, recordId: number): void {
  if (!findRecord(db, projectId, recordId))
    throw new NotFoundError(`record ${recordId} not found in project ${projectId}`);
  if (!repo.isReportSought(db, projectId, recordId)) {
    throw new ConflictError(
      `record ${recordId} was not included at title/abstract, so its report is not sought`,
    );
  }
}

/**
 * Reports sought with their retrieval: the records title/abstract sent on, so shown once its
 * outcomes are open to the caller; full-text outcomes once those are.
 */
export function listReports(db: Db, projectId: number, actor: Actor): Api.ReportListResponse {
  requireProjectExists(db, projectId);
  const vis = visibilityFor(db, projectId, actor);
  vis.require({ kind: 'stage-records', stage: 'full_text' });
  const showOutcome = vis.may({ kind: 'team-work', stage: 'full_text' });
  const reports = repo
    .reportsSought(db, projectId)
    .map(({ pdfFile, fullTextStatus, fullTextOutcome, ...r }) => ({
      ...r,
      hasPdf: pdfFile !== null,
      ...(showOutcome ? { fullTextStatus, fullTextOutcome } : {}),
    }));
  return { reports };
}

export interface UploadDeps extends ScreeningDeps {
  uploadsDir: string;
  maxBytes?: number;
}

/** A note or reason as stored: trimmed, and null when blank. */
const cleanNote = (note: string | null | undefined) => note?.trim() || null;

/**
 * Stores an uploaded PDF under a server-made name and marks the report retrieved. The
 * bytes are checked before anything is written; the file is written before the row so a
 * failed write leaves no row, and removed again if the database refuses.
 */
export function uploadPdf(
  deps: UploadDeps,
  projectId: number,
  actor: Actor,
  recordId: number,
  file: { bytes: Buffer; originalName: string },
): Api.PdfUploaded {
  const { db, clock, uploadsDir } = deps;
  requireWriter(db, projectId, actor);
  requireSought(db, projectId, recordId);
  const max = deps.maxBytes ?? MAX_PDF_BYTES;
  if (file.bytes.length === 0) throw new ValidationError('the uploaded file is empty');
  if (file.bytes.length > max)
    throw new ValidationError(`the PDF is ${file.bytes.length} bytes; the limit is ${max}`);
  if (!file.bytes.subarray(0, PDF_SIGNATURE.length).equals(PDF_SIGNATURE)) {
    throw new ValidationError('the uploaded file is not a PDF (it does not start with %PDF-)');
  }
  const name = `${randomUUID()}.pdf`;
  const relative = path.join(`project-${projectId}`, name);
  const absolute = path.join(uploadsDir, relative);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  fs.writeFileSync(absolute, file.bytes, { flag: 'wx' });
  let previous: string | null = null;
  try {
    db.transaction(() => {
      previous = repo.findReport(db, recordId)?.pdfFile ?? null;
      repo.saveReport(db, {
        projectId,
        recordId,
        status: 'retrieved',
        pdfFile: relative,
        pdfOriginalName: path.basename(file.originalName).slice(0, 255) || 'report.pdf',
        pdfSize: file.bytes.length,
        url: null,
        note: null,
        reason: null,
        userId: actor.userId,
        at: clock().toISOString(),
      });
    }).immediate();
  } catch (error) {
    fs.rmSync(absolute, { force: true });
    throw error;
  }
  if (previous) fs.rmSync(path.join(uploadsDir, previous), { force: true });
  return { recordId, status: 'retrieved' as const, size: file.bytes.length };
}

/** Marks a report retrieved at a URL (an open-access copy, a library link). */
export function setLink(
  deps: ScreeningDeps & { uploadsDir?: string },
  projectId: number,
  actor: Actor,
  recordId: number,
  url: string,
  note?: string | null,
): Api.LinkSaved {
  const { db, clock } = deps;
  requireWriter(db, projectId, actor);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError(`not a URL: ${url}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new ValidationError('the link must be http or https');
  return db
    .transaction(() => {
      requireSought(db, projectId, recordId);
      const previous = repo.findReport(db, recordId);
      repo.saveReport(db, {
        projectId,
        recordId,
        status: 'retrieved',
        // a link added beside an uploaded PDF keeps the PDF
        pdfFile: previous?.pdfFile ?? null,
        pdfOriginalName: previous?.pdfOriginalName ?? null,
        pdfSize: null,
        url: parsed.toString(),
        note: cleanNote(note),
        reason: null,
        userId: actor.userId,
        at: clock().toISOString(),
      });
      return { recordId, status: 'retrieved' as const, url: parsed.toString() };
    })
    .immediate();
}

/** What marking a report not retrievable takes: the record, why it could not be obtained, a note. */
export interface NotRetrievableInput {
  recordId: number;
  reason?: string | null;
  note?: string | null;
}

/** The report could not be obtained (PRISMA: reports not retrieved), with the reason if given. */
export function markNotRetrievable(
  deps: ScreeningDeps,
  projectId: number,
  actor: Actor,
  input: NotRetrievableInput,
): Api.MarkedNotRetrievable {
  const { db, clock } = deps;
  const { recordId } = input;
  requireWriter(db, projectId, actor);
  return db
    .transaction(() => {
      requireSought(db, projectId, recordId);
      if (hasEvents(db, recordId, 'full_text')) {
        throw new ConflictError(`record ${recordId} already has full-text decisions; it was retrieved`);
      }
      repo.saveReport(db, {
        projectId,
        recordId,
        status: 'not_retrievable',
        pdfFile: null,
        pdfOriginalName: null,
        pdfSize: null,
        url: null,
        note: cleanNote(input.note),
        reason: cleanNote(input.reason),
        userId: actor.userId,
        at: clock().toISOString(),
      });
      return { recordId, status: 'not_retrievable' as const };
    })
    .immediate();
}

/**
 * Where the stored PDF of a report is, and the name to offer for download. Only reports sought
 * have one, so it is refused (the same for every record) while title/abstract is blind to the caller.
 */
export function pdfLocation(
  deps: { db: Db; uploadsDir: string },
  projectId: number,
  actor: Actor,
  recordId: number,
): { file: string; downloadName: string } {
  const { db, uploadsDir } = deps;
  requireProjectExists(db, projectId);
  visibilityFor(db, projectId, actor).require({ kind: 'stage-records', stage: 'full_text' });
  if (!findRecord(db, projectId, recordId))
    throw new NotFoundError(`record ${recordId} not found in project ${projectId}`);
  const report = repo.findReport(db, recordId);
  if (!report?.pdfFile) throw new NotFoundError(`record ${recordId} has no uploaded PDF`);
  const file = path.resolve(uploadsDir, report.pdfFile);
  if (!file.startsWith(path.resolve(uploadsDir) + path.sep)) throw new NotFoundError('no such file');
  return { file, downloadName: (report.pdfOriginalName ?? 'report.pdf').replace(/[^\w.\- ]+/g, '_') };
}

// ---------- studies ----------

/** Reports grouped into studies: reports sought, so shown once title/abstract outcomes are open to the caller. */
export function listStudies(db: Db, projectId: number, actor: Actor): Api.Study[] {
  requireProjectExists(db, projectId);
  visibilityFor(db, projectId, actor).require({ kind: 'stage-records', stage: 'full_text' });
  return repo.studies(db, projectId);
}

/** Links several reports to one study (moving them out of any study they were in). */
export function groupReports(
  deps: ScreeningDeps,
  projectId: number,
  actor: Actor,
  input: { label: string; recordIds: number[]; studyId?: number },
): Api.Study {
  const { db, clock } = deps;
  requireWriter(db, projectId, actor);
  const label = input.label.trim();
  if (!label) throw new ValidationError('a study needs a label');
  if (input.recordIds.length === 0) throw new ValidationError('a study needs at least one report');
  return db
    .transaction(() => {
      for (const recordId of input.recordIds) requireSought(db, projectId, recordId);
      let studyId = input.studyId;
      if (studyId !== undefined) {
        if (!repo.findStudy(db, projectId, studyId)) throw new NotFoundError(`study ${studyId} not found`);
      } else {
        studyId = repo.createStudy(db, projectId, label, clock().toISOString());
      }
      for (const recordId of input.recordIds) repo.linkReport(db, studyId, recordId);
      repo.deleteEmptyStudies(db, projectId);
      return { id: studyId, label, recordIds: input.recordIds };
    })
    .immediate();
}

export function ungroupReport(deps: ScreeningDeps, projectId: number, actor: Actor, recordId: number): void {
  const { db } = deps;
  requireWriter(db, projectId, actor);
  db.transaction(() => {
    if (!findRecord(db, projectId, recordId))
      throw new NotFoundError(`record ${recordId} not found in project ${projectId}`);
    repo.unlinkReport(db, recordId);
    repo.deleteEmptyStudies(db, projectId);
  }).immediate();
}
