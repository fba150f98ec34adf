import { createRequire as __cdCreateRequire } from 'node:module';
const require = __cdCreateRequire(import.meta.url);

// src/kube/namespace-name.ts
var DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
function namespaceNameProblem(name) {
  if (name.length <= 63 && DNS1123_LABEL.test(name)) return void 0;
  return `'${name}' is not a valid namespace name: a namespace name is lowercase letters, digits and '-', starts and ends with a letter or digit, and has at most 63 characters`;
}

export {
  namespaceNameProblem
};
