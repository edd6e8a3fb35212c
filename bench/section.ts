/** What a benchmark section (one child process each, see sectionChild.ts) hands back. */

export interface WorkspaceReport {
  /** The addon's scratch on the section's calling thread, bytes. */
  main: number;
  /** The addon's scratch on each pool worker, bytes (empty when the section uses no pool). */
  workers: number[];
}

export interface SectionReport<R> {
  result: R;
  workspaceBytes: WorkspaceReport;
}

/** The message a section's child process sends its parent. */
export interface SectionMessage {
  section: string;
  ok: boolean;
  error?: string;
  result?: unknown;
  workspaceBytes?: WorkspaceReport;
  /** process.resourceUsage().maxRSS of the child at the end, KiB (Linux reports kilobytes). */
  maxRssKiB: number;
  wallMs: number;
}
