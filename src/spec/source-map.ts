import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml'
import type { SpecPath } from './spec-problem.js'

export interface SourcePosition {
  /** 1-based. */
  readonly line: number
  /** 1-based. */
  readonly col: number
}

/** Where a path of the parsed data is written in the file. */
export interface SpecSourceMap {
  /**
   * The position of the value at `path` — or of its key when `atKey` — or, when the path does not
   * exist (a missing field), of the closest enclosing node that does.
   */
  position(path: SpecPath, atKey?: boolean): SourcePosition
}

const START: SourcePosition = { line: 1, col: 1 }

export function yamlSourceMap(doc: Document, lineCounter: LineCounter): SpecSourceMap {
  const at = (node: Node | null | undefined): SourcePosition | undefined => {
    const offset = node?.range?.[0]
    return offset === undefined ? undefined : lineCounter.linePos(offset)
  }
  return {
    position(path, atKey = false) {
      let node: unknown = doc.contents
      let best = at(doc.contents) ?? START
      for (const [index, segment] of path.entries()) {
        const last = index === path.length - 1
        if (isMap(node)) {
          const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(segment))
          if (pair === undefined) return best
          const keyPosition = at(pair.key as Node | null) ?? best
          if (last && atKey) return keyPosition
          node = pair.value
          best = at(pair.value as Node | null) ?? keyPosition
        } else if (isSeq(node)) {
          const item: unknown = node.items[Number(segment)]
          if (item === undefined) return best
          node = item
          best = at(item as Node) ?? best
        } else {
          return best
        }
      }
      return best
    },
  }
}

/** For text that could not be parsed into nodes: everything maps to the start. */
export const emptySourceMap: SpecSourceMap = { position: () => START }

/** 1-based line and column of a character offset, for parsers that report only offsets. */
export function positionOfOffset(text: string, offset: number): SourcePosition {
  const before = text.slice(0, Math.max(0, offset))
  const lines = before.split('\n')
  return { line: lines.length, col: (lines.at(-1)?.length ?? 0) + 1 }
}
