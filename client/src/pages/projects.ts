import type { ProjectListResponse, ProjectResponse } from '../../../server/api/types';
import { api, ApiError } from '../api';
import { h, mount } from '../dom';
import { frame, statusLine } from '../layout';
import { navigate } from '../router';

export async function projectsPage(root: HTMLElement): Promise<void> {
  const content = frame(root);
  const { projects } = await api.get<ProjectListResponse>('/api/projects');
  const status = statusLine();
  const name = h('input', { id: 'project-name', name: 'name', required: true, maxlength: 200 });
  const create = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        try {
          const { project } = await api.post<ProjectResponse>('/api/projects', {
            name: name.value,
          });
          navigate(`/projects/${project.id}`);
        } catch (e) {
          status.textContent = e instanceof ApiError ? e.message : 'Could not create the project';
        }
      },
    },
    h('label', { for: 'project-name' }, 'New review'),
    name,
    h('button', { type: 'submit' }, 'Create'),
  );
  mount(
    content,
    h('h1', {}, 'Reviews'),
    projects.length === 0
      ? h('p', {}, 'No reviews yet. Create one below.')
      : h(
          'ul',
          { class: 'cards' },
          ...projects.map((p) =>
            h(
              'li',
              { class: 'card' },
              h('a', { href: `#/projects/${p.id}` }, h('strong', {}, p.name)),
              h('p', { class: 'muted' }, p.description || ''),
              h('p', { class: 'muted' }, `Your role: ${p.role}`, ` · ${p.records} records`),
            ),
          ),
        ),
    create,
    status,
  );
}
