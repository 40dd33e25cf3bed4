import type { Scene, Shot } from '../film.js'
import { escapeHtml as h, relativeUrl } from './escape-html.js'
import { formatCost } from './report-format.js'
import type { ReportInput } from './report-input.js'
import { shotSubject } from '../pipeline/shoot-shot.js'
import { shotFacts, type ShotFacts } from './shot-status.js'
import { plural } from '../util/plural.js'

/** Scenes in story order, each with its slugline, its action and a card per shot. */
export function renderStoryboard(input: ReportInput): string {
  if (input.scenes.length === 0 && input.shots.length === 0) return '<p class="note">No script yet: scenes and shots appear here as they are planned.</p>'
  const known = new Set(input.scenes.map((scene) => scene.id))
  // Shots of a scene the page has no script for (a partial folder) still get a card.
  const orphans = input.shots.filter((shot) => !known.has(shot.sceneId))
  const scenes: Scene[] = [...input.scenes, ...[...new Set(orphans.map((shot) => shot.sceneId))].map((id) => bareScene(id))]
  return scenes.map((scene) => renderScene(input, scene, input.shots.filter((shot) => shot.sceneId === scene.id))).join('\n')
}

function renderScene(input: ReportInput, scene: Scene, shots: readonly Shot[]): string {
  const cards = shots.length > 0 ? `<div class="shots">\n${shots.map((shot) => renderShot(input, shot)).join('\n')}\n</div>` : '<p class="note">Storyboard not drawn yet.</p>'
  return [
    `<article class="scene" data-scene="${h(scene.id)}">`,
    `<h3 class="slugline"><span class="num">${h(scene.id)}</span>${h(scene.slugline)}</h3>`,
    scene.action ? clamped('action', scene.action) : '',
    cards,
    '</article>',
  ].join('\n')
}

function renderShot(input: ReportInput, shot: Shot): string {
  const facts = shotFacts(input, shot)
  const clip = input.artifacts.find((artifact) => artifact.subject === shotSubject(shot) && artifact.kind === 'clip')
  return [
    `<article class="shot status-${facts.status}" data-shot="${h(shot.id)}" data-status="${facts.status}">`,
    thumbnail(facts, clip && relativeUrl(clip.path), shot, ratioStyle(input.aspectRatio)),
    '<div class="shot-body">',
    `<div class="shot-head"><span class="shot-id">Shot ${h(shot.id)}</span><span class="chip chip-${facts.status}">${facts.status}</span>` +
      `<span class="seconds" title="duration">${h(seconds(shot.seconds))}</span></div>`,
    '<dl class="prompt">',
    `<dt>First frame</dt><dd>${clamped('first-frame', shot.firstFrame)}</dd>`,
    `<dt>Video prompt</dt><dd>${clamped('video-prompt', shot.videoPrompt)}</dd>`,
    clip?.references?.length ? `<dt>References</dt><dd class="references">${h(clip.references.join('; '))}</dd>` : '',
    clip?.fallback ? `<dt>Made by</dt><dd class="fallback">${h(clip.fallback.madeBy)} because ${h(clip.fallback.why)}</dd>` : '',
    '</dl>',
    shot.dialogue.length > 0
      ? `<div class="dialogue">${shot.dialogue.map((line) => `<p><span class="speaker">${h(line.speaker)}</span>: ${h(line.line)}</p>`).join('')}</div>`
      : '',
    `<div class="shot-cost">${costLine(facts)}</div>`,
    '</div>',
    '</article>',
  ].join('\n')
}

function thumbnail(facts: ShotFacts, clipUrl: string | undefined, shot: Shot, style: string): string {
  const src = facts.frame === undefined ? undefined : relativeUrl(facts.frame)
  const alt = `first frame of shot ${shot.id}`
  const missing = facts.status === 'failed' ? 'no frame' : 'frame not drawn yet'
  const inner = src ? `<img class="frame" src="${h(src)}" alt="${h(alt)}">` : `<span class="placeholder">${missing}</span>`
  return clipUrl
    ? `<a class="thumb" href="${h(clipUrl)}" title="play the clip"${style}>${inner}</a>`
    : `<div class="thumb"${style}>${inner}</div>`
}

function costLine(facts: ShotFacts): string {
  if (facts.calls.length === 0) return `<span>${facts.status === 'pending' ? 'not started' : 'no calls recorded'}</span>`
  const paid = facts.spent.known + facts.spent.unknown
  // A failed call without a price may or may not have been charged: the page does not claim either.
  const nothing = facts.calls.some((call) => !call.ok) ? 'no cost recorded' : 'nothing paid'
  const spent = paid === 0 ? nothing : `cost ${formatCost(facts.spent)}`
  const hits = facts.saved.known + facts.saved.unknown
  const saved = hits === 0 ? '' : `<span class="saved">saved ${h(formatCost(facts.saved))}</span>`
  return `<span class="cost" title="${plural(facts.calls.length, 'call')}">${h(spent)}</span>${saved}`
}

/**
 * Long text cut to a few lines until clicked. The whole text is in the page (searchable, printable);
 * a <details> toggles the cut without a line of script.
 */
function clamped(className: string, text: string): string {
  return `<details class="clamp ${className}"><summary>${h(text)}</summary></details>`
}

/** "16:9" → a CSS aspect ratio, so a frame not drawn yet keeps its place in the grid. */
function ratioStyle(aspectRatio: string | undefined): string {
  const match = /^(\d{1,4}):(\d{1,4})$/.exec(aspectRatio ?? '')
  return match ? ` style="aspect-ratio: ${match[1]} / ${match[2]}"` : ''
}

function seconds(value: number): string {
  return `${Number.isInteger(value) ? value : value.toFixed(1)} s`
}

function bareScene(id: string): Scene {
  return { id, slugline: `Scene ${id}`, action: '', dialogue: [], characters: [] }
}
