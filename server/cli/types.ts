/** Where a command writes; tests pass buffers, the CLI passes the process streams. */
export interface CommandIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  /** Resolves to the process exit status. Long-running commands (serve) resolve when they stop. */
  run(argv: string[], io: CommandIO): Promise<number>;
}
