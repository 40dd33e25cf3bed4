import { createFal } from '../../../src/providers/fal/provider.js'
import { falRoutes } from '../../support/fake-api/index.js'
import { describeProvider } from '../../support/provider-conformance.js'

describeProvider({
  name: 'fal (queue: images, video)',
  kinds: { image: 'fal-ai/flux/schnell', video: 'fal-ai/kling-video/v2.1/standard/image-to-video' },
  envVar: 'FAL_KEY',
  dialect: 'fal',
  auth: 'key',
  routes: { image: 'fal/submit', video: 'fal/submit' },
  // Requests complete at the first status poll, so image calls need no poll waits (the suite counts sleeps).
  fakeRoutes: falRoutes({ queuedPolls: 0, runningPolls: 0 }),
  make: (url, env, inject) => createFal({ baseURL: url, env, ...inject }),
})
