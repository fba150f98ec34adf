// The benchmark's runner for this project: one process per run, as the CLI would be. bench/upload.ts
// bundles it with esbuild first, so node starts it as fast as it starts dist/cli.js.
// Args: DIR BUCKET PREFIX ENDPOINT [CONCURRENCY]. Prints one JSON line with the result.
import { uploadArtifacts } from "../../src/commands/upload.ts";

async function main(): Promise<void> {
  const [dir, bucket, prefix, endpoint, concurrency] = process.argv.slice(2);
  if (!dir || !bucket || !prefix || !endpoint)
    throw new Error("usage: DIR BUCKET PREFIX ENDPOINT [N]");
  const started = performance.now();
  const result = await uploadArtifacts({
    config: {
      file: `${dir}/cortex.yaml`,
      dir,
      apis: [{ name: "bench", artifacts: [{ path: ".", mount: "/mnt/artifacts" }] }],
      locate: () => ({ line: 1, column: 1 }),
    },
    bucket,
    prefix,
    endpoint,
    concurrency: concurrency ? Number(concurrency) : undefined,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ seconds, summary: result.summary })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
