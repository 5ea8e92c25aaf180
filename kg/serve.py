"""``kg serve``: a SPARQL 1.1 endpoint (Query and Graph Store Protocol) over the built store,
run by the ``oxigraph`` server binary, with the union of the article graphs as default graph.

Read-only and on 127.0.0.1 unless told otherwise. A read-only server reads a private hard-linked
snapshot of the store, so a build (which writes a new folder and swaps it in) never changes files
under it; ``kg serve`` restarts the server on a new snapshot when a build has finished.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .errors import InputError, KgError
from .store import STORE_DIR

DEFAULT_BIND = "127.0.0.1:7878"


def oxigraph_binary() -> str:
    """The ``oxigraph`` server of the ``oxigraph`` package (next to this Python, else on PATH)."""
    here = Path(sys.executable).parent / "oxigraph"
    if here.exists():
        return str(here)
    found = shutil.which("oxigraph")
    if not found:
        raise KgError("the oxigraph server is not installed: pip install oxigraph")
    return found


def store_dir(out_dir: Path) -> Path:
    path = Path(out_dir) / STORE_DIR
    if not (path / "CURRENT").exists():
        raise InputError(f"{path} is not a built store: run `kg build --out {out_dir}` first")
    return path


def command(location: Path, bind: str = DEFAULT_BIND, writable: bool = False) -> list[str]:
    return [oxigraph_binary(), "serve" if writable else "serve-read-only", "--location", str(location),
            "--bind", bind, "--union-default-graph"]


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def base_url(bind: str) -> str:
    host, _, port = bind.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    if host in ("0.0.0.0", "::"):
        host = "127.0.0.1"
    return f"http://{'[' + host + ']' if ':' in host else host}:{port}"


def spawn(location: Path, bind: str = DEFAULT_BIND, writable: bool = False, quiet: bool = True) -> subprocess.Popen:
    """Start the server process (it may not answer yet: see ``wait_ready``)."""
    out = subprocess.DEVNULL if quiet else None
    return subprocess.Popen(command(location, bind, writable), stdout=out,
                            stderr=subprocess.PIPE if quiet else None, start_new_session=True)


def wait_ready(proc: subprocess.Popen, bind: str, timeout: float = 20.0) -> subprocess.Popen:
    """Wait until the server answers; raises KgError (and stops it) if it does not."""
    url = f"{base_url(bind)}/query?query=ASK%7B%7D"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace").strip() if proc.stderr else ""
            raise KgError(f"the oxigraph server stopped at start (exit {proc.returncode}): {err or 'no message'}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return proc
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.1)
    stop(proc)
    raise KgError(f"the oxigraph server did not answer on {bind} within {timeout:.0f} s")


def start(location: Path, bind: str = DEFAULT_BIND, writable: bool = False, timeout: float = 20.0,
          quiet: bool = True) -> subprocess.Popen:
    """Start the server and wait until it answers; raises KgError if it does not."""
    proc = spawn(location, bind, writable, quiet)
    try:
        return wait_ready(proc, bind, timeout)
    except BaseException:
        stop(proc)
        raise


def stop(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """SIGTERM to the server's PID, SIGKILL if it does not exit in time."""
    if proc.poll() is not None:
        return
    os.kill(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()


def _generation(out_dir: Path):
    """Changes when a build swaps in a new output folder."""
    try:
        st = os.stat(out_dir)
        return st.st_ino, st.st_dev
    except OSError:
        return None


def snapshot(location: Path) -> Path:
    """A private copy of the store (hard links: cheap) for a read-only server: a build swaps
    ``output/`` under the path, and a server reading files by path must not see that happen."""
    import tempfile

    target = Path(tempfile.mkdtemp(prefix=f".{location.parent.name}.serve-", dir=location.parent.parent)) / STORE_DIR
    from .store import Store

    Store(location, read_only=True).backup(target)
    return target


def serve(out_dir: Path, bind: str = DEFAULT_BIND, writable: bool = False) -> int:
    out_dir = Path(out_dir).absolute()
    location = store_dir(out_dir)
    if writable:
        # the next build must not trust the store's record of its graphs: it reloads the store
        (out_dir / "store-graphs.json").unlink(missing_ok=True)
    url = base_url(bind)
    current: dict = {"proc": None, "copy": None}

    def launch() -> None:
        current["copy"] = None if writable else snapshot(location)
        current["proc"] = spawn(current["copy"] or location, bind, writable, quiet=False)
        wait_ready(current["proc"], bind)

    def retire() -> None:
        if current["proc"] is not None:
            stop(current["proc"])
            current["proc"] = None
        if current["copy"] is not None:
            shutil.rmtree(current["copy"].parent, ignore_errors=True)
            current["copy"] = None

    def on_term(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        generation = _generation(out_dir)
        launch()
        print(f"SPARQL endpoint {url}/query" + (f", updates {url}/update" if writable else "")
              + f", Graph Store {url}/store ({'read-write' if writable else 'read-only'}; "
              f"default graph = union of the article graphs). Ctrl-C stops it.", flush=True)
        while True:
            try:
                current["proc"].wait(1.0)
                return current["proc"].returncode
            except subprocess.TimeoutExpired:
                pass
            now = _generation(out_dir)
            if not writable and now is not None and now != generation and (location / "CURRENT").exists():
                generation = now
                print("a new build was swapped in: restarting on it", flush=True)
                retire()
                launch()
    except KeyboardInterrupt:
        return 0
    finally:
        retire()
        signal.signal(signal.SIGTERM, previous)


def register(sub) -> None:
    s = sub.add_parser("serve", help="serve the built graph over the SPARQL 1.1 protocol (oxigraph server)")
    s.add_argument("--out", default="output", help="the build's output folder (default: output)")
    s.add_argument("--bind", default=DEFAULT_BIND, help=f"host:port to listen on (default: {DEFAULT_BIND})")
    s.add_argument("--writable", action="store_true",
                   help="accept SPARQL updates and Graph Store writes (the next build replaces them)")
    s.set_defaults(func=lambda args: serve(Path(args.out), args.bind, args.writable))
