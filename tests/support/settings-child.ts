/**
 * A second process for tests/integration/projects/settings.test.ts: adds 1 to a counter in
 * its own settings section N times, each through updateSection, while the test's other child
 * does the same to another section of the same project. Prints `done` when finished.
 *
 *   settings-child.ts DB PROJECT_ID SECTION N
 */
import { openDatabase } from '../../server/db/connection';
import { updateSection } from '../../server/services/project-settings';
import { counterSection } from './settings';

const [dbFile, projectId, name, times] = process.argv.slice(2);
if (!dbFile || !projectId || !name || !times)
  throw new Error('usage: settings-child.ts DB PROJECT_ID SECTION N');
const db = openDatabase(dbFile);
const section = counterSection(name);
for (let i = 0; i < Number(times); i++) updateSection(db, Number(projectId), section, (n) => n + 1);
db.close();
process.stdout.write('done\n');
