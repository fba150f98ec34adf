// The preview namespace of a pull request: its name, the labels and annotations that say whose
// preview it is and when it expires, and reading them back (pure). Teardown and cleanup delete a
// namespace only when these marks say this repository's preview created it.
import { sha256Hex } from "../kube/hash.ts";
import { LABELS, MANAGED_BY } from "../kube/resource.ts";

export const PREVIEW_LABELS = {
  preview: "cortexdeploy.dev/preview",
  pullRequest: "cortexdeploy.dev/pull-request",
  /** A label-safe form of owner/name (see repositoryLabel); the annotation holds it exactly. */
  repository: "cortexdeploy.dev/repository",
  /**
   * GitHub's numeric id of the repository (GITHUB_REPOSITORY_ID), which a rename or a transfer
   * keeps: ownership goes by it when both sides know it. Previews made before it was recorded
   * have only the name.
   */
  repositoryId: "cortexdeploy.dev/repository-id",
  headSha: "cortexdeploy.dev/head-sha",
  /** Unix seconds, so `kubectl get ns -L cortexdeploy.dev/expires` shows it. */
  expires: "cortexdeploy.dev/expires",
} as const;

export const PREVIEW_ANNOTATIONS = {
  repository: "cortexdeploy.dev/repository",
  expiresAt: "cortexdeploy.dev/expires-at",
  /** JSON object: config id → repository-relative cortex.yaml path, one per config deployed. */
  configs: "cortexdeploy.dev/preview-configs",
  runUrl: "cortexdeploy.dev/run-url",
} as const;

const MAX_LABEL = 63;

/** Lowercase letters, digits and '-', starting and ending with a letter or digit. */
function dnsLabelPart(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * `<namespace>-pr-<N>`, a valid DNS-1123 label of at most 63 characters. A base too long to fit is
 * cut and followed by 6 hex digits of its hash, so two long bases that share a beginning still
 * get different namespaces.
 */
export function previewNamespaceName(base: string, pullRequest: number): string {
  const suffix = `-pr-${pullRequest}`;
  const clean = dnsLabelPart(base) || "preview";
  if (clean.length + suffix.length <= MAX_LABEL) return `${clean}${suffix}`;
  const hash = sha256Hex(base).slice(0, 6);
  const room = MAX_LABEL - suffix.length - hash.length - 1;
  const head = clean.slice(0, room).replace(/-+$/, "");
  return `${head}-${hash}${suffix}`;
}

/** owner/name as a label value: '/' becomes '.', which GitHub owner names cannot contain. */
export function repositoryLabel(repository: string): string {
  const value = repository
    .replace("/", ".")
    .replace(/[^A-Za-z0-9._-]/g, "-")
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
  if (value.length <= MAX_LABEL) return value;
  return `${value.slice(0, MAX_LABEL - 9).replace(/[^A-Za-z0-9]+$/, "")}-${sha256Hex(repository).slice(0, 8)}`;
}

export interface PreviewMarks {
  repository: string;
  /** GitHub's repository id (digits), or "" / absent when unknown. */
  repositoryId?: string | undefined;
  pullRequest: number;
  headSha: string;
  expiresAt: Date;
  runUrl: string;
  /** Config id → repository-relative path of every config deployed into the namespace. */
  configs: Record<string, string>;
}

/** The expiry of a preview pushed at `now`: the TTL counts from the latest push. */
export function expiryFrom(now: Date, ttlSeconds: number): Date {
  return new Date(Math.floor(now.getTime() / 1000) * 1000 + ttlSeconds * 1000);
}

export function previewLabels(marks: PreviewMarks): Record<string, string> {
  const labels: Record<string, string> = {
    [LABELS.managedBy]: MANAGED_BY,
    [PREVIEW_LABELS.preview]: "true",
    [PREVIEW_LABELS.pullRequest]: String(marks.pullRequest),
    [PREVIEW_LABELS.repository]: repositoryLabel(marks.repository),
    [PREVIEW_LABELS.expires]: String(Math.floor(marks.expiresAt.getTime() / 1000)),
  };
  if (/^[0-9a-f]{7,40}$/i.test(marks.headSha)) labels[PREVIEW_LABELS.headSha] = marks.headSha;
  if (isRepositoryId(marks.repositoryId)) labels[PREVIEW_LABELS.repositoryId] = marks.repositoryId;
  return labels;
}

export function previewAnnotations(marks: PreviewMarks): Record<string, string> {
  const annotations: Record<string, string> = {
    [PREVIEW_ANNOTATIONS.repository]: marks.repository,
    [PREVIEW_ANNOTATIONS.expiresAt]: marks.expiresAt.toISOString(),
    [PREVIEW_ANNOTATIONS.configs]: JSON.stringify(sortedRecord(marks.configs)),
  };
  if (marks.runUrl) annotations[PREVIEW_ANNOTATIONS.runUrl] = marks.runUrl;
  return annotations;
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function isRepositoryId(id: string | undefined): id is string {
  return id !== undefined && /^[0-9]{1,20}$/.test(id);
}

/** The label selector that lists one repository's previews (by its current name). */
export function previewSelector(repository: string): string {
  return [
    `${LABELS.managedBy}=${MANAGED_BY}`,
    `${PREVIEW_LABELS.preview}=true`,
    `${PREVIEW_LABELS.repository}=${repositoryLabel(repository)}`,
  ].join(",");
}

/** The label selector of the previews recorded with a repository id (whatever its name was). */
export function previewSelectorById(repositoryId: string): string {
  return [
    `${LABELS.managedBy}=${MANAGED_BY}`,
    `${PREVIEW_LABELS.preview}=true`,
    `${PREVIEW_LABELS.repositoryId}=${repositoryId}`,
  ].join(",");
}

/**
 * Whether a preview's marks are this repository's: by id when both the preview and this run know
 * it (a renamed or transferred repository keeps its id), else by name.
 */
export function ownedBy(marks: PreviewMarks, repository: string, repositoryId = ""): boolean {
  if (isRepositoryId(marks.repositoryId) && isRepositoryId(repositoryId)) {
    return marks.repositoryId === repositoryId;
  }
  return marks.repository === repository;
}

export interface NamespaceMeta {
  name: string;
  uid?: string | undefined;
  resourceVersion?: string | undefined;
  labels?: Record<string, string> | undefined;
  annotations?: Record<string, string> | undefined;
}

function parseConfigs(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed as Record<string, unknown>).filter(
        (e): e is [string, string] => typeof e[1] === "string",
      ),
    );
  } catch {
    return {};
  }
}

/** The preview marks on a namespace, or undefined when cortex-deploy did not make it a preview. */
export function readPreviewMarks(meta: NamespaceMeta): PreviewMarks | undefined {
  const labels = meta.labels ?? {};
  const annotations = meta.annotations ?? {};
  if (labels[LABELS.managedBy] !== MANAGED_BY || labels[PREVIEW_LABELS.preview] !== "true") {
    return undefined;
  }
  const pullRequest = Number(labels[PREVIEW_LABELS.pullRequest]);
  if (!Number.isInteger(pullRequest) || pullRequest <= 0) return undefined;
  const fromAnnotation = Date.parse(annotations[PREVIEW_ANNOTATIONS.expiresAt] ?? "");
  const fromLabel = Number(labels[PREVIEW_LABELS.expires]) * 1000;
  const expires = Number.isFinite(fromAnnotation) ? fromAnnotation : fromLabel;
  if (!Number.isFinite(expires)) return undefined;
  return {
    repository: annotations[PREVIEW_ANNOTATIONS.repository] ?? "",
    ...(isRepositoryId(labels[PREVIEW_LABELS.repositoryId])
      ? { repositoryId: labels[PREVIEW_LABELS.repositoryId] }
      : {}),
    pullRequest,
    headSha: labels[PREVIEW_LABELS.headSha] ?? "",
    expiresAt: new Date(expires),
    runUrl: annotations[PREVIEW_ANNOTATIONS.runUrl] ?? "",
    configs: parseConfigs(annotations[PREVIEW_ANNOTATIONS.configs]),
  };
}

export type Ownership =
  | { ok: true; marks: PreviewMarks | undefined }
  | { ok: false; message: string };

/** What to do about a preview made under another repository name (a rename, or a collision). */
export function foreignPreviewMessage(
  namespace: string,
  marks: PreviewMarks,
  repository: string,
  repositoryId = "",
): string {
  const theirs = `${marks.repository || "another repository"} #${marks.pullRequest}`;
  if (isRepositoryId(marks.repositoryId) && isRepositoryId(repositoryId)) {
    // Both ids known and different: truly another repository's preview.
    return (
      `namespace ${namespace} is the preview of ${theirs} (repository id ${marks.repositoryId}), ` +
      `not of ${repository} (id ${repositoryId}); it is left alone. Give each repository its own ` +
      "`namespace` input so their previews do not collide."
    );
  }
  return (
    `namespace ${namespace} is the preview of ${theirs}, and this is ${repository}; it is left ` +
    "alone (it records no repository id, so whether it is this repository's cannot be told). " +
    `If this repository was ${marks.repository || "renamed or transferred"} (renamed or ` +
    "transferred), the preview was made under the old name and nothing will delete it: delete " +
    `it with \`kubectl delete namespace ${namespace}\`. If ${marks.repository || "it"} is another ` +
    "repository, give each repository its own `namespace` input so their previews do not collide."
  );
}

/**
 * Whether this run may use (or delete) the namespace: it must be absent (marks undefined), or a
 * preview of the same repository (by id when recorded, else by name) and pull request. Anything
 * else belongs to someone else.
 */
export function checkOwnership(
  meta: NamespaceMeta | undefined,
  repository: string,
  pullRequest: number,
  repositoryId = "",
): Ownership {
  if (meta === undefined) return { ok: true, marks: undefined };
  const marks = readPreviewMarks(meta);
  if (marks === undefined) {
    return {
      ok: false,
      message:
        `namespace ${meta.name} exists and is not a cortex-deploy preview (it lacks the ` +
        `${PREVIEW_LABELS.preview}=true label), so it is left alone. Choose another \`namespace\` ` +
        "input, or delete that namespace if nothing in it is needed.",
    };
  }
  if (!ownedBy(marks, repository, repositoryId)) {
    return {
      ok: false,
      message: foreignPreviewMessage(meta.name, marks, repository, repositoryId),
    };
  }
  if (marks.pullRequest !== pullRequest) {
    return {
      ok: false,
      message:
        `namespace ${meta.name} is the preview of ${marks.repository} #${marks.pullRequest}, ` +
        `not of #${pullRequest}; it is left alone.`,
    };
  }
  return { ok: true, marks };
}

/** Why cleanup deletes a preview: its TTL passed, or GitHub says its pull request is closed. */
export type CleanupReason = "expired" | "closed";

export interface ExpiredPreview {
  namespace: string;
  uid?: string | undefined;
  pullRequest: number;
  expiresAt: string;
  configs: Record<string, string>;
  /** Set by selectForCleanup. */
  reason?: CleanupReason | undefined;
}

/** This repository's previews (the annotation must agree with the label), oldest expiry first. */
export function repositoryPreviews(
  namespaces: readonly NamespaceMeta[],
  repository: string,
  repositoryId = "",
): ExpiredPreview[] {
  const out: ExpiredPreview[] = [];
  const seen = new Set<string>();
  for (const meta of namespaces) {
    const marks = readPreviewMarks(meta);
    // The label selector matched; the annotation (or id) must agree (a cut label could be shared).
    if (!marks || !ownedBy(marks, repository, repositoryId) || seen.has(meta.name)) continue;
    seen.add(meta.name);
    out.push({
      namespace: meta.name,
      uid: meta.uid,
      pullRequest: marks.pullRequest,
      expiresAt: marks.expiresAt.toISOString(),
      configs: marks.configs,
    });
  }
  return out.sort(
    (a, b) => a.expiresAt.localeCompare(b.expiresAt) || a.pullRequest - b.pullRequest,
  );
}

const isExpired = (p: ExpiredPreview, now: Date) => Date.parse(p.expiresAt) <= now.getTime();

/** This repository's previews whose expiry has passed at `now`, oldest first. */
export function selectExpired(
  namespaces: readonly NamespaceMeta[],
  repository: string,
  now: Date,
  repositoryId = "",
): ExpiredPreview[] {
  return repositoryPreviews(namespaces, repository, repositoryId).filter((p) => isExpired(p, now));
}

/** The pull requests whose state cleanup asks GitHub for: those of previews not yet expired. */
export function pullRequestsToAsk(previews: readonly ExpiredPreview[], now: Date): number[] {
  return [...new Set(previews.filter((p) => !isExpired(p, now)).map((p) => p.pullRequest))];
}

/** The previews cleanup deletes, each with its reason: expired, else its pull request closed. */
export function selectForCleanup(
  previews: readonly ExpiredPreview[],
  now: Date,
  closed: ReadonlySet<number>,
): ExpiredPreview[] {
  return previews.flatMap((p): ExpiredPreview[] => {
    if (isExpired(p, now)) return [{ ...p, reason: "expired" }];
    if (closed.has(p.pullRequest)) return [{ ...p, reason: "closed" }];
    return [];
  });
}

/** The GitHub environment of a preview: one per pull request and config. */
export function previewEnvironment(pullRequest: number, configPath: string): string {
  const base = `preview/pr-${pullRequest}`;
  return configPath === "cortex.yaml" ? base : `${base} (${configPath})`;
}
