#!/usr/bin/env python3
"""Generates the hostile-input corpus (tests/corpus/*.jsonl) from the default policy and fixed lists.

Run from the repository root: python3 tests/corpus/generate.py. The data files are committed; this script
only exists so the bulk (wrong types for every argument of every tool) can be regenerated when the default
policy changes. Placeholders the runners replace: {OUTSIDE} (a canary directory outside every root),
{STAGE} (the staging root), {PUBLISH} (the publish root).

Case fields: id, category, send (what to send; see tests/corpus/README.md), expect ({code} and/or {status}).
"""
import base64, json, os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "corpus")


def load_tools():
    """A tiny reader for the default policy's args_schema blocks (no YAML dependency): name -> {prop: (type, required)}."""
    text = open(os.path.join(ROOT, "src", "Burly.Core", "Policy", "default-policy.yaml"), encoding="utf-8").read()
    tools, current, in_props, indent_props = {}, None, False, None
    required = {}
    text = text[text.index("\ntools:"):]
    for line in text.split("\n"):
        m = re.match(r"^  ([a-z_]+):\s*$", line)
        if m and line.startswith("  ") and not line.startswith("   "):
            current = m.group(1); tools[current] = {}; in_props = False; continue
        if current is None:
            continue
        if re.match(r"^      properties:\s*$", line):
            in_props = True; continue
        m = re.match(r"^      required:\s*\[(.*)\]", line)
        if m:
            required[current] = [x.strip() for x in m.group(1).split(",")]
            in_props = False; continue
        if re.match(r"^      [a-zA-Z]", line):
            in_props = False
        if in_props:
            m = re.match(r"^        ([a-z_]+):\s*(\{.*type:\s*([a-z]+))?", line)
            if m:
                tools[current][m.group(1)] = m.group(3) or "array"
    return {t: (p, required.get(t, [])) for t, p in tools.items() if t != "config" and p is not None}


VALID = {
    "docker_ps": {}, "docker_inspect": {"container": "web"}, "docker_logs": {"container": "web"},
    "docker_stats": {"container": "web"}, "docker_restart": {"container": "web"}, "docker_start": {"container": "web"},
    "docker_stop": {"container": "web"}, "disk_space": {}, "blog_stage_markdown": {"file_path": "ok.md"},
    "blog_publish_static": {"source_files": ["ok.md"]}, "gotify_ping": {},
}
WRONG = {
    "string": [123, True, None, [], {}],
    "integer": ["5", 1.5, True, None, [], {}],
    "boolean": ["true", 1, None, [], {}],
    "array": ["ok.md", 5, None, {}, [5], [None]],
}

PATH_ESCAPES = [
    ("dotdot", "../outside/canary.md"), ("dotdot-deep", "../../../../../../../../etc/passwd"),
    ("dotdot-mid", "sub/../../outside/canary.md"), ("dotdot-backslash", "..\\outside\\canary.md"),
    ("dotdot-encoded", "%2e%2e/outside/canary.md"), ("dotdot-dot-slash", "./../outside/canary.md"),
    ("absolute-etc", "/etc/passwd"), ("absolute-outside", "{OUTSIDE}/canary.md"), ("absolute-stage", "{STAGE}/../outside/canary.md"),
    ("double-slash", "//etc/passwd"), ("symlink-file-out", "link-out.md"), ("symlink-dir-out", "link-dir/canary.md"),
    ("symlink-missing-out", "link-missing.md"), ("symlink-chain-out", "link-chain.md"),
    ("nul-suffix", "ok.md\u0000.txt"), ("nul-prefix", "\u0000../outside/canary.md"), ("tilde", "~/.ssh/id_rsa"),
    ("tilde-root", "~root/.bashrc"), ("long-4096", "a/" * 500 + "x.md"), ("long-name-300", "n" * 300 + ".md"),
    ("long-dotdot-chain", "../" * 300 + "etc/passwd"), ("unicode-fullwidth-dots", "\uff0e\uff0e/outside/canary.md"),
    ("unicode-one-dot-leader", "\u2024\u2024/outside/canary.md"), ("unicode-fraction-slash", "..\u2044outside\u2044canary.md"),
    ("unicode-division-slash", "..\u2215outside\u2215canary.md"), ("trailing-dot", "ok.md."), ("trailing-dots-dir", "..././outside/canary.md"),
    ("trailing-space", "ok.md "), ("only-dot", "."), ("only-dotdot", ".."), ("fifo", "pipe.md"),
    ("device-null-link", "dev-null.md"), ("device-zero-link", "dev-zero.md"), ("proc-self", "/proc/self/environ"),
    ("file-url", "file:///etc/passwd"), ("newline", "ok.md\n../outside/canary.md"), ("directory", "subdir"),
]


# Names that do not leave the root but are no usable post (missing, not a regular file, control characters, too
# long): refused as INVALID_ARGUMENTS. Every other entry escapes the root and must be PATH_OUTSIDE_ROOT.
NOT_ESCAPES = {"dotdot-backslash", "dotdot-encoded", "long-4096", "long-name-300", "unicode-fullwidth-dots", "unicode-one-dot-leader",
               "unicode-fraction-slash", "unicode-division-slash", "trailing-dot", "trailing-dots-dir", "trailing-space", "only-dot",
               "fifo", "newline", "directory", "file-url"}


def path_expect(name):
    return {"code": "INVALID_ARGUMENTS" if name in NOT_ESCAPES else "PATH_OUTSIDE_ROOT"}


def http_cases():
    cases = []
    tools = load_tools()
    # Wrong types for every argument of every tool, over MCP and the legacy endpoint.
    for tool, (props, required) in sorted(tools.items()):
        for prop, typ in sorted(props.items()):
            for i, bad in enumerate(WRONG[typ]):
                args = dict(VALID[tool]); args[prop] = bad
                cases.append({"id": f"type-mcp-{tool}-{prop}-{i}", "category": "wrong-type",
                              "send": {"mcp_call": {"name": tool, "arguments": args}}, "expect": {"code": "INVALID_ARGUMENTS"}})
                cases.append({"id": f"type-legacy-{tool}-{prop}-{i}", "category": "wrong-type",
                              "send": {"legacy_call": {"name": tool, "args": args}}, "expect": {"code": "INVALID_ARGUMENTS"}})
        for req in required:
            args = dict(VALID[tool]); args.pop(req, None)
            cases.append({"id": f"missing-mcp-{tool}-{req}", "category": "wrong-type",
                          "send": {"mcp_call": {"name": tool, "arguments": args}}, "expect": {"code": "INVALID_ARGUMENTS"}})
        args = dict(VALID[tool]); args["bogus_extra"] = 1
        cases.append({"id": f"extra-legacy-{tool}", "category": "wrong-type",
                      "send": {"legacy_call": {"name": tool, "args": args}}, "expect": {"code": "INVALID_ARGUMENTS"}})
    # Path escapes over both tools that take paths, both endpoints.
    for name, path in PATH_ESCAPES:
        cases.append({"id": f"path-mcp-stage-{name}", "category": "path-escape",
                      "send": {"mcp_call": {"name": "blog_stage_markdown", "arguments": {"file_path": path}}}, "expect": path_expect(name)})
        cases.append({"id": f"path-legacy-publish-{name}", "category": "path-escape",
                      "send": {"legacy_call": {"name": "blog_publish_static", "args": {"source_files": [path], "_confirm": True}}}, "expect": path_expect(name)})
    # JSON bombs and encoding.
    for kind, n in [("deep_array", 200), ("deep_array", 100000), ("deep_object", 200), ("deep_object", 50000),
                    ("deep_args", 100), ("deep_args", 5000), ("wide_args", 20000), ("wide_array_args", 200000),
                    ("big_string_args", 2_000_000), ("big_body", 3_000_000), ("many_strings", 100000)]:
        cases.append({"id": f"bomb-{kind}-{n}", "category": "json-bomb", "send": {"gen": {"kind": kind, "n": n}}, "expect": {"status_in": [400, 413]}})
    enc = [
        ("invalid-utf8-body", base64.b64encode(b'{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"disk_space","arguments":{"path":"\xff\xfe"}}}').decode(), {"code": "INVALID_ARGUMENTS"}),
        ("invalid-utf8-legacy", base64.b64encode(b'{"id":"x","method":"call_tool","name":"disk_space","args":{"path":"\xc3\x28"}}').decode(), {"code": "INVALID_ARGUMENTS"}),
        ("overlong-utf8-slash", base64.b64encode(b'{"id":"x","method":"call_tool","name":"blog_stage_markdown","args":{"file_path":"..\xc0\xafoutside"}}').decode(), {"code": "INVALID_ARGUMENTS"}),
        ("utf16-body", base64.b64encode('{"id":"x","method":"list_tools"}'.encode("utf-16")).decode(), {"status": 400}),
        ("bom-then-json", base64.b64encode(b'\xef\xbb\xbf{"id":"x","method":"list_tools"}').decode(), {"status_below": 500}),
        ("invalid-utf8-legacy-method", base64.b64encode(b'{"id":"l2","method":"\xffall_tool","name":"disk_space","args":{}}').decode(), {"status": 400}),
        ("nul-bytes-body", base64.b64encode(b'\x00\x00\x00\x00').decode(), {"status": 400}),
        ("cesu-surrogate-bytes", base64.b64encode(b'{"id":"x","method":"call_tool","name":"disk_space","args":{"path":"\xed\xa0\x80"}}').decode(), {"code": "INVALID_ARGUMENTS"}),
    ]
    for name, b64, exp in enc:
        cases.append({"id": f"utf8-{name}", "category": "encoding", "send": {"b64": b64}, "expect": exp})
    for name, esc in [("lone-high", "\\ud800"), ("lone-low", "\\udc00"), ("reversed-pair", "\\udc00\\ud800"), ("high-then-text", "\\ud83dabc")]:
        cases.append({"id": f"surrogate-mcp-{name}", "category": "encoding",
                      "send": {"raw": '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"disk_space","arguments":{"path":"' + esc + '"}}}'}, "expect": {"code": "INVALID_ARGUMENTS"}})
        cases.append({"id": f"surrogate-legacy-{name}", "category": "encoding",
                      "send": {"raw": '{"id":"s","method":"call_tool","name":"blog_stage_markdown","args":{"file_path":"' + esc + '"}}'}, "expect": {"code": "INVALID_ARGUMENTS"}})
        cases.append({"id": f"surrogate-name-{name}", "category": "encoding",
                      "send": {"raw": '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"disk' + esc + '","arguments":{}}}'}, "expect": {"code": -32602}})
    # Malformed JSON-RPC.
    rpc = [
        ("not-json", "{not json", {"status": 400}), ("empty-body", "", {"status": 400}), ("truncated", '{"jsonrpc":"2.0","id":1,"method":"tools/li', {"status": 400}),
        ("null", "null", {"status": 400}), ("number", "42", {"status": 400}), ("string", '"tools/list"', {"status": 400}),
        ("empty-object", "{}", {"status": 400}), ("empty-batch", "[]", {"status": 400}),
        ("batch-two", '[{"jsonrpc":"2.0","id":1,"method":"tools/list"},{"jsonrpc":"2.0","id":2,"method":"tools/list"}]', {"status": 400}),
        ("batch-garbage", '[1,2,3]', {"status": 400}),
        ("jsonrpc-1", '{"jsonrpc":"1.0","id":1,"method":"tools/list"}', {"status_below": 500}),
        ("jsonrpc-number", '{"jsonrpc":2,"id":1,"method":"tools/list"}', {"status_below": 500}),
        ("method-missing", '{"jsonrpc":"2.0","id":1}', {"status_below": 500}),
        ("method-number", '{"jsonrpc":"2.0","id":1,"method":5}', {"status_below": 500}),
        ("method-unknown", '{"jsonrpc":"2.0","id":1,"method":"tools/destroy"}', {"code": -32601}),
        ("method-internal", '{"jsonrpc":"2.0","id":1,"method":"rpc.discover"}', {"code": -32601}),
        ("id-object", '{"jsonrpc":"2.0","id":{"a":1},"method":"tools/list"}', {"status_below": 500}),
        ("id-array", '{"jsonrpc":"2.0","id":[1],"method":"tools/list"}', {"status_below": 500}),
        ("id-bool", '{"jsonrpc":"2.0","id":true,"method":"tools/list"}', {"status_below": 500}),
        ("id-huge", '{"jsonrpc":"2.0","id":1e400,"method":"tools/list"}', {"status_below": 500}),
        ("notification-with-id-call", '{"jsonrpc":"2.0","id":7,"method":"notifications/initialized"}', {"status_below": 500}),
        ("notification-tools-call", '{"jsonrpc":"2.0","method":"tools/call","params":{"name":"disk_space","arguments":{}}}', {"status_below": 500}),
        ("duplicate-id-key", '{"jsonrpc":"2.0","id":1,"id":2,"method":"tools/list"}', {"status_below": 500}),
        ("duplicate-method-key", '{"jsonrpc":"2.0","id":1,"method":"tools/list","method":"tools/call"}', {"status_below": 500}),
        ("duplicate-arguments-key", '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"disk_space","arguments":{"threshold_percent":5,"threshold_percent":"x"}}}', {"status_below": 500}),
        ("params-array", '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":[1,2]}', {"code": -32602}),
        ("params-string", '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":"x"}', {"code": -32602}),
        ("params-missing", '{"jsonrpc":"2.0","id":1,"method":"tools/call"}', {"code": -32602}),
        ("name-missing", '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"arguments":{}}}', {"code": -32602}),
        ("name-number", '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":5}}', {"code": -32602}),
        ("name-unknown", '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"rm_rf","arguments":{}}}', {"code": -32602}),
        ("name-empty", '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"","arguments":{}}}', {"code": -32602}),
        ("name-traversal", '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"../disk_space","arguments":{}}}', {"code": -32602}),
        ("name-long", '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"' + "x" * 5000 + '","arguments":{}}}', {"code": -32602}),
        ("arguments-array", '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"disk_space","arguments":[1]}}', {"code": "INVALID_ARGUMENTS"}),
        ("arguments-null", '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"blog_stage_markdown","arguments":null}}', {"code": "INVALID_ARGUMENTS"}),
        ("arguments-number", '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"disk_space","arguments":5}}', {"code": "INVALID_ARGUMENTS"}),
        ("initialize-version-number", '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":5,"capabilities":{},"clientInfo":{"name":"x","version":"1"}}}', {"code": -32602}),
        ("initialize-version-object", '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":{},"capabilities":{},"clientInfo":{"name":"x","version":"1"}}}', {"code": -32602}),
        ("initialize-capabilities-string", '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":"all","clientInfo":{"name":"x","version":"1"}}}', {"code": -32602}),
        ("initialize-clientinfo-name-number", '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":5,"version":"1"}}}', {"code": -32602}),
        ("initialize-capabilities-elicitation-array", '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{"elicitation":[]},"clientInfo":{"name":"x","version":"1"}}}', {"code": -32602}),
        ("tools-call-meta-string", '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"disk_space","arguments":{},"_meta":"x"}}', {"code": -32602}),
        ("tools-call-progress-token-object", '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"disk_space","arguments":{},"_meta":{"progressToken":{}}}}', {"status_below": 500}),
        ("tools-call-surrogate-key", '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"disk_space","arguments":{"\\ud800":1}}}', {"code": "INVALID_ARGUMENTS"}),
        ("initialize-clientinfo-array", '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":[]}}', {"code": -32602}),
        ("initialize-capabilities-missing", '{"jsonrpc":"2.0","id":3,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabiLities":{},"clientInfo":{"name":"x","version":"1"}}}', {"code": -32602}),
        ("initialize-no-params", '{"jsonrpc":"2.0","id":1,"method":"initialize"}', {"status_below": 500}),
        ("resources-read-etc", '{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"file:///etc/passwd"}}', {"status_below": 500}),
        ("result-without-request", '{"jsonrpc":"2.0","id":99,"result":{}}', {"status_below": 500}),
        ("error-without-request", '{"jsonrpc":"2.0","id":99,"error":{"code":1,"message":"x"}}', {"status_below": 500}),
        ("legacy-method-missing", '{"id":"x","name":"disk_space"}', {"status": 400}),
        ("legacy-method-unknown", '{"id":"x","method":"delete_everything"}', {"status": 400}),
        ("legacy-id-object", '{"id":{},"method":"list_tools"}', {"status": 400}),
        ("legacy-params-array", '{"id":"x","method":"call_tool","params":[]}', {"status": 400}),
        ("legacy-name-missing", '{"id":"x","method":"call_tool","args":{}}', {"status_below": 500}),
        ("legacy-name-unknown", '{"id":"x","method":"call_tool","name":"rm_rf","args":{}}', {"code": "UNKNOWN_TOOL"}),
        ("legacy-args-array", '{"id":"x","method":"call_tool","name":"disk_space","args":[1]}', {"code": "INVALID_ARGUMENTS"}),
        ("legacy-args-string", '{"id":"x","method":"call_tool","name":"disk_space","args":"path=/"}', {"code": "INVALID_ARGUMENTS"}),
    ]
    for name, body, exp in rpc:
        cases.append({"id": f"rpc-{name}", "category": "malformed-jsonrpc", "send": {"raw": body}, "expect": exp})
    # Headers and keys.
    hdr = [
        ("no-key", {"api_key": None}, {"status": 401}),
        ("wrong-key", {"api_key": "wrong-key-0123456789abcdef"}, {"status": 401}),
        ("empty-key", {"api_key": ""}, {"status": 401}),
        ("key-with-spaces", {"api_key": " {KEY} "}, {"status_below": 500}),
        ("key-prefix", {"api_key": "{KEYPREFIX}"}, {"status": 401}),
        ("key-long", {"api_key": "k" * 8000}, {"status_in": [400, 401, 431]}),
        ("bearer-wrong", {"headers": {"Authorization": "Bearer nope-0123456789"}, "api_key": None}, {"status": 401}),
        ("basic-auth", {"headers": {"Authorization": "Basic YWRtaW46YWRtaW4="}, "api_key": None}, {"status": 401}),
        ("bearer-empty", {"headers": {"Authorization": "Bearer "}, "api_key": None}, {"status": 401}),
        ("content-type-text", {"content_type": "text/plain"}, {"status_in": [400, 415]}),
        ("content-type-form", {"content_type": "application/x-www-form-urlencoded"}, {"status_in": [400, 415]}),
        ("content-type-garbage", {"content_type": "a/b;;;charset=\"x"}, {"status_in": [400, 415]}),
        ("content-type-charset-latin1", {"content_type": "application/json; charset=iso-8859-1"}, {"status_below": 500}),
        ("accept-missing", {"accept": ""}, {"status_below": 500}),
        ("accept-xml", {"accept": "application/xml"}, {"status_below": 500}),
        ("session-id-forged", {"headers": {"Mcp-Session-Id": "forged-session-0000"}}, {"status_below": 500}),
        ("session-id-long", {"headers": {"Mcp-Session-Id": "s" * 4000}}, {"status_below": 500}),
        ("protocol-version-bogus", {"headers": {"MCP-Protocol-Version": "1999-01-01"}}, {"status_below": 500}),
        ("protocol-version-garbage", {"headers": {"MCP-Protocol-Version": "\u00ff\u00fe"}}, {"status_below": 500}),
        ("origin-evil", {"headers": {"Origin": "https://evil.example"}}, {"status": 403}),
        ("origin-null", {"headers": {"Origin": "null"}}, {"status": 403}),
        ("x-forwarded-for-spoof", {"headers": {"X-Forwarded-For": "127.0.0.1, 10.0.0.1"}}, {"status_below": 500}),
        ("method-put", {"method": "PUT"}, {"status_in": [404, 405]}),
        ("method-delete-no-session", {"method": "DELETE"}, {"status_in": [400, 404, 405]}),
        ("path-traversal-url", {"path": "/mcp/../admin/approvals"}, {"status_in": [401, 403, 404, 405]}),
        ("admin-with-normal-key", {"path": "/admin/approvals", "method": "GET"}, {"status": 403}),
        ("admin-approve-forged", {"path": "/admin/approvals/forged-id/approve", "method": "POST"}, {"status": 403}),
        
    ]
    for name, opts, exp in hdr:
        send = {"raw": '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'}; send.update(opts)
        cases.append({"id": f"header-{name}", "category": "headers-keys", "send": send, "expect": exp})
    # Confirmation forgeries.
    pub = {"source_files": ["ok.md"], "overwrite": True}
    for name, confirm in [("approval-id-forged", "apr-0000000000000000"), ("approval-id-guid", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
                          ("approval-id-long", "a" * 5000), ("approval-id-traversal", "../../approvals/x"), ("confirm-false", False),
                          ("confirm-no", "no"), ("confirm-zero", 0), ("confirm-object", {"approved": True}), ("confirm-array", [True]),
                          ("confirm-null", None), ("approval-id-nul", "apr\u0000x")]:
        args = dict(pub); args["_confirm"] = confirm
        cases.append({"id": f"confirm-mcp-{name}", "category": "confirmation-forgery",
                      "send": {"mcp_call": {"name": "blog_publish_static", "arguments": args}}, "expect": {"code_in": ["CONFIRMATION_REQUIRED", "INVALID_ARGUMENTS"]}})
        args2 = {"container": "web", "_confirm": confirm}
        cases.append({"id": f"confirm-legacy-{name}", "category": "confirmation-forgery",
                      "send": {"legacy_call": {"name": "docker_restart", "args": args2}}, "expect": {"code_in": ["CONFIRMATION_REQUIRED", "INVALID_ARGUMENTS"]}})
    for name, state in [("forged", "AAAA"), ("empty", ""), ("garbage-b64", "eyJ0b29sIjoiYmxvZ19wdWJsaXNoX3N0YXRpYyJ9.c2ln"), ("number", 5), ("long", "x" * 10000)]:
        params = {"name": "blog_publish_static", "arguments": pub, "requestState": state,
                  "inputResponses": {"burly_confirm": {"action": "accept", "content": {"confirm": True}}}}
        cases.append({"id": f"mrtr-{name}", "category": "confirmation-forgery",
                      "send": {"raw": json.dumps({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": params}), "protocol": "2026-07-28"},
                      "expect": {"not_ok": True}})
    return cases


def stdio_cases():
    cases = []
    tools = load_tools()
    for tool, (props, required) in sorted(tools.items()):
        for prop, typ in sorted(props.items()):
            bad = WRONG[typ][0]
            args = dict(VALID[tool]); args[prop] = bad
            cases.append({"id": f"stdio-type-{tool}-{prop}", "category": "wrong-type",
                          "send": {"mcp_call": {"name": tool, "arguments": args}}, "expect": {"code": "INVALID_ARGUMENTS"}})
    for name, path in PATH_ESCAPES:
        cases.append({"id": f"stdio-path-{name}", "category": "path-escape",
                      "send": {"mcp_call": {"name": "blog_stage_markdown", "arguments": {"file_path": path}}}, "expect": path_expect(name)})
    lines = [
        # The SDK's stdio transport skips a line that is no JSON (no -32700 answer); it must go on serving.
        ("not-json", "{not json", {"none_or_error": True}), ("truncated", '{"jsonrpc":"2.0","id":5,"method":"tools/li', {"none_or_error": True}),
        ("number", "42", {"none_or_error": True}), ("null", "null", {"none_or_error": True}), ("empty-object", "{}", {"none_or_error": True}),
        ("batch", '[{"jsonrpc":"2.0","id":1,"method":"ping"}]', {"none_or_error": True}),
        ("method-unknown", '{"jsonrpc":"2.0","id":"u1","method":"tools/destroy"}', {"code": -32601}),
        ("params-array", '{"jsonrpc":"2.0","id":"u2","method":"tools/call","params":[1]}', {"code": -32602}),
        ("name-unknown", '{"jsonrpc":"2.0","id":"u3","method":"tools/call","params":{"name":"rm_rf","arguments":{}}}', {"code": -32602}),
        ("arguments-array", '{"jsonrpc":"2.0","id":"u4","method":"tools/call","params":{"name":"disk_space","arguments":[1]}}', {"code_in": [-32602, "INVALID_ARGUMENTS"]}),
        ("lone-surrogate", '{"jsonrpc":"2.0","id":"u5","method":"tools/call","params":{"name":"disk_space","arguments":{"path":"\\ud800"}}}', {"code_in": [-32602, "INVALID_ARGUMENTS"]}),
        ("surrogate-name", '{"jsonrpc":"2.0","id":"u12","method":"tools/call","params":{"name":"disk\\udc00","arguments":{}}}', {"code": -32602}),
        ("name-number", '{"jsonrpc":"2.0","id":"u13","method":"tools/call","params":{"name":5}}', {"code": -32602}),
        ("initialize-capabilities-string", '{"jsonrpc":"2.0","id":"u14","method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":"all","clientInfo":{"name":"x","version":"1"}}}', {"code": -32602}),
        ("notification-with-id", '{"jsonrpc":"2.0","id":"u6","method":"notifications/initialized"}', {"none_or_error": True}),
        ("duplicate-id-key", '{"jsonrpc":"2.0","id":"u7","id":"u8","method":"ping"}', {"none_or_error": True}),
        ("id-object", '{"jsonrpc":"2.0","id":{},"method":"ping"}', {"none_or_error": True}),
        ("initialize-version-number", '{"jsonrpc":"2.0","id":"u9","method":"initialize","params":{"protocolVersion":5,"capabilities":{},"clientInfo":{"name":"x","version":"1"}}}', {"code": -32602}),
        ("confirm-forged", '{"jsonrpc":"2.0","id":"u10","method":"tools/call","params":{"name":"blog_publish_static","arguments":{"source_files":["ok.md"],"overwrite":true,"_confirm":"apr-forged"}}}', {"code_in": ["CONFIRMATION_REQUIRED", "INVALID_ARGUMENTS"]}),
        ("mrtr-forged", '{"jsonrpc":"2.0","id":"u11","method":"tools/call","params":{"name":"blog_publish_static","arguments":{"source_files":["ok.md"]},"requestState":"AAAA","inputResponses":{"burly_confirm":{"action":"accept","content":{"confirm":true}}}}}', {"not_ok": True}),
    ]
    for name, line, exp in lines:
        cases.append({"id": f"stdio-line-{name}", "category": "malformed-jsonrpc", "send": {"line": line}, "expect": exp})
    for kind, n in [("deep_array", 100000), ("deep_args", 5000), ("big_string_args", 6_000_000), ("wide_args", 50000)]:
        cases.append({"id": f"stdio-bomb-{kind}-{n}", "category": "json-bomb", "send": {"gen": {"kind": kind, "n": n}}, "expect": {"none_or_error": True}})
    for name, raw in [("invalid-utf8", b'{"jsonrpc":"2.0","id":"b1","method":"tools/call","params":{"name":"disk_space","arguments":{"path":"\xff"}}}'),
                      ("cesu-surrogate", b'{"jsonrpc":"2.0","id":"b2","method":"tools/call","params":{"name":"disk_space","arguments":{"path":"\xed\xa0\x80"}}}'),
                      ("nul-bytes", b'\x00\x00\x00')]:
        cases.append({"id": f"stdio-utf8-{name}", "category": "encoding", "send": {"b64": base64.b64encode(raw).decode()}, "expect": {"none_or_error": True}})
    return cases


def cli_cases():
    cases = []
    for name, path in [("dotdot", "../outside/canary.md"), ("absolute", "{OUTSIDE}/canary.md"), ("symlink-out", "link-out.md"),
                       ("nul", "ok.md\u0000x"), ("tilde", "~/.bashrc"), ("unicode-dots", "\uff0e\uff0e/outside/canary.md"), ("fifo", "pipe.md"),
                       ("dev-zero", "dev-zero.md")]:
        code = "INVALID_ARGUMENTS" if name in ("unicode-dots", "fifo") else "PATH_OUTSIDE_ROOT"
        cases.append({"id": f"cli-path-{name}", "category": "path-escape", "send": {"tool": "blog_stage_markdown", "args": json.dumps({"file_path": path})}, "expect": {"code": code}})
    for name, tool, args, code in [
        ("not-json", "disk_space", "{path:", 2), ("array", "disk_space", "[1]", "INVALID_ARGUMENTS"),
        ("string", "disk_space", '"x"', "INVALID_ARGUMENTS"), ("wrong-type", "disk_space", '{"threshold_percent":"high"}', "INVALID_ARGUMENTS"),
        ("extra", "docker_ps", '{"rm":true}', "INVALID_ARGUMENTS"), ("unknown-tool", "rm_rf", "{}", "UNKNOWN_TOOL"),
        ("tool-traversal", "../disk_space", "{}", "UNKNOWN_TOOL"), ("surrogate", "disk_space", '{"path":"\\ud800"}', "INVALID_ARGUMENTS"),
        ("deep", "disk_space", '{"path":' + "[" * 5000 + "]" * 5000 + "}", 2),
        ("confirm-forged", "blog_publish_static", '{"source_files":["ok.md"],"_confirm":"apr-forged"}', "CONFIRMATION_REQUIRED"),
        ("confirm-object", "docker_restart", '{"container":"web","_confirm":{"ok":true}}', "CONFIRMATION_REQUIRED"),
        ("huge-number", "docker_logs", '{"container":"web","tail":1e400}', "INVALID_ARGUMENTS"),
    ]:
        # An int is the CLI's exit code for --args that are no JSON (usage error, exit 2, message on stderr).
        cases.append({"id": f"cli-{name}", "category": "cli-args", "send": {"tool": tool, "args": args}, "expect": {"exit": code} if isinstance(code, int) else {"code": code}})
    return cases


# Cases whose contract is "a proper client error, never a 5xx": the exact status and code observed and reviewed
# (JSON-RPC -32600 invalid request, -32601 unknown method, -32000/-32022 transport errors from the SDK, 202 for
# accepted notifications and responses).
OBSERVED = {
    "utf8-bom-then-json": {"status": 400, "code": -32600},
    "rpc-jsonrpc-1": {"status": 400, "code": -32600},
    "rpc-jsonrpc-number": {"status": 400, "code": -32600},
    "rpc-method-missing": {"status": 400, "code": -32600},
    "rpc-method-number": {"status": 400, "code": -32600},
    "rpc-id-object": {"status": 400, "code": -32600},
    "rpc-id-array": {"status": 400, "code": -32600},
    "rpc-id-bool": {"status": 400, "code": -32600},
    "rpc-id-huge": {"status": 400, "code": -32600},
    "rpc-notification-with-id-call": {"status": 200, "code": -32601},
    "rpc-notification-tools-call": {"status": 202},
    "rpc-duplicate-id-key": {"status": 200},
    "rpc-duplicate-method-key": {"status": 400, "code": -32602},
    "rpc-duplicate-arguments-key": {"status": 200, "code": "INVALID_ARGUMENTS"},
    "rpc-tools-call-progress-token-object": {"status": 200},
    "rpc-initialize-no-params": {"status": 400, "code": -32602},
    "rpc-resources-read-etc": {"status": 200, "code": -32002},  # unknown resource (packs contribute resources; file: URIs never)
    "rpc-result-without-request": {"status": 202},
    "rpc-error-without-request": {"status": 202},
    "rpc-legacy-name-missing": {"status": 400, "code": "INVALID_ARGUMENTS"},
    "header-key-with-spaces": {"status": 401, "code": -32000},
    "header-content-type-charset-latin1": {"status": 200},
    "header-accept-missing": {"status": 406, "code": -32000},
    "header-accept-xml": {"status": 406, "code": -32000},
    "header-session-id-forged": {"status": 400, "code": -32000},
    "header-session-id-long": {"status": 400, "code": -32000},
    "header-protocol-version-bogus": {"status": 400, "code": -32022},
    "header-protocol-version-garbage": {"status": 400, "code": -32022},
    "header-x-forwarded-for-spoof": {"status": 200},
}


def pin(cases):
    for c in cases:
        if c["id"] in OBSERVED:
            c["expect"] = OBSERVED[c["id"]]
        assert "status_below" not in c["expect"], c["id"]
    return cases


def write(name, cases):
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=True) + "\n")
    print(f"{name}: {len(cases)} cases")


if __name__ == "__main__":
    write("http.jsonl", pin(http_cases()))
    write("stdio.jsonl", stdio_cases())
    write("cli.jsonl", cli_cases())
