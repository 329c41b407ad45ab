import { openDatabase } from '../../db/connection';
import { createProject, listProjects } from '../../db/repos/projects';
import { countRecords } from '../../db/repos/records';
import { listSources } from '../../db/repos/sources';
import { systemClock } from '../../domain/clock';
import { requireUserByName } from '../../services/accounts';
import { createOwnedProject } from '../../services/projects';
import { ValidationError } from '../../domain/errors';
import { parseCommandArgs, required } from '../args';
import type { Command } from '../types';

export const projectCommand: Command = {
  name: 'project',
  usage:
    'sift project add --db FILE --name NAME [--description TEXT] [--owner USERNAME] | sift project list --db FILE [--json]',
  summary: 'create a review project, or list the projects of a database',
  async run(argv, io) {
    const [action, ...rest] = argv;
    const { values, positionals } = parseCommandArgs(rest, {
      db: { type: 'string' },
      name: { type: 'string' },
      description: { type: 'string' },
      owner: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    if (positionals.length > 0) throw new ValidationError(`unexpected argument "${positionals[0]}"`);
    const db = openDatabase(required(values.db, 'db'));
    try {
      if (action === 'add') {
        const input = { name: required(values.name, 'name'), description: values.description ?? '' };
        // With --owner the project is visible in the web app at once; without, add members with `sift member add`.
        const project = values.owner
          ? createOwnedProject(db, input, requireUserByName(db, values.owner).id, systemClock)
          : createProject(db, input, systemClock());
        if (values.json) io.stdout.write(`${JSON.stringify({ id: project.id, name: project.name })}\n`);
        else io.stdout.write(`created project ${project.id} "${project.name}"\n`);
        return 0;
      }
      if (action === 'list') {
        const rows = listProjects(db).map((p) => ({
          id: p.id,
          name: p.name,
          description: p.description,
          createdAt: p.createdAt,
          sources: listSources(db, p.id).length,
          records: countRecords(db, p.id),
        }));
        if (values.json) io.stdout.write(`${JSON.stringify(rows)}\n`);
        else if (rows.length === 0) io.stdout.write('no projects\n');
        else
          for (const r of rows)
            io.stdout.write(`${r.id}\t${r.name}\t${r.sources} sources\t${r.records} records\n`);
        return 0;
      }
      throw new ValidationError(
        `sift project needs "add" or "list", not ${action ? `"${action}"` : 'nothing'}`,
      );
    } finally {
      db.close();
    }
  },
};
