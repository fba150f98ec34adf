import { describe, expect, it } from "vitest";
import { expand, expandAll } from "../../sandbox/kubelet/expand.ts";

const vars = new Map([
  ["NAME", "world"],
  ["PORT", "8080"],
  ["EMPTY", ""],
]);
const x = (input: string) => expand(input, (name) => vars.get(name));

describe("expand", () => {
  it("replaces defined variables", () => {
    expect(x("hello $(NAME) on $(PORT)")).toBe("hello world on 8080");
    expect(x("$(NAME)$(NAME)")).toBe("worldworld");
    expect(x("[$(EMPTY)]")).toBe("[]");
  });

  it("keeps references to undefined variables as written", () => {
    expect(x("$(MISSING) and $(NAME)")).toBe("$(MISSING) and world");
  });

  it("reads $$ as an escaped $, so $$(NAME) stays literal", () => {
    expect(x("$$(NAME)")).toBe("$(NAME)");
    expect(x("cost: $$5")).toBe("cost: $5");
    expect(x("$$$(NAME)")).toBe("$world");
  });

  it("leaves unclosed references, lone $ and shell syntax alone", () => {
    expect(x("$(NAME")).toBe("$(NAME");
    expect(x("trailing $")).toBe("trailing $");
    const braces = ["$HOME and $", "{NAME}"].join("");
    expect(x(braces)).toBe(braces);
  });

  it("expands lists and passes undefined through", () => {
    expect(expandAll(["--port=$(PORT)", "$(NAME)"], vars)).toEqual(["--port=8080", "world"]);
    expect(expandAll(undefined, vars)).toBeUndefined();
  });
});
