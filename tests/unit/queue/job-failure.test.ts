import { UnrecoverableError } from 'bullmq'
import { describe, expect, it } from 'vitest'
import { BudgetError, ConfigError, ProviderError } from '../../../src/errors.js'
import { createRedactor } from '../../../src/providers/http/index.js'
import { filmJobId } from '../../../src/queue/film-job.js'
import { jobFailure, parseFailure } from '../../../src/queue/job-failure.js'

const SECRET = 'sk-live-abcdef0123456789'
const redactor = createRedactor([SECRET])

describe('a film failure as recorded on its job', () => {
  it('keeps the code and first line, masks a key, and round-trips through parseFailure', () => {
    const error = new ProviderError(`openai: HTTP 401 for key ${SECRET}\nbody…`, { code: 'E_PROVIDER_AUTH', provider: 'openai' })
    const failure = jobFailure(error, redactor)
    expect(failure).not.toBeInstanceOf(UnrecoverableError)
    expect(failure.message).not.toContain(SECRET)
    expect(parseFailure(failure.message)).toEqual({ code: 'E_PROVIDER_AUTH', message: expect.stringMatching(/^openai: HTTP 401 for key \S+$/) })
  })

  it('a spec, config or budget problem fails the film for good; the first detail names what to fix', () => {
    const config = jobFailure(new ConfigError('cannot start: 1 problem', { code: 'E_API_KEY_MISSING', details: ['openai: OPENAI_API_KEY is not set'] }), redactor)
    expect(config).toBeInstanceOf(UnrecoverableError)
    expect(parseFailure(config.message)).toEqual({ code: 'E_API_KEY_MISSING', message: 'cannot start: 1 problem (openai: OPENAI_API_KEY is not set)' })
    expect(jobFailure(new BudgetError('over', { code: 'E_BUDGET_EXCEEDED' }), redactor)).toBeInstanceOf(UnrecoverableError)
    expect(parseFailure(jobFailure(new Error('boom'), redactor).message)?.code).toBe('E_INTERNAL')
  })

  it('a reason BullMQ wrote itself (a film stalled too often) gets E_QUEUE_JOB', () => {
    expect(parseFailure('job stalled more than allowable limit')).toEqual({ code: 'E_QUEUE_JOB', message: 'job stalled more than allowable limit' })
    expect(parseFailure(undefined)).toBeUndefined()
  })
})

describe('filmJobId', () => {
  it('is the same for the same spec bytes, output and profile, and differs when any changes', () => {
    const base = { specDigest: 'a'.repeat(64), output: '/films/x', profile: 'google' }
    expect(filmJobId(base)).toBe(filmJobId({ ...base }))
    expect(filmJobId(base)).toMatch(/^film-[0-9a-f]{24}$/)
    expect(new Set([filmJobId(base), filmJobId({ ...base, specDigest: 'b'.repeat(64) }), filmJobId({ ...base, output: '/films/y' }), filmJobId({ ...base, profile: undefined })]).size).toBe(4)
  })
})
