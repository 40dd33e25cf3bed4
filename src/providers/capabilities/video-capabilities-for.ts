import type { ConfigData } from '../../config/config-schema.js'
import { findCapabilities } from './find-capabilities.js'
import type { ModelCapabilities } from './model-capabilities.js'

/**
 * The run's video model's row of the merged table (shipped, then a person's `capabilities:`). A
 * model no row matches gets the conservative default, said once: its clips may then be refused
 * (or billed at a length the storyboard did not plan), which a row fixes.
 */
export function videoCapabilitiesFor(config: Pick<ConfigData, 'capabilities'>, modelRef: string, warn: (message: string) => void): ModelCapabilities {
  const found = findCapabilities(config.capabilities, modelRef)
  if (found.key === undefined) {
    warn(`no capability row for ${modelRef}: clips are sent as the storyboard asks, with its first frame and no references; add a row under capabilities: in vimax.config.yaml (see configs/capabilities.yaml)`)
  }
  return found.capabilities
}
