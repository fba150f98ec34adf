// nginx as a plain reverse proxy on loopback, for comparison: installed from Debian when missing,
// configured in a temporary folder, run in the foreground as a child process.
import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Child, spawnChild, waitForPort } from "./processes.ts";

export function ensureNginx(): string {
  const find = (): string | undefined => {
    for (const p of ["/usr/sbin/nginx", "/usr/bin/nginx"]) {
      try {
        execFileSync(p, ["-v"], { stdio: "ignore" });
        return p;
      } catch {}
    }
    return undefined;
  };
  const found = find();
  if (found !== undefined) return found;
  console.error("bench: installing nginx (apt-get install -y nginx)");
  execFileSync("apt-get", ["install", "-y", "nginx"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  const installed = find();
  if (installed === undefined) throw new Error("nginx is still missing after apt-get install");
  return installed;
}

/**
 * One worker process (the proxy under test is one Node process, so both get one core), keep-alive
 * to the backend as the proxy has, no access log, everything else default.
 */
function config(dir: string, listenPort: number, backendPort: number): string {
  return `
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  keepalive_timeout 65s;
  keepalive_requests 1000000;
  upstream backend {
    server 127.0.0.1:${backendPort};
    keepalive 256;
  }
  server {
    listen 127.0.0.1:${listenPort};
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`;
}

export async function startNginx(
  binary: string,
  dir: string,
  listenPort: number,
  backendPort: number,
): Promise<Child> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, "nginx.conf");
  await writeFile(file, config(dir, listenPort, backendPort));
  const child = spawnChild(binary, ["-p", dir, "-c", file, "-e", path.join(dir, "error.log")]);
  // nginx prints nothing when it starts; readiness is its port accepting connections.
  await waitForPort(listenPort);
  return child;
}
