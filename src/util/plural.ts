/** "1 scene", "3 scenes", "0 scenes": a count and its noun, for every line a person reads. */
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : many}`
}
