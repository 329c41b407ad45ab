import { openDatabase } from '../../db/connection';
import { findProjectIdByName } from '../../db/repos/members';
import { parseRole } from '../../domain/auth/roles';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { addProjectMember } from '../../services/members';
import { parseCommandArgs, required } from '../args';
import type { Command } from '../types';

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
      const projectId = findProjectIdByName(db, projectName);
      if (projectId === undefined) throw new NotFoundError(`no project named "${projectName}"`);
      const member = addProjectMember(db, projectId, username, role, new Date());
      io.stdout.write(`${member.username} is now ${member.role} of "${projectName}"\n`);
      return 0;
    } finally {
      db.close();
    }
  },
};
