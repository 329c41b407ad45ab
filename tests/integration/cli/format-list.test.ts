import path from 'node:path';
import { FORMAT_IDS } from '../../../server/domain/import/types';
import { SOURCE_KINDS } from '../../../server/domain/source-kinds';
import { removeDir, sift, tempDir } from '../../support/cli';
import { FIXTURES } from '../pipeline/fixtures';

/** `--format` and `--kind` take the domain's lists, so a format added by the README's recipe is accepted at once. */
describe('sift import takes the domain lists of formats and source kinds', () => {
  let dir: string;
  beforeAll(() => (dir = tempDir('sift-formats-')));
  afterAll(() => removeDir(dir));
  const file = path.join(FIXTURES, 'embase.ris');

  it.each(FORMAT_IDS)(
    '--format %s is a format it knows (the file may still not parse as one)',
    async (format) => {
      const run = await sift([
        'import',
        '--db',
        path.join(dir, `${format}.sqlite`),
        '--format',
        format,
        file,
      ]);
      expect(run.stderr).not.toMatch(/--format must be/);
    },
  );

  it.each(SOURCE_KINDS)('--kind %s is a kind it knows', async (kind) => {
    const run = await sift(['import', '--db', path.join(dir, `${kind}.sqlite`), '--kind', kind, file]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
  });

  it('refuses anything else naming the lists, which --help shows', async () => {
    const db = path.join(dir, 'x.sqlite');
    expect(await sift(['import', '--db', db, '--format', 'docx', file])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`--format must be one of ${FORMAT_IDS.join(', ')}`),
    });
    expect((await sift(['import', '--db', db, '--kind', 'web', file])).stderr).toContain(
      `--kind must be one of ${SOURCE_KINDS.join(', ')}`,
    );
    const help = (await sift(['import', '--help'])).stdout;
    expect(help).toContain(`--format ${FORMAT_IDS.join('|')}`);
    expect(help).toContain(`--kind ${SOURCE_KINDS.join('|')}`);
  });
});
