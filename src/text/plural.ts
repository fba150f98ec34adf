// Counted words in messages: "1 file", "2 files", "3 replicas". One rule, so the CLI, the Action
// and the job summary say it alike.

/** "1 manifest", "2 manifests"; `many` for a plural that is not word + "s". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
