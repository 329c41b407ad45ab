import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import { requireProjectExists } from '../db/repos/projects';
import * as repo from '../db/repos/screening';
import { may, minimumRole, type Action } from '../domain/auth/actions';
import type { Actor } from '../domain/auth/actor';
import { ForbiddenError, ValidationError } from '../domain/errors';
import {
  applySettingsPatch,
  SCREENING_SETTINGS,
  settingsPatchSchema,
  unblindStage,
  type ScreeningSettings,
} from '../domain/screening/settings';
import { foldEvents, outcomeOf } from '../domain/screening/state';
import { STAGES, type Stage } from '../domain/screening/types';
import type { ServiceDeps } from './deps';
import { readSection, updateSection } from './project-settings';

export type { Actor } from '../domain/auth/actor';
/** The screening services' dependencies: the common ServiceDeps. */
export type ScreeningDeps = ServiceDeps;

/** NotFound unless the project exists. */
export const requireProject = requireProjectExists;

/** The same actions table the route guards use (domain/auth/actions.ts), checked again here for callers without HTTP. */
export function requireAction(actor: Actor, action: Action): void {
  if (!may(actor.role, action)) {
    throw new ForbiddenError(
      `this needs the ${minimumRole(action)} role in this project; you are ${actor.role}`,
    );
  }
}

// ---------- settings ----------

/** Screening's section of the project settings, over the defaults. */
export function getSettings(db: Db, projectId: number): Api.ScreeningSettings {
  return readSection(db, projectId, SCREENING_SETTINGS);
}

/** Owner changes settings; a new number of required reviewers re-evaluates every record of that stage. */
export function updateSettings(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  patch: unknown,
): Api.ScreeningSettings {
  const { db, clock } = deps;
  requireAction(actor, 'settings');
  const parsed = settingsPatchSchema.safeParse(patch);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; '),
    );
  }
  return db
    .transaction(() => {
      let before: ScreeningSettings | undefined;
      const next = updateSection(db, projectId, SCREENING_SETTINGS, (current) => {
        before = current;
        return applySettingsPatch(current, parsed.data);
      });
      const now = clock().toISOString();
      for (const stage of STAGES) {
        if (before?.stages[stage].reviewersRequired !== next.stages[stage].reviewersRequired) {
          rebuildStage(db, projectId, stage, next, now);
        }
      }
      return next;
    })
    .immediate();
}

/** The owner lets reviewers see each other's votes at a stage; there is no way back. */
export function unblind(db: Db, projectId: number, actor: Actor, stage: Stage): Api.ScreeningSettings {
  requireProject(db, projectId);
  requireAction(actor, 'resolve');
  return updateSection(db, projectId, SCREENING_SETTINGS, (current) => unblindStage(current, stage));
}

/** Rewrites a stage's projections from its events (after a settings change, or to check them). */
export function rebuildStage(
  db: Db,
  projectId: number,
  stage: Stage,
  settings: ScreeningSettings,
  at: string,
): void {
  repo.clearProjections(db, projectId, stage);
  for (const [recordId, events] of repo.eventsByRecord(db, projectId, stage)) {
    const state = foldEvents(events);
    repo.writeProjection(
      db,
      projectId,
      recordId,
      stage,
      state,
      outcomeOf(state, settings.stages[stage].reviewersRequired),
      events.at(-1)?.at ?? at,
    );
  }
}
