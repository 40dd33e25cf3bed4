import { escapeHtml as h, relativeUrl } from './escape-html.js'
import type { ReportArtifact, ReportInput } from './report-input.js'

const STEM_ORDER = ['dialogue', 'music', 'ambience']

/**
 * The soundtrack: its measured loudness, the stems and every line, each a plain <audio> element
 * (no script, like the rest of the page). Empty for a silent film.
 */
export function renderSound(input: ReportInput): string {
  const stems = input.artifacts.filter((a) => a.kind === 'stem').sort((a, b) => rank(a.subject) - rank(b.subject))
  const lines = input.artifacts.filter((a) => a.kind === 'line').sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }))
  if (stems.length === 0 && lines.length === 0 && input.soundtrack === undefined) return ''
  const loud = input.soundtrack
  const summary = loud
    ? `<p class="loudness">Integrated loudness <strong>${loud.integrated_lufs.toFixed(1)} LUFS</strong> (target ${loud.target.integrated_lufs} LUFS), ` +
      `true peak <strong>${Number.isFinite(loud.true_peak_db) ? loud.true_peak_db.toFixed(1) : '−∞'} dBTP</strong> (ceiling ${loud.target.true_peak_db} dBTP), measured after the mix.</p>`
    : ''
  return [
    `<section id="sound"><h2>Sound<span class="sub">${h(`${stems.length} stems · ${lines.length} lines`)}</span></h2>`,
    summary,
    stems.length > 0 ? `<ul class="audio-list">${stems.map((stem) => player(stem, stem.subject)).join('')}</ul>` : '',
    lines.length > 0 ? `<h3>Lines</h3>\n<ul class="audio-list">${lines.map((line) => player(line, `${line.subject} · ${fileName(line.path)}`)).join('')}</ul>` : '',
    '</section>',
  ]
    .filter((part) => part !== '')
    .join('\n')
}

function player(artifact: ReportArtifact, label: string): string {
  const src = relativeUrl(artifact.path)
  return src ? `<li><span>${h(label)}</span><audio controls preload="none" src="${h(src)}"></audio></li>` : ''
}

const fileName = (file: string) => file.slice(file.lastIndexOf('/') + 1)
const rank = (subject: string) => (STEM_ORDER.includes(subject) ? STEM_ORDER.indexOf(subject) : STEM_ORDER.length)
