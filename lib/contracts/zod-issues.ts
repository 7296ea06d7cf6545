/** One zod issue as a readable line: "input.mean: Too small…", or the bare message for the top level (e.g. an unrecognized key). */
export function issueLine(issue: { path: readonly PropertyKey[]; message: string }): string {
  return issue.path.length ? `${issue.path.map(String).join(".")}: ${issue.message}` : issue.message;
}

/** Every issue of a failed parse as one line each (see {@link issueLine}). */
export function issueLines(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.map(issueLine);
}
