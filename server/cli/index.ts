import { DomainError } from '../domain/errors';
import { asksForHelp, UsageError } from './args';
import { commands } from './commands';
import type { Command, CommandIO } from './types';

function usage(): string {
  const lines = commands.map((c) => `  ${c.usage}\n      ${c.summary}`);
  return `usage: sift <command> [options]   (sift <command> --help for one)\n\ncommands:\n${lines.join('\n')}\n`;
}

function commandHelp(command: Command): string {
  return `usage: ${command.usage}\n\n${command.summary}\n`;
}

/** Runs one `sift` command and resolves to its exit status; errors go to stderr, never a stack for user errors. */
export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`sift: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (asksForHelp(rest)) {
    io.stdout.write(commandHelp(command));
    return 0;
  }
  try {
    const { run } = await command.load();
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`sift ${name}: usage: ${command.usage}\n`);
      return 2;
    }
    if (error instanceof DomainError) {
      io.stderr.write(`sift ${name}: ${error.message}\n`);
      return error.code === 'validation_failed' ? 2 : 1;
    }
    io.stderr.write(`sift ${name}: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => {
    process.exitCode = code;
  });
}
