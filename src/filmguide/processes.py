"""Child processes that never outlive the process that started them.

An import's parse workers are forked; if the import is killed (SIGKILL cannot be caught, so no
clean-up runs in it), nothing would stop them, and they would sit orphaned, holding the
database file's descriptors they inherited. On Linux the kernel can signal a child when its
parent dies (``prctl(PR_SET_PDEATHSIG)``); elsewhere nothing is done here, and the pool's own
pipe to its parent stops the workers once their current chunk is parsed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

#: ``PR_SET_PDEATHSIG`` from <linux/prctl.h>.
PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> bool:
    """Ask the kernel to SIGKILL this process when its parent dies; returns whether it could.

    ``parent``: the pid the caller was forked from. If it died before the request took effect
    (the child was already handed to another parent), this process exits at once.
    """
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return False
    if os.getppid() != parent:  # the parent died between the fork and the prctl
        os._exit(1)
    return True
