// The CLI's main run in the test's own process, with what it prints (stdout and stderr, in the
// order printed) captured; the caller restores console (vi.restoreAllMocks) after each test.
import { vi } from "vitest";
import { main } from "../../src/cli.ts";

export function cliInProcess(): { printed: string[]; cli: (...args: string[]) => Promise<number> } {
  const printed: string[] = [];
  const cli = (...args: string[]): Promise<number> => {
    const capture = (...a: unknown[]) => void printed.push(a.join(" "));
    vi.spyOn(console, "log").mockImplementation(capture);
    vi.spyOn(console, "error").mockImplementation(capture);
    return main(args);
  };
  return { printed, cli };
}
