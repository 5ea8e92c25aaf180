"""The output folder's life cycle: one build at a time (a lock file next to it), each build
written into a temporary sibling folder and swapped in atomically, so a build killed at any moment
leaves the previous output intact.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import time
from pathlib import Path

from .errors import KgError

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class BuildLocked(KgError):
    """Another build holds the output folder."""


class OutputLock:
    """An exclusive, non-blocking lock on ``<parent>/<name>.lock`` (released when the process dies)."""

    def __init__(self, out_dir: Path, holder: str = "kg build"):
        self.out_dir = Path(out_dir).absolute()
        self.holder = holder  # what holds it, for the message a refused build gives
        self.path = self.out_dir.parent / f"{self.out_dir.name}.lock"
        self.fd: int | None = None

    def __enter__(self) -> "OutputLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                os.close(fd)
                raise
            holder = os.pread(fd, 200, 0).decode(errors="replace").strip()
            os.close(fd)
            raise BuildLocked(f"another build is already writing {self.out_dir} ({holder or 'holder unknown'}; "
                              f"lock file {self.path}): wait for it to finish") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, {self.holder}, started {time.strftime('%Y-%m-%d %H:%M:%S')}\n".encode(), 0)
        self.fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            os.close(self.fd)  # closing releases the flock; the file stays (removing it would race)
            self.fd = None


def staging_dir(out_dir: Path) -> Path:
    """A fresh temporary sibling of ``out_dir`` (same file system, so the swap is a rename)."""
    out_dir = Path(out_dir).absolute()
    path = out_dir.parent / f".{out_dir.name}.build-{os.getpid()}"
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def clean_leftovers(out_dir: Path) -> None:
    """Remove staging and retired folders that a killed build left behind (call under the lock);
    restore the output if a build died between the two renames of the fallback swap."""
    out_dir = Path(out_dir).absolute()
    retired = sorted(out_dir.parent.glob(f".{out_dir.name}.old-*"))
    if not out_dir.exists() and retired:
        os.rename(retired[-1], out_dir)
        retired = retired[:-1]
    for path in [*out_dir.parent.glob(f".{out_dir.name}.build-*"), *retired]:
        shutil.rmtree(path, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux renameat2(RENAME_EXCHANGE); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    fn = getattr(libc, "renameat2", None)
    if fn is None:
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def swap_in(staged: Path, out_dir: Path) -> None:
    """Make ``staged`` the output folder and delete the previous one."""
    out_dir = Path(out_dir).absolute()
    _fsync_dir(staged)
    if not out_dir.exists():
        os.rename(staged, out_dir)
    elif out_dir.is_dir() and _exchange(staged, out_dir):
        shutil.rmtree(staged, ignore_errors=True)  # now holds the previous output
    else:
        # no atomic exchange: two renames; clean_leftovers() restores the output if we die between them
        old = out_dir.parent / f".{out_dir.name}.old-{time.time_ns()}"
        os.rename(out_dir, old)
        os.rename(staged, out_dir)
        shutil.rmtree(old, ignore_errors=True)
    _fsync_dir(out_dir.parent)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
