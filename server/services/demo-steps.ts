import { addMember } from '../db/repos/members';
import { codingRepo } from '../db/repos/coding';
import type { Actor } from '../domain/auth/actor';
import { DEFAULT_SCRYPT, hashPasswordSync } from '../domain/auth/password-hash';
import { demoCodingOf, LEARNER_PERSPECTIVE_CODEBOOK } from '../domain/coding/demo-codebook';
import { storeUser } from './accounts';
import { seedDemoAppraisal } from './appraisal-demo';
import { applyCode, importCodebook, setExtractionValue, setThemeSummary } from './coding';
import { markStudyDone, unblindCodingStage, updateCodingSettings } from './coding-consensus';
import { includedStudies } from './coding-studies';
import { runDedup } from './dedup';
import type { DemoContext, DemoStep } from './demo';
import { seedDemoScreening, type DemoUsers } from './screening-demo';

/** The demo's accounts; the README and the sign-in page say so. */
export const DEMO_PASSWORD = 'sift-demo';
export const DEMO_ACCOUNTS = [
  { username: 'owner', role: 'owner' },
  { username: 'alice', role: 'reviewer' },
  { username: 'bob', role: 'reviewer' },
] as const;

/** The demo account that is a site administrator. */
export const DEMO_ADMIN = 'owner';

// Steps share the users they made through this map, keyed by the demo context.
const demoUsers = new WeakMap<DemoContext, DemoUsers>();

function usersOf(ctx: DemoContext): DemoUsers {
  const users = demoUsers.get(ctx);
  if (!users) throw new Error('the demo accounts step must run before this step');
  return users;
}

/** owner, alice and bob, password sift-demo, as members of the demo review. */
export const createDemoAccounts: DemoStep = {
  name: 'create the demo accounts',
  run(ctx) {
    const ids: Record<string, number> = {};
    for (const account of DEMO_ACCOUNTS) {
      const user = storeUser(ctx, {
        username: account.username,
        passwordHash: hashPasswordSync(DEMO_PASSWORD, DEFAULT_SCRYPT),
        // The demo's owner also administers the demo server (the Admin page).
        admin: account.username === DEMO_ADMIN,
      });
      addMember(ctx.db, ctx.projectId, user.id, account.role, ctx.clock());
      ids[account.username] = user.id;
    }
    demoUsers.set(ctx, { owner: ids.owner!, alice: ids.alice!, bob: ids.bob! });
  },
};

/** Automatic deduplication, leaving uncertain clusters for the owner to review. */
export const deduplicateDemo: DemoStep = {
  name: 'deduplicate',
  run(ctx) {
    runDedup(ctx.db, ctx.projectId, ctx.clock);
  },
};

export const screenDemo: DemoStep = {
  name: 'screen titles/abstracts and full texts',
  run(ctx) {
    seedDemoScreening(ctx, ctx.projectId, usersOf(ctx));
  },
};

/**
 * The learner-perspective codebook, and the coding: one coder per study (alice codes every
 * included study, bob double-codes two for the agreement between coders); each marks their
 * studies done, and the owner unblinds coding so every account sees the synthesis.
 */
export const codeDemo: DemoStep = {
  name: 'load the codebook and code the included studies',
  run(ctx) {
    const { db, projectId, clock } = ctx;
    const deps = { db, clock };
    const users = usersOf(ctx);
    const coder = (userId: number): Actor => ({ userId, role: 'reviewer' });
    const owner: Actor = { userId: users.owner, role: 'owner' };
    importCodebook(db, projectId, LEARNER_PERSPECTIVE_CODEBOOK);
    updateCodingSettings(db, projectId, owner, { codersRequired: 1 });
    const repo = codingRepo(db);
    const codeId = new Map(repo.listCodes(projectId).map((c) => [c.code, c.id]));
    const included = includedStudies(db, projectId).studies.map((s) => s.recordId);
    const countries = ['Australia', 'United Kingdom', 'Canada', 'Germany', 'New Zealand', 'Ireland'];
    const titles = new Map(repo.studyRecords(projectId, included).map((r) => [r.id, r.title ?? '']));
    included.forEach((recordId, i) => {
      const coders = i < 2 ? [users.alice, users.bob] : [users.alice];
      for (const userId of coders) {
        for (const { code, excerpt, illustrative } of demoCodingOf(titles.get(recordId) ?? '')) {
          applyCode(deps, projectId, coder(userId), {
            recordId,
            codeId: codeId.get(code)!,
            excerpt,
            page: null,
            illustrative,
          });
        }
      }
      const alice = coder(users.alice);
      setExtractionValue(deps, projectId, alice, {
        recordId,
        field: 'country',
        value: [countries[i % countries.length]!],
      });
      setExtractionValue(deps, projectId, alice, {
        recordId,
        field: 'design',
        value: i % 2 ? 'Survey' : 'Interviews / focus groups',
      });
      for (const userId of coders) markStudyDone(deps, projectId, coder(userId), recordId);
    });
    unblindCodingStage(db, projectId, owner);
    setThemeSummary(deps, projectId, {
      codeId: codeId.get('ambitions')!,
      summary:
        'Across the included studies, learners take micro-credentials mainly to stay employable and to fill specific skill gaps.',
    });
  },
};

/** A first appraisal of the included studies with MMAT 2018: an illustration made for the demo, marked as such. */
export const appraiseDemo: DemoStep = {
  name: 'appraise the included studies (an illustration)',
  run(ctx) {
    seedDemoAppraisal(ctx, ctx.projectId, usersOf(ctx));
  },
};

export const LATER_DEMO_STEPS: DemoStep[] = [
  createDemoAccounts,
  deduplicateDemo,
  screenDemo,
  codeDemo,
  appraiseDemo,
];
