"""``kg build --watch``: a resident build. It builds once, then watches the input folder and builds
again whenever an article or a sidecar is added, changed or deleted. Between builds it keeps the
loaded pipeline and what it read and made (kg.warm), so a rebuild after one article changed costs
what that article and the merge cost, not the seconds a fresh process needs to import spaCy and
load the gazetteer. Each build is an ordinary incremental build (same output, byte for byte, as a
build from scratch; same crash safety). The watcher holds the output's lock all along, so another
build of the same output is refused while it runs; it restarts itself when the code or data of
kg/, ontology/ or queries/ change, since a running process cannot take those in.
"""
from __future__ import annotations

import functools
import gc
import time
from pathlib import Path
from typing import Callable

from .build import BuildResult, build, load_pipeline
from .cache import OUTPUT_GLOBS, OUTPUT_PACKAGES, fingerprint
from .corpus import META_SUFFIX
from .errors import KgError
from .outdir import OutputLock
from .warm import Warm

POLL_SECONDS = 0.5  # how often the folder is looked at
SETTLE_SECONDS = 0.05  # a folder still changing after this long is looked at again before building (a file
# changed while it is read is only a wasted build: its stamp differs, so the next look builds again)


class Restart(Exception):
    """The code or data the watcher runs on changed: it must start afresh to take them in."""


def folder_stamp(folder: Path) -> tuple:
    """Name, size, modification time and inode of every article and sidecar in ``folder``: any
    addition, change or deletion changes it. () when the folder is missing."""
    out = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return ()
    for p in entries:
        if p.name.endswith((".txt", META_SUFFIX)):
            try:
                st = p.stat()
            except OSError:
                continue
            out.append((p.name, st.st_size, st.st_mtime_ns, st.st_ino))
    return tuple(sorted(out))


def round_line(result: BuildResult) -> str:
    """One line for a build the watcher ran (and a line for each file it skipped)."""
    when = time.strftime("%H:%M:%S")
    if result.unchanged:
        return f"{when} unchanged: {result.articles} articles, output kept"
    lines = [f"{when} built in {result.seconds:.2f} s: {result.articles} articles ({result.extracted} extracted), "
             f"{result.entities} entities, {result.events} events, {result.triples} triples, "
             f"graphs {result.graphs_written} written, {result.graphs_dropped} dropped"
             + (f", {result.violations} shape violations" if result.violations else "")]
    lines += [f"  skipped: {p}" for p in result.skipped]
    return "\n".join(lines)


def watch(input_dir: Path, out_dir: Path, model: str | None = None, html: bool = True, validate: bool = True,
          poll: float = POLL_SECONDS, report: Callable[[str], None] = functools.partial(print, flush=True)) -> None:
    """Build ``out_dir`` from ``input_dir`` now and after every change to it, until interrupted.
    A build that fails (no readable article, say) is reported and the watcher goes on waiting.
    Raises Restart when the code or data of kg/, ontology/ or queries/ change."""
    out_dir = Path(out_dir).absolute()
    code = fingerprint(model, globs=OUTPUT_GLOBS, packages=OUTPUT_PACKAGES)
    warm = Warm()
    built_from: tuple | None = None
    with OutputLock(out_dir, holder="kg build --watch"):
        report(f"watching {input_dir} (every {poll:g} s); building into {out_dir}; Ctrl-C stops")
        load_pipeline(model)  # once, here: the extraction processes of a first full build inherit it
        while True:
            stamp = folder_stamp(input_dir)
            if stamp != built_from:
                time.sleep(SETTLE_SECONDS)
                if folder_stamp(input_dir) != stamp:
                    continue  # still being written
                try:
                    result = build(Path(input_dir), out_dir, model=model, html=html, progress=False,
                                   validate=validate, warm=warm, locked=True)
                except KgError as exc:
                    report(f"{time.strftime('%H:%M:%S')} not built: {exc}")
                else:
                    report(round_line(result))
                built_from = stamp
                gc.collect()
                gc.freeze()  # what the watcher keeps is not scanned again by the next build's collections
                # (what it forgets later is still freed: records and quads hold no reference cycles)
            time.sleep(poll)
            if fingerprint(model, globs=OUTPUT_GLOBS, packages=OUTPUT_PACKAGES) != code:
                raise Restart("the code or data of kg/, ontology/ or queries/ changed")
