import { createGemini } from '../../../src/providers/gemini/provider.js'
import { geminiFake } from '../../support/fake-api/index.js'
import { describeProvider } from '../../support/provider-conformance.js'

describeProvider({
  name: 'gemini',
  kinds: { image: 'gemini-2.5-flash-image', video: 'veo-3.1-fast-generate-preview' },
  envVar: 'GEMINI_API_KEY',
  dialect: 'gemini',
  auth: 'goog',
  routes: { image: 'gemini/generateContent', video: 'gemini/predictLongRunning' },
  fakeRoutes: geminiFake({ pendingPolls: 2 }).routes,
  make: (url, env, inject) => createGemini({ baseURL: `${url}/v1beta`, env, pollIntervalMs: 10, ...inject }),
})
