#!/usr/bin/env python3
"""The iris model server: loads the artifact train.py wrote and answers predictions over HTTP.

    POST /predict  {"features": [sl, sw, pl, pw]} or {"instances": [[...], ...]}
                   -> {"predictions": ["setosa", ...], "model_version": "1"}
                   (POST / does the same, as Cortex's own examples serve on /)
    GET  /healthz  200 while the model is loaded; 503 while draining after SIGTERM
    GET  /         what this server serves: model version, classes, feature names

Environment:
    CORTEX_PORT, PORT      port to listen on (CORTEX_PORT, set by the controller, wins) [8080]
    IRIS_HOST              address to bind [0.0.0.0]
    MODEL_DIR              folder holding model.joblib [/mnt/artifacts/iris]
    IRIS_FAIL_ON_START     "1": exit 1 at start (how the demo makes a broken revision)
    IRIS_PREDICT_DELAY_MS  extra time per request, standing in for a heavier model [0]
    IRIS_DRAIN_DELAY_SECONDS    after SIGTERM, keep serving at least this long [5]
    IRIS_DRAIN_TIMEOUT_SECONDS  after SIGTERM, exit by then even with requests in flight [25]

Only load artifacts you trust: model.joblib is a pickle.
"""

import os

# One BLAS thread per process: predictions are tiny, and replicas share the machine's cores.
# Must be set before numpy is imported (by joblib, below).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import json
import math
import signal
import sys
import threading
import time
import traceback
from datetime import datetime, timezone
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

BUNDLE_FORMAT = 1
MAX_BODY_BYTES = 1 << 20
MAX_INSTANCES = 1000
FEATURES_HELP = "4 numbers: sepal length, sepal width, petal length, petal width (cm)"
USAGE = 'expected {"features": [4 numbers]} or {"instances": [[4 numbers], ...]}'

_log_lock = threading.Lock()


def log(line: str, stream=None) -> None:
    # One write per line under a lock, so lines from handler threads never interleave.
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    out = stream or sys.stdout
    with _log_lock:
        out.write(f"{stamp} {line}\n")
        out.flush()


def fail(message: str) -> NoReturn:
    # stderr's last lines become the container's termination message (FallbackToLogsOnError),
    # which is what a rollback reports as the reason.
    log(f"iris server: {message}", sys.stderr)
    sys.exit(1)


def env_number(name: str, default: float, minimum: float = 0.0) -> float:
    raw = os.environ.get(name, "").strip()
    if raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        fail(f"{name} must be a number, got {raw!r}")
    if not math.isfinite(value) or value < minimum:
        fail(f"{name} must be a finite number >= {minimum:g}, got {raw!r}")
    return value


def env_port() -> int:
    for name in ("CORTEX_PORT", "PORT"):
        raw = os.environ.get(name, "").strip()
        if raw == "":
            continue
        if not raw.isdigit() or int(raw) > 65535:
            fail(f"{name} must be a port number (0-65535), got {raw!r}")
        return int(raw)
    return 8080


class Model:
    """The fitted pipeline with its class names and version; predict is read-only, so threads
    share one instance."""

    def __init__(self, model_dir: str):
        folder = Path(model_dir)
        path = folder / "model.joblib"
        if not folder.is_dir():
            fail(f"cannot load the model: folder {folder} does not exist (MODEL_DIR)")
        if not path.is_file():
            fail(f"cannot load the model: {path} does not exist (train it with train.py --out)")
        try:
            # Imported here so a broken revision fails fast, before the slow scikit-learn import.
            import joblib

            bundle = joblib.load(path)
        except Exception as e:  # any unpickling failure means the same thing: no model
            fail(f"cannot load the model from {path}: {type(e).__name__}: {e}")
        if not isinstance(bundle, dict) or bundle.get("format") != BUNDLE_FORMAT:
            fail(f"cannot load the model: {path} is not a format-{BUNDLE_FORMAT} iris bundle")
        self.estimator = bundle["model"]
        self.classes = [str(c) for c in bundle["classes"]]
        self.feature_names = [str(f) for f in bundle["feature_names"]]
        self.version = str(bundle["version"])
        self.path = path
        try:
            # A model that loads but cannot predict should fail here, not on the first request.
            self.predict([[5.1, 3.5, 1.4, 0.2]])
        except Exception as e:
            fail(f"the model in {path} cannot predict: {type(e).__name__}: {e}")

    def predict(self, rows: list) -> list:
        return [self.classes[int(i)] for i in self.estimator.predict(rows)]


class BadRequest(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def check_row(value, where: str) -> list:
    if not isinstance(value, list) or len(value) != 4:
        raise BadRequest(f"{where} must be a list of {FEATURES_HELP}")
    for i, x in enumerate(value):
        # bool is an int in Python; true/false are not measurements.
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            raise BadRequest(f"{where}[{i}] must be a number, got {json.dumps(x)}")
        if not math.isfinite(x):
            raise BadRequest(f"{where}[{i}] must be a finite number")
    return [float(x) for x in value]


def parse_instances(body: bytes) -> list:
    if not body:
        raise BadRequest(f"empty body: {USAGE}")
    try:
        doc = json.loads(body)
    except (UnicodeDecodeError, ValueError) as e:
        raise BadRequest(f"body is not valid JSON ({e}): {USAGE}") from None
    if not isinstance(doc, dict):
        raise BadRequest(f"body must be a JSON object: {USAGE}")
    unknown = sorted(set(doc) - {"features", "instances"})
    if unknown:
        raise BadRequest(f'unknown field "{unknown[0]}": {USAGE}')
    if len(doc) != 1:
        raise BadRequest(f'give exactly one of "features" and "instances": {USAGE}')
    if "features" in doc:
        return [check_row(doc["features"], "features")]
    instances = doc["instances"]
    if not isinstance(instances, list) or not instances:
        raise BadRequest(f"instances must be a non-empty list of rows of {FEATURES_HELP}")
    if len(instances) > MAX_INSTANCES:
        raise BadRequest(f"at most {MAX_INSTANCES} instances per request, got {len(instances)}")
    return [check_row(row, f"instances[{i}]") for i, row in enumerate(instances)]


class Drain:
    """Counts requests in flight and when the last one started or ended, for the SIGTERM drain."""

    def __init__(self):
        self.lock = threading.Lock()
        self.in_flight = 0
        self.last_activity = time.monotonic()
        self.draining = False

    def begin(self) -> None:
        with self.lock:
            self.in_flight += 1
            self.last_activity = time.monotonic()

    def end(self) -> None:
        with self.lock:
            self.in_flight -= 1
            self.last_activity = time.monotonic()

    def idle_for(self) -> float:
        """Seconds since the last request ended; 0 while any is in flight."""
        with self.lock:
            return 0.0 if self.in_flight else time.monotonic() - self.last_activity


class Handler(BaseHTTPRequestHandler):
    server_version = "iris-server/1"
    # Keep-alive, so the proxy sidecar reuses its connections.
    protocol_version = "HTTP/1.1"
    # Idle keep-alive connections are closed after this; well above the proxy's 4 s pool timeout,
    # so the proxy never reuses a socket we are closing.
    timeout = 60
    # http.server writes the headers and the body in two sends; with Nagle's algorithm on, the
    # body waits for the client's delayed ACK of the headers: ~40 ms added to every answer.
    disable_nagle_algorithm = True

    model: Model  # set on the class by main()
    drain: Drain
    predict_delay = 0.0

    # -- plumbing ---------------------------------------------------------------------------

    def send_json(self, status: int, doc: dict, extra_headers: dict | None = None) -> None:
        body = (json.dumps(doc) + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra_headers or {}).items():
            self.send_header(name, value)
        # While draining, close each connection after its answer so no client keeps a socket to
        # a server that is about to exit.
        if self.drain.draining or self.close_connection:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self._status = status

    def send_error(self, code, message=None, explain=None):
        # http.server calls this for malformed requests; answer JSON like everything else.
        message = message or HTTPStatus(code).phrase
        log(f"iris server: {self.address_string()}: {code} {message}", sys.stderr)
        self.close_connection = True
        self.send_json(code, {"error": message})

    def log_request(self, code="-", size="-"):
        pass  # one line per request is written by handle_one() once the answer is sent

    def log_message(self, format, *args):
        log(f"iris server: {self.address_string()}: {format % args}", sys.stderr)

    def read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self.read_chunked()
        length = self.headers.get("Content-Length")
        if length is None:
            raise BadRequest("send the body with a Content-Length header", 411)
        if not length.strip().isdigit():
            raise BadRequest(f"bad Content-Length {length!r}")
        n = int(length)
        if n > MAX_BODY_BYTES:
            self.close_connection = True  # the body is left unread
            raise BadRequest(f"body too large: at most {MAX_BODY_BYTES} bytes", 413)
        return self.rfile.read(n)

    def read_chunked(self) -> bytes:
        # The proxy re-chunks bodies its client sent chunked (Transfer-Encoding is hop-by-hop).
        parts, total = [], 0
        while True:
            line = self.rfile.readline(1024).split(b";", 1)[0].strip()
            try:
                size = int(line, 16)
            except ValueError:
                self.close_connection = True
                raise BadRequest("malformed chunked body") from None
            if size == 0:
                while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(parts)
            total += size
            if total > MAX_BODY_BYTES:
                self.close_connection = True
                raise BadRequest(f"body too large: at most {MAX_BODY_BYTES} bytes", 413)
            parts.append(self.rfile.read(size))
            self.rfile.readline(1024)  # the CRLF after each chunk

    # -- routing ----------------------------------------------------------------------------

    def do_GET(self):
        self.handle_one(self.route_get)

    def do_HEAD(self):
        self.handle_one(self.route_get)

    def do_POST(self):
        self.handle_one(self.route_post)

    def do_PUT(self):
        self.handle_one(self.route_other)

    do_DELETE = do_PATCH = do_PUT

    def handle_one(self, route) -> None:
        start = time.perf_counter()
        self._status = 0
        self._note = ""
        self.drain.begin()
        try:
            route(urlsplit(self.path).path)
        except BadRequest as e:
            self.send_json(e.status, {"error": str(e)})
            self._note = f" error={json.dumps(str(e))}"
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
            self._note = " client went away"
        except Exception as e:
            log(f"iris server: {self.command} {self.path}: {traceback.format_exc()}", sys.stderr)
            if self._status == 0:
                self.close_connection = True
                self.send_json(500, {"error": f"internal error: {type(e).__name__}: {e}"})
        finally:
            self.drain.end()
            ms = (time.perf_counter() - start) * 1000
            log(
                f"{self.command} {self.path} {self._status or '-'} {ms:.1f}ms "
                f"from={self.client_address[0]}{self._note}"
            )

    def route_get(self, path: str) -> None:
        if path == "/healthz":
            if self.drain.draining:
                self.send_json(503, {"status": "draining", "model_version": self.model.version})
            else:
                self.send_json(200, {"status": "ok", "model_version": self.model.version})
        elif path == "/":
            self.send_json(
                200,
                {
                    "name": "iris",
                    "model_version": self.model.version,
                    "classes": self.model.classes,
                    "feature_names": self.model.feature_names,
                    "endpoints": ["POST /predict", "GET /healthz"],
                },
            )
        elif path == "/predict":
            raise BadRequest("use POST for /predict", 405)
        else:
            raise BadRequest(f"no such path {path}: try POST /predict", 404)

    def route_post(self, path: str) -> None:
        if path not in ("/predict", "/"):
            # Read what the client sent, so the connection stays usable for its next request.
            self.read_body()
            raise BadRequest(f"no such path {path}: try POST /predict", 404)
        rows = parse_instances(self.read_body())
        if self.predict_delay > 0:
            time.sleep(self.predict_delay)
        predictions = self.model.predict(rows)
        self._note = f" instances={len(rows)}"
        self.send_json(200, {"predictions": predictions, "model_version": self.model.version})

    def route_other(self, path: str) -> None:
        self.close_connection = True  # the body, if any, is left unread
        raise BadRequest(f"method {self.command} not allowed: try POST /predict", 405)


class Server(ThreadingHTTPServer):
    # Room for bursts when clients connect directly, without the proxy in front.
    request_queue_size = 128


def main() -> int:
    if os.environ.get("IRIS_FAIL_ON_START", "").strip() == "1":
        fail("IRIS_FAIL_ON_START=1: refusing to start (a deliberately broken revision)")
    port = env_port()
    host = os.environ.get("IRIS_HOST", "0.0.0.0").strip() or "0.0.0.0"
    delay_ms = env_number("IRIS_PREDICT_DELAY_MS", 0.0)
    drain_delay = env_number("IRIS_DRAIN_DELAY_SECONDS", 5.0)
    drain_timeout = env_number("IRIS_DRAIN_TIMEOUT_SECONDS", 25.0)
    model_dir = os.environ.get("MODEL_DIR", "").strip() or "/mnt/artifacts/iris"

    t0 = time.monotonic()
    model = Model(model_dir)
    Handler.model = model
    Handler.drain = drain = Drain()
    Handler.predict_delay = delay_ms / 1000

    stop = threading.Event()
    received = []

    def on_signal(signum, _frame):
        if stop.is_set():
            log(f"iris server: {signal.Signals(signum).name} again: exiting now", sys.stderr)
            os._exit(1)
        received.append(signum)
        stop.set()

    # Handlers before binding, so a signal during start-up is not lost.
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    try:
        server = Server((host, port), Handler)
    except OSError as e:
        fail(f"cannot listen on {host}:{port}: {e.strerror or e}")
    bound_port = server.server_address[1]
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
    log(
        f"iris server: model version {model.version} from {model.path} "
        f"({len(model.classes)} classes, loaded in {time.monotonic() - t0:.1f}s); "
        f"listening on http://{host}:{bound_port}"
        + (f"; predict delay {delay_ms:g}ms" if delay_ms else "")
    )

    while not stop.wait(1.0):
        pass

    # Drain. Kubernetes sends SIGTERM to the pod's containers at once; the proxy sidecar keeps
    # accepting for a few seconds and then forwards what it queued, so keep serving for at least
    # drain_delay and until no request has been in flight for a moment. Ctrl-C (SIGINT) on a
    # terminal only waits for the requests in flight.
    signum = received[0]
    started = time.monotonic()
    min_serve = drain_delay if signum == signal.SIGTERM else 0.0
    quiet = 1.0 if signum == signal.SIGTERM else 0.0
    drain.draining = True
    log(
        f"iris server: {signal.Signals(signum).name}: draining "
        f"(serving at least {min_serve:g}s more, at most {drain_timeout:g}s)"
    )
    while True:
        elapsed = time.monotonic() - started
        idle = drain.idle_for()
        if elapsed >= drain_timeout:
            break
        if elapsed >= min_serve and drain.in_flight == 0 and idle >= quiet:
            break
        time.sleep(0.05)
    server.shutdown()
    server.server_close()
    left = drain.in_flight
    if left:
        log(f"iris server: drain deadline reached with {left} requests in flight; exiting")
    else:
        log(f"iris server: drained after {time.monotonic() - started:.1f}s; exiting")
    return 0


if __name__ == "__main__":
    sys.exit(main())
