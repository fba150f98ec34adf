// One image, three commands: `controller`, `proxy` and `downloader`.
const commands: Record<string, () => Promise<{ main: (argv: string[]) => Promise<number> }>> = {
  controller: () => import("./controller/main.ts"),
  proxy: () => import("./proxy/main.ts"),
  downloader: () => import("./downloader/main.ts"),
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
