import type { Express } from 'express';
import type TestAgent from 'supertest/lib/agent';
import { fillPath, isUnrouted, readRoutesCounted } from './routes';

/**
 * The differential blinding sweep's reader: every GET route of the app, each pattern filled with
 * every value its parameters can take in a small project, read by one caller, kept as the exact
 * bytes the server sent (status, content type, body). Two readings taken before and after someone
 * else acts must be equal byte for byte when the caller is blind to that act.
 */

/** Why a GET route's answer may or may not depend on other members' judgements. */
export type RouteClass =
  /** no project data, or none computed from anyone's votes or codes */
  | 'no-judgements'
  /** the caller's own votes or codes, and which records still need them */
  | 'own-work'
  /** computed from other people's votes or codes: the visibility policy decides what is shown */
  | 'policy';

export interface RouteEntry {
  class: RouteClass;
  /** extra query strings the sweep reads besides the bare URL (each starting with '?') */
  queries?: string[];
}

/**
 * Every GET route of the API, classified. The sweep fails for a route missing here (a new
 * route must be classified before it ships) and for an entry that names no route.
 */
export const GET_ROUTES: Record<string, RouteEntry> = {
  '/api/health': { class: 'no-judgements' },
  '/api/auth/me': { class: 'no-judgements' },
  '/api/auth/status': { class: 'no-judgements' },
  '/api/admin/users': { class: 'no-judgements' },
  '/api/admin/events': { class: 'no-judgements' },
  '/api/tokens': { class: 'no-judgements' },
  '/api/projects': { class: 'no-judgements' },
  '/api/projects/:projectId': { class: 'no-judgements' },
  '/api/projects/:projectId/members': { class: 'no-judgements' },
  '/api/projects/:projectId/invitations': { class: 'no-judgements' },
  '/api/projects/:projectId/sources': { class: 'no-judgements' },
  '/api/projects/:projectId/imports/:importId': { class: 'no-judgements' },
  // Statuses, outcome filters and others' notes go through the policy (docs/notes/records.md).
  '/api/projects/:projectId/records': {
    class: 'policy',
    queries: [
      '?q=Record&limit=3',
      '?status=duplicate',
      '?status=included',
      '?status=pending&sort=title&dir=desc',
      '?stage=full_text',
      '?reason=Wrong%20population',
      '?conflict=title_abstract',
      '?myVote=title_abstract:none',
      '?myVote=full_text:include',
      '?sort=author&limit=2',
    ],
  },
  '/api/projects/:projectId/records/:recordId': { class: 'policy' },
  '/api/projects/:projectId/records/:recordId/timeline': { class: 'policy' },
  '/api/projects/:projectId/labels': { class: 'no-judgements' },
  '/api/projects/:projectId/history': { class: 'no-judgements' },
  '/api/projects/:projectId/export.:extension': { class: 'policy', queries: ['?status=included'] },
  '/api/projects/:projectId/archive.json': { class: 'policy' },
  '/api/projects/:projectId/dedup/clusters': { class: 'no-judgements', queries: ['?status=all'] },
  '/api/projects/:projectId/settings': { class: 'no-judgements' },
  '/api/projects/:projectId/queue': { class: 'own-work', queries: ['?stage=full_text'] },
  '/api/projects/:projectId/screening/:stage/queue': { class: 'own-work', queries: ['?limit=1'] },
  '/api/projects/:projectId/mine': { class: 'own-work', queries: ['?stage=full_text'] },
  '/api/projects/:projectId/screening/:stage/mine': { class: 'own-work' },
  '/api/projects/:projectId/progress': { class: 'policy', queries: ['?stage=full_text'] },
  '/api/projects/:projectId/screening/:stage/progress': { class: 'policy' },
  '/api/projects/:projectId/conflicts': { class: 'policy', queries: ['?stage=full_text'] },
  '/api/projects/:projectId/screening/:stage/conflicts': { class: 'policy' },
  '/api/projects/:projectId/agreement': {
    class: 'policy',
    queries: ['?stage=full_text', '?maybe=separate'],
  },
  '/api/projects/:projectId/screening/:stage/agreement': { class: 'policy', queries: ['?maybe=separate'] },
  '/api/projects/:projectId/screening/status': { class: 'policy' },
  '/api/projects/:projectId/fulltext': { class: 'policy' },
  '/api/projects/:projectId/fulltext/:recordId/pdf': { class: 'policy' },
  '/api/projects/:projectId/studies': { class: 'policy' },
  '/api/projects/:projectId/prisma': { class: 'policy' },
  '/api/projects/:projectId/prisma.svg': {
    class: 'policy',
    queries: ['?other=true&previous=true&detail=true'],
  },
  '/api/projects/:projectId/prisma.png': { class: 'policy' },
  '/api/projects/:projectId/prisma.pdf': { class: 'policy' },
  '/api/projects/:projectId/prisma.html': { class: 'policy' },
  '/api/projects/:projectId/prisma.csv': { class: 'policy' },
  '/api/projects/:projectId/prisma/settings': { class: 'no-judgements' },
  '/api/projects/:projectId/prisma/boxes/:box/records': { class: 'policy' },
  '/api/projects/:projectId/codebook': { class: 'no-judgements' },
  '/api/projects/:projectId/codebook.json': { class: 'no-judgements' },
  '/api/projects/:projectId/codebook.csv': { class: 'no-judgements' },
  '/api/projects/:projectId/coding/settings': { class: 'no-judgements' },
  '/api/projects/:projectId/coding/studies': { class: 'own-work' },
  '/api/projects/:projectId/coding/studies/:recordId': { class: 'own-work' },
  '/api/projects/:projectId/coding/agreement': { class: 'policy' },
  '/api/projects/:projectId/synthesis': {
    class: 'policy',
    queries: ['?appraisal=stratify', '?appraisal=all-yes'],
  },
  '/api/projects/:projectId/synthesis.json': { class: 'policy' },
  '/api/projects/:projectId/synthesis.csv': { class: 'policy' },
  '/api/projects/:projectId/synthesis.md': { class: 'policy' },
  '/api/projects/:projectId/ranking': { class: 'policy', queries: ['?recallTarget=0.8&window=2'] },
  '/api/projects/:projectId/appraisal/settings': { class: 'no-judgements' },
  '/api/projects/:projectId/appraisal/tools': { class: 'no-judgements' },
  '/api/projects/:projectId/appraisal/tool.json': {
    class: 'no-judgements',
    queries: ['?tool=jbi-analytical-cross-sectional'],
  },
  '/api/projects/:projectId/appraisal/studies': { class: 'own-work' },
  '/api/projects/:projectId/appraisal/studies/:recordId': { class: 'own-work' },
  '/api/projects/:projectId/appraisal/summary': { class: 'policy' },
  '/api/projects/:projectId/appraisal/summary.json': { class: 'policy' },
  '/api/projects/:projectId/appraisal/summary.csv': { class: 'policy' },
  '/api/projects/:projectId/appraisal/plot.svg': { class: 'policy', queries: ['?kind=both'] },
  '/api/projects/:projectId/appraisal/plot.png': { class: 'policy', queries: ['?kind=summary'] },
  // The drafted report holds every stage's outcomes, agreement and coding: owners only while any stage is blind.
  '/api/projects/:projectId/report': { class: 'policy', queries: ['?style=vancouver'] },
  '/api/projects/:projectId/report.docx': { class: 'policy' },
  '/api/projects/:projectId/report.html': { class: 'policy', queries: ['?style=harvard'] },
  '/api/projects/:projectId/report.md': { class: 'policy' },
  '/api/projects/:projectId/report/checklist.csv': { class: 'policy' },
  '/api/projects/:projectId/report/checklist.docx': { class: 'policy' },
};

/** The GET patterns of an app, read by the shared reader (which refuses to miss a route). */
export function getRoutesOf(build: () => Express): { app: Express; paths: string[] } {
  const { built, routes } = readRoutesCounted(build, (app) => app.router);
  return { app: built, paths: routes.filter((r) => r.method === 'GET').map((r) => r.path) };
}

/** Patterns the app serves that GET_ROUTES does not classify, and entries that match no route. */
export function unclassified(paths: readonly string[]): { missing: string[]; stale: string[] } {
  return {
    missing: paths.filter((p) => !(p in GET_ROUTES)),
    stale: Object.keys(GET_ROUTES).filter((p) => !paths.includes(p)),
  };
}

/** Values the sweep fills each path parameter with (every record, both stages, every format…). */
export interface ParamValues {
  projectId: number;
  recordId: readonly number[];
  stage?: readonly string[];
  extension?: readonly string[];
  box?: readonly string[];
}

/** Every concrete URL of a pattern: the cartesian product of its parameters' values, then its queries. */
export function concreteUrls(path: string, values: ParamValues): string[] {
  const choices: Record<string, readonly (string | number)[]> = {
    projectId: [values.projectId],
    recordId: values.recordId,
    stage: values.stage ?? ['title_abstract', 'full_text'],
    extension: values.extension ?? ['ris', 'csv', 'bib', 'xlsx'],
    box: values.box ?? ['included', 'duplicates', 'new_studies', 'dbr_excluded', 'records_screened'],
    // An import job: its files and record counts, nobody's judgement (none exists here: a 404).
    importId: [1],
  };
  let filled: Record<string, string | number>[] = [{}];
  for (const [, name] of path.matchAll(/:([A-Za-z_$][A-Za-z0-9_$]*)/g)) {
    const options = choices[name as string];
    if (!options) throw new Error(`concreteUrls: no values for :${name} in ${path}; add them`);
    filled = filled.flatMap((f) => options.map((v) => ({ ...f, [name as string]: v })));
  }
  const queries = ['', ...(GET_ROUTES[path]?.queries ?? [])];
  return filled.flatMap((params) => queries.map((q) => `${fillPath(path, params)}${q}`));
}

export interface Reading {
  status: number;
  type: string;
  /** the body exactly as sent (base64, so PNG and PDF bytes compare too) */
  body: string;
}

/** One caller's answer to every URL, keyed by URL; refuses a URL that matched no route. */
export async function readEverything(
  agent: TestAgent,
  urls: readonly string[],
): Promise<Record<string, Reading>> {
  const out: Record<string, Reading> = {};
  for (const url of urls) {
    const res = await agent
      .get(url)
      .buffer(true)
      .parse((stream, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const bytes = res.body as Buffer;
    if (isUnrouted({ status: res.status, body: parseJson(bytes) }))
      throw new Error(`readEverything: ${url} matched no route (a mis-built URL checks nothing)`);
    out[url] = {
      status: res.status,
      type: String(res.headers['content-type'] ?? ''),
      body: bytes.toString('base64'),
    };
  }
  return out;
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The URLs whose readings differ, with both bodies decoded for the failure message. */
export function differences(
  before: Record<string, Reading>,
  after: Record<string, Reading>,
): { url: string; before: string; after: string }[] {
  const show = (r: Reading | undefined) =>
    r ? `${r.status} ${r.type} ${Buffer.from(r.body, 'base64').toString('utf8').slice(0, 400)}` : '(missing)';
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((url) => JSON.stringify(before[url]) !== JSON.stringify(after[url]))
    .map((url) => ({ url, before: show(before[url]), after: show(after[url]) }));
}
