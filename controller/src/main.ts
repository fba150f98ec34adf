// One image, four commands: `controller`, `proxy`, `downloader` and `splitter`.
import { createLogger } from "./lib/log.ts";

// The bundled AWS SDK's notice about future releases needing Node 22 is not actionable here and
// would be plain text among the downloader's JSON log lines.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const commands: Record<string, () => Promise<{ main: (argv: string[]) => Promise<number> }>> = {
  controller: () => import("./controller/main.ts"),
  proxy: () => import("./proxy/main.ts"),
  downloader: () => import("./downloader/main.ts"),
  splitter: () => import("./splitter/main.ts"),
};

const [command, ...rest] = process.argv.slice(2);

// Node prints its warnings (deprecations, listener leaks) as plain text; these commands log JSON
// lines only, so a warning becomes one of them. Removing the listeners removes Node's printer.
process.removeAllListeners("warning");
const warnings = createLogger(command ?? "main");
process.on("warning", (warning: NodeJS.ErrnoException) => {
  warnings.warn(`${warning.name}: ${warning.message}`, { code: warning.code });
});
const load = command === undefined ? undefined : commands[command];
if (load === undefined) {
  console.error(
    `usage: main.js <${Object.keys(commands).join("|")}> [flags]\n` +
      `unknown command: ${command ?? "(none)"}`,
  );
  process.exitCode = 2;
} else {
  process.exitCode = await (await load()).main(rest);
}
