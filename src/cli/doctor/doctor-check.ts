/** One row of `vimax doctor`. */
export interface DoctorCheck {
  readonly name: string
  readonly ok: boolean
  /** What was found: a version, "set", "HTTP 401 in 120 ms" — never a secret. */
  readonly detail: string
  readonly hint?: string
  /** The exit code this failure means (README "Exit codes"): 2 config, 3 provider, 4 media, 5 budget. */
  readonly exitCode?: 2 | 3 | 4 | 5
}
