import fs from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../../../server/domain/errors';
import * as fulltext from '../../../server/services/fulltext';
import * as screening from '../../../server/services/screening';
import { openTestDb } from '../../support/db';
import { seedScreeningProject } from '../../support/screening';
import { tempDir } from '../../support/cli';

const clock = () => new Date('2026-02-01T10:00:00Z');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

function setup() {
  const db = openTestDb();
  const p = seedScreeningProject(db, 1);
  const uploadsDir = tempDir('sift-pdf-');
  const deps = { db, clock, uploadsDir, maxBytes: 1024 };
  const recordId = p.recordIds[0]!;
  for (const actor of [p.alice, p.bob])
    screening.decide(deps, p.projectId, actor, { recordId, stage: 'title_abstract', decision: 'include' });
  const snapshot = () => ({
    rows: db.prepare('SELECT * FROM fulltext_reports').all(),
    files: fs.readdirSync(uploadsDir, { recursive: true }),
  });
  return { db, deps, uploadsDir, recordId, snapshot, ...p };
}

describe('full-text PDF upload', () => {
  it('stores a PDF under a server-made name and marks the report retrieved', () => {
    const s = setup();
    fulltext.uploadPdf(s.deps, s.projectId, s.owner, s.recordId, {
      bytes: PDF,
      originalName: '../../../etc/passwd.pdf',
    });
    const { file, downloadName } = fulltext.pdfLocation(s.deps, s.projectId, s.owner, s.recordId);
    expect(path.basename(file)).toMatch(/^[0-9a-f-]{36}\.pdf$/);
    expect(file.startsWith(s.uploadsDir)).toBe(true);
    expect(fs.readFileSync(file)).toEqual(PDF);
    expect(downloadName).toBe('passwd.pdf');
    expect(fulltext.listReports(s.db, s.projectId, s.owner).reports[0]).toMatchObject({
      status: 'retrieved',
      hasPdf: true,
      pdfSize: PDF.length,
    });
  });

  it.each([
    ['a file without the %PDF- signature', Buffer.from('<html>not a pdf</html>')],
    ['an empty file', Buffer.alloc(0)],
    ['a file over the size limit', Buffer.concat([PDF, Buffer.alloc(2000, 32)])],
  ])('refuses %s and leaves the database and the folder unchanged', (_name, bytes) => {
    const s = setup();
    const before = s.snapshot();
    expect(() =>
      fulltext.uploadPdf(s.deps, s.projectId, s.owner, s.recordId, { bytes, originalName: 'x.pdf' }),
    ).toThrow(ValidationError);
    expect(s.snapshot()).toEqual(before);
  });

  it('replacing a PDF removes the old file', () => {
    const s = setup();
    fulltext.uploadPdf(s.deps, s.projectId, s.owner, s.recordId, { bytes: PDF, originalName: 'a.pdf' });
    fulltext.uploadPdf(s.deps, s.projectId, s.owner, s.recordId, { bytes: PDF, originalName: 'b.pdf' });
    expect(fs.readdirSync(path.join(s.uploadsDir, `project-${s.projectId}`))).toHaveLength(1);
  });
});
