/**
 * The page's only stylesheet, inlined: report.html is opened from disk, often offline, so it
 * loads nothing — no web fonts, no external sheets. Local system fonts only.
 */
export const REPORT_STYLES = `
:root {
  --ink: #1d2127; --muted: #5d6570; --faint: #8a919b; --line: #e3e1da; --paper: #f6f5f1; --card: #ffffff;
  --night: #15181f; --night-2: #1f2430; --accent: #c8792b;
  --chat: #7b61c9; --image: #2f8f83; --video: #d0702a; --speech: #b0417a; --music: #4a6fa5; --ok: #2e7d4f; --bad: #c0392b; --warn: #b7791f; --run: #2b6cb0;
  --mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace;
  --script: "Courier Prime", "Courier New", Courier, var(--mono);
}
* { box-sizing: border-box; }
html { background: var(--paper); }
body { margin: 0; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.wrap { max-width: 1240px; margin: 0 auto; padding: 0 28px; }
h2 { font-size: 13px; letter-spacing: .14em; text-transform: uppercase; color: var(--muted); margin: 44px 0 16px; font-weight: 650; }
section > h2 .sub { letter-spacing: 0; text-transform: none; font-weight: 400; color: var(--faint); margin-left: 8px; }

.hero { background: linear-gradient(160deg, var(--night) 0%, var(--night-2) 100%); color: #eef0f3; padding: 34px 0 30px; }
.eyebrow { font-size: 12px; letter-spacing: .18em; text-transform: uppercase; color: var(--accent); font-weight: 650; }
.hero h1 { font: 700 38px/1.15 Georgia, "Times New Roman", serif; margin: 8px 0 10px; letter-spacing: -.01em; }
.logline { font: italic 18px/1.5 Georgia, "Times New Roman", serif; color: #c9ced6; margin: 0 0 18px; max-width: 860px; }
.title-row { display: flex; align-items: center; gap: 14px; flex-wrap: wrap; }
.status { display: inline-block; padding: 3px 12px; border-radius: 999px; font-size: 12px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: #fff; background: var(--faint); }
.status-complete { background: var(--ok); } .status-running { background: var(--run); } .status-failed { background: var(--bad); }
.status-interrupted, .status-stopped { background: var(--warn); }
.film-link { color: #f3d3ae; font-weight: 600; text-decoration: none; border-bottom: 1px solid rgba(243,211,174,.4); }
.meta { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 10px 28px; margin: 22px 0 0; }
.meta div { min-width: 0; }
.meta dt { font-size: 11px; letter-spacing: .12em; text-transform: uppercase; color: #8d96a3; }
.meta dd { margin: 2px 0 0; font-family: var(--mono); font-size: 13px; color: #e6e9ee; overflow-wrap: anywhere; }

.error { margin-top: 26px; background: #fdf0ee; border: 1px solid #f0c4bd; border-left: 5px solid var(--bad); border-radius: 8px; padding: 14px 18px; }
.error strong { color: var(--bad); font-family: var(--mono); margin-right: 8px; }
.error p { margin: 4px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }

.totals { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 14px; margin-top: 26px; }
.stat { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
.stat .label { font-size: 12px; color: var(--muted); }
.stat .value { font-size: 26px; font-weight: 700; letter-spacing: -.01em; margin-top: 2px; font-variant-numeric: tabular-nums; }
.stat .hint { font-size: 12px; color: var(--faint); }
.stat.unknown .value { color: var(--warn); }

.scene { margin-bottom: 34px; }
.slugline { font: 700 16px/1.3 var(--script); text-transform: uppercase; letter-spacing: .03em; margin: 0 0 6px; }
.slugline .num { color: var(--accent); margin-right: 10px; }
.action { margin: 0 0 16px; color: var(--muted); max-width: 920px; }
.clamp summary { list-style: none; cursor: pointer; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: var(--lines, 6); overflow: hidden; }
.clamp summary::-webkit-details-marker { display: none; }
.clamp[open] summary { display: block; }
.clamp.action { --lines: 3; }
.shots { display: grid; grid-template-columns: repeat(auto-fill, minmax(265px, 1fr)); gap: 18px; }
.shot { background: var(--card); border: 1px solid var(--line); border-radius: 12px; overflow: hidden; display: flex; flex-direction: column; box-shadow: 0 1px 2px rgba(20,24,31,.04); }
.shot.status-failed { border-color: #e8b4ac; }
.thumb { display: block; background: #101218; aspect-ratio: 16 / 9; position: relative; }
.thumb img { display: block; width: 100%; height: 100%; object-fit: contain; }
.thumb .placeholder { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; color: #7b8290; font-size: 13px; }
.shot-body { padding: 12px 14px 14px; display: flex; flex-direction: column; gap: 9px; flex: 1; }
.shot-head { display: flex; align-items: center; gap: 8px; }
.shot-id { font-weight: 700; font-family: var(--mono); font-size: 13px; }
.shot-head .seconds { margin-left: auto; color: var(--muted); font-size: 13px; font-variant-numeric: tabular-nums; }
.chip { font-size: 11px; font-weight: 700; letter-spacing: .05em; text-transform: uppercase; padding: 1px 8px; border-radius: 999px; }
.chip-new { background: #e3f3ea; color: var(--ok); } .chip-cached { background: #e8eef8; color: var(--run); }
.chip-failed { background: #fbe4e1; color: var(--bad); } .chip-pending { background: #f1efe8; color: var(--faint); }
.prompt { margin: 0; }
.prompt dt { font-size: 11px; letter-spacing: .1em; text-transform: uppercase; color: var(--faint); }
.prompt dd + dt { margin-top: 8px; }
.prompt dd { margin: 1px 0 0; font-size: 13.5px; line-height: 1.45; overflow-wrap: anywhere; }
.dialogue { margin: 0; padding: 8px 10px; background: #faf8f2; border-radius: 6px; font: 13px/1.45 var(--script); }
.dialogue p { margin: 0; } .dialogue .speaker { font-weight: 700; text-transform: uppercase; }
.shot-cost { margin-top: auto; padding-top: 8px; border-top: 1px dashed var(--line); font-size: 12.5px; color: var(--muted); display: flex; justify-content: space-between; gap: 8px; font-variant-numeric: tabular-nums; }
.shot-cost .saved { color: var(--run); }

.cast { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 18px; }
.character { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 14px; }
.character h3 { margin: 0; font-size: 16px; }
.character .looks { margin: 2px 0 10px; font-size: 13px; color: var(--muted); }
.views { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; }
.views figure { margin: 0; }
.views img { width: 100%; display: block; border-radius: 6px; background: #101218; }
.views figcaption { font-size: 11px; color: var(--faint); text-align: center; text-transform: uppercase; letter-spacing: .08em; margin-top: 3px; }

.timeline-card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 14px 16px 10px; }
.legend { display: flex; gap: 18px; flex-wrap: wrap; font-size: 12.5px; color: var(--muted); margin-bottom: 8px; }
.legend i { display: inline-block; width: 22px; height: 10px; border-radius: 2px; vertical-align: middle; margin-right: 6px; }
.legend .sw-chat { background: var(--chat); } .legend .sw-image { background: var(--image); } .legend .sw-video { background: var(--video); }
.legend .sw-speech { background: var(--speech); } .legend .sw-music { background: var(--music); }
.legend .sw-cached { background: rgba(47, 143, 131, .28); box-shadow: inset 0 0 0 1px var(--image); }
.legend .sw-failed { background: var(--bad); } .legend .sw-wait { height: 3px; background: #b9bec6; }
svg.timeline { width: 100%; height: auto; display: block; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
.lane-band { fill: #ffffff; } .lane-band.odd { fill: #f7f6f2; }
.lane-label { font-size: 12px; font-family: var(--mono); fill: var(--ink); }
.lane-count { fill: var(--faint); }
.grid { stroke: #e4e2dc; stroke-width: 1; }
.tick { font-size: 11px; fill: var(--faint); text-anchor: middle; }
.call { fill: var(--faint); }
.call.kind-chat { fill: var(--chat); } .call.kind-image { fill: var(--image); } .call.kind-video { fill: var(--video); }
.call.kind-speech { fill: var(--speech); } .call.kind-music { fill: var(--music); }
.call.cached { fill-opacity: .28; stroke-width: 1; }
.call.kind-chat.cached { stroke: var(--chat); } .call.kind-image.cached { stroke: var(--image); } .call.kind-video.cached { stroke: var(--video); }
.call.kind-speech.cached { stroke: var(--speech); } .call.kind-music.cached { stroke: var(--music); }
.call.failed { fill: var(--bad); fill-opacity: 1; stroke: #7f1d1d; }
.wait { fill: #b9bec6; }
.call:hover { fill-opacity: .75; stroke: var(--ink); }
.note { color: var(--muted); font-size: 14px; margin: 6px 0; }
.warnings { margin: 0; padding-left: 20px; color: var(--muted); font-size: 13px; }
.warnings li { overflow-wrap: anywhere; }
.audio-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
.audio-list li { display: flex; align-items: center; gap: 12px; font-size: 13px; color: var(--muted); }
.audio-list li span { min-width: 220px; overflow-wrap: anywhere; }
.loudness { font-size: 14px; margin: 6px 0 12px; }
footer { color: var(--faint); font-size: 12px; padding: 40px 0 32px; }
`
