import { demoCommand } from './demo';
import { importCommand } from './import';
import { projectCommand } from './project';
import { serveCommand } from './serve';
import type { Command } from './types';

/** Every `sift` subcommand, one line each. */
export const commands: Command[] = [serveCommand, projectCommand, importCommand, demoCommand];
