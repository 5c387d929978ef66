/**
 * Lays out a plain-text table: columns padded to their widest cell, two spaces apart.
 * @example
 * formatTable(['model', 'loss'], [['linear', '0.5']]); // "model   loss\nlinear  0.5"
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
