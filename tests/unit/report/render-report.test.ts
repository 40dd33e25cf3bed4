import { describe, expect, it } from 'vitest'
import { escapeHtml, relativeUrl } from '../../../src/report/escape-html.js'
import { renderReport } from '../../../src/report/render-report.js'
import { call, reportInput, shot } from './report-fixture.js'

const ATTACKS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', "' onmouseover='alert(3)", '</style><svg onload=alert(4)>', '<!--', ']]>&amp;']

const count = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0

describe('renderReport', () => {
  it('escapes every piece of text that came from a model, a user or a file name', () => {
    const evil = (label: string) => `${label} ${ATTACKS.join(' ')}`
    const html = renderReport(
      reportInput({
        title: evil('title'),
        logline: evil('logline'),
        runId: evil('run'),
        specPath: evil('spec'),
        models: { chat: evil('chat'), image: evil('image'), video: evil('video') },
        characters: [{ id: 'mira', name: evil('name'), appearance: evil('looks'), outfit: '' }],
        scenes: [{ id: '1', slugline: evil('slug'), action: evil('action'), dialogue: [], characters: [] }],
        shots: [shot('1.1', '1', { firstFrame: evil('first'), videoPrompt: evil('video'), dialogue: [{ speaker: evil('who'), line: evil('line') }] }), shot('"><b>x</b>')],
        artifacts: [
          { path: 'frames/shot-1.1".png', kind: 'frame', subject: 'shot 1.1', cached: false },
          { path: 'portraits/mira"onerror="x.png', kind: 'portrait', subject: 'character mira (front)', cached: false },
        ],
        calls: [call({ subject: evil('subject'), model: evil('model'), provider: '<q>', errorCode: evil('code'), ok: false })],
        error: { code: evil('E'), message: evil('message') },
        warnings: [evil('warning')],
      }),
    )
    expect(html).not.toMatch(/<script|<img src=x|<svg onload|<b>x|<q>|onmouseover='|<!--/i)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;')
    // The only tags are the page's own: one <style>, and <img> only for the two files.
    expect(count(html, /<style>/g)).toBe(1)
    expect(count(html, /<img /g)).toBe(2)
    expect(html).toContain('src="frames/shot-1.1%22.png"')
    expect(html).toContain('src="portraits/mira%22onerror%3D%22x.png"')
  })

  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;')
    expect(escapeHtml(undefined)).toBe('')
  })

  it('links only plain relative paths, never a scheme, an absolute path or ..', () => {
    expect(relativeUrl('frames/shot 1.png')).toBe('frames/shot%201.png')
    expect(relativeUrl('javascript:alert(1)')).toBe('javascript%3Aalert(1)')
    for (const bad of ['/etc/passwd', '../secret.png', 'frames/../../x.png', '', 'a//b']) expect(relativeUrl(bad)).toBeUndefined()
  })

  it('refreshes itself while the run works, and only then', () => {
    const refresh = '<meta http-equiv="refresh" content="2">'
    expect(renderReport(reportInput({ status: 'running' }))).toContain(refresh)
    for (const status of ['complete', 'failed', 'interrupted', 'stopped'] as const) expect(renderReport(reportInput({ status }))).not.toContain(refresh)
  })

  it('loads nothing from outside: no URL with a scheme or a host, no web font', () => {
    const html = renderReport(reportInput({ calls: [call({ subject: 'shot 1.1' })], status: 'running' }))
    expect(html).not.toMatch(/https?:|\/\/|@import|@font-face|url\(/i)
  })

  it('draws one .call per call, cache hits and failures included', () => {
    const calls = [call(), call({ cached: true, ms: 0, costUsd: undefined, savedUsd: 0.04 }), call({ ok: false, errorCode: 'E_PROVIDER_HTTP' }), call({ kind: 'video', provider: 'fal' })]
    const html = renderReport(reportInput({ calls }))
    expect(count(html, /<rect class="call[ "]/g)).toBe(4)
  })

  it('says "unknown" for a price nobody knows, never $0', () => {
    const html = renderReport(reportInput({ calls: [call({ subject: 'shot 1.1', costUsd: undefined }), call({ subject: 'shot 1.1', kind: 'video', costUsd: undefined })] }))
    expect(html).toMatch(/<div class="label">spent<\/div><div class="value">unknown<\/div>/)
    expect(html).toMatch(/<div class="label">unknown cost<\/div><div class="value">2<\/div>/)
    expect(html).toContain('cost unknown')
    expect(html).not.toMatch(/(spent|cost)[^$]{0,40}\$0\.00/)
  })

  it('shows the known part of a cost and flags the unknown rest', () => {
    const html = renderReport(reportInput({ calls: [call({ subject: 'shot 1.1', costUsd: 0.25 }), call({ subject: 'shot 1.1', costUsd: undefined })] }))
    expect(html).toMatch(/<div class="value">\$0\.25 \+ unknown<\/div>/)
  })

  it('shows the header, the totals and the error of a failed run', () => {
    const html = renderReport(
      reportInput({
        status: 'failed',
        error: { code: 'E_PROVIDER_HTTP', message: 'fal video kling: HTTP 500' },
        calls: [call({ costUsd: 0.5 }), call({ cached: true, costUsd: undefined, savedUsd: 0.125 })],
      }),
    )
    for (const text of ['The Last Keeper', 'A keeper waits', 'status-failed', '20261125-120000-abcdef', '/films/keeper.yaml', 'fal:kling', '2026-11-25 12:00:00 UTC', '12 s']) {
      expect(html).toContain(text)
    }
    expect(html).toMatch(/class="error"[^>]*><strong>E_PROVIDER_HTTP<\/strong>/)
    expect(html).toMatch(/spent<\/div><div class="value">\$0\.50</)
    expect(html).toMatch(/saved by the cache<\/div><div class="value">\$0\.13</)
    expect(html).toMatch(/cache hits<\/div><div class="value">1</)
  })

  it('gives every shot a card with its thumbnail, prompts, dialogue, duration, status and cost', () => {
    const html = renderReport(
      reportInput({
        shots: [shot('1.1', '1', { dialogue: [{ speaker: 'Mira', line: 'Not tonight.' }], seconds: 5 }), shot('1.2')],
        calls: [call({ subject: 'shot 1.1', costUsd: 0.04 }), call({ subject: 'shot 1.1', kind: 'video', costUsd: 0.5 })],
      }),
    )
    expect(count(html, /<article class="shot /g)).toBe(2)
    expect(html).toContain('<img class="frame" src="frames/shot-1.1.png"')
    expect(html).toContain('href="clips/shot-1.1.mp4"')
    expect(html).toContain('<details class="clamp first-frame"><summary>frame of 1.1</summary></details>')
    expect(html).toContain('<details class="clamp video-prompt"><summary>move in on 1.1</summary></details>')
    expect(html).toContain('<span class="speaker">Mira</span>: Not tonight.')
    expect(html).toContain('5 s</span>')
    expect(html).toContain('data-shot="1.1" data-status="new"')
    expect(html).toContain('data-shot="1.2" data-status="pending"')
    expect(html).toContain('cost $0.54')
    expect(html).toContain('<img class="portrait" src="portraits/mira-front.png"')
  })

  it('explains an empty timeline', () => {
    expect(renderReport(reportInput({ calls: [], callsNote: 'No calls to show: there is no ledger.' }))).toContain('No calls to show: there is no ledger.')
  })
})
