import { specSchema } from './spec-schema.js'

type Def = Record<string, unknown>

function defOf(node: unknown): Def | undefined {
  return (node as { _zod?: { def?: Def } } | undefined)?._zod?.def
}

/** The field names allowed at a path of the spec (for "did you mean"), or [] if none is known there. */
export function specFieldNames(path: readonly PropertyKey[]): string[] {
  let node: unknown = specSchema
  for (const segment of [...path, undefined]) {
    node = unwrapToObjectOrArray(node)
    const def = defOf(node)
    if (def === undefined) return []
    if (segment === undefined) return def['type'] === 'object' ? Object.keys(def['shape'] as object) : []
    if (def['type'] === 'object') node = (def['shape'] as Record<string, unknown>)[String(segment)]
    else if (def['type'] === 'array') node = def['element']
    else return []
  }
  return []
}

/** Through optional/default wrappers, and into the object branch of a union. */
function unwrapToObjectOrArray(node: unknown): unknown {
  for (let depth = 0; depth < 10; depth++) {
    const def = defOf(node)
    if (def === undefined) return undefined
    const type = def['type']
    if (type === 'object' || type === 'array') return node
    if (type === 'union') {
      const options = def['options'] as unknown[]
      node = options.find((o) => defOf(o)?.['type'] === 'object')
    } else if ('innerType' in def) node = def['innerType']
    else return undefined
  }
  return undefined
}
