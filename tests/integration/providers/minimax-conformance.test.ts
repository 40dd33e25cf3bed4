import { createMinimax } from '../../../src/providers/minimax/provider.js'
import { minimaxFake } from '../../support/fake-api/index.js'
import { describeProvider } from '../../support/provider-conformance.js'

describeProvider({
  name: 'minimax (Hailuo video)',
  kinds: { video: 'MiniMax-Hailuo-02' },
  envVar: 'MINIMAX_API_KEY',
  routes: { video: 'minimax/create' },
  fakeRoutes: minimaxFake().routes,
  make: (url, env, inject) => createMinimax({ baseURL: url, env, ...inject }),
})
