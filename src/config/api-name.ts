// The rule for an API's name, read from cortex.schema.json (definitions.apiName) so that code
// checking names outside the schema validator applies the very rule cortex.yaml is held to: the
// controller, which reads custom resources that may have been written by hand.
import schema from "./cortex.schema.json" with { type: "json" };

const rule = schema.definitions.apiName;
// Unicode mode, as the generated validator matches schema patterns.
const pattern = new RegExp(rule.pattern, "u");

/** What is wrong with `name` as an API name, in cortex.yaml's words; undefined when nothing is. */
export function apiNameProblem(name: string): string | undefined {
  if (!pattern.test(name)) return rule["x-messages"].pattern;
  if (name.length > rule.maxLength) return `must be at most ${rule.maxLength} characters long`;
  return undefined;
}
