import type { Project } from '../../server/api/types';
import { h, mount } from './dom';
import { currentPath, navigate } from './router';
import { currentUser, logout } from './session';
import { reflowTables } from './table-reflow';

const PROJECT_SECTIONS: [path: string, label: string][] = [
  ['', 'Dashboard'],
  ['/import', 'Import'],
  ['/records', 'Records'],
  ['/dedup', 'Duplicates'],
  ['/screening/title_abstract', 'Screening'],
  ['/conflicts', 'Conflicts'],
  ['/fulltext', 'Full text'],
  ['/coding', 'Coding'],
  ['/synthesis', 'Synthesis'],
  ['/appraisal', 'Appraisal'],
  ['/prisma', 'PRISMA'],
  ['/report', 'Report'],
  ['/settings', 'Settings'],
];

/**
 * The frame around every signed-in page: a header with the user and, inside a project, the
 * navigation between the review's stages. Returns the element the page fills.
 */
export function frame(root: HTMLElement, project?: Project): HTMLElement {
  const user = currentUser();
  const content = h('div', { class: 'content', id: 'content' });
  const nav = project
    ? h(
        'nav',
        { class: 'stages', 'aria-label': 'Review stages' },
        ...PROJECT_SECTIONS.map(([suffix, label]) => {
          const href = `#/projects/${project.id}${suffix}`;
          const section = `/projects/${project.id}${suffix.split('/').slice(0, 2).join('/')}`;
          const path = currentPath().split('?')[0] ?? '';
          const active = path === href.slice(1) || (suffix !== '' && (path === section || path.startsWith(`${section}/`)));
          return h('a', { href, 'aria-current': active ? 'page' : null }, label);
        }),
      )
    : null;
  const header = h(
    'header',
    { class: 'topbar' },
    h('a', { href: '#/projects', class: 'brand' }, 'Sift'),
    project ? h('span', { class: 'project-name', title: project.name }, project.name) : null,
    h('span', { class: 'spacer' }),
    user ? h('span', { class: 'who' }, `${user.username}${project ? ` · ${project.role}` : ''}`) : null,
    user?.admin ? h('a', { href: '#/admin', class: 'topbar-link' }, 'Admin') : null,
    user ? h('a', { href: '#/account', class: 'topbar-link' }, 'Account') : null,
    user
      ? h(
          'button',
          {
            type: 'button',
            class: 'link',
            onclick: async () => {
              await logout();
              navigate('/login');
            },
          },
          'Sign out',
        )
      : null,
  );
  mount(root, header, nav, content);
  reflowTables(content);
  return content;
}

/** A status line for errors and results; assistive technology reads it out. */
export function statusLine(): HTMLParagraphElement {
  return h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
}
