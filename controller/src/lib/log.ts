// JSON logs, one object per line, for the commands of the controller image. Every line carries
// `time`, `level`, `component` and `msg`, plus the fields given at creation (`with`) and per call,
// so `kubectl logs | jq` and log shippers can filter by any of them.
//
//   const log = createLogger("proxy");
//   log.info("listening", { port: 8888 });
//   // {"time":"2025-01-01T00:00:00.000Z","level":"info","component":"proxy","msg":"listening","port":8888}

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (e.g. the API name). */
  with(fields: LogFields): Logger;
}

export interface LoggerOptions {
  /** Lines below this level are dropped; default from $LOG_LEVEL, else "info". */
  level?: LogLevel;
  /** Where lines go; default process.stderr (stdout stays free for a command's own output). */
  write?: (line: string) => void;
  /** Clock, for tests. */
  now?: () => Date;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function isLevel(value: string | undefined): value is LogLevel {
  return value !== undefined && value in RANK;
}

// Errors serialise to {} with JSON.stringify; keep their message (and code, for system errors).
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as NodeJS.ErrnoException).code;
    return code === undefined ? value.message : `${value.message} (${code})`;
  }
  if (typeof value === "bigint") return value.toString();
  return value;
}

export function createLogger(component: string, options: LoggerOptions = {}): Logger {
  const envLevel = process.env.LOG_LEVEL;
  const min = RANK[options.level ?? (isLevel(envLevel) ? envLevel : "info")];
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const now = options.now ?? (() => new Date());

  const make = (base: LogFields): Logger => {
    const emit = (level: LogLevel, msg: string, fields?: LogFields): void => {
      if (RANK[level] < min) return;
      const line = { time: now().toISOString(), level, component, msg, ...base, ...fields };
      write(`${JSON.stringify(line, replacer)}\n`);
    };
    return {
      debug: (msg, fields) => emit("debug", msg, fields),
      info: (msg, fields) => emit("info", msg, fields),
      warn: (msg, fields) => emit("warn", msg, fields),
      error: (msg, fields) => emit("error", msg, fields),
      with: (fields) => make({ ...base, ...fields }),
    };
  };
  return make({});
}
