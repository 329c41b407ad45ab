import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import * as repo from '../db/repos/screening';
import { may, minimumRole, type Action } from '../domain/auth/actions';
import type { Clock } from '../domain/clock';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import {
  applySettingsPatch,
  settingsFromStored,
  settingsPatchSchema,
  votesVisibleToReviewers,
  type ScreeningSettings,
} from '../domain/screening/settings';
import { foldEvents, outcomeOf } from '../domain/screening/state';
import { STAGES, type ProjectRole, type Stage } from '../domain/screening/types';

/** Who is acting: the signed-in user and their role in the project (from the auth guard). */
export interface Actor {
  userId: number;
  role: ProjectRole;
}

export interface ScreeningDeps {
  db: Db;
  clock: Clock;
}

export function requireProject(db: Db, projectId: number): void {
  if (!repo.projectExists(db, projectId)) throw new NotFoundError(`project ${projectId} not found`);
}

/** The same actions table the route guards use (domain/auth/actions.ts), checked again here for callers without HTTP. */
export function requireAction(actor: Actor, action: Action): void {
  if (!may(actor.role, action)) {
    throw new ForbiddenError(
      `this needs the ${minimumRole(action)} role in this project; you are ${actor.role}`,
    );
  }
}

// ---------- settings ----------

function storedProjectSettings(db: Db, projectId: number): Record<string, unknown> {
  const json = repo.readSettingsJson(db, projectId);
  if (json === undefined) throw new NotFoundError(`project ${projectId} not found`);
  try {
    const parsed: unknown = JSON.parse(json);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** Screening settings live under the "screening" key of projects.settings_json; other keys belong to other areas. */
export function getSettings(db: Db, projectId: number): Api.ScreeningSettings {
  return settingsFromStored(storedProjectSettings(db, projectId).screening);
}

function saveSettings(db: Db, projectId: number, settings: ScreeningSettings): void {
  const all = storedProjectSettings(db, projectId);
  repo.writeSettingsJson(db, projectId, JSON.stringify({ ...all, screening: settings }));
}

/** Owner changes settings; a new number of required reviewers re-evaluates every record of that stage. */
export function updateSettings(
  deps: ScreeningDeps,
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
      const current = getSettings(db, projectId);
      const next = applySettingsPatch(current, parsed.data);
      saveSettings(db, projectId, next);
      for (const stage of STAGES) {
        if (current.stages[stage].reviewersRequired !== next.stages[stage].reviewersRequired) {
          rebuildStage(db, projectId, stage, next, clock().toISOString());
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
  return db
    .transaction(() => {
      const settings = getSettings(db, projectId);
      settings.stages[stage].unblinded = true;
      saveSettings(db, projectId, settings);
      return settings;
    })
    .immediate();
}

/** Whether this actor may see other reviewers' votes (and anything derived from them) at a stage. */
export function canSeeOthersVotes(db: Db, projectId: number, actor: Actor, stage: Stage): boolean {
  return may(actor.role, 'resolve') || votesVisibleToReviewers(getSettings(db, projectId).stages[stage]);
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
