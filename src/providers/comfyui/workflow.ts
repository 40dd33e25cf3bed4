import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { ConfigError } from '../../errors.js'
import type { JsonValue } from '../types.js'
import type { ComfyInputName, ComfyWorkflowConfig } from './workflow-schema.js'

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** An API-format graph: node id → `{class_type, inputs}`. */
export type ComfyGraph = Readonly<Record<string, { readonly class_type: string; readonly inputs: Readonly<Record<string, JsonValue>> }>>

/** A workflow file, checked, with what its content hashes to (it joins the cache key). */
export interface ComfyWorkflow {
  readonly file: string
  readonly graph: ComfyGraph
  readonly digest: string
  readonly inputs: Readonly<Partial<Record<ComfyInputName, string>>>
  readonly fps: number
}

/**
 * Reads and checks one kind's workflow at the provider's first use, before anything is sent:
 * the file exists, is JSON in ComfyUI's API format (not the UI's `nodes`/`links` save), and
 * every mapped `node.input` is in it. Every problem is reported at once.
 */
export function loadWorkflow(where: string, config: ComfyWorkflowConfig, cwd: string): ComfyWorkflow {
  const file = path.resolve(cwd, config.file)
  const fail = (problem: string, hint: string, details: string[] = []) =>
    new ConfigError(`${where}.file: ${config.file}: ${problem}`, { code: 'E_COMFYUI_WORKFLOW', hint, details })
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    throw fail(missing ? 'no such file' : `cannot be read (${(error as Error).message})`, `point ${where}.file at an API-format workflow JSON (paths are relative to the working folder)`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw fail(`is not valid JSON (${(error as Error).message})`, 'export the workflow again from ComfyUI with Workflow → Export (API)')
  }
  if (isObject(json) && Array.isArray(json.nodes)) throw fail('is a UI workflow, not the API format', 'export it from ComfyUI with Workflow → Export (API) (enable dev mode options in older versions)')
  const problems = graphProblems(json)
  if (problems.length > 0) throw fail('is not an API-format workflow', 'export it from ComfyUI with Workflow → Export (API)', problems)
  const graph = json as ComfyGraph
  const missing = Object.entries(config.inputs)
    .filter(([, target]) => target !== undefined)
    .flatMap(([name, target]) => {
      const [node, input] = splitTarget(target!)
      if (!graph[node]) return [`${where}.inputs.${name}: ${config.file} has no node "${node}" (nodes: ${Object.keys(graph).join(', ')})`]
      if (!(input in graph[node]!.inputs)) return [`${where}.inputs.${name}: node "${node}" (${graph[node]!.class_type}) of ${config.file} has no input "${input}" (inputs: ${Object.keys(graph[node]!.inputs).join(', ')})`]
      return []
    })
  if (missing.length > 0) {
    throw new ConfigError(`${where}.inputs: ${missing.length} mapped input(s) not found in ${config.file}: ${missing[0]}`, {
      code: 'E_COMFYUI_WORKFLOW',
      hint: `map each input to "<node id>.<input name>" as they appear in ${config.file}`,
      details: missing,
    })
  }
  return { file, graph, digest: createHash('sha256').update(text).digest('hex'), inputs: config.inputs, fps: config.fps ?? 16 }
}

function graphProblems(json: unknown): string[] {
  if (!isObject(json) || Object.keys(json).length === 0) return ['expected an object of nodes keyed by id']
  return Object.entries(json).flatMap(([id, node]) =>
    isObject(node) && typeof node.class_type === 'string' && isObject(node.inputs) ? [] : [`node "${id}" lacks class_type or inputs`],
  )
}

function splitTarget(target: string): [string, string] {
  const dot = target.indexOf('.')
  return [target.slice(0, dot), target.slice(dot + 1)]
}

/** The graph with the request's values put where the mapping says; the file's own graph stays as it is. */
export function fillWorkflow(workflow: ComfyWorkflow, values: Partial<Record<ComfyInputName, JsonValue>>): ComfyGraph {
  const graph = structuredClone(workflow.graph) as Record<string, { class_type: string; inputs: Record<string, JsonValue> }>
  for (const [name, value] of Object.entries(values)) {
    const target = workflow.inputs[name as ComfyInputName]
    if (target === undefined || value === undefined) continue
    const [node, input] = splitTarget(target)
    graph[node]!.inputs[input] = value
  }
  return graph
}
