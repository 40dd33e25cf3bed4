/**
 * Inputs go into prompts as tagged sections — `<TAG>\n…\n</TAG>` — so a person reading a
 * request, a fake server and the offline model can all find them. Empty sections are left out.
 */
export type SectionTag =
  | 'IDEA'
  | 'REQUIREMENT'
  | 'STORY'
  | 'SCRIPT'
  | 'SCENE'
  | 'CHARACTERS'
  | 'PINNED_CHARACTERS'
  | 'LANGUAGE'
  | 'SHOT_SECONDS'

export function section(tag: SectionTag, content: string | undefined): string {
  const body = content?.trim()
  if (body === undefined || body === '') return ''
  return `<${tag}>\n${body}\n</${tag}>`
}

/** JSON inside a section: indented, so it reads well and stays deterministic. */
export function jsonSection(tag: SectionTag, value: unknown): string {
  return section(tag, JSON.stringify(value, null, 2))
}

/** Sections followed by the task, blank-line separated. */
export function userPrompt(sections: readonly string[], task: string): string {
  return [...sections.filter((s) => s !== ''), task.trim()].join('\n\n')
}
