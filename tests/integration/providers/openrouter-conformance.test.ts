import { createOpenRouter } from '../../../src/providers/openrouter/provider.js'
import { openrouterRoutes } from '../../support/fake-api/index.js'
import { describeProvider } from '../../support/provider-conformance.js'

describeProvider({
  name: 'openrouter (chat, images, video)',
  kinds: { chat: 'openai/gpt-4.1-mini', image: 'google/gemini-2.5-flash-image', video: 'google/veo-3.1-fast' },
  envVar: 'OPENROUTER_API_KEY',
  dialect: 'openrouter',
  routes: { image: 'images', video: 'videos' },
  fakeRoutes: openrouterRoutes(),
  make: (url, env, inject) => createOpenRouter({ baseURL: `${url}/api/v1`, env, ...inject }),
})
