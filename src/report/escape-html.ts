const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/**
 * Text for HTML content and quoted attribute values alike. Prompts and dialogue come from models
 * and users, so every string the report shows goes through here: none may become markup.
 */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (char) => ENTITIES[char]!)
}

/**
 * A file of the output folder as a relative URL (the report sits in that folder), or undefined
 * for anything that is not a plain relative path: an absolute path, `..`, a scheme. Each segment
 * is percent-encoded, so a name cannot smuggle a scheme, a query or a quote.
 */
export function relativeUrl(file: string): string | undefined {
  const segments = file.replace(/\\/g, '/').split('/')
  if (file === '' || file.startsWith('/') || segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return undefined
  return segments.map(encodeURIComponent).join('/')
}
