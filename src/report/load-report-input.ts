import path from 'node:path'
import { readManifest, type Manifest } from '../pipeline/manifest.js'
import { loadSpec } from '../spec/load-spec.js'
import type { ReportCall, ReportInput } from './report-input.js'
import { planFromStoryboard, type StoryboardPlan } from './storyboard-plan.js'

export interface LoadReportOptions {
  /** The run's calls from the ledger; none when there is no ledger or no run. */
  readonly calls?: readonly ReportCall[]
  /** Why there are no calls, said on the page. */
  readonly callsNote?: string
  /** The run's id when the manifest predates `run_id` and the ledger found it by folder. */
  readonly runId?: string
}

/**
 * The page of a finished (or stopped) run, rebuilt from its output folder: manifest.json says
 * what was made, storyboard.json what was planned. Undefined when the folder has no manifest.
 */
export async function loadReportInput(outDir: string, options: LoadReportOptions = {}): Promise<ReportInput | undefined> {
  const manifest = await readManifest(outDir)
  if (manifest === undefined) return undefined
  const warnings: string[] = []
  let plan: StoryboardPlan | undefined
  try {
    const spec = await loadSpec(path.join(outDir, 'storyboard.json'))
    plan = planFromStoryboard(spec, new Map(manifest.shots.map((shot) => [shot.id, shot.take])))
  } catch (error) {
    // A run that failed before its script has no storyboard.json; the rest of the page still stands.
    if ((error as { code?: string }).code !== 'E_SPEC_NOT_FOUND') warnings.push(`storyboard.json left out: ${error instanceof Error ? error.message : String(error)}`)
  }
  const input = reportFromOutputs({ manifest, plan, calls: options.calls ?? [], callsNote: options.callsNote, warnings })
  return input.runId === undefined && options.runId !== undefined ? { ...input, runId: options.runId } : input
}

/** Pure: the manifest, the plan and the calls as the page's input. */
export function reportFromOutputs(input: {
  readonly manifest: Manifest
  readonly plan: StoryboardPlan | undefined
  readonly calls: readonly ReportCall[]
  readonly callsNote?: string | undefined
  readonly warnings?: readonly string[]
}): ReportInput {
  const { manifest, plan } = input
  return {
    title: manifest.title ?? plan?.script.title ?? 'untitled',
    status: manifest.status,
    runId: manifest.run_id,
    specPath: manifest.spec.path,
    models: manifest.models,
    startedAt: Date.parse(manifest.started_at),
    wallMs: manifest.wall_ms,
    logline: plan?.script.logline || undefined,
    characters: plan?.cast ?? [],
    scenes: plan?.script.scenes ?? [],
    shots: plan?.shots ?? [],
    artifacts: manifest.artifacts.map(({ path: file, kind, subject, cached, references, model, fallback }) => ({
      ...{ path: file, kind, subject, cached, ...(references && { references }) },
      ...(fallback !== undefined && { fallback: { madeBy: model ?? '?', why: fallback } }),
    })),
    calls: input.calls,
    error: manifest.error,
    finishedShots: manifest.shots.filter((shot) => shot.clip !== undefined).map((shot) => shot.id),
    callsNote: input.calls.length === 0 ? input.callsNote : undefined,
    warnings: input.warnings ?? [],
    aspectRatio: manifest.aspect_ratio,
    ...(manifest.audio && { soundtrack: manifest.audio }),
  }
}
