import path from 'node:path'
import type { ComfyWorkflowsConfig } from '../../src/providers/comfyui/workflow-schema.js'
import { ROOT } from './run-cli.js'

/** The shipped examples/comfyui workflows with the input mapping their README gives. */
export const EXAMPLE_WORKFLOWS: ComfyWorkflowsConfig = {
  image: { file: path.join(ROOT, 'examples/comfyui/image.json'), inputs: { prompt: '6.text', seed: '3.seed', width: '5.width', height: '5.height' } },
  video: {
    file: path.join(ROOT, 'examples/comfyui/video.json'),
    fps: 24,
    inputs: { prompt: '6.text', seed: '3.seed', image: '56.image', width: '55.width', height: '55.height', frames: '55.length', fps: '57.fps' },
  },
}

/** Settings for `createComfyUI` using the examples. */
export const provider = () => ({ workflows: EXAMPLE_WORKFLOWS })

/** The same mapping as vimax.config.yaml text, for CLI runs. */
export function workflowsYaml(): string {
  const { image, video } = EXAMPLE_WORKFLOWS
  return [
    '    workflows:',
    `      image: { file: "${image!.file}", inputs: ${JSON.stringify(image!.inputs)} }`,
    `      video: { file: "${video!.file}", fps: 24, inputs: ${JSON.stringify(video!.inputs)} }`,
  ].join('\n')
}
