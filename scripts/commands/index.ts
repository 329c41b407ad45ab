import { serveCommand } from './serve';
import { simulateCommand } from './simulate';
import type { Command } from './types';

/** Every `sift` subcommand, one line each. */
export const commands: Command[] = [serveCommand, simulateCommand];
