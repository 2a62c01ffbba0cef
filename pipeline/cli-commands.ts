// Commands contributed by other parts (reports/, review/, the inbox service): each module
// exports a `register(program, ctx)`; the order here is the order in `tonghop --help`.
import type { Command } from 'commander';
import type { Config } from './config.js';
import { registerReviewCommand } from '../review/cli.js';
import { registerWatchCommand } from './inbox/cli.js';
import { registerReportCommands } from '../reports/cli.js';
import { registerFollowupCommands } from '../reports/followup-cli.js';

export interface CliContext { config: () => Config }
export type RegisterCommands = (program: Command, ctx: CliContext) => void;

export const EXTRA_COMMANDS: RegisterCommands[] = [];
EXTRA_COMMANDS.push(registerReviewCommand);
EXTRA_COMMANDS.push(registerWatchCommand);
EXTRA_COMMANDS.push(registerReportCommands);
EXTRA_COMMANDS.push(registerFollowupCommands); // after report: adds report followup|reminder
