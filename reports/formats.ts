// The output formats of the follow-up table and the reminder letter, in a module that imports
// nothing: the CLI lists them when it registers its options, at every start, and must not load
// exceljs and docx (half a second) to do so. followup-render.ts and reminder.ts re-export them.
export const FOLLOWUP_FORMATS = ['json', 'md', 'csv', 'xlsx'] as const;
export const REMINDER_FORMATS = ['docx', 'md'] as const;
