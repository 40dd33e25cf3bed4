import { savedBy, spentBy } from './call-costs.js'
import { escapeHtml as h, relativeUrl } from './escape-html.js'
import { renderCast } from './render-cast.js'
import { renderSound } from './render-sound.js'
import { renderStoryboard } from './render-storyboard.js'
import { formatCost, formatDuration, formatTimestamp } from './report-format.js'
import type { ReportInput } from './report-input.js'
import { REPORT_STYLES } from './report-styles.js'
import { timelineSvg } from './timeline-svg.js'

/**
 * report.html as one string: pure, so the live run and `vimax report` render the same page.
 * Self-contained: inline CSS and SVG, images linked relative to the output folder it sits in.
 */
export function renderReport(input: ReportInput): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Only while the run works: a finished report must not reload under its reader.
    input.status === 'running' ? '<meta http-equiv="refresh" content="2">' : '',
    `<title>${h(input.title)} · vimax report</title>`,
    `<style>${REPORT_STYLES}</style>`,
    '</head>',
    '<body>',
    header(input),
    '<main class="wrap">',
    input.error ? `<section class="error" role="alert"><strong>${h(input.error.code)}</strong>run ${h(input.status)}<p>${h(input.error.message)}</p></section>` : '',
    totals(input),
    `<section id="storyboard"><h2>Storyboard<span class="sub">${h(storyboardSummary(input))}</span></h2>\n${renderStoryboard(input)}\n</section>`,
    `<section id="cast"><h2>Cast</h2>\n${renderCast(input)}\n</section>`,
    renderSound(input),
    timeline(input),
    warnings(input),
    `<footer>vimax report · written ${h(formatTimestamp(input.startedAt + input.wallMs))}${input.status === 'running' ? ' · refreshes every 2 s while the run works' : ''}</footer>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n')
}

function header(input: ReportInput): string {
  const film = input.artifacts.find((artifact) => artifact.kind === 'film')
  const filmUrl = film && relativeUrl(film.path)
  const meta: [string, string][] = [
    ['run id', input.runId ?? 'not recorded'],
    ['spec', input.specPath ?? 'unknown'],
    ['started', formatTimestamp(input.startedAt)],
    ['wall time', formatDuration(input.wallMs)],
    ['chat model', input.models.chat],
    ['image model', input.models.image],
    ['video model', input.models.video],
    ...(input.models.speech === undefined ? [] : [['speech model', input.models.speech] as [string, string]]),
    ...(input.models.music === undefined ? [] : [['music model', input.models.music] as [string, string]]),
  ]
  return [
    '<header class="hero"><div class="wrap">',
    '<div class="eyebrow">vimax · run report</div>',
    `<h1>${h(input.title)}</h1>`,
    input.logline ? `<p class="logline">${h(input.logline)}</p>` : '',
    `<div class="title-row"><span class="status status-${h(input.status)}">${h(input.status)}</span>` +
      (filmUrl ? `<a class="film-link" href="${h(filmUrl)}">▶ watch the film</a>` : '') +
      '</div>',
    `<dl class="meta">${meta.map(([label, value]) => `<div><dt>${h(label)}</dt><dd>${h(value)}</dd></div>`).join('')}</dl>`,
    '</div></header>',
  ].join('\n')
}

function totals(input: ReportInput): string {
  const spent = spentBy(input.calls)
  const saved = savedBy(input.calls)
  const cached = input.calls.filter((call) => call.cached).length
  const failed = input.calls.filter((call) => !call.ok).length
  const stat = (label: string, value: string, hint: string, extra = '') =>
    `<div class="stat${extra}"><div class="label">${h(label)}</div><div class="value">${h(value)}</div><div class="hint">${h(hint)}</div></div>`
  return [
    '<section class="totals" aria-label="totals">',
    stat('calls', String(input.calls.length), failed > 0 ? `${failed} failed` : `${input.calls.length - cached} made`),
    stat('cache hits', String(cached), input.calls.length > 0 ? `${Math.round((cached / input.calls.length) * 100)}% of calls` : 'no calls yet'),
    stat('spent', formatCost(spent), 'estimated, USD', spent.unknown > 0 && spent.known === 0 ? ' unknown' : ''),
    stat('saved by the cache', formatCost(saved), cached > 0 ? 'estimated, USD' : 'no cache hits', saved.unknown > 0 && saved.known === 0 ? ' unknown' : ''),
    stat('unknown cost', String(spent.unknown), spent.unknown === 1 ? 'call with no known price' : 'calls with no known price'),
    stat('wall time', formatDuration(input.wallMs), input.status === 'running' ? 'so far' : input.status),
    '</section>',
  ].join('\n')
}

function timeline(input: ReportInput): string {
  const svg = timelineSvg({ calls: input.calls, startedAt: input.startedAt, wallMs: input.wallMs })
  const legend =
    '<div class="legend"><span><i class="sw-chat"></i>chat</span><span><i class="sw-image"></i>image</span><span><i class="sw-video"></i>video</span>' +
    '<span><i class="sw-speech"></i>speech</span><span><i class="sw-music"></i>music</span>' +
    '<span><i class="sw-cached"></i>cache hit</span><span><i class="sw-failed"></i>failed</span><span><i class="sw-wait"></i>waiting for a lane slot</span></div>'
  const body = svg || `<p class="note">${h(input.callsNote ?? 'No calls yet.')}</p>`
  const sub = 'one row per provider lane; hover a bar for its subject, model, time and cost'
  return `<section id="timeline"><h2>Timeline<span class="sub">${h(sub)}</span></h2>\n<div class="timeline-card">${svg ? legend : ''}\n${body}\n</div>\n</section>`
}

function warnings(input: ReportInput): string {
  const list = input.warnings ?? []
  if (list.length === 0) return ''
  return `<section id="warnings"><h2>Warnings</h2>\n<ul class="warnings">${list.map((warning) => `<li>${h(warning)}</li>`).join('')}</ul>\n</section>`
}

function storyboardSummary(input: ReportInput): string {
  const seconds = input.shots.reduce((total, shot) => total + shot.seconds, 0)
  const scenes = `${input.scenes.length} scene${input.scenes.length === 1 ? '' : 's'}`
  return `${scenes} · ${input.shots.length} shot${input.shots.length === 1 ? '' : 's'} · ${formatDuration(seconds * 1000)} of film`
}
