import { jsonrepair } from 'jsonrepair'

/**
 * Tolerant extraction of one JSON value from a model's text. Models wrap JSON in fences and
 * prose, leave trailing commas, unquoted keys, comments and single quotes, and sometimes type
 * smart quotes; none of that should cost a repair round-trip.
 */
export type ExtractResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string }

const FENCE = /```[ \t]*([A-Za-z0-9_-]*)[^\n]*\n([\s\S]*?)```/g

export function extractJson(text: string): ExtractResult {
  const clean = text.replace(/^\uFEFF/, '').trim()
  const first = extractFrom(clean)
  if (first.ok) return first
  const unsmart = normaliseSmartQuotes(clean)
  if (unsmart !== clean) {
    const second = extractFrom(unsmart)
    if (second.ok) return second
  }
  return repaired(unsmart) ?? first
}

/**
 * The last free stage before a paid repair: jsonrepair on the ```json fences, then on the span
 * from the first opening bracket to its close. Only closed spans are offered, because jsonrepair
 * also "completes" a cut-off answer and a cut-off answer is never complete.
 */
function repaired(text: string): ExtractResult | undefined {
  const fenced = [...text.matchAll(FENCE)]
  fenced.sort((a, b) => Number(isJsonLang(b[1])) - Number(isJsonLang(a[1])))
  const candidates = [...fenced.map((match) => (match[2] ?? '').trim()), outerSpan(text)]
  for (const candidate of candidates) {
    if (candidate === undefined || !isClosed(candidate)) continue
    try {
      return { ok: true, value: JSON.parse(jsonrepair(candidate)) }
    } catch {
      // not repairable: the next candidate, or the paid repair
    }
  }
  return undefined
}

/** From the first { or [ to the last } or ]: the JSON among the prose, if any. */
function outerSpan(text: string): string | undefined {
  const start = text.search(/[{[]/)
  const end = Math.max(text.lastIndexOf('}'), text.lastIndexOf(']'))
  return start === -1 || end < start ? undefined : text.slice(start, end + 1)
}

/** Every bracket opened is closed, in order, outside double-quoted strings. */
function isClosed(candidate: string): boolean {
  const opener = candidate.search(/[{[]/)
  return opener !== -1 && matchingClose(candidate, opener) === candidate.trimEnd().length - 1
}

function extractFrom(text: string): ExtractResult {
  const fenced = [...text.matchAll(FENCE)]
  // A ```json fence is the model saying "this is the answer"; try those before bare fences.
  fenced.sort((a, b) => Number(isJsonLang(b[1])) - Number(isJsonLang(a[1])))
  let lastError: string | undefined
  for (const match of fenced) {
    const result = parseCandidate((match[2] ?? '').trim())
    if (result.ok) return result
    lastError ??= result.error
  }
  const whole = parseCandidate(text)
  if (whole.ok) return whole
  return { ok: false, error: lastError ?? whole.error }
}

function isJsonLang(lang: string | undefined): boolean {
  return lang !== undefined && /^json/i.test(lang)
}

/** The text itself if it parses, else the longest balanced object or array in it that does. */
function parseCandidate(text: string): ExtractResult {
  const direct = tryParse(text)
  if (direct.ok) return direct
  const spans = balancedSpans(text)
  if (spans.length === 0) return { ok: false, error: 'no JSON object or array found in the answer' }
  let best: { value: unknown; length: number } | undefined
  let firstError: string | undefined
  for (const span of spans) {
    const parsed = tryParse(span)
    if (parsed.ok) {
      if (best === undefined || span.length > best.length) best = { value: parsed.value, length: span.length }
    } else {
      firstError ??= parsed.error
    }
  }
  if (best !== undefined) return { ok: true, value: best.value }
  return { ok: false, error: firstError ?? 'no JSON object or array found in the answer' }
}

function tryParse(text: string): ExtractResult {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: false, error: 'the answer is empty' }
  try {
    return { ok: true, value: JSON.parse(trimmed) }
  } catch {
    try {
      return { ok: true, value: JSON.parse(removeTrailingCommas(trimmed)) }
    } catch (error) {
      return { ok: false, error: `invalid JSON: ${(error as Error).message}` }
    }
  }
}

/** Top-level balanced {…} / […] spans, scanning left to right and honouring strings. */
export function balancedSpans(text: string): string[] {
  const spans: string[] = []
  let i = 0
  while (i < text.length) {
    const ch = text[i]
    if (ch === '{' || ch === '[') {
      const end = matchingClose(text, i)
      if (end !== -1) {
        spans.push(text.slice(i, end + 1))
        i = end + 1
        continue
      }
    }
    i++
  }
  return spans
}

function matchingClose(text: string, start: number): number {
  const stack: string[] = []
  let inString = false
  for (let i = start; i < text.length; i++) {
    const ch = text[i]
    if (inString) {
      if (ch === '\\') i++
      else if (ch === '"') inString = false
      continue
    }
    if (ch === '"') inString = true
    else if (ch === '{') stack.push('}')
    else if (ch === '[') stack.push(']')
    else if (ch === '}' || ch === ']') {
      if (stack.pop() !== ch) return -1
      if (stack.length === 0) return i
    }
  }
  return -1
}

/** Drops a comma that is followed (after whitespace) by } or ], outside strings. */
export function removeTrailingCommas(text: string): string {
  return outsideStrings(text, (ch, i) => (ch === ',' && /^\s*[}\]]/.test(text.slice(i + 1)) ? '' : ch))
}

/** Replaces “ ” used as JSON quotes (outside regular strings) with plain double quotes. */
function normaliseSmartQuotes(text: string): string {
  return outsideStrings(text, (ch) => (ch === '\u201C' || ch === '\u201D' || ch === '\u201E' ? '"' : ch))
}

/** Rewrites each character outside JSON strings with `map`; strings (and their escapes) pass unchanged. */
function outsideStrings(text: string, map: (ch: string, index: number) => string): string {
  let out = ''
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string
    if (inString) {
      out += ch
      if (ch === '\\' && i + 1 < text.length) out += text[++i]
      else if (ch === '"') inString = false
      continue
    }
    if (ch === '"') inString = true
    out += ch === '"' ? ch : map(ch, i)
  }
  return out
}
