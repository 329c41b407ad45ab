import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import {
  getRankingModel,
  listRankingRecords,
  recordSetStamp,
  replaceScores,
  scoresFor,
  settledTitleAbstractOutcomes,
  COLD_START_VERSION,
  type RankingModelRow,
} from '../db/repos/ranking';
import { duplicateRecordIds } from '../db/repos/screening';
import { removalsOfProject } from '../db/repos/record-removals';
import { coldStartOrder } from '../domain/ranking/coldStart';
import { probability } from '../domain/ranking/linearModel';
import { configFor, Learner, modelVersion, type RankerConfig } from '../domain/ranking/ranker';
import type { SparseMatrix } from '../domain/ranking/sparse';
import { DEFAULT_STOPPING, stoppingReport, type StoppingOptions } from '../domain/ranking/stopping';
import { tfidfSteps } from '../domain/ranking/tfidf';
import { applyPrioritisationPatch, PRIORITISATION_SETTINGS } from '../domain/ranking/settings';
import { readSection, updateSection } from './project-settings';
import type { ServiceDeps } from './deps';
import { visibilityFor } from './visibility';
import type { Actor } from '../domain/auth/actor';

/**
 * One screening decision as ranking sees it: a record judged relevant (1) or not (0).
 * The screening module owns decisions; it hands them over through a DecisionReader, oldest
 * first, one per record (the consensus label where there is one, else the latest decision).
 */
export interface RankingDecision {
  recordId: number;
  label: 0 | 1;
}
export type DecisionReader = (db: Db, projectId: number) => RankingDecision[];

/** The screening module's settled title/abstract outcomes (agreed or resolved), oldest first. */
export const screeningDecisions: DecisionReader = (db, projectId) =>
  settledTitleAbstractOutcomes(db, projectId).map((r) => ({
    recordId: r.recordId,
    label: r.outcome === 'include' ? 1 : 0,
  }));

/** The owner's prioritisation settings, stored in projects.settings_json under "prioritisation". */
export type PrioritisationSettings = Api.PrioritisationSettings;

/** The project's prioritisation settings; NotFound for an unknown project. */
export function prioritisationSettings(db: Db, projectId: number): PrioritisationSettings {
  return readSection(db, projectId, PRIORITISATION_SETTINGS);
}

/** The owner turns prioritisation on or off (and sets cold-start keywords, the model); a retrain follows. */
export function updatePrioritisationSettings(
  deps: ServiceDeps,
  projectId: number,
  patch: Partial<PrioritisationSettings>,
): PrioritisationSettings {
  const next = updateSection(deps.db, projectId, PRIORITISATION_SETTINGS, (current) =>
    applyPrioritisationPatch(current, patch),
  );
  requestRetrain(deps, projectId);
  return next;
}

interface CachedFeatures {
  stamp: string;
  configKey: string;
  recordIds: number[];
  x: SparseMatrix;
}

// TF-IDF depends only on the records, not on decisions: build it once per record set and
// reuse it for every retrain. Keyed by database so tests with separate databases never mix.
const featureCache = new WeakMap<Db, Map<number, CachedFeatures>>();

function* featuresFor(
  db: Db,
  projectId: number,
  config: RankerConfig,
): Generator<void, CachedFeatures, void> {
  const stamp = recordSetStamp(db, projectId);
  const configKey = JSON.stringify(config.tfidf);
  let perDb = featureCache.get(db);
  if (!perDb) featureCache.set(db, (perDb = new Map()));
  const cached = perDb.get(projectId);
  if (cached && cached.stamp === stamp && cached.configKey === configKey) return cached;
  const records = listRankingRecords(db, projectId);
  const built = yield* tfidfSteps(
    records.map((r) => r.doc),
    config.tfidf,
  );
  const fresh: CachedFeatures = { stamp, configKey, recordIds: records.map((r) => r.id), x: built.matrix };
  perDb.set(projectId, fresh);
  return fresh;
}

export interface RetrainResult {
  trained: boolean;
  model: RankingModelRow | null;
}

/**
 * Trains on the project's decisions and replaces its scores. Without at least one include
 * and one exclude there is nothing to learn from: scores are left alone and the queue keeps
 * its cold-start order. Synchronous; call it through RankingScheduler from request handlers.
 */
export function retrainProject(
  deps: ServiceDeps,
  projectId: number,
  readDecisions: DecisionReader,
): RetrainResult {
  const steps = retrainSteps(deps, projectId, readDecisions);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** retrainProject() in steps: yields while building features so the scheduler can interleave requests. */
export function* retrainSteps(
  deps: ServiceDeps,
  projectId: number,
  readDecisions: DecisionReader,
): Generator<void, RetrainResult, void> {
  const { db } = deps;
  const settings = prioritisationSettings(db, projectId);
  const config = configFor(settings.model);
  const started = performance.now();
  const features = yield* featuresFor(db, projectId, config);
  const rowOf = new Map(features.recordIds.map((id, row) => [id, row]));
  const learner = new Learner(features.x, config);
  for (const d of readDecisions(db, projectId)) {
    const row = rowOf.get(d.recordId);
    if (row !== undefined) learner.add({ row, label: d.label });
  }
  // Read after the feature build, which may take many event-loop turns: the stamp says when the model was trained.
  const now = deps.clock();
  if (!learner.canTrain) {
    writeColdStart(db, projectId, settings, learner, now, started);
    return { trained: false, model: getRankingModel(db, projectId) };
  }
  const model = learner.fit();
  const scores = features.recordIds.map((recordId, row) => ({
    recordId,
    score: probability(model, features.x, row),
  }));
  const row = {
    modelVersion: modelVersion(config),
    trainedAt: now.toISOString(),
    includes: learner.includes,
    excludes: learner.excludes,
    records: features.recordIds.length,
    durationMs: performance.now() - started,
  };
  replaceScores(db, projectId, scores, row);
  return { trained: true, model: { projectId, ...row } };
}

/**
 * Before the first include and exclude the queue follows the cold-start order (keyword
 * matches first, then random per project). It is stored as descending pseudo-scores below
 * 0.5 under model_version "cold-start", so the screening queue's SQL orders by it too; it is
 * never shown as a relevance.
 */
function writeColdStart(
  db: Db,
  projectId: number,
  settings: PrioritisationSettings,
  learner: Learner,
  now: Date,
  started: number,
): void {
  const order = coldStartOrder(listRankingRecords(db, projectId), settings.keywords, projectId);
  const scores = order.map((recordId, i) => ({ recordId, score: 0.5 * (1 - i / Math.max(1, order.length)) }));
  replaceScores(db, projectId, scores, {
    modelVersion: COLD_START_VERSION,
    trainedAt: now.toISOString(),
    includes: learner.includes,
    excludes: learner.excludes,
    records: order.length,
    durationMs: performance.now() - started,
  });
}

/**
 * Runs retrains off the request path: request() returns at once and the retrain runs on a
 * later turn of the event loop (setImmediate). Requests for a project that arrive while one
 * is queued or running coalesce into a single follow-up run, so a burst of decisions costs
 * at most two retrains and screening never waits for the model. Scores are replaced in one
 * transaction, so a queue read sees either the old ranking or the new one.
 */
export class RankingScheduler {
  private readonly queued = new Set<number>();
  private readonly running = new Set<number>();
  private readonly again = new Set<number>();
  private pending: Promise<void>[] = [];

  constructor(
    private readonly deps: ServiceDeps,
    private readonly readDecisions: DecisionReader,
    private readonly onError: (projectId: number, error: unknown) => void = (id, e) =>
      process.stderr.write(`ranking: retrain of project ${id} failed: ${(e as Error).stack ?? String(e)}\n`),
  ) {}

  /** Asks for a retrain of the project soon; never blocks, never throws. */
  request(projectId: number): void {
    if (this.queued.has(projectId)) return;
    if (this.running.has(projectId)) {
      this.again.add(projectId);
      return;
    }
    this.queued.add(projectId);
    this.pending.push(
      new Promise<void>((resolve) =>
        setImmediate(() => {
          this.queued.delete(projectId);
          this.running.add(projectId);
          const steps = retrainSteps(this.deps, projectId, this.readDecisions);
          // One step per event-loop turn: requests are served between the chunks of a build.
          const advance = () => {
            let finished = true;
            try {
              finished = steps.next().done === true;
            } catch (error) {
              this.onError(projectId, error);
            }
            if (!finished) {
              setImmediate(advance);
              return;
            }
            this.running.delete(projectId);
            if (this.again.delete(projectId)) this.request(projectId);
            resolve();
          };
          advance();
        }),
      ),
    );
  }

  /** Resolves when no retrain is queued or running (for tests and orderly shutdown). */
  async idle(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      await Promise.all(batch);
    }
  }
}

/**
 * Orders a reviewer's queue. With prioritisation off the order given is kept. With it on,
 * scored records come by decreasing predicted relevance; records without a score yet (no
 * model, or imported since the last retrain) follow in the cold-start order: keyword matches
 * first, then a random order fixed per project.
 */
export function orderQueue(db: Db, projectId: number, recordIds: readonly number[]): number[] {
  const settings = prioritisationSettings(db, projectId);
  if (!settings.enabled) return [...recordIds];
  const scores = scoresFor(db, projectId, recordIds);
  const scored = recordIds.filter((id) => scores.has(id));
  scored.sort((a, b) => (scores.get(b) as number) - (scores.get(a) as number) || a - b);
  const unscored = recordIds.filter((id) => !scores.has(id));
  if (unscored.length === 0) return scored;
  const wanted = new Set(unscored);
  const docs = listRankingRecords(db, projectId).filter((r) => wanted.has(r.id));
  return [...scored, ...coldStartOrder(docs, settings.keywords, projectId)];
}

/** Scores to show on records (probability of inclusion, 0..1), absent when not scored yet. */
export function recordScores(db: Db, projectId: number, recordIds: readonly number[]): Map<number, number> {
  return scoresFor(db, projectId, recordIds, true);
}

/**
 * The stopping panel for a project, from its decisions in the order they were made. It counts
 * only the records still at title/abstract: a record merged into another as a duplicate, or
 * removed before screening, is neither screened nor waiting (a decision left on one is not counted).
 */
export function projectStoppingReport(
  db: Db,
  projectId: number,
  readDecisions: DecisionReader,
  options: StoppingOptions = DEFAULT_STOPPING,
): Api.StoppingReport & { model: Api.RankingModel | null } {
  prioritisationSettings(db, projectId); // 404 for an unknown project
  const duplicates = duplicateRecordIds(db, projectId);
  // Records removed before screening by a bulk exclusion are not at title/abstract either.
  const removed = [...removalsOfProject(db, projectId).keys()].filter((id) => !duplicates.has(id)).length;
  const total = listRankingRecords(db, projectId).length - duplicates.size - removed;
  const labels = readDecisions(db, projectId)
    .filter((d) => !duplicates.has(d.recordId))
    .map((d) => d.label);
  return {
    ...stoppingReport(labels, Math.max(total, labels.length), options),
    duplicatesLeftOut: duplicates.size,
    model: getRankingModel(db, projectId),
  };
}

/**
 * GET …/ranking as this member may see it: the owner's switch always; the model and the
 * stopping panel are trained on settled title/abstract outcomes (other reviewers' votes), so
 * they are shown once title/abstract is open to the member (the policy's `ranking` view).
 */
export function rankingOverview(
  db: Db,
  projectId: number,
  actor: Actor,
  options: StoppingOptions = DEFAULT_STOPPING,
): Api.RankingResponse {
  const settings = prioritisationSettings(db, projectId);
  if (!visibilityFor(db, projectId, actor).may({ kind: 'ranking' })) {
    return { settings, visibility: 'blinded', model: null, stopping: null };
  }
  const { model, ...stopping } = projectStoppingReport(db, projectId, screeningDecisions, options);
  return { settings, visibility: 'full', model, stopping };
}

// One scheduler per database: the server has one, each test database gets its own.
const schedulers = new WeakMap<Db, RankingScheduler>();

/**
 * Called after every title/abstract decision, retraction or resolution: when the owner has
 * prioritisation on, queues a background retrain on the settled outcomes and returns at once.
 */
export function requestRetrain(deps: ServiceDeps, projectId: number): void {
  const { db } = deps;
  if (!prioritisationSettings(db, projectId).enabled) return;
  let scheduler = schedulers.get(db);
  if (!scheduler) schedulers.set(db, (scheduler = new RankingScheduler(deps, screeningDecisions)));
  scheduler.request(projectId);
}

/** Waits for background retrains of this database (tests, shutdown). */
export async function rankingIdle(db: Db): Promise<void> {
  await schedulers.get(db)?.idle();
}
