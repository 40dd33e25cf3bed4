import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ConfigData } from '../../../src/config/config-schema.js'
import { accessProblems } from '../../../src/providers/check-access.js'
import { EXAMPLE_WORKFLOWS } from '../../support/comfyui-workflows.js'

const providers: ConfigData['providers'] = {
  replicate: { type: 'replicate', api_key_env: 'REPLICATE_API_TOKEN' },
  comfyui: { type: 'comfyui', base_url: 'http://127.0.0.1:8188', workflows: EXAMPLE_WORKFLOWS },
  bare: { type: 'comfyui' },
}

describe('accessProblems for Replicate and ComfyUI', () => {
  it('asks Replicate for REPLICATE_API_TOKEN and a ComfyUI with valid workflows for nothing', async () => {
    expect(await accessProblems({ image: 'replicate', video: 'comfyui' }, providers, {})).toEqual([
      'image (replicate): REPLICATE_API_TOKEN is not set; export REPLICATE_API_TOKEN=<your replicate key>',
    ])
    expect(await accessProblems({ image: 'comfyui', video: 'comfyui' }, providers, {})).toEqual([])
  })

  it('names a ComfyUI kind with no workflow, and a mapped input its file lacks, before any call', async () => {
    const broken = { ...providers, comfyui: { type: 'comfyui' as const, workflows: { image: { ...EXAMPLE_WORKFLOWS.image!, inputs: { prompt: '60.text' } } } } }
    expect(await accessProblems({ image: 'comfyui', video: 'bare' }, broken, {})).toEqual([
      `image (comfyui): providers.comfyui.workflows.image.inputs.prompt: ${EXAMPLE_WORKFLOWS.image!.file} has no node "60" (nodes: 3, 4, 5, 6, 7, 8, 9)`,
      'video (bare): providers.bare.workflows.video is not set; point it at an API-format workflow (examples/comfyui/README.md)',
    ])
    expect(path.basename(EXAMPLE_WORKFLOWS.image!.file)).toBe('image.json')
  })
})
