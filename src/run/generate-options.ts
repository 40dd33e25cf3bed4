import type { PlanTime } from '../bench/plan-time.js'
import type { GenerateResult } from '../pipeline/finish-run.js'
import type { PipelineEvent } from '../pipeline/events.js'
import type { RunPlan } from '../pipeline/run-plan.js'
import type { RunUntil } from '../pipeline/run-until.js'
import type { HttpLog, Redactor } from '../providers/http/index.js'

/** What `vimax generate` takes as flags, as a program passes them. Every field is optional. */
export interface GenerateOptions {
  /** Relative paths resolve here; `vimax.config.yaml` and `.env` are read from here. @default process.cwd() */
  readonly cwd?: string
  /** Keys, `VIMAX_*` settings. `.env` in `cwd` fills what it lacks. @default process.env */
  readonly env?: NodeJS.ProcessEnv
  /** The output folder (`-o`). @default `vimax-out/<spec name>` under `cwd` */
  readonly outDir?: string
  /** The cache and ledger folder (`--cache-dir`); else `VIMAX_CACHE_DIR`, `cache.dir`, the default. */
  readonly cacheDir?: string
  /** False serves nothing from the cache (`--no-cache`); new results are still stored. @default true */
  readonly cache?: boolean
  /** Every model offline (`--offline`): no keys, no network. */
  readonly offline?: boolean
  readonly profile?: string
  /** Calls in flight per provider lane, overriding the config. */
  readonly concurrency?: number
  /** USD cap (`--max-cost`); else the config's `budget.max_cost`. */
  readonly maxCost?: number
  /** Plan only (`--dry-run`): the result carries `plan`; no image or video is made. */
  readonly dryRun?: boolean
  /** Shot ids to give a new take (`--reroll`). */
  readonly rerolls?: readonly string[]
  readonly burnSubtitles?: boolean
  /** Stop for review (`--stop-after`). */
  readonly stopAfter?: Extract<RunUntil, 'script' | 'storyboard' | 'frames'>
  /** Writes the run's Prometheus text file here (`--metrics-file`). */
  readonly metricsFile?: string
  /** Every pipeline event as it happens: progress, calls, artifacts. */
  readonly onEvent?: (event: PipelineEvent) => void
  /** Problems that do not stop the run (a damaged cache moved aside, …). @default ignored */
  readonly onWarning?: (message: string) => void
  /** Notes worth showing a person (a kind falling back to the offline provider). @default ignored */
  readonly onNotice?: (message: string) => void
  /** Aborting it stops the run as the first Ctrl-C does: no new calls, finished work kept, then `CancelledError`. */
  readonly stop?: AbortSignal
  /** One entry per HTTP attempt, made once the run has its id (`--log-file`). */
  readonly requestLog?: (run: { readonly runId: string; readonly redactor: Redactor }) => HttpLog | undefined
}

/** A dry run's answer: the calls per model, their cost and the least time the run can take. */
export interface GeneratePlan {
  readonly plan: RunPlan
  readonly time: PlanTime
  readonly maxCostUsd: number | undefined
  /** Kinds whose profile lists more models: those after the first, which the plan does not price. */
  readonly fallbacks?: Readonly<Record<string, readonly string[]>>
}

export interface GenerateRunResult extends GenerateResult {
  /** The ledger's id of the run (`vimax runs show <id>`). */
  readonly runId: string
  /** `provider:model` per kind, as resolved. */
  readonly models: { readonly chat: string; readonly image: string; readonly video: string }
  readonly specPath: string
  /** report.html in the output folder; undefined for a dry run. */
  readonly report: string | undefined
  /** Set for a dry run only. */
  readonly plan: GeneratePlan | undefined
}
