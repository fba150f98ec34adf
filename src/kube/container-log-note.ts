// The Event note that keeps a crashed container's last lines (pure): the controller writes it
// before a rollback deletes the pod; `deploy`'s diagnosis finds it and prints it as a log.

/** The Event's reason. */
export const CONTAINER_LOG_REASON = "ContainerLog";
/** What the API server takes in an events.k8s.io/v1 note, in UTF-8 bytes. */
export const NOTE_LIMIT = 1024;

export interface ContainerRef {
  pod: string;
  container: string;
}

function noteHeader(ref: ContainerRef): string {
  return `last lines of ${ref.pod}/${ref.container}`;
}

/** Whether `note` keeps the log of that container. */
export function isLogNoteOf(note: string, ref: ContainerRef): boolean {
  return note.startsWith(`${noteHeader(ref)}:`) || note.startsWith(`${noteHeader(ref)} (`);
}

/** The last `bytes` of a line (whole characters), marked as cut. */
function lineTail(line: string, bytes: number): string {
  let kept = "";
  for (const ch of [...line].reverse()) {
    if (Buffer.byteLength(`…${ch}${kept}`) > bytes) break;
    kept = ch + kept;
  }
  return `…${kept}`;
}

/** A header naming the container, then as many of the log's last lines as fit in an Event. */
export function containerLogNote(
  ref: ContainerRef,
  previous: boolean,
  log: string,
  limit = NOTE_LIMIT,
): string {
  const header = `${noteHeader(ref)}${previous ? " (its last run)" : ""}:`;
  const lines = log.replace(/\r/g, "").trimEnd().split("\n");
  if (log.trim() === "") return `${header}\n(no output)`;
  const kept: string[] = [];
  let bytes = Buffer.byteLength(header);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? "";
    const size = Buffer.byteLength(line) + 1;
    if (bytes + size > limit) {
      if (kept.length === 0) kept.unshift(lineTail(line, limit - bytes - 1));
      break;
    }
    kept.unshift(line);
    bytes += size;
  }
  return [header, ...kept].join("\n");
}
