import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import { appraisalRepo } from '../db/repos/appraisal';
import { getProject } from '../db/repos/projects';
import type { Actor } from '../domain/auth/actor';
import { APPRAISAL_SETTINGS, DEFAULT_TOOL } from '../domain/appraisal/settings';
import {
  allowedAnswers,
  criterionIndex,
  toolFromJson,
  validateTool,
  type AppraisalTool,
} from '../domain/appraisal/tool';
import { BUILT_IN_TOOLS, builtInTool } from '../domain/appraisal/tools';
import { ConflictError, NotFoundError } from '../domain/errors';
import type { ServiceDeps } from './deps';
import { readSection, updateSection } from './project-settings';
import { requireAction } from './screening-settings';

/**
 * Which tools a project may appraise with: the shipped ones (in the code, paraphrased and cited)
 * and the project's own (made in the browser or imported as JSON, stored in appraisal_tools).
 * Owners choose one; a tool cannot change under answers it no longer holds.
 */

/** The project's own tools, read back through the domain's validation. */
function ownTools(db: Db, projectId: number): AppraisalTool[] {
  return appraisalRepo(db)
    .listTools(projectId)
    .flatMap((row) => {
      try {
        return [validateTool(JSON.parse(row.json))];
      } catch (error) {
        // Every writer validates first: a row that no longer reads is a bug, logged, not a dead page.
        console.error(`appraisal tool ${row.id} of project ${projectId} does not read:`, error);
        return [];
      }
    });
}

/** Every tool the project may choose (shipped first), in full. */
export function availableTools(db: Db, projectId: number): (AppraisalTool & { builtIn: boolean })[] {
  return [
    ...BUILT_IN_TOOLS.map((t) => ({ ...t, builtIn: true })),
    ...ownTools(db, projectId).map((t) => ({ ...t, builtIn: false })),
  ];
}

/** The tool the project appraises with (MMAT 2018 until the owner chooses another). */
export function projectTool(db: Db, projectId: number): AppraisalTool {
  const id = readSection(db, projectId, APPRAISAL_SETTINGS).tool;
  return ownTools(db, projectId).find((t) => t.id === id) ?? builtInTool(id) ?? builtInTool(DEFAULT_TOOL)!;
}

export function toolsFor(db: Db, projectId: number): Api.AppraisalToolsResponse {
  getProject(db, projectId);
  return { active: projectTool(db, projectId).id, tools: availableTools(db, projectId) };
}

/**
 * Refuses a tool that would strand work already done: every design chosen and every answer given
 * (by an appraiser or in the consensus) must still be one the tool holds.
 */
function requireHoldsWork(db: Db, projectId: number, tool: AppraisalTool): void {
  const index = criterionIndex(tool);
  const missing = new Set<string>();
  for (const used of appraisalRepo(db).usedAnswers(projectId)) {
    if (used.design !== null) {
      if (!tool.designs.some((d) => d.id === used.design)) missing.add(`design "${used.design}"`);
      continue;
    }
    const entry = index.get(used.criterion);
    if (!entry) missing.add(`criterion "${used.criterion}"`);
    else if (!allowedAnswers(tool, entry.criterion).includes(used.answer))
      missing.add(`answer "${used.answer}" to criterion "${used.criterion}"`);
  }
  if (missing.size > 0)
    throw new ConflictError(
      `studies are already appraised with what this tool lacks: ${[...missing].sort().join(', ')}. ` +
        'Keep those in the tool, or appraise with the tool the answers were given in.',
    );
}

/** The owner chooses the tool the project appraises with. */
export function chooseTool(
  db: Db,
  projectId: number,
  actor: Actor,
  toolId: string,
): Api.AppraisalToolsResponse {
  requireAction(actor, 'settings');
  db.transaction(() => {
    const tool = availableTools(db, projectId).find((t) => t.id === toolId);
    if (!tool) throw new NotFoundError(`no appraisal tool "${toolId}" in this project`);
    requireHoldsWork(db, projectId, tool);
    updateSection(db, projectId, APPRAISAL_SETTINGS, (current) => ({ ...current, tool: tool.id }));
  }).immediate();
  return toolsFor(db, projectId);
}

/**
 * The owner saves a tool of their own (edited in the browser, or imported) and appraises with it.
 * A shipped tool's id is refused: a copy gets its own id, so the shipped wording stays as cited.
 */
export function saveProjectTool(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  value: unknown,
): AppraisalTool {
  getProject(deps.db, projectId);
  requireAction(actor, 'settings');
  return storeProjectTool(deps, projectId, validateTool(value), actor.userId);
}

/**
 * Stores a project's own tool and makes it the one the project appraises with, in one
 * transaction, refusing a shipped tool's id and a tool that lacks work already done. Who may do
 * this is the caller's business: saveProjectTool checks the owner; the CLI opens the file itself.
 */
export function storeProjectTool(
  deps: ServiceDeps,
  projectId: number,
  tool: AppraisalTool,
  updatedBy: number | null,
): AppraisalTool {
  const { db } = deps;
  getProject(db, projectId);
  if (builtInTool(tool.id))
    throw new ConflictError(
      `"${tool.id}" is a tool Sift ships; give your own tool another id (e.g. "${tool.id}-ours")`,
    );
  const now = deps.clock();
  db.transaction(() => {
    requireHoldsWork(db, projectId, tool);
    appraisalRepo(db).saveTool(projectId, tool.id, JSON.stringify(tool), updatedBy, now);
    updateSection(db, projectId, APPRAISAL_SETTINGS, (current) => ({ ...current, tool: tool.id }));
  }).immediate();
  return tool;
}

/** The owner imports a tool from a JSON file (a syntax error names its line; a wrong shape its field). */
export function importToolJson(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  input: { text: string; fileName: string },
): AppraisalTool {
  requireAction(actor, 'settings');
  return saveProjectTool(deps, projectId, actor, toolFromJson(input.text, input.fileName));
}

/** A tool of the project by id (shipped or its own), for export; the active one without an id. */
export function toolForExport(db: Db, projectId: number, toolId?: string): AppraisalTool {
  if (toolId === undefined) return projectTool(db, projectId);
  const tool = availableTools(db, projectId).find((t) => t.id === toolId);
  if (!tool) throw new NotFoundError(`no appraisal tool "${toolId}" in this project`);
  const { builtIn: _builtIn, ...plain } = tool;
  return plain;
}
