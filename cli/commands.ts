// The commands each area contributes (review UI, inbox service, reports, follow-up): each
// module exports a `register(program, ctx)`; the order here is the order in `tonghop --help`.
// Only the CLI entry (main.ts) imports this list.
import type { RegisterCommands } from './context.js';
import { registerReviewCommand } from './review.js';
import { registerWatchCommand } from './watch.js';
import { registerReportCommands } from './report.js';
import { registerFollowupCommands } from './followup.js';
import { registerUserCommands } from './users.js';

export const EXTRA_COMMANDS: readonly RegisterCommands[] = [
  registerReviewCommand,
  registerWatchCommand,
  registerReportCommands,
  registerFollowupCommands, // after report: adds report followup|reminder
  registerUserCommands, // issue 17: accounts of the review UI
];
