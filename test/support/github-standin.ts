// A local stand-in for the GitHub REST API: github.com cannot be reached from here, so the
// end-to-end tests point GITHUB_API_URL at this server. It implements only the endpoints the
// Action calls, with GitHub's request and response shapes (pagination by Link header, 201 on
// create, 401 without the token, 404 for other repositories), and keeps what they wrote so the
// tests can read it. Any other request is answered 404 and recorded in `unhandled`.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface StandInComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; type: string };
  created_at: string;
  updated_at: string;
}

export interface StandInDeployment {
  id: number;
  ref: string;
  sha: string;
  environment: string;
  description: string | null;
  payload: unknown;
  transient_environment: boolean;
  production_environment: boolean;
  created_at: string;
  statuses: StandInDeploymentStatus[];
}

export interface StandInDeploymentStatus {
  id: number;
  state: string;
  description: string;
  environment_url: string;
  log_url: string;
}

export interface GitHubStandIn {
  /** For GITHUB_API_URL. */
  url: string;
  comments: StandInComment[];
  deployments: StandInDeployment[];
  /** Every request, in order: "POST /repos/acme/ml/issues/7/comments". */
  requests: string[];
  /** Requests no route answered. */
  unhandled: string[];
  /** Comments of one pull request, oldest first. */
  commentsOn(issue: number): StandInComment[];
  /**
   * Sets what GET /pulls/{n} answers for a pull request: its state, or an HTTP error status the
   * endpoint fails with, and its head commit. A pull request never set is open; one whose head
   * was never set is answered without `head`, so the Action cannot tell which commit it is at.
   */
  setPullRequest(pullRequest: number, state: "open" | "closed" | number, headSha?: string): void;
  /**
   * The repository's history, oldest first (one line of commits), for GET /compare/{base}...{head};
   * a commit not in it is unknown (404), as one made in a clone and never pushed.
   */
  setHistory(commits: readonly string[]): void;
  /** Adds a comment as another user would (to prove the Action leaves others alone). */
  addComment(issue: number, body: string, login?: string): StandInComment;
  close(): Promise<void>;
}

export interface StandInOptions {
  repository: string;
  token: string;
  /**
   * The user a personal access token acts for: GET /user names them and they write the comments.
   * Unset, the token is the workflow's GITHUB_TOKEN: comments come from github-actions[bot] and
   * GET /user is refused, as GitHub refuses it for installation tokens.
   */
  tokenUser?: string;
}

const BOT = { login: "github-actions[bot]", type: "Bot" };

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return {};
  return JSON.parse(text) as Record<string, unknown>;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export async function startGitHubStandIn(opts: StandInOptions): Promise<GitHubStandIn> {
  const comments: StandInComment[] = [];
  const deployments: StandInDeployment[] = [];
  const pulls = new Map<number, { state: "open" | "closed" | number; headSha?: string }>();
  const requests: string[] = [];
  const unhandled: string[] = [];
  let history: readonly string[] = [];
  let nextId = 1000;
  const now = () => new Date().toISOString();
  const repoPrefix = `/repos/${opts.repository}`;

  const addComment = (issue: number, body: string, login = BOT.login): StandInComment => {
    const c: StandInComment = {
      id: nextId++,
      issue,
      body,
      user: login === BOT.login ? BOT : { login, type: "User" },
      created_at: now(),
      updated_at: now(),
    };
    comments.push(c);
    return c;
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const method = req.method ?? "GET";
    const line = `${method} ${url.pathname}`;
    requests.push(line);
    const handle = async () => {
      const auth = req.headers.authorization ?? "";
      if (auth !== `token ${opts.token}` && auth !== `Bearer ${opts.token}`) {
        return send(res, 401, { message: "Bad credentials" });
      }
      if (url.pathname === "/user" && method === "GET") {
        if (opts.tokenUser === undefined) {
          return send(res, 403, { message: "Resource not accessible by integration" });
        }
        return send(res, 200, { login: opts.tokenUser, type: "User" });
      }
      if (!url.pathname.startsWith(`${repoPrefix}/`)) {
        unhandled.push(line);
        return send(res, 404, { message: "Not Found" });
      }
      const rest = url.pathname.slice(repoPrefix.length);
      const issueComments = /^\/issues\/(\d+)\/comments$/.exec(rest);
      const comment = /^\/issues\/comments\/(\d+)$/.exec(rest);
      const statuses = /^\/deployments\/(\d+)\/statuses$/.exec(rest);
      const compare = /^\/compare\/([0-9a-f]+)\.\.\.([0-9a-f]+)$/.exec(rest);
      if (compare && method === "GET") {
        const [base, head] = [history.indexOf(compare[1] ?? ""), history.indexOf(compare[2] ?? "")];
        if (base < 0 || head < 0) return send(res, 404, { message: "Not Found" });
        const status = head > base ? "ahead" : head < base ? "behind" : "identical";
        return send(res, 200, {
          status,
          ahead_by: Math.max(0, head - base),
          behind_by: Math.max(0, base - head),
          total_commits: Math.max(0, head - base),
          commits: [],
        });
      }
      const pull = /^\/pulls\/(\d+)$/.exec(rest);

      if (pull && method === "GET") {
        const number = Number(pull[1]);
        const { state, headSha } = pulls.get(number) ?? { state: "open" };
        if (typeof state === "number") return send(res, state, { message: `HTTP ${state}` });
        return send(res, 200, {
          url: `${url.origin}${repoPrefix}/pulls/${number}`,
          number,
          state,
          merged: false,
          draft: false,
          closed_at: state === "closed" ? now() : null,
          ...(headSha === undefined ? {} : { head: { ref: "feature", sha: headSha } }),
        });
      }

      if (issueComments) {
        const issue = Number(issueComments[1]);
        if (method === "GET") {
          const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 30), 100);
          const page = Number(url.searchParams.get("page") ?? 1);
          const all = comments.filter((c) => c.issue === issue);
          const slice = all.slice((page - 1) * perPage, page * perPage);
          const headers: Record<string, string> = {};
          if (page * perPage < all.length) {
            const next = new URL(url);
            next.searchParams.set("page", String(page + 1));
            next.searchParams.set("per_page", String(perPage));
            headers.link = `<http://${req.headers.host}${next.pathname}${next.search}>; rel="next"`;
          }
          return send(res, 200, slice, headers);
        }
        if (method === "POST") {
          const body = await readJson(req);
          if (typeof body.body !== "string") return send(res, 422, { message: "body is missing" });
          return send(res, 201, addComment(issue, body.body, opts.tokenUser));
        }
      }
      if (comment && method === "PATCH") {
        const c = comments.find((x) => x.id === Number(comment[1]));
        if (!c) return send(res, 404, { message: "Not Found" });
        const body = await readJson(req);
        if (typeof body.body !== "string") return send(res, 422, { message: "body is missing" });
        c.body = body.body;
        c.updated_at = now();
        return send(res, 200, c);
      }
      if (rest === "/deployments" && method === "POST") {
        const body = await readJson(req);
        if (typeof body.ref !== "string" || body.ref === "") {
          return send(res, 422, { message: "ref is missing" });
        }
        const d: StandInDeployment = {
          id: nextId++,
          ref: body.ref,
          sha: body.ref,
          environment: typeof body.environment === "string" ? body.environment : "production",
          description: typeof body.description === "string" ? body.description : null,
          payload: body.payload ?? {},
          transient_environment: body.transient_environment === true,
          production_environment: body.production_environment === true,
          created_at: now(),
          statuses: [],
        };
        deployments.push(d);
        const { statuses: _s, ...shape } = d;
        return send(res, 201, shape);
      }
      if (rest === "/deployments" && method === "GET") {
        const env = url.searchParams.get("environment");
        const list = deployments
          .filter((d) => env === null || d.environment === env)
          .reverse()
          .map(({ statuses: _s, ...shape }) => shape);
        return send(res, 200, list);
      }
      if (statuses && method === "POST") {
        const d = deployments.find((x) => x.id === Number(statuses[1]));
        if (!d) return send(res, 404, { message: "Not Found" });
        const body = await readJson(req);
        const states = [
          "error",
          "failure",
          "inactive",
          "in_progress",
          "queued",
          "pending",
          "success",
        ];
        if (typeof body.state !== "string" || !states.includes(body.state)) {
          return send(res, 422, { message: `state must be one of ${states.join(", ")}` });
        }
        const s: StandInDeploymentStatus = {
          id: nextId++,
          state: body.state,
          description: typeof body.description === "string" ? body.description : "",
          environment_url: typeof body.environment_url === "string" ? body.environment_url : "",
          log_url: typeof body.log_url === "string" ? body.log_url : "",
        };
        d.statuses.push(s);
        return send(res, 201, s);
      }
      unhandled.push(line);
      return send(res, 404, {
        message: "Not Found (the stand-in does not implement this endpoint)",
      });
    };
    handle().catch((err: Error) => send(res, 500, { message: err.message }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    comments,
    deployments,
    requests,
    unhandled,
    commentsOn: (issue) => comments.filter((c) => c.issue === issue),
    setPullRequest: (pullRequest, state, headSha) => {
      pulls.set(pullRequest, headSha === undefined ? { state } : { state, headSha });
    },
    setHistory: (commits) => {
      history = [...commits];
    },
    addComment,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
