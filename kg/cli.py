"""The ``kg`` command: build, query (and the subcommands other modules register)."""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from .errors import KgError


def _build(args) -> int:
    if args.watch:
        return _watch(args)
    from .build import build
    result = build(Path(args.input), Path(args.out), model=args.model, html=not args.no_html,
                   progress=False if args.quiet else None)
    if not args.quiet or result.skipped:
        print(result.summary() if not args.quiet else "\n".join(f"skipped: {p}" for p in result.skipped))
    return 0  # built: skipped files are listed in the summary, not an error


def _stop(signum, frame):
    raise KeyboardInterrupt  # a watcher told to stop ends as Ctrl-C ends it: the build under way is dropped


def _watch(args) -> int:
    import os
    import signal

    from .watch import Restart, watch
    # stopped by Ctrl-C or `kill` alike, also when started in the background (which ignores Ctrl-C)
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    try:
        watch(Path(args.input), Path(args.out), model=args.model, html=not args.no_html, poll=args.poll)
    except Restart as exc:
        print(f"kg: {exc}: restarting", flush=True)
        os.execv(sys.executable, sys.orig_argv)  # the lock is released with its file, closed on exec
    return 0


# modules that add subcommands: each has ``register(subparsers)`` setting ``func`` on its parser
SUBCOMMAND_MODULES = ["kg.query", "kg.serve", "kg.push", "kg.validate", "kg.export.command"]


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="kg", description="Knowledge graph of Russia–China diplomatic events.")
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build output/kg.trig and output/graph.html from a folder of articles")
    b.add_argument("--input", default="seeds", help="folder of *.txt articles (default: seeds)")
    b.add_argument("--out", default="output", help="output folder (default: output)")
    b.add_argument("--model", default=None, help="an installed trained spaCy pipeline to use as the base (optional)")
    b.add_argument("--no-html", action="store_true", help="do not write graph.html (faster for big corpora)")
    b.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary (skipped files are still listed)")
    b.add_argument("--watch", action="store_true",
                   help="stay up: build now and again whenever an article in --input is added, changed or deleted")
    b.add_argument("--poll", type=float, default=0.5, metavar="SECONDS",
                   help="with --watch: how often to look at the input folder (default: 0.5)")
    b.set_defaults(func=_build)
    for name in SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return ap


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except KgError as exc:
        print(f"kg: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
