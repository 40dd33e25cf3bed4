/**
 * Maps with at most `limit` calls in flight, keeping order. After the first failure no new item
 * starts, `onFirstError` runs (so the caller can abort the ones in flight), and the call settles
 * only once every started item has, so nothing is still writing files when it rejects.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  onFirstError: () => void = () => {},
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  let failure: { readonly error: unknown } | undefined
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const index = next++
      try {
        results[index] = await fn(items[index]!, index)
      } catch (error) {
        if (failure === undefined) {
          failure = { error }
          onFirstError()
        }
      }
    }
  }
  const workers = Math.max(1, Math.min(Math.floor(limit) || 1, items.length))
  await Promise.all(Array.from({ length: workers }, worker))
  if (failure !== undefined) throw failure.error
  return results
}
