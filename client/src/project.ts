import { api } from './api';
import type { ProjectNav } from './layout';

export interface ProjectSummary extends ProjectNav {
  description: string;
}

const cache = new Map<number, ProjectSummary>();

/** The project a page belongs to (name and the user's role), fetched once per visit. */
export async function loadProject(id: number): Promise<ProjectSummary> {
  const cached = cache.get(id);
  if (cached) return cached;
  const { project } = await api.get<{ project: ProjectSummary }>(`/api/projects/${id}`);
  cache.set(id, project);
  return project;
}

export function forgetProjects(): void {
  cache.clear();
}
