/** A GitHub-flavoured markdown table; `align` holds one of 'l' or 'r' per column. */
export function markdownTable(header: readonly string[], align: readonly ('l' | 'r')[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const rule = align.map((side) => (side === 'r' ? '---:' : '---'));
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}
