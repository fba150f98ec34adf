import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);

// src/text/columns.ts
function alignColumns(table) {
  const columns = Math.max(0, ...table.map((row) => row.length));
  const widths = Array.from(
    { length: columns },
    (_, i) => Math.max(...table.map((row) => (row[i] ?? "").length))
  );
  return table.map(
    (row) => row.map((cell, i) => i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd()
  );
}

export {
  alignColumns
};
