export type Align = 'left' | 'right'

/**
 * Plain columns padded to their widest cell, for terminals and logs alike (no box drawing, so the
 * output greps and diffs). Numbers are usually right-aligned: pass `align` per column.
 */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string {
  const widths = header.map((cell, column) => Math.max(width(cell), ...rows.map((row) => width(row[column] ?? ''))))
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => {
        const pad = ' '.repeat(Math.max(0, widths[column]! - width(cell)))
        return align[column] === 'right' ? pad + cell : cell + pad
      })
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)].join('\n')
}

// Code points, not UTF-16 units: subjects may hold accented names and "—".
const width = (text: string) => [...text].length
