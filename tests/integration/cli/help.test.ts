import { commands } from '../../../server/cli/commands';
import { sift } from '../../support/cli';

describe('sift <command> --help', () => {
  // Every command and subcommand, from the command table: a new one is covered without editing this test.
  const cases = commands.flatMap((c) =>
    [[c.name], ...(c.actions ?? []).map((a) => [c.name, a])].flatMap((words) =>
      ['--help', '-h'].map((flag) => ({ words, flag, usage: c.usage })),
    ),
  );
  it.each(cases)('sift $words $flag prints its usage and exits 0', async ({ words, flag, usage }) => {
    const run = await sift([...words, flag]);
    expect(run).toEqual({ code: 0, stdout: expect.stringContaining(usage), stderr: '' });
  });
});
