/**
 * List prices in USD for the ledger's estimates only (Gemini API pricing page, late 2025; a
 * model not listed gets no estimate rather than a wrong one). Veo bills per second of video.
 */
const VEO_PER_SECOND: Readonly<Record<string, number>> = {
  'veo-3.1-generate-preview': 0.4,
  'veo-3.1-fast-generate-preview': 0.15,
  'veo-3.0-generate-001': 0.4,
  'veo-3.0-fast-generate-001': 0.15,
  'veo-2.0-generate-001': 0.35,
}

/** Image models bill output tokens; at 1K every image costs about the same. */
const PER_IMAGE: Readonly<Record<string, number>> = {
  'gemini-2.5-flash-image': 0.039,
  'gemini-2.5-flash-image-preview': 0.039,
  'gemini-3-pro-image-preview': 0.134,
}

const bare = (modelId: string) => modelId.replace(/^models\//, '')

export function veoCostUsd(modelId: string, seconds: number): number | undefined {
  const price = VEO_PER_SECOND[bare(modelId)]
  return price === undefined ? undefined : price * seconds
}

export function geminiImageCostUsd(modelId: string, count: number): number | undefined {
  const price = PER_IMAGE[bare(modelId)]
  return price === undefined ? undefined : price * count
}
