// One image, four commands: `controller`, `proxy`, `downloader` and `splitter`.

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
