import { LineCounter, parseDocument, type YAMLError } from 'yaml'
import { ConfigError } from '../errors.js'
import { describeValue } from './describe-value.js'
import { emptySourceMap, positionOfOffset, yamlSourceMap, type SourcePosition, type SpecSourceMap } from './source-map.js'

export type SpecFormat = 'yaml' | 'json'

export interface SpecText {
  /** The parsed top-level mapping, not yet validated. */
  readonly data: Record<string, unknown>
  readonly sourceMap: SpecSourceMap
}

const SYNTAX_HINTS: Record<SpecFormat, string> = {
  yaml: 'fix the YAML at that line; quote text that contains ": " or starts with a special character',
  json: 'fix the JSON at that line (a trailing comma or a missing quote is the usual cause)',
}

function syntaxError(file: string, at: SourcePosition, reason: string, format: SpecFormat, cause: unknown): ConfigError {
  const language = format === 'json' ? 'JSON' : 'YAML'
  return new ConfigError(`invalid ${language} in ${file} at line ${at.line}, column ${at.col}: ${reason}`, {
    code: 'E_SPEC_SYNTAX',
    hint: SYNTAX_HINTS[format],
    cause,
    details: [`${file}:${at.line}:${at.col} ${reason}`],
  })
}

function decode(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch (cause) {
    throw new ConfigError(`spec ${file} is not UTF-8 text`, {
      code: 'E_SPEC_SYNTAX',
      hint: 'save the spec as UTF-8 (YAML or JSON)',
      cause,
    })
  }
}

/** yaml's messages end with " at line 3, column 1:" and a code frame; the position is reported on its own. */
function yamlReason(error: YAMLError): string {
  if (error.code === 'MULTIPLE_DOCS') return 'a spec is one YAML document, but a second one starts here (`---`)'
  return (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '')
}

/**
 * Bytes → the top-level mapping and a map from data paths to file positions. JSON is parsed with
 * JSON.parse (JSON semantics) and, since JSON is YAML, parsed again by yaml only for positions.
 */
export function parseSpecText(bytes: Uint8Array, file: string, format: SpecFormat): SpecText {
  const text = decode(bytes, file)
  const empty = new ConfigError(`spec ${file} is empty`, {
    code: 'E_SPEC_EMPTY',
    hint: 'write one of `idea:`, `script:` or `scenes:`; see examples/ for a start',
  })
  if (text.trim() === '') throw empty

  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true })
  let data: unknown
  let sourceMap: SpecSourceMap = doc.errors.length === 0 ? yamlSourceMap(doc, lineCounter) : emptySourceMap
  if (format === 'json') {
    try {
      data = JSON.parse(text)
    } catch (cause) {
      const offset = /position (\d+)/.exec(String((cause as Error).message))?.[1]
      const at = offset === undefined ? { line: 1, col: 1 } : positionOfOffset(text, Number(offset))
      const reason = String((cause as Error).message).replace(/ in JSON at position \d+.*$/, '')
      throw syntaxError(file, at, reason, 'json', cause)
    }
  } else {
    const first = doc.errors[0]
    if (first !== undefined) {
      const at = first.linePos?.[0] ?? { line: 1, col: 1 }
      throw syntaxError(file, at, yamlReason(first), 'yaml', first)
    }
    if (doc.contents === null) throw empty
    try {
      data = doc.toJS()
    } catch (cause) {
      throw syntaxError(file, sourceMap.position([]), String((cause as Error).message), 'yaml', cause)
    }
    if (data === null || data === undefined) throw empty
  }

  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const at = sourceMap.position([])
    const got = describeValue(data)
    throw new ConfigError(`invalid spec ${file}: the top level must be a mapping of fields, got ${got}`, {
      code: 'E_SPEC_INVALID',
      hint: 'start the file with `idea:`, `script:` or `scenes:`; see `vimax schema` or README "The spec"',
      details: [`${file}:${at.line}:${at.col} (top level): expected a mapping of fields (idea, script or scenes, …), got ${got}`],
    })
  }
  return { data: data as Record<string, unknown>, sourceMap }
}
