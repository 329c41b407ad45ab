import { openDatabase } from '../../server/db/connection';
import { parseRole } from '../../server/domain/auth/roles';
import { systemClock } from '../../server/domain/clock';
import { ValidationError } from '../../server/domain/errors';
import { addProjectMember } from '../../server/services/members';
import { resolveProject } from '../../server/services/projects';
import { parseCommandArgs, required } from '../args';
import type { Command } from './types';

const USAGE = 'sift member add --db FILE --project NAME --username U --role owner|reviewer|viewer';

export const memberCommand: Command = {
  name: 'member',
  usage: USAGE,
  summary: 'give a user a role in a project',
  async run(argv, io) {
    const [action, ...rest] = argv;
    if (action !== 'add') throw new ValidationError(`usage: ${USAGE}`);
    const { values } = parseCommandArgs(rest, {
      db: { type: 'string' },
      project: { type: 'string' },
      username: { type: 'string' },
      role: { type: 'string' },
    });
    const dbFile = required(values.db, 'db');
    const projectName = required(values.project, 'project');
    const username = required(values.username, 'username');
    const role = parseRole(required(values.role, 'role'));
    const db = openDatabase(dbFile);
    try {
      const projectId = resolveProject(db, projectName).id;
      const member = addProjectMember({ db, clock: systemClock }, projectId, { username, role });
      io.stdout.write(`${member.username} is now ${member.role} of "${projectName}"\n`);
      return 0;
    } finally {
      db.close();
    }
  },
};
