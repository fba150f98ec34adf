// Plain-text tables for the CLI: columns padded to their widest cell, two spaces apart, the last
// column left unpadded so lines carry no trailing blanks.
export function alignColumns(table: readonly (readonly string[])[]): string[] {
  const columns = Math.max(0, ...table.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, i) =>
    Math.max(...table.map((row) => (row[i] ?? "").length)),
  );
  return table.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}
