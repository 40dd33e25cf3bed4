import { escapeHtml as h, relativeUrl } from './escape-html.js'
import type { ReportArtifact, ReportInput } from './report-input.js'

const VIEWS = ['front', 'side', 'back']
const PORTRAIT_SUBJECT = /^character (.+) \(([^)]+)\)$/

/** Each character with the portraits every frame of theirs was drawn from. */
export function renderCast(input: ReportInput): string {
  const portraits = new Map<string, Map<string, ReportArtifact>>()
  for (const artifact of input.artifacts) {
    const match = artifact.kind === 'portrait' ? PORTRAIT_SUBJECT.exec(artifact.subject) : null
    if (!match) continue
    const views = portraits.get(match[1]!) ?? new Map<string, ReportArtifact>()
    portraits.set(match[1]!, views.set(match[2]!, artifact))
  }
  // Portraits of a character the page has no cast entry for (a partial folder) still show.
  const people = [
    ...input.characters.map((character) => ({ id: character.id, name: character.name, looks: [character.appearance, character.outfit].filter(Boolean).join('; ') })),
    ...[...portraits.keys()].filter((id) => !input.characters.some((character) => character.id === id)).map((id) => ({ id, name: id, looks: '' })),
  ]
  if (people.length === 0) return '<p class="note">No cast yet.</p>'
  return `<div class="cast">\n${people.map((person) => renderCharacter(person, portraits.get(person.id))).join('\n')}\n</div>`
}

function renderCharacter(person: { id: string; name: string; looks: string }, views: Map<string, ReportArtifact> | undefined): string {
  const ordered = [...(views ?? new Map<string, ReportArtifact>())].sort(([a], [b]) => rank(a) - rank(b))
  const figures = ordered.flatMap(([view, artifact]) => {
    const src = relativeUrl(artifact.path)
    return src ? [`<figure><img class="portrait" src="${h(src)}" alt="${h(`${person.name}, ${view}`)}"><figcaption>${h(view)}</figcaption></figure>`] : []
  })
  return [
    `<article class="character" data-character="${h(person.id)}">`,
    `<h3>${h(person.name)}</h3>`,
    person.looks ? `<p class="looks">${h(person.looks)}</p>` : '',
    figures.length > 0 ? `<div class="views">${figures.join('')}</div>` : '<p class="note">portraits not drawn yet</p>',
    '</article>',
  ].join('\n')
}

const rank = (view: string) => (VIEWS.includes(view) ? VIEWS.indexOf(view) : VIEWS.length)
