import { openDatabase } from '../../db/connection';
import { systemClock } from '../../domain/clock';
import { reportMarkdown } from '../../domain/coding/report';
import { projectSynthesis } from '../../services/coding';
import { resolveProject } from '../../services/projects';
import { parseCommandArgs, required } from '../args';
import type { Command } from '../types';

/**
 * `sift synthesis`: theme frequencies, cross-tabs, co-occurrence and evidence of the included
 * studies. The JSON is a contract: `{"codes": [{"code", "label", "studies", …}], …}`.
 */
export const synthesisCommand: Command = {
  name: 'synthesis',
  usage: 'sift synthesis --db FILE [--project NAME] [--json]',
  summary: 'print the theme synthesis of the included studies (Markdown, or JSON with --json)',
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      db: { type: 'string' },
      project: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const db = openDatabase(required(values.db, 'db'));
    try {
      const project = resolveProject(db, values.project, { clock: systemClock });
      const report = projectSynthesis(db, project.id);
      io.stdout.write(
        values.json ? `${JSON.stringify(report, null, 2)}\n` : reportMarkdown(report, project.name),
      );
      return 0;
    } finally {
      db.close();
    }
  },
};
