// The client check, with the official MCP TypeScript SDK client against the shipped HTTP host, the default
// policy and the real Docker engine (a labelled test container this file creates and removes):
// - docker_restart called with a progress token yields notifications/progress;
// - a read-only API key's tools/list has no mutating tool;
// - every built-in tool in tools/list declares an outputSchema, and the structuredContent of real calls validates
//   against it (Ajv, independently of the SDK's own check);
// - resources/read of docker://containers/{name}/logs and completion of container names against the engine.
// Needs the engine and its test image (scripts/lib/ensure-docker.sh; scripts/suites/e2e-clients.sh runs it).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import { connectClient, makeSandbox, repoRoot, startHttpHost } from "../lib/burly.mjs";

const IMAGE = "burly-test/busybox:1";
const GUARD = { timeout: 90_000 };
const run = randomBytes(4).toString("hex");
const label = `burly.test=e2e-docker-${run}`;
const container = `burly-e2e-${run}-web`;
const opsKey = `e2e-ops-${randomBytes(12).toString("hex")}`;
const readerKey = `e2e-reader-${randomBytes(12).toString("hex")}`;

const docker = (...args) => execFileSync("docker", args, { encoding: "utf8", timeout: 60_000 }).trim();
const startedAt = () => docker("inspect", "-f", "{{.State.StartedAt}}", container);

/** The built-in tools: those the embedded default policy describes (src/Burly.Core/Policy/default-policy.yaml). */
function builtInToolNames() {
  const text = readFileSync(join(repoRoot, "src/Burly.Core/Policy/default-policy.yaml"), "utf8");
  const tools = text.split(/^tools:\s*$/m)[1].split(/^\S/m)[0];
  return [...tools.matchAll(/^ {2}([a-z0-9_]+):/gm)].map((m) => m[1]);
}

function validator(schema) {
  const ajv = /2020-12/.test(schema.$schema ?? "") ? new Ajv2020({ strict: false, allErrors: true }) : new Ajv({ strict: false, allErrors: true });
  return ajv.compile(schema);
}

function assertValid(tool, result) {
  assert.notEqual(result.isError, true, `${tool.name}: ${JSON.stringify(result).slice(0, 600)}`);
  assert.ok(result.structuredContent, `${tool.name}: no structuredContent`);
  const validate = validator(tool.outputSchema);
  assert.ok(validate(result.structuredContent), `${tool.name}: structuredContent does not match its outputSchema: ${JSON.stringify(validate.errors)}`);
}

describe("http: built-in tools against the real Docker engine (default policy)", () => {
  const sandbox = makeSandbox("burly-e2e-docker-");
  let host;
  let ops;
  let reader;
  let opsTools;

  before(async () => {
    docker("run", "-d", "--name", container, "--label", label, IMAGE, "sh", "-c", "echo burly-e2e-log-line; exec sleep 3600");
    host = await startHttpHost({ ...sandbox.env, BURLY_API_KEYS: `ops:${opsKey},reader:${readerKey}:ro` });
    ops = await connectClient({ http: host.url }, {
      name: "burly-e2e-docker-ops",
      headers: { Authorization: `Bearer ${opsKey}` },
      elicit: async () => ({ action: "accept", content: { confirm: true } }),
    });
    reader = await connectClient({ http: host.url }, { name: "burly-e2e-docker-reader", headers: { Authorization: `Bearer ${readerKey}` } });
    opsTools = (await ops.client.listTools()).tools;
  });

  after(async () => {
    await ops?.close();
    await reader?.close();
    await host?.stop();
    try {
      const ids = docker("ps", "-aq", "--filter", `label=${label}`);
      if (ids) docker("rm", "-f", ...ids.split(/\s+/));
    } catch {
      // The engine is gone; nothing to clean.
    }
    sandbox.cleanup();
  });

  it("toolsList_ReadOnlyKey_NoMutatingTool", async () => {
    const { tools } = await reader.client.listTools();
    assert.ok(tools.some((t) => t.name === "docker_ps"), `the reader must see the read-only tools: ${tools.map((t) => t.name)}`);
    const mutating = tools.filter((t) => t.annotations?.readOnlyHint !== true || t.annotations?.destructiveHint === true);
    assert.deepEqual(mutating.map((t) => t.name), []);
    for (const name of ["docker_restart", "docker_start", "docker_stop"]) {
      assert.ok(opsTools.some((t) => t.name === name), `the ops key sees ${name}`);
      assert.ok(!tools.some((t) => t.name === name), `the read-only key does not see ${name}`);
    }
  });

  it("toolsList_BuiltInTools_EachDeclaresAnObjectOutputSchema", () => {
    const names = builtInToolNames();
    assert.ok(names.includes("docker_restart") && names.length >= 8, `default policy tools: ${names}`);
    const builtIn = opsTools.filter((t) => names.includes(t.name));
    assert.ok(builtIn.length >= 8, `expected the built-in tools, got ${opsTools.map((t) => t.name)}`);
    const missing = builtIn.filter((t) => t.outputSchema?.type !== "object").map((t) => t.name);
    assert.deepEqual(missing, [], "built-in tools without an outputSchema");
  });

  it("callTool_RealReadCalls_StructuredContentMatchesOutputSchema", GUARD, async () => {
    const calls = [
      ["docker_ps", { all: true, name: `burly-e2e-${run}-*` }],
      ["docker_inspect", { container }],
      ["docker_logs", { container, tail: 10 }],
      ["docker_stats", { container }],
    ];
    for (const [name, args] of calls) {
      const tool = opsTools.find((t) => t.name === name);
      assert.ok(tool, `${name} listed`);
      const result = await ops.client.callTool({ name, arguments: args });
      assertValid(tool, result);
    }
    const ps = await ops.client.callTool({ name: "docker_ps", arguments: { all: true, name: `burly-e2e-${run}-*` } });
    assert.deepEqual(JSON.stringify(ps.structuredContent).includes(container), true, "docker_ps lists the test container");
  });

  it("callTool_DockerRestartWithProgressToken_ProgressNotificationsAndValidResult", GUARD, async () => {
    const before = startedAt();
    const progress = [];
    const tool = opsTools.find((t) => t.name === "docker_restart");
    // onprogress makes the SDK send _meta.progressToken and route notifications/progress for it here.
    const result = await ops.client.callTool({ name: "docker_restart", arguments: { container, timeout_seconds: 1 } }, undefined, {
      onprogress: (p) => progress.push(p),
      timeout: 80_000,
    });
    assertValid(tool, result);
    assert.ok(progress.length >= 2, `expected progress notifications, got ${JSON.stringify(progress)}`);
    assert.ok(progress.every((p, i) => i === 0 || p.progress > progress[i - 1].progress), `progress must increase: ${JSON.stringify(progress)}`);
    assert.ok(progress.some((p) => /container/.test(p.message ?? "")), `progress messages: ${JSON.stringify(progress)}`);
    assert.notEqual(startedAt(), before, "the container was really restarted");
  });

  it("resourcesRead_ContainerLogsTemplate_ReturnsTheContainersLog", GUARD, async () => {
    const { resourceTemplates } = await ops.client.listResourceTemplates();
    assert.ok(resourceTemplates.some((t) => t.uriTemplate === "docker://containers/{name}/logs"), JSON.stringify(resourceTemplates));
    const { contents } = await ops.client.readResource({ uri: `docker://containers/${container}/logs` });
    assert.ok(contents.length > 0);
    assert.match(contents.map((c) => c.text ?? "").join("\n"), /burly-e2e-log-line/);
  });

  it("complete_ContainerNamePrefix_OffersTheTestContainer", GUARD, async () => {
    const prefix = `burly-e2e-${run}`;
    const resource = await ops.client.complete({ ref: { type: "ref/resource", uri: "docker://containers/{name}/logs" }, argument: { name: "name", value: prefix } });
    assert.ok(resource.completion.values.includes(container), `resource completion: ${JSON.stringify(resource.completion)}`);
    const prompt = await ops.client.complete({ ref: { type: "ref/prompt", name: "triage_unhealthy_container" }, argument: { name: "container", value: prefix } });
    assert.ok(prompt.completion.values.includes(container), `prompt completion: ${JSON.stringify(prompt.completion)}`);
  });
});
