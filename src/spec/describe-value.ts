const MAX_SHOWN = 40

/** A value as a problem shows it after "got": short, never a dump of a big structure. */
export function describeValue(value: unknown, present = true): string {
  if (!present || value === undefined) return 'nothing'
  if (value === null) return 'null (an empty value)'
  if (typeof value === 'string') {
    if (value.trim() === '') return value === '' ? 'an empty string' : 'a blank string'
    const oneLine = value.replace(/\s+/g, ' ')
    const shown = oneLine.length > MAX_SHOWN ? `${oneLine.slice(0, MAX_SHOWN - 1)}…` : oneLine
    return JSON.stringify(shown)
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (Array.isArray(value)) {
    return value.length === 0 ? 'an empty list' : `a list of ${value.length} item${value.length === 1 ? '' : 's'}`
  }
  if (value instanceof Date) return `a date (${value.toISOString().slice(0, 10)})`
  if (typeof value === 'object') return 'a mapping'
  return typeof value
}

/** The value at a path of parsed data, and whether anything is there at all. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let node: unknown = root
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return { present: false, value: undefined }
    const key = Array.isArray(node) ? Number(segment) : String(segment)
    if (!Object.prototype.hasOwnProperty.call(node, key)) return { present: false, value: undefined }
    node = (node as Record<PropertyKey, unknown>)[key]
  }
  return { present: true, value: node }
}
