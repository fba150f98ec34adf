// Lists people write in one value (an Action input, repeated flags): items separated by commas or
// new lines, and the rule that an item written twice is most likely a typo for another one.

/** The items of `raw`, trimmed; blank ones (a trailing comma, an empty line) are left out. */
export function listItems(raw: string): string[] {
  return raw
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** The first item that appears again later in `items`, if any. */
export function firstRepeated(items: readonly string[]): string | undefined {
  return items.find((item, i) => items.indexOf(item) !== i);
}
