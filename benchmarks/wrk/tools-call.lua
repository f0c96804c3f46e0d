-- wrk script for benchmarks/compare.sh: MCP tools/call "echo" over streamable HTTP (stateless).
-- IDENTICAL=1 in the environment: every request has the same body (Burly may share the call);
-- otherwise each request carries a distinct message (no sharing possible).
-- At the end prints one line: requests, seconds, errors and latency percentiles in ms.
local identical = os.getenv("IDENTICAL") == "1"
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = os.getenv("ACCEPT") or "application/json, text/event-stream"

local fixed = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hello"}}}'

function request()
  if identical then
    return wrk.format(nil, nil, nil, fixed)
  end
  counter = counter + 1
  return wrk.format(nil, nil, nil, '{"jsonrpc":"2.0","id":' .. counter .. ',"method":"tools/call","params":{"name":"echo","arguments":{"message":"t' .. tid .. '-' .. counter .. '"}}}')
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.3f errors=%d p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.duration / 1e6, errors,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
