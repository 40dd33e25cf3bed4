import type { ProviderConfig } from '../../config/config-schema.js'
import { ConfigError } from '../../errors.js'
import { loadWorkflow } from './workflow.js'

/**
 * The workflow problems of a comfyui provider entry for the kinds a run uses it for, as the
 * check before a run (and `vimax doctor`) lists them: a kind with no workflow, a file that
 * cannot be used, a mapped input not in the graph.
 */
export function comfyWorkflowProblems(id: string, kinds: readonly string[], config: ProviderConfig, cwd = process.cwd()): string[] {
  return kinds.flatMap((kind) => {
    const who = `${kind} (${id})`
    if (kind !== 'image' && kind !== 'video') return [`${who}: ComfyUI makes only images and clips, not ${kind}`]
    const entry = config.workflows?.[kind]
    if (!entry) return [`${who}: providers.${id}.workflows.${kind} is not set; point it at an API-format workflow (examples/comfyui/README.md)`]
    try {
      loadWorkflow(`providers.${id}.workflows.${kind}`, entry, cwd)
      return []
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error
      return error.details.length > 0 ? error.details.map((detail) => `${who}: ${detail}`) : [`${who}: ${error.message}`]
    }
  })
}
