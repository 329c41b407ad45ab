/** Where a command reads and writes; tests pass buffers, the CLI passes the process streams. */
export interface CommandIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  /** Tests pass a stream; without one, a command that reads stdin reads the process's. */
  stdin?: NodeJS.ReadableStream;
}

/** Runs one command on its arguments (after the command name) and resolves to the exit status. */
export type CommandRun = (argv: string[], io: CommandIO) => Promise<number>;

/**
 * One `sift` command as `--help` shows it. The implementation is loaded only when the command
 * runs, so `sift --help` and `sift <command> --help` load no service, Express or PDF library.
 */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  /** Its subcommands (`sift archive export`), each of which answers --help too. */
  actions?: readonly string[];
  /** Long-running commands (serve) resolve when they stop. */
  load(): Promise<{ run: CommandRun }>;
}
