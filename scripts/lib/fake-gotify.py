#!/usr/bin/env python3
"""A tiny stand-in for Gotify on loopback, for shell suites: checks what real Gotify checks
(POST /message, an X-Gotify-Key header, a JSON body with a message) and answers with a message id."""
import http.server
import json
import sys


class Handler(http.server.BaseHTTPRequestHandler):
    next_id = 1

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path != "/message":
            return self._send(404, {"error": "Not Found"})
        if not self.headers.get("X-Gotify-Key"):
            return self._send(401, {"error": "Unauthorized", "errorDescription": "you need to provide a valid access token"})
        try:
            payload = json.loads(body)
            assert isinstance(payload.get("message"), str) and payload["message"]
        except Exception:
            return self._send(400, {"error": "Bad Request"})
        Handler.next_id += 1
        self._send(200, {"id": Handler.next_id, "message": payload["message"], "title": payload.get("title", ""), "priority": payload.get("priority", 0)})

    def do_GET(self):
        self._send(200 if self.path == "/health" else 404, {"health": "green", "database": "green"})

    def _send(self, status, obj):
        out = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):
        pass


http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
