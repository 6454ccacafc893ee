// The one error type for problems with the input (a bad file, a bad option): the CLI prints its message
// and problems without a stack trace and exits non-zero. Anything else is a bug and keeps its stack.
export interface Problem {
  /** Where: "feature #12 (code 330302000000)", "line 57", "option --crs". */
  where: string;
  reason: string;
}

export class ImportError extends Error {
  constructor(
    message: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(problems.length ? `${message}\n${formatProblems(problems)}` : message);
    this.name = 'ImportError';
  }
}

export const MAX_PROBLEMS_SHOWN = 20;

function formatProblems(problems: readonly Problem[]): string {
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `  - ${p.where}: ${p.reason}`);
  if (problems.length > MAX_PROBLEMS_SHOWN) shown.push(`  … and ${problems.length - MAX_PROBLEMS_SHOWN} more`);
  return shown.join('\n');
}
