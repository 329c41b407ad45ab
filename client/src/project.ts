import type { Project, ProjectResponse } from '../../server/api/types';
import { api } from './api';

const cache = new Map<number, Project>();

/** The project a page belongs to (name and the user's role), fetched once per visit. */
export async function loadProject(id: number): Promise<Project> {
  const cached = cache.get(id);
  if (cached) return cached;
  const { project } = await api.get<ProjectResponse>(`/api/projects/${id}`);
  cache.set(id, project);
  return project;
}
