// Debian packages the suite needs beyond Node.js, Go and Python, installed on first use when the
// run is root with apt-get (as CI is), as scripts/python-env.sh does for python3-venv; otherwise
// a clear error that says what to install.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

async function has(command: string): Promise<boolean> {
  try {
    await run("sh", ["-c", `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
}

export async function ensureDebianTool(command: string, pkg: string, why: string): Promise<void> {
  if (await has(command)) return;
  if (process.getuid?.() === 0 && (await has("apt-get"))) {
    console.error(`sandbox: ${command} is missing (${why}); installing Debian's ${pkg}`);
    await run("apt-get", ["update", "-qq"]);
    await run("apt-get", ["install", "-y", "-qq", pkg], {
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (await has(command)) return;
  }
  throw new Error(`${command} not found (${why}): install it (Debian: apt-get install -y ${pkg})`);
}
