import { ValidationError } from '../../domain/errors';
import { requireUserByName } from '../../services/accounts';
import { allProjects, createOwnedProject, createUnownedProject } from '../../services/projects';
import { parseCommandArgs, required } from '../args';
import { cliDeps, withDb } from '../database';
import type { CommandIO } from '../types';

/** `sift project add|list`: add starts a review and may create the database; list needs an existing one. */
export async function run(argv: string[], io: CommandIO): Promise<number> {
  const [action, ...rest] = argv;
  const { values, positionals } = parseCommandArgs(rest, {
    db: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    owner: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (positionals.length > 0) throw new ValidationError(`unexpected argument "${positionals[0]}"`);
  if (action === 'add') {
    const input = { name: required(values.name, 'name'), description: values.description ?? '' };
    return withDb(
      values.db,
      (db) => {
        // With --owner the project is visible in the web app at once; without, add members with `sift member add`.
        const project = values.owner
          ? createOwnedProject(cliDeps(db), requireUserByName(db, values.owner).id, input)
          : createUnownedProject(cliDeps(db), input);
        if (values.json) io.stdout.write(`${JSON.stringify({ id: project.id, name: project.name })}\n`);
        else io.stdout.write(`created project ${project.id} "${project.name}"\n`);
        return 0;
      },
      { create: true },
    );
  }
  if (action === 'list') {
    return withDb(values.db, (db) => {
      const rows = allProjects(db).map(({ project: p, sources, records }) => ({
        id: p.id,
        name: p.name,
        description: p.description,
        createdAt: p.createdAt,
        sources,
        records,
      }));
      if (values.json) io.stdout.write(`${JSON.stringify(rows)}\n`);
      else if (rows.length === 0) io.stdout.write('no projects\n');
      else
        for (const r of rows)
          io.stdout.write(`${r.id}\t${r.name}\t${r.sources} sources\t${r.records} records\n`);
      return 0;
    });
  }
  throw new ValidationError(`sift project needs "add" or "list", not ${action ? `"${action}"` : 'nothing'}`);
}
