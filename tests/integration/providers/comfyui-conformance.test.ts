import { createComfyUI } from '../../../src/providers/comfyui/provider.js'
import { comfyFake } from '../../support/fake-api/index.js'
import { provider as comfyWorkflows } from '../../support/comfyui-workflows.js'
import { describeProvider } from '../../support/provider-conformance.js'

describeProvider({
  name: 'comfyui (workflows: images, video)',
  kinds: { image: 'workflow', video: 'workflow' },
  // ComfyUI takes no key; a proxy in front of it may want one, sent as a bearer token.
  envVar: 'COMFYUI_API_KEY',
  keyOptional: true,
  auth: 'bearer',
  routes: { image: 'comfyui/prompt', video: 'comfyui/prompt' },
  // Prompts are in /history as soon as they are queued, so image calls need no poll waits (the suite counts sleeps).
  fakeRoutes: comfyFake({ instant: true }).routes,
  make: (url, env, inject) => createComfyUI({ ...comfyWorkflows(), baseURL: url, env, ...inject }),
})
