// The demo's edits to cortex.yaml, made as a developer would make them (comments and layout
// kept): an env var on one API's container (the broken revision), and another image for every
// container (a real cluster, where the example's image is the user's own build). Pure: text in,
// text out.
import { isMap, isSeq, parseDocument } from "yaml";

function load(text: string) {
  const doc = parseDocument(text);
  if (doc.errors.length > 0)
    throw new Error(`cortex.yaml does not parse: ${doc.errors[0]?.message}`);
  if (!isSeq(doc.contents)) throw new Error("cortex.yaml is not a list of APIs");
  return { doc, apis: doc.contents };
}

/** Sets `env[key] = value` on the first container of the API named `api`. */
export function withContainerEnv(text: string, api: string, key: string, value: string): string {
  const { doc, apis } = load(text);
  const index = apis.items.findIndex((_, i) => doc.getIn([i, "name"]) === api);
  if (index < 0) throw new Error(`cortex.yaml has no API named ${api}`);
  const path = [index, "pod", "containers", 0];
  if (!isMap(doc.getIn(path))) throw new Error(`${api} has no containers`);
  const env = doc.getIn([...path, "env"]);
  if (isMap(env)) env.set(key, value);
  else doc.setIn([...path, "env"], doc.createNode({ [key]: value }));
  return doc.toString();
}

/** Replaces the image of every container of every API. */
export function withImage(text: string, image: string): string {
  const { doc, apis } = load(text);
  apis.items.forEach((_, i) => {
    const containers = doc.getIn([i, "pod", "containers"]);
    if (!isSeq(containers)) return;
    containers.items.forEach((_c, j) => {
      doc.setIn([i, "pod", "containers", j, "image"], image);
    });
  });
  return doc.toString();
}
