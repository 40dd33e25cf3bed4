import { mkdtempSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
// @ts-expect-error -- the package ships no types; the few calls below are checked by the tests that use them.
import S3rver from '@20minutes/s3rver'

/** The keys the loopback S3 server accepts; anything else is refused as bad credentials. */
export const S3_TEST_KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const

export interface S3TestServer {
  readonly endpoint: string
  /** The folder the objects are kept in, for tests that damage one on disk. */
  readonly directory: string
  /** Every request seen, as "METHOD /path?query", oldest first. */
  readonly requests: string[]
  /** The `x-amz-checksum-sha256` header of each PUT, by path (the server stores, but does not check, it). */
  readonly checksums: Map<string, string | undefined>
  /** The environment a vimax child needs to reach this server (region and the accepted keys). */
  env(): Record<string, string>
  close(): Promise<void>
}

/** A real S3-protocol server (s3rver, objects on disk) on a free loopback port, with the named buckets made. */
export async function startS3Server(buckets: readonly string[] = ['vimax-test']): Promise<S3TestServer> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'vimax-s3-'))
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) })
  const address = (await server.run()) as AddressInfo
  const requests: string[] = []
  const checksums = new Map<string, string | undefined>()
  ;(server.httpServer as Server).on('request', (req) => {
    requests.push(`${req.method} ${req.url}`)
    if (req.method === 'PUT') checksums.set((req.url ?? '').split('?')[0]!, req.headers['x-amz-checksum-sha256'] as string | undefined)
  })
  const endpoint = `http://127.0.0.1:${address.port}`
  return {
    endpoint,
    directory,
    requests,
    checksums,
    env: () => ({ AWS_ACCESS_KEY_ID: S3_TEST_KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: S3_TEST_KEYS.secretAccessKey, AWS_REGION: 'us-east-1' }),
    async close() {
      await server.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}
