/** Codes that say the content was refused (gRPC names, fal's mapped codes, HTTP 400/422). */
const REFUSED = /REFUS|RAI|FILTER|SAFETY|POLICY|MODERAT|INVALID_ARGUMENT|^4(00|22)$/i
/** Codes of a failure on the vendor's side, which a new job may well not meet. */
const VENDOR_SIDE = /^5\d\d$|INTERNAL|UNAVAILABLE|DEADLINE|ABORTED|UNKNOWN|NO_VIDEO|^failed$/i

/**
 * The fix for a video job the vendor reports failed, by what its code says: only a refusal is
 * fixed by rewording; a vendor-side failure by starting again.
 */
export function failedJobHint(code: string | undefined, provider: string): string {
  if (code !== undefined && REFUSED.test(code)) return `${provider} refused this clip: reword the shot’s video prompt (or its first frame), or try another video model`
  if (code !== undefined && /RESOURCE_EXHAUSTED|QUOTA/i.test(code)) return `${provider}'s quota is used up: wait for it to reset or add credit, then rerun (finished work is cached)`
  if (code === undefined || VENDOR_SIDE.test(code)) return `${provider} failed on its side: rerun to start the clip again (finished work is cached); if it keeps failing, try another video model`
  return `rerun to start the clip again (finished work is cached); if it fails the same way, try another video model`
}

/** A failed job's code that says its content was refused (a fallback chain moves such a call on). */
export function isRefusalCode(code: string): boolean {
  return REFUSED.test(code)
}

/** Job states that some vendors report in place of an error code; as a "code" they say nothing. */
export function meaningfulCode(code: string | undefined): string | undefined {
  return code === undefined || /^(COMPLETED|FAILED|CANCELL?ED|ERROR|failed|cancell?ed|error)$/i.test(code) ? undefined : code
}
