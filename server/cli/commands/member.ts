import { parseRole } from '../../domain/auth/roles';
import { systemClock } from '../../domain/clock';
import { addProjectMember } from '../../services/members';
import { parseCommandArgs, required, UsageError } from '../args';
import { withProject } from '../database';
import type { CommandIO } from '../types';

/** `sift member add`: give a user a role in a project (named: a member is never added by default). */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const [action, ...rest] = argv;
  if (action !== 'add') throw new UsageError();
  const { values } = parseCommandArgs(rest, {
    db: { type: 'string' },
    project: { type: 'string' },
    username: { type: 'string' },
    role: { type: 'string' },
  });
  required(values.db, 'db');
  required(values.project, 'project');
  const username = required(values.username, 'username');
  const role = parseRole(required(values.role, 'role'));
  return withProject(values, (db, project) => {
    const member = addProjectMember({ db, clock: systemClock }, project.id, { username, role });
    io.stdout.write(`${member.username} is now ${member.role} of "${project.name}"\n`);
    return 0;
  });
}
