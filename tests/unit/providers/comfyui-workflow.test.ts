import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError } from '../../../src/errors.js'
import { collectFiles, pickFile } from '../../../src/providers/comfyui/history.js'
import { comfyWorkflowProblems } from '../../../src/providers/comfyui/workflow-problems.js'
import { workflowFingerprint } from '../../../src/providers/comfyui/request-values.js'
import { fillWorkflow, loadWorkflow } from '../../../src/providers/comfyui/workflow.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vimax-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
const GRAPH = { '3': { class_type: 'KSampler', inputs: { seed: 1, steps: 20 } }, '6': { class_type: 'CLIPTextEncode', inputs: { text: 'x' } } }
const WHERE = 'providers.comfyui.workflows.image'
const write = (name: string, content: string) => (fs.writeFileSync(path.join(dir, name), content), name)
const problem = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    return error as ConfigError
  }
  return expect.unreachable('expected a ConfigError')
}

describe('comfyui workflow files', () => {
  it('reads an API-format file relative to the working folder and fills mapped inputs without touching the file’s graph', () => {
    const file = write('ok.json', JSON.stringify(GRAPH))
    const workflow = loadWorkflow(WHERE, { file, inputs: { prompt: '6.text', seed: '3.seed' } }, dir)
    const graph = fillWorkflow(workflow, { prompt: 'a lighthouse', seed: 9 })
    expect(graph['6']!.inputs.text).toBe('a lighthouse')
    expect(graph['3']!.inputs).toEqual({ seed: 9, steps: 20 })
    expect(workflow.graph['6']!.inputs.text).toBe('x')
  })

  it('stops on a missing file, naming the field and the file', () => {
    const error = problem(() => loadWorkflow(WHERE, { file: 'nope.json', inputs: { prompt: '6.text' } }, dir))
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.code).toBe('E_COMFYUI_WORKFLOW')
    expect(error.message).toBe(`${WHERE}.file: nope.json: no such file`)
  })

  it('stops on bad JSON and on a UI-format save, saying how to export the API format', () => {
    const bad = problem(() => loadWorkflow(WHERE, { file: write('bad.json', '{"3": '), inputs: { prompt: '6.text' } }, dir))
    expect(bad.message).toMatch(/bad\.json: is not valid JSON/)
    const ui = problem(() => loadWorkflow(WHERE, { file: write('ui.json', JSON.stringify({ nodes: [], links: [] })), inputs: { prompt: '6.text' } }, dir))
    expect(ui.message).toContain('is a UI workflow, not the API format')
    expect(ui.hint).toContain('Export (API)')
  })

  it('reports every mapped node or input that is not in the graph at once', () => {
    const file = write('paths.json', JSON.stringify(GRAPH))
    const error = problem(() => loadWorkflow(WHERE, { file, inputs: { prompt: '6.txt', seed: '99.seed' } }, dir))
    expect(error.code).toBe('E_COMFYUI_WORKFLOW')
    expect(error.details).toEqual([
      `${WHERE}.inputs.prompt: node "6" (CLIPTextEncode) of paths.json has no input "txt" (inputs: text)`,
      `${WHERE}.inputs.seed: paths.json has no node "99" (nodes: 3, 6)`,
    ])
    expect(error.message).toContain('paths.json')
  })

  it('lists, before a run, a kind with no workflow and every mapped input the file lacks', () => {
    const file = write('check.json', JSON.stringify(GRAPH))
    const problems = comfyWorkflowProblems('comfyui', ['image', 'video'], { type: 'comfyui', workflows: { image: { file, inputs: { prompt: '6.txt' } } } }, dir)
    expect(problems).toEqual([
      'image (comfyui): providers.comfyui.workflows.image.inputs.prompt: node "6" (CLIPTextEncode) of check.json has no input "txt" (inputs: text)',
      'video (comfyui): providers.comfyui.workflows.video is not set; point it at an API-format workflow (examples/comfyui/README.md)',
    ])
  })

  it('puts the file’s content in the fingerprint, so an edited workflow is a new call', () => {
    const file = write('edit.json', JSON.stringify(GRAPH))
    const before = workflowFingerprint(loadWorkflow(WHERE, { file, inputs: { prompt: '6.text' } }, dir))
    write('edit.json', JSON.stringify({ ...GRAPH, '3': { class_type: 'KSampler', inputs: { seed: 1, steps: 30 } } }))
    const after = workflowFingerprint(loadWorkflow(WHERE, { file, inputs: { prompt: '6.text' } }, dir))
    expect(after.workflow).not.toBe(before.workflow)
  })

  it('collects output files listed under any key, saved outputs before temp previews', () => {
    const files = collectFiles({
      '9': { images: [{ filename: 'preview.png', subfolder: '', type: 'temp' }] },
      '12': { gifs: [{ filename: 'clip.mp4', subfolder: 'video', type: 'output', format: 'video/h264-mp4' }] },
      '13': { images: [{ filename: 'final.png', subfolder: '', type: 'output' }], animated: [false] },
    })
    expect(files.map((f) => f.filename)).toEqual(['preview.png', 'clip.mp4', 'final.png'])
    expect(pickFile(files, 'image')?.filename).toBe('final.png')
    expect(pickFile(files, 'video')?.filename).toBe('clip.mp4')
  })
})
