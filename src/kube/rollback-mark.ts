// What `rollback` records on the APIs it writes, and how it reads back (pure): a rollback keeps
// the re-applied revision's commit and actor, so only this mark tells it from that deploy.
import { ANNOTATIONS } from "./resource.ts";

export interface RollbackMark {
  /** The revision whose spec was re-applied, by the number it had then. */
  revision: number;
  /** Who rolled back: GitHub's actor in the Action, the git user in the CLI. */
  actor?: string | undefined;
  /** The run that rolled back (the Action's); the CLI has none. */
  runUrl?: string | undefined;
}

/** Every annotation of the mark: a write that lacks them all was no rollback. */
export const ROLLBACK_MARK_ANNOTATIONS: readonly string[] = [
  ANNOTATIONS.rollbackOf,
  ANNOTATIONS.rolledBackBy,
  ANNOTATIONS.rollbackRunUrl,
];

export function rollbackAnnotations(mark: RollbackMark): Record<string, string> {
  const out: Record<string, string> = { [ANNOTATIONS.rollbackOf]: String(mark.revision) };
  if (mark.actor) out[ANNOTATIONS.rolledBackBy] = mark.actor;
  if (mark.runUrl) out[ANNOTATIONS.rollbackRunUrl] = mark.runUrl;
  return out;
}

/** The mark in `annotations`, or undefined when the write was not a rollback. */
export function readRollbackMark(
  annotations: Readonly<Record<string, string>> | undefined,
): RollbackMark | undefined {
  const a = annotations ?? {};
  const of = a[ANNOTATIONS.rollbackOf];
  if (of === undefined || !/^\d+$/.test(of)) return undefined;
  const mark: RollbackMark = { revision: Number(of) };
  if (a[ANNOTATIONS.rolledBackBy]) mark.actor = a[ANNOTATIONS.rolledBackBy];
  if (a[ANNOTATIONS.rollbackRunUrl]) mark.runUrl = a[ANNOTATIONS.rollbackRunUrl];
  return mark;
}

/** "rollback to 3 by alice, https://github.com/acme/ml/actions/runs/7" */
export function describeRollback(mark: RollbackMark): string {
  return (
    `rollback to ${mark.revision}` +
    (mark.actor ? ` by ${mark.actor}` : "") +
    (mark.runUrl ? `, ${mark.runUrl}` : "")
  );
}
