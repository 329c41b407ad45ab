import fs from 'node:fs';
import path from 'node:path';
import { createProject, findProjectByName } from '../db/repos/projects';
import { countActiveAdmins, findUserByUsername, setAdmin } from '../db/repos/users';
import type { SourceKind } from '../domain/source-kinds';
import type { ServiceDeps } from './deps';
import { DEMO_ADMIN, LATER_DEMO_STEPS } from './demo-steps';
import { importOwnFiles } from './import';
import { packagePath } from '../package-root';

/** The demo review `npm start` opens: real records from data/demo/ (see data/demo/SOURCES.md). */
export const DEMO_PROJECT = {
  name: 'Learner perspectives on micro-credentials in continuing education',
  description:
    'How do adult, continuing-education and professional-development learners perceive, value and choose ' +
    'micro-credentials? A demo review built from real published works (data/demo/SOURCES.md).',
};

export const DEMO_DATA_DIR = packagePath('data', 'demo');

const SEARCH =
  '("micro-credential*" OR microcredential* OR "digital badge*") AND (learner* OR student* OR "continuing education")';

/** The searches of the demo, one file each, as data/demo/SOURCES.md describes them. */
export const DEMO_SOURCES: { file: string; name: string; kind: SourceKind; searchString: string | null }[] = [
  { file: 'ouci.ris', name: 'OUCI (Crossref metadata index)', kind: 'database', searchString: SEARCH },
  { file: 'eric.ris', name: 'ERIC', kind: 'database', searchString: SEARCH },
  { file: 'doaj.ris', name: 'DOAJ', kind: 'database', searchString: SEARCH },
  {
    file: 'catalogues.csv',
    name: 'Library catalogues and discovery services',
    kind: 'database',
    searchString: SEARCH,
  },
  {
    file: 'websites.ris',
    name: 'Publisher and repository platforms',
    kind: 'database',
    searchString: SEARCH,
  },
  {
    file: 'citation-search.ris',
    name: 'Citation searching (reading lists)',
    kind: 'other',
    searchString: null,
  },
];

/** What every demo step sees: the service deps, the demo project and where its files are. */
export interface DemoContext extends ServiceDeps {
  projectId: number;
  dataDir: string;
}

/** One step of building the demo; steps run in order inside one transaction. */
export interface DemoStep {
  name: string;
  run(ctx: DemoContext): void;
}

/** Imports each demo file as its own source, exactly as a user's upload would. */
export const importDemoSources: DemoStep = {
  name: 'import the searches',
  run(ctx) {
    for (const source of DEMO_SOURCES) {
      const bytes = fs.readFileSync(path.join(ctx.dataDir, source.file));
      importOwnFiles(ctx, ctx.projectId, {
        source: { name: source.name, kind: source.kind, searchString: source.searchString },
        files: [{ fileName: source.file, bytes }],
      });
    }
  },
};

/**
 * The demo, step by step. Later features append theirs here (demo users owner/alice/bob,
 * screening decisions, a codebook …); each step gets the context with the project already made.
 */
export const DEMO_STEPS: DemoStep[] = [importDemoSources, ...LATER_DEMO_STEPS];

export interface BuildDemoOptions {
  dataDir?: string;
  steps?: DemoStep[];
}

/** Creates the demo project and runs every step, all in one transaction: a failed step leaves no half demo. */
export function buildDemo(deps: ServiceDeps, options: BuildDemoOptions = {}): DemoContext {
  const { db, clock } = deps;
  return db.transaction(() => {
    const project = createProject(db, DEMO_PROJECT, clock());
    const ctx: DemoContext = { db, clock, projectId: project.id, dataDir: options.dataDir ?? DEMO_DATA_DIR };
    for (const step of options.steps ?? DEMO_STEPS) step.run(ctx);
    return ctx;
  })();
}

/** Builds the demo unless the database already holds it; returns the demo project's id and whether it was built now. */
export function ensureDemo(
  deps: ServiceDeps,
  options: BuildDemoOptions = {},
): { projectId: number; built: boolean } {
  const existing = findProjectByName(deps.db, DEMO_PROJECT.name);
  if (existing) {
    // A demo built before site administrators existed: its owner becomes the administrator.
    const owner = findUserByUsername(deps.db, DEMO_ADMIN);
    if (owner && countActiveAdmins(deps.db) === 0) setAdmin(deps.db, owner.id, true);
    return { projectId: existing.id, built: false };
  }
  return { projectId: buildDemo(deps, options).projectId, built: true };
}
