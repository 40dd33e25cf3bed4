import { createOpenAI } from '../../../src/providers/openai/provider.js'
import { describeProvider } from '../../support/provider-conformance.js'

describeProvider({
  name: 'openai',
  kinds: { chat: 'gpt-4.1-mini', image: 'gpt-image-1' },
  envVar: 'OPENAI_API_KEY',
  make: (url, env, inject) => createOpenAI({ baseURL: `${url}/v1`, env, ...inject }),
})
