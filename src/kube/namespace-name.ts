// Namespace names (pure, no client): checked before anything is uploaded or applied.
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Why `name` cannot be a namespace, if it cannot. Checked before anything is uploaded: the API
 * server would refuse it only when deploy creates the namespace, and plan never creates it.
 */
export function namespaceNameProblem(name: string): string | undefined {
  if (name.length <= 63 && DNS1123_LABEL.test(name)) return undefined;
  return (
    `'${name}' is not a valid namespace name: a namespace name is lowercase letters, digits ` +
    "and '-', starts and ends with a letter or digit, and has at most 63 characters"
  );
}
