import type { PipelineEvent } from '../../pipeline/events.js'

/** How a command shows a run to a person or a script. Only reporters write progress. */
export interface Reporter {
  /** A one-line notice, e.g. which provider is in use. */
  info(message: string): void
  warn(message: string): void
  event(event: PipelineEvent): void
  /** Stops live output (spinners) so an error or summary prints cleanly. */
  close(): void
}
