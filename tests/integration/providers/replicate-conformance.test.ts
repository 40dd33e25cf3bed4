import { createReplicate } from '../../../src/providers/replicate/provider.js'
import { replicateRoutes } from '../../support/fake-api/index.js'
import { describeProvider } from '../../support/provider-conformance.js'

describeProvider({
  name: 'replicate (predictions: images, video)',
  kinds: { image: 'black-forest-labs/flux-schnell', video: 'kwaivgi/kling-v2.1' },
  envVar: 'REPLICATE_API_TOKEN',
  dialect: 'replicate',
  auth: 'bearer',
  routes: { image: 'replicate/create', video: 'replicate/create' },
  // Video predictions finish at the first poll; images finish inside `Prefer: wait`.
  fakeRoutes: replicateRoutes({ startingPolls: 0, processingPolls: 0 }),
  make: (url, env, inject) => createReplicate({ baseURL: `${url}/v1`, env, ...inject }),
})
