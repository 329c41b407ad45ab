import { parseBaseUrl, parseExpiry } from '../../domain/auth/one-time-links';
import { parseRole } from '../../domain/auth/roles';
import { createInvitation } from '../../services/invitations';
import { parseCommandArgs, required, UsageError } from '../args';
import { cliDeps, withProject } from '../database';
import type { CommandIO } from '../types';
import { DEFAULT_BASE_URL } from './user';

/** `sift invite add`: a single-use invitation link to join a project with a role (printed once). */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const [action, ...rest] = argv;
  if (action !== 'add') throw new UsageError();
  const { values } = parseCommandArgs(rest, {
    db: { type: 'string' },
    project: { type: 'string' },
    role: { type: 'string' },
    expires: { type: 'string', default: '7d' },
    'base-url': { type: 'string', default: DEFAULT_BASE_URL },
  });
  required(values.db, 'db');
  required(values.project, 'project');
  const role = parseRole(required(values.role, 'role'));
  const expiresInMs = parseExpiry(values.expires as string);
  const baseUrl = parseBaseUrl(values['base-url'] as string);
  return withProject(values, (db, project) => {
    const { link } = createInvitation(cliDeps(db), project.id, 'administrator', {
      role,
      expiresInMs,
      baseUrl,
    });
    io.stdout.write(`${link.url}\n`);
    io.stderr.write(
      `invitation to "${project.name}" as ${role}, single use, valid until ${link.expiresAt}\n`,
    );
    return 0;
  });
}
