import { agreementCommand } from './agreement';
import { screeningCommand } from './screening';
import { serveCommand } from './serve';
import type { Command } from './types';

/** Every `sift` subcommand, one line each. */
export const commands: Command[] = [serveCommand, screeningCommand, agreementCommand];
