import { describe, expect, it } from "vitest";
import {
  confirmed,
  confirmQuestion,
  deleteGate,
  refusalMessage,
} from "../../../src/text/confirm-delete.ts";

describe("deleteGate", () => {
  const gate = (o: Partial<Parameters<typeof deleteGate>[0]>) =>
    deleteGate({ all: true, yes: false, dryRun: false, interactive: false, ...o });

  it("asks before --all on a terminal, and refuses it with no one to ask", () => {
    expect(gate({ interactive: true })).toBe("ask");
    expect(gate({ interactive: false })).toBe("refuse");
  });

  it("goes ahead with --yes, for a dry run, and for named APIs", () => {
    expect(gate({ yes: true })).toBe("proceed");
    expect(gate({ yes: true, interactive: true })).toBe("proceed");
    expect(gate({ dryRun: true })).toBe("proceed");
    expect(gate({ all: false })).toBe("proceed");
    expect(gate({ all: false, interactive: true })).toBe("proceed");
  });
});

describe("the prompt", () => {
  it("names the namespace, the file, the count and each API", () => {
    expect(confirmQuestion("ml", "cortex.yaml", ["realtimeapi/a", "trafficsplitter/front"])).toBe(
      "This deletes 2 APIs that cortex.yaml deployed in namespace ml:\n" +
        "  realtimeapi/a\n  trafficsplitter/front\nDelete these 2? [y/N] ",
    );
    expect(confirmQuestion("ml", "cortex.yaml", ["realtimeapi/a"])).toBe(
      "This deletes 1 API that cortex.yaml deployed in namespace ml:\n  realtimeapi/a\nDelete it? [y/N] ",
    );
  });

  it("reads y and yes in any case as yes; anything else, Enter and end of input as no", () => {
    for (const yes of ["y", "Y", "yes", "YES", " yes\n"]) expect(confirmed(yes)).toBe(true);
    for (const no of ["", "n", "no", "yess", "sure", "y es", undefined])
      expect(confirmed(no)).toBe(false);
  });

  it("says, when it refuses, that nothing was deleted and how to go on", () => {
    expect(refusalMessage("ml", "cortex.yaml", 3)).toBe(
      "--all would delete 3 APIs that cortex.yaml deployed in namespace ml, and stdin is not a " +
        "terminal to confirm it on, so nothing was deleted: pass --yes to delete them, or " +
        "--dry-run to list them",
    );
  });
});
