"""The life of ``filmguide serve``'s processes: a busy port refused at start, enough file
descriptors for the connections allowed, and workers that end with their parent.

granian binds its listening socket with ``SO_REUSEPORT``, so a second server on the same port
would start without a word and take half of the connections (with another database, half of the
writes). :func:`check_port_free` binds the address first *without* it: if anything listens
there, that bind fails and ``serve`` stops with one line.

granian's workers are processes of their own; killed with ``SIGKILL``, the main process cannot
stop them, and they went on serving and counting on the port. Each worker asks the kernel for
``SIGTERM`` when its parent dies (Linux's ``PR_SET_PDEATHSIG``): it then shuts down as it does
on any ``SIGTERM``, writing the views it holds. A watchdog thread sees the parent gone too and
ends the worker :data:`ORPHAN_GRACE` seconds later, whatever it was doing, so the port is free
within a few seconds even when the database is locked and the last write waits.

:func:`run` starts granian with one :class:`~filmguide.config.Settings`, and each worker builds
its app from that very object (:func:`worker_app`, given to granian as the loader it pickles into
the worker): a worker reads no environment.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import resource
import signal
import socket
import threading
import time
from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from filmguide.config import Settings

log = logging.getLogger("filmguide.web")

#: ``prctl`` option asking for a signal when the parent dies (linux/prctl.h).
PR_SET_PDEATHSIG = 1
#: Seconds an orphaned worker gets to shut down gracefully before it exits regardless.
ORPHAN_GRACE = 1.5
#: How often the watchdog looks at the parent.
WATCH_SECONDS = 0.2


class PortBusy(Exception):
    """Something already listens on the address ``serve`` was asked to use."""


def check_port_free(host: str, port: int) -> None:
    """Raise :class:`PortBusy` (one line naming the address) if anything listens on it.

    The probe binds without ``SO_REUSEPORT``, which Linux refuses while any socket is bound to
    the address, with the option or without; ``SO_REUSEADDR`` lets it past connections of an
    earlier server still closing (``TIME_WAIT``), as granian's own bind does.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    probe = socket.socket(family, socket.SOCK_STREAM)
    try:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
    except OSError as error:
        shown = f"[{host}]:{port}" if family == socket.AF_INET6 else f"{host}:{port}"
        if error.errno == errno.EADDRINUSE:
            raise PortBusy(f"address in use: {shown} is already served (another filmguide serve?)") from None
        raise PortBusy(f"cannot listen on {shown}: {error.strerror or error}") from None
    finally:
        probe.close()


def raise_open_files(wanted: int) -> int:
    """Raise this process's soft limit of open files towards ``wanted`` (up to the hard limit),
    so that the connections allowed are not refused by ``EMFILE`` first; the limit now set.
    Workers inherit it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if target > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        return target
    return soft


def die_with_parent(parent: int | None) -> None:
    """In a worker: ``SIGTERM`` from the kernel when the parent dies, and a watchdog that ends
    the process :data:`ORPHAN_GRACE` seconds after, in case the graceful shutdown hangs.

    Only under ``serve``, which names itself in the settings' ``parent_pid`` (an app built in a
    test process, ``parent`` None, leaves that process alone). A parent that died before this
    call is seen at once: the process was already adopted by another."""
    if parent is None:
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
            log.warning("could not ask to end with the parent: errno %d", ctypes.get_errno())
    except (OSError, AttributeError):  # not Linux: the watchdog alone
        pass
    if os.getppid() != parent:  # orphaned while starting: nothing is held yet
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    time.sleep(ORPHAN_GRACE)
    log.error("serve (pid %d) is gone: this worker ends now", parent)
    os._exit(1)


def worker_app(settings: Settings) -> Any:
    """In each worker, first thing: end with the parent, then build the app from ``settings``."""
    die_with_parent(settings.parent_pid)
    from filmguide.web.app import app_for

    return app_for(settings)


def run(settings: Settings) -> None:
    """Serve with granian until stopped: ``settings.workers`` processes, each given ``settings``.

    Workers start as fresh interpreters ("spawn"): forked from ``serve``, each would carry the
    memory the demo import and the similar-films refresh left behind in it."""
    import multiprocessing

    from granian import Granian
    from granian.constants import HTTPModes, Interfaces, Loops
    from granian.http import HTTP1Settings
    from granian.log import LogLevels

    from filmguide.config import MAX_HEADERS_BYTES

    multiprocessing.set_start_method("spawn", force=True)
    server = Granian(
        f"{__name__}:worker_app",  # named for granian's logs: the loader below builds the app
        address=settings.host,
        port=settings.port,
        interface=Interfaces.ASGI,
        workers=settings.workers,
        loop=Loops.uvloop,
        http=HTTPModes.http1,
        websockets=False,
        log_level=LogLevels.warning,
        # Connections each worker holds (each keeps a permit until it closes); more wait in
        # the kernel's backlog, which is as long.
        backpressure=settings.max_connections,
        backlog=settings.max_connections,
        http1_settings=HTTP1Settings(
            # Also the wait for the next request on a kept-alive connection: hyper arms it
            # whenever it waits for a request head.
            header_read_timeout=settings.header_timeout * 1000,
            keep_alive=True,
            # A request head larger than hyper's read buffer gets 431: the 32 KB of all headers.
            max_buffer_size=MAX_HEADERS_BYTES,
        ),
        # A worker busy rendering on a loaded machine is not a dead one: it gets time to write
        # the views it holds before it is stopped.
        workers_kill_timeout=30,
        # A worker that dies (out of memory, a crash in a library) is started again.
        respawn_failed_workers=True,
    )
    # The loader is pickled into each worker process: the settings travel with it, whole.
    server.serve(target_loader=partial(worker_app, settings), wrap_loader=False)
