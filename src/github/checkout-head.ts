// On pull_request_target the workflow runs in the base repository's context, and actions/checkout
// checks out the base branch unless told otherwise: a preview would then deploy the base's
// cortex.yaml and models under the pull request's name. Such a run deploys only a checkout of the
// pull request's head, or of a merge of it (the head is then one of HEAD's parents).
import { execFile } from "node:child_process";

export interface Checkout {
  commit: string;
  parents: string[];
}

/** HEAD and its parents in the checkout holding `dir`, or undefined when git cannot say. */
export function readCheckout(dir: string): Promise<Checkout | undefined> {
  return new Promise((resolve) => {
    const args = ["rev-list", "--parents", "-n", "1", "HEAD"];
    execFile("git", args, { cwd: dir, timeout: 5_000 }, (err, stdout) => {
      const [commit = "", ...parents] = err ? [] : stdout.trim().split(/\s+/);
      resolve(/^[0-9a-f]{40}$/.test(commit) ? { commit, parents } : undefined);
    });
  });
}

export type CheckoutCheck = { ok: true; warning?: string } | { ok: false; message: string };

/** Whether the checkout is the pull request's head or a merge of it (pure). */
export function checkCheckout(
  headSha: string,
  checkout: Checkout | undefined,
  dir: string,
): CheckoutCheck {
  const head = headSha.slice(0, 7);
  if (headSha === "") return { ok: true };
  if (checkout === undefined) {
    return {
      ok: true,
      warning:
        `could not read which commit is checked out in ${dir} (git rev-list HEAD failed); it is ` +
        `deployed as the pull request's head ${head} without that being checked.`,
    };
  }
  if (checkout.commit === headSha || checkout.parents.includes(headSha)) return { ok: true };
  return {
    ok: false,
    message:
      `this pull_request_target run checked out ${checkout.commit.slice(0, 7)}, which is neither ` +
      `the pull request's head ${head} nor a merge of it (on pull_request_target, actions/checkout ` +
      "checks out the base branch unless told otherwise); nothing was deployed. Check out the " +
      "head: actions/checkout with `ref: ${{ github.event.pull_request.head.sha }}`.",
  };
}
