// Shared helpers for the end-to-end tests: where the built hosts are, temporary data directories, starting the
// HTTP host on a free loopback port, connecting the official MCP TypeScript SDK client over stdio or HTTP.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ElicitRequestSchema, ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";

export const e2eRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = resolve(e2eRoot, "..", "..");
export const fixtures = join(e2eRoot, "fixtures");
const configuration = process.env.BURLY_TEST_CONFIGURATION || "Release";

/** The built stdio host (`burly`). */
export const burlyExe = process.env.BURLY_EXE || join(repoRoot, "src/Burly.Host.Stdio/bin", configuration, "net10.0/burly");

/** The built HTTP host (apphost next to Burly.Host.Http.dll). */
export const httpExe = process.env.BURLY_HTTP_EXE || join(repoRoot, "src/Burly.Host.Http/bin", configuration, "net10.0/Burly.Host.Http");

/**
 * Features that land on other branches. Each gate says whether its tests must run: once the feature's source is in
 * the tree, a missing tool or notification FAILS the test; before that the test is reported as skipped (never passed).
 * BURLY_E2E_REQUIRE=blog,reload forces the gates on.
 */
const required = new Set((process.env.BURLY_E2E_REQUIRE ?? "").split(",").map((s) => s.trim()).filter(Boolean));
export const features = {
  blogPack: required.has("blog") || existsSync(join(repoRoot, "src/Burly.Tools/Blog")),
  hotReload: required.has("reload") || sourceMentions(["src/Burly.Core", "src/Burly.Host.Stdio", "src/Burly.Host.Http"], /FileSystemWatcher|PosixSignal\.SIGHUP|PhysicalFileProvider|ChangeToken\.OnChange/),
};

function sourceMentions(dirs, pattern) {
  const walk = (dir) => {
    if (!existsSync(dir)) return false;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "bin" || entry.name === "obj") continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory() ? walk(path) : entry.name.endsWith(".cs") && pattern.test(readFileSync(path, "utf8"))) return true;
    }
    return false;
  };
  return dirs.some((d) => walk(join(repoRoot, d)));
}

/** A temporary Burly data directory (audit goes there) with blog stage/publish roots; remove with cleanup(). */
export function makeSandbox(prefix = "burly-e2e-") {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const stage = join(root, "stage");
  const publish = join(root, "publish");
  mkdirSync(stage);
  mkdirSync(publish);
  return {
    root,
    stage,
    publish,
    env: {
      BURLY_DATA_DIR: join(root, "data"),
      BLOG_STAGE_ROOT: stage,
      BLOG_PUBLISH_ROOT: publish,
      NOTIFICATIONS_ENABLED: "false",
      LOG_LEVEL: "Warning",
    },
    /** Every audit record written so far (all *.jsonl files of the audit directory), oldest first. */
    auditRecords() {
      const dir = join(root, "data", "audit");
      if (!existsSync(dir)) return [];
      return readdirSync(dir)
        .filter((f) => f.endsWith(".jsonl"))
        .flatMap((f) => readFileSync(join(dir, f), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)))
        .sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Environment for a child process: the test's own environment minus Burly settings that could leak in, plus `extra`. */
export function childEnv(extra) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(Burly__|BURLY_|POLICY_|AUDIT_|BLOG_|ASPNETCORE_|PORT$|HOST$)/.test(k) && k !== "BURLY_TEST_CONFIGURATION") continue;
    env[k] = v;
  }
  return { ...env, DOTNET_NOLOGO: "1", DOTNET_CLI_TELEMETRY_OPTOUT: "1", ...extra };
}

/** A free TCP port on 127.0.0.1 (the OS picks it; a tiny race with other processes is possible and reported). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function canConnect(port) {
  return new Promise((ok) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      ok(true);
    });
    socket.once("error", () => ok(false));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the HTTP host on a free loopback port with the given extra environment and waits until it accepts
 * connections (bounded: 60 s). Returns { url, port, stop(), stderr() }.
 */
export async function startHttpHost(extraEnv = {}) {
  if (!existsSync(httpExe)) throw new Error(`HTTP host not built: ${httpExe} (run dotnet build Burly.sln -c ${configuration})`);
  const port = await freePort();
  const env = childEnv({
    HOST: "127.0.0.1",
    PORT: String(port),
    ASPNETCORE_URLS: `http://127.0.0.1:${port}`,
    // The placeholder host has no host filtering of its own; the real host defaults to the same loopback set.
    AllowedHosts: "localhost;127.0.0.1;[::1]",
    RATE_LIMIT_DISABLED: "true",
    ...extraEnv,
  });
  const child = spawn(httpExe, [], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-20000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exited = null;
  child.once("exit", (code, signal) => (exited = { code, signal }));
  for (let i = 0; i < 600; i++) {
    if (exited) throw new Error(`HTTP host exited early (${JSON.stringify(exited)}):\n${output}`);
    if (await canConnect(port)) break;
    if (i === 599) {
      child.kill("SIGKILL");
      throw new Error(`HTTP host did not listen on 127.0.0.1:${port} within 60 s:\n${output}`);
    }
    await sleep(100);
  }
  return {
    port,
    url: `http://127.0.0.1:${port}/mcp`,
    output: () => output,
    async stop() {
      if (exited) return;
      const done = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15000);
      await done;
      clearTimeout(timer);
    },
  };
}

/**
 * Connects the official TypeScript SDK client.
 * target: { stdio: { env } } or { http: url }.
 * elicit: undefined → the client does NOT declare elicitation; a function(params) → declares it and answers with its result.
 * headers: extra HTTP headers (e.g. { Authorization: "Bearer …" }), HTTP only.
 */
export async function connectClient(target, { elicit, name = "burly-e2e", headers } = {}) {
  const capabilities = elicit ? { elicitation: {} } : {};
  const client = new Client({ name, version: "1.0.0" }, { capabilities });
  const elicitations = [];
  if (elicit) {
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      elicitations.push(request.params);
      return elicit(request.params);
    });
  }
  const listChanged = [];
  client.setNotificationHandler(ToolListChangedNotificationSchema, (n) => {
    listChanged.push(n);
  });
  let transport;
  let stderr = "";
  if (target.stdio) {
    if (!existsSync(burlyExe)) throw new Error(`burly not built: ${burlyExe} (run dotnet build Burly.sln -c ${configuration})`);
    transport = new StdioClientTransport({ command: burlyExe, args: [], env: childEnv(target.stdio.env), stderr: "pipe" });
    transport.stderr?.on("data", (c) => {
      stderr = (stderr + c.toString()).slice(-20000);
    });
  } else {
    transport = new StreamableHTTPClientTransport(new URL(target.http), headers ? { requestInit: { headers } } : undefined);
  }
  await client.connect(transport);
  return {
    client,
    transport,
    elicitations,
    listChanged,
    stderr: () => stderr,
    async close() {
      if (target.http) {
        // End the HTTP session explicitly (DELETE) so the server drops it; ignore servers that refuse.
        await transport.terminateSession().catch(() => {});
      }
      await client.close();
    },
  };
}

/** Waits until predicate() is true, polling every 50 ms, at most `ms` milliseconds (then throws `what`). */
export async function waitFor(predicate, ms, what) {
  for (let waited = 0; waited <= ms; waited += 50) {
    if (predicate()) return;
    await sleep(50);
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

/** A valid blog post (front matter with title, date, tags) for the blog tools. */
export const samplePost = `---
title: "Interop test post"
date: 2026-11-25
tags: [e2e, mcp]
---

# Hello

Published by the end-to-end tests.
`;
