// The values the Action masks, and their redaction from what it sends to GitHub: core.setSecret
// hides a value in the job log only, so comments, Deployments and the summary are redacted apart.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { redactRequest } from "../../../src/github/github-api.ts";
import { MaskedValues, mask, maskedLines } from "../../../src/github/masked.ts";
import { cell, codeCell, escapeHtml } from "../../../src/text/markdown.ts";

function values(...secrets: string[]): { masked: MaskedValues; told: string[] } {
  const told: string[] = [];
  const masked = new MaskedValues((s) => told.push(s));
  for (const s of secrets) masked.add(s);
  return { masked, told };
}

describe("masking", () => {
  it("tells the runner each line of a multi-line secret, as GitHub masks them line by line", () => {
    const pem = "-----BEGIN KEY-----\r\n  MIIEvQIBADANBgkqhkiG9w0B  \nAQ==\n\n-----END KEY-----\n";
    const { masked, told } = values(pem);
    expect(told).toEqual([
      "-----BEGIN KEY-----",
      "MIIEvQIBADANBgkqhkiG9w0B",
      "AQ==",
      "-----END KEY-----",
    ]);
    expect(masked.redact("key line MIIEvQIBADANBgkqhkiG9w0B printed")).toBe("key line *** printed");
  });

  it("leaves lines shorter than 4 characters alone, so ordinary text keeps its words", () => {
    expect(maskedLines("ab\n==\nabc\nabcd")).toEqual(["abcd"]);
    const { masked, told } = values("}\nab");
    expect(told).toEqual([]);
    expect(masked.redact("a } b ab")).toBe("a } b ab");
  });

  it("replaces every occurrence, the longest value first", () => {
    // The shorter value first would leave "-7777" of the longer one behind.
    const { masked } = values("tok-GGG", "tok-GGG-secret-7777");
    expect(masked.redact("key tok-GGG-secret-7777 rejected; tok-GGG; tok-GGG-secret-7777")).toBe(
      "key *** rejected; ***; ***",
    );
  });

  it("finds a value escaped for Markdown, HTML, a table cell, JSON and a URL", () => {
    const secret = "ab_c*d|e<f>&g@h\"i'j\\k";
    const { masked } = values(secret);
    for (const form of [
      cell(secret),
      codeCell(secret),
      escapeHtml(secret),
      JSON.stringify(secret),
      encodeURIComponent(secret),
    ]) {
      expect(masked.redact(`before ${form} after`), form).not.toMatch(/ab.*c.*d/);
    }
    expect(masked.redact(`x ${cell(secret)} y`)).toBe("x *** y");
  });

  it("finds a value base64-encoded inside other text, at every offset", () => {
    // A kubeconfig's client-key-data, say, is base64 of a PEM whose lines are masked.
    const secret = "MIIEvQIBADANBgkqhkiG9w0B-secret";
    const { masked } = values(secret);
    for (const before of ["", "a", "ab", "abc", "-----BEGIN KEY-----\n"]) {
      const encoded = Buffer.from(`${before}${secret}\n-----END KEY-----\n`).toString("base64");
      const redacted = masked.redact(`client-key-data: ${encoded}`);
      // Left: the characters that also encode the bytes around the secret, no run of its own.
      const [head = "", tail = ""] = redacted.slice("client-key-data: ".length).split("***");
      expect(head.length, before).toBeLessThanOrEqual(Math.ceil((before.length + 2) / 3) * 4);
      expect(Buffer.from(tail, "base64").toString("latin1"), before).not.toMatch(/secret/);
      expect(Buffer.from(head, "base64").toString("latin1"), before).not.toMatch(/MIIE/);
    }
  });

  it("leaves short base64 runs alone, so base64 text and prose keep their words", () => {
    // "tok1" is masked as it is, but its base64 forms (dG9rMQ, b2sx, ...) are too short to redact.
    const { masked } = values("tok1");
    expect(masked.redact("dG9rMQ== b2sx tok1")).toBe("dG9rMQ== b2sx ***");
  });

  it("leaves text without a masked value as it is, and does nothing before anything is masked", () => {
    expect(new MaskedValues(() => {}).redact("tok-GGG-secret-7777")).toBe("tok-GGG-secret-7777");
    const { masked } = values("tok-GGG-secret-7777");
    expect(masked.redact("deployed to ml-pr-7")).toBe("deployed to ml-pr-7");
  });
});

describe("a GitHub request's text is redacted, its route is not", () => {
  it("redacts the body, the description, the payload and URLs, deeply", () => {
    const secret = "tok-REQ-secret-5150";
    mask(secret);
    const options: Record<string, unknown> = {
      method: "POST",
      url: "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
      baseUrl: "https://api.github.com",
      headers: { authorization: "token x" },
      owner: "acme",
      repo: "ml",
      deployment_id: 4,
      description: `failed: ${secret}`,
      environment_url: `https://api.example.com/?key=${secret}`,
      payload: { namespace: "ml", notes: [`a ${secret}`] },
      body: `> ${cell(secret)}`,
    };
    redactRequest(options);
    expect(options).toEqual({
      method: "POST",
      url: "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
      baseUrl: "https://api.github.com",
      headers: { authorization: "token x" },
      owner: "acme",
      repo: "ml",
      deployment_id: 4,
      description: "failed: ***",
      environment_url: "https://api.example.com/?key=***",
      payload: { namespace: "ml", notes: ["a ***"] },
      body: "> ***",
    });
  });
});

/** Every .ts file under src/, as [path relative to the repository, text]. */
async function sources(): Promise<[string, string][]> {
  const root = path.resolve(import.meta.dirname, "../../..");
  const files = (await readdir(path.join(root, "src"), { recursive: true }))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join("src", f));
  return Promise.all(
    files.map(async (f) => [f, await readFile(path.join(root, f), "utf8")] as [string, string]),
  );
}

describe("the boundaries redaction relies on", () => {
  // A new call site that went around them would send masked values to GitHub unredacted.
  it("masks only through masked.ts, writes the summary only through summary.ts, calls GitHub only through github-api.ts", async () => {
    const found: string[] = [];
    for (const [file, text] of await sources()) {
      if (/core\.setSecret|import \{[^}]*\bsetSecret\b[^}]*\} from "@actions\/core"/.test(text))
        if (file !== "src/github/masked.ts") found.push(`${file}: setSecret`);
      if (/summary\.write\(|import \{[^}]*\bsummary\b[^}]*\} from "@actions\/core"/.test(text))
        if (file !== "src/github/summary.ts") found.push(`${file}: summary.write`);
      if (/getOctokit|@octokit\//.test(text))
        if (file !== "src/github/github-api.ts") found.push(`${file}: Octokit`);
    }
    expect(found).toEqual([]);
  });
});
