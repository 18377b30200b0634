"""Who is reading: a salted daily hash per reader, crawler detection, and per-client rate limits.

A reader (a *client*) is ``blake2b(address + user agent, key=salt)``, 32 hex characters, where the
salt is ``HMAC-SHA256(secret, UTC date)``: the same reader has the same client all day, a new one
the next day, and no raw address is kept anywhere (neither in memory past the cache below, nor in
the database). The secret comes from ``FILMGUIDE_SECRET`` (the settings' ``secret``);
``filmguide serve`` makes a random one for its workers when it is not given, so every worker of
one server agrees.

Known crawlers are not readers: their user agents are matched against the community-kept list of
the ``crawler-user-agents`` package (bots, crawlers, spiders, link previewers, and scripted
clients such as curl, wget and python-requests), and an empty user agent is treated as a script
too. Their views and shares are not counted.

Everything here runs on the request path, so each answer is cached for the day in a bounded map:
a reader seen before costs one lookup. The maps are ``OrderedDict``: dropping the oldest entry is
O(1) there, whereas ``next(iter(d))`` on a plain dict whose front was deleted from scans every
deleted slot.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import math
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING

import crawleruseragents  # type: ignore[import-untyped]
from sqlalchemy.exc import SQLAlchemyError

if TYPE_CHECKING:
    from filmguide.store import Store

log = logging.getLogger("filmguide.web")

#: Seconds in a UTC day: clients rotate when ``time // DAY`` changes.
DAY = 86_400
#: Readers (address, user agent) whose client is kept for the day.
CLIENT_CACHE = 65_536
#: User agents whose crawler verdict is kept.
VERDICT_CACHE = 16_384
#: Only this much of a user agent is read (a longer one is cut: matching stays bounded).
UA_LENGTH = 512

#: How often a process deletes the database's buckets that have refilled (:class:`SharedLimit`).
PRUNE_SECONDS = 300.0

Clock = Callable[[], float]


def secret_or_random(value: str) -> bytes:
    """The configured secret (``FILMGUIDE_SECRET``), or a random one for this process alone
    (logged: counts are then exact within the process only, since another process hashes the
    same reader differently)."""
    if value:
        return value.encode()
    log.warning("FILMGUIDE_SECRET is not set: reader hashes are known to this process only")
    return secrets.token_bytes(32)


# --- crawlers ---------------------------------------------------------------------------------

Trie = dict[str, "Trie"]
_META = re.compile(r"(?<!\\)[\[\]^$*+?{}|().]|\\[dswbDSWBAZ]")


def _trie_pattern(words: list[str]) -> str:
    """One regular expression matching any of ``words``, shared prefixes merged.

    Python's ``re`` tries every branch of a plain alternation at every position; as a trie only
    the branches starting with the character at hand are tried, about ten times faster on the
    list's 1,500 literal names.
    """
    trie: Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: Trie) -> str:
        if "" in node:
            return ""  # a word ends here: for a search, the prefix is enough
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(trie)


def _crawler_regex() -> re.Pattern[str]:
    """The ``crawler-user-agents`` list as one compiled expression: its plain names as a trie, its
    few real patterns (anchors, classes) as they are. Case-sensitive, as the list is written."""
    patterns = [entry["pattern"] for entry in crawleruseragents.CRAWLER_USER_AGENTS_DATA]
    literal = [re.sub(r"\\(.)", r"\1", p) for p in patterns if not _META.search(p)]
    other = [p for p in patterns if _META.search(p)]
    return re.compile("|".join([_trie_pattern(literal), *other]))


_CRAWLERS = _crawler_regex()


def is_crawler(user_agent: str) -> bool:
    """Whether a user agent is not a reader: a known bot, crawler, spider, link previewer or
    scripted client, or no user agent at all."""
    text = user_agent.strip()
    return not text or _CRAWLERS.search(text[:UA_LENGTH]) is not None


# --- clients ----------------------------------------------------------------------------------


def daily_salt(secret: bytes, day: int) -> bytes:
    """The salt of UTC day number ``day`` (days since 1970-01-01)."""
    return hmac.new(secret, str(day).encode(), hashlib.sha256).digest()


def network_of(address: str | None) -> str:
    """What one "address" is for counting: an IPv4 address as it is, an IPv6 address by its /64
    network (one subscriber's line commonly holds a whole /64, and takes a new address at will
    within it); anything else (a test client's name) as given."""
    if not address:
        return ""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed)


def client_hash(salt: bytes, address: str | None, user_agent: str) -> str:
    """The reader's client for the salt's day: 32 hex characters, not reversible to the address."""
    data = f"{address or ''}\n{user_agent[:UA_LENGTH]}".encode("utf-8", "surrogateescape")
    return hashlib.blake2b(data, key=salt[:64], digest_size=16).hexdigest()


class Clients:
    """Readers' clients for the current UTC day, cached.

    :meth:`reader` is on the hot path of every film page: a reader seen today costs a dict lookup.
    At a new UTC day the salt and both caches are replaced, so no hash outlives its day.
    """

    def __init__(self, secret: bytes, *, cache_size: int = CLIENT_CACHE) -> None:
        self._secret = secret
        self._cache_size = cache_size
        self._day_start = self._day_end = 0.0
        self._salt = b""
        self._readers: OrderedDict[int, str | None] = OrderedDict()
        self._verdicts: OrderedDict[str, bool] = OrderedDict()

    def reader(self, address: str | None, user_agent: str, now: float) -> str | None:
        """The reader's client, or ``None`` for a crawler (whose events are not counted)."""
        if not self._day_start <= now < self._day_end:
            self._rotate(int(now // DAY))
        # Never the raw header text (a client may send kilobytes of user agent, each one new):
        # Python's own hash of the pair, keyed at random per process so nobody can aim two
        # readers at one key; a cryptographic hash cost this hot path a microsecond more.
        key = hash((address, user_agent[:UA_LENGTH]))
        found = self._readers.get(key, "")
        if found != "":
            return found
        client = None if self.crawler(user_agent) else client_hash(self._salt, address, user_agent)
        self._remember(key, client)
        return client

    def source(self, address: str | None, now: float) -> str:
        """The address's hash for the day, user agent left out (an IPv6 address by its /64):
        what the per-address daily cap on views and shares counts by."""
        if not self._day_start <= now < self._day_end:
            self._rotate(int(now // DAY))
        return client_hash(self._salt, network_of(address), "")

    def client(self, address: str | None, user_agent: str, now: float) -> str:
        """The client of anyone, crawler or not (rate limits apply to all)."""
        found = self.reader(address, user_agent, now)
        return found if found is not None else client_hash(self._salt, address, user_agent)

    def crawler(self, user_agent: str) -> bool:
        """Whether the user agent is a crawler's; the verdict is kept by the agent's first
        :data:`UA_LENGTH` characters, all that :func:`is_crawler` reads."""
        agent = user_agent[:UA_LENGTH]
        verdict = self._verdicts.get(agent)
        if verdict is None:
            verdict = is_crawler(agent)
            if len(self._verdicts) >= VERDICT_CACHE:
                self._verdicts.popitem(last=False)
            self._verdicts[agent] = verdict
        return verdict

    def _remember(self, key: int, client: str | None) -> None:
        if len(self._readers) >= self._cache_size:
            self._readers.popitem(last=False)  # the oldest entry
        self._readers[key] = client

    def _rotate(self, day: int) -> None:
        self._day_start, self._day_end = float(day * DAY), float((day + 1) * DAY)
        self._salt = daily_salt(self._secret, day)
        self._readers = OrderedDict()


# --- rate limit -------------------------------------------------------------------------------


class RateLimit:
    """A token bucket per client: ``burst`` requests at once, refilled at ``rate`` per second.

    Buckets live in this process (each worker keeps its own), bounded: when full, the oldest
    bucket is forgotten.
    """

    def __init__(self, rate: float, burst: int, *, size: int = CLIENT_CACHE) -> None:
        self.rate = rate
        self.burst = burst
        self.size = size
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, client: str, now: float) -> float:
        """Spend one token; 0 if allowed, else the seconds until the next token."""
        tokens, last = self._buckets.pop(client, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + max(0.0, now - last) * self.rate)
        if tokens >= 1.0:
            self._store(client, tokens - 1.0, now)
            return 0.0
        self._store(client, tokens, now)
        return (1.0 - tokens) / self.rate

    def wait(self, client: str, now: float) -> float:
        """The seconds until ``client`` has a token (0 if it has one now), spending none."""
        tokens, last = self._buckets.get(client, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + max(0.0, now - last) * self.rate)
        return 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.rate

    def set(self, client: str, tokens: float, now: float) -> None:
        """Note that ``client`` has ``tokens`` left at ``now`` (what the database answered)."""
        self._buckets.pop(client, None)
        self._store(client, tokens, now)

    def _store(self, client: str, tokens: float, now: float) -> None:
        if len(self._buckets) >= self.size:
            self._buckets.popitem(last=False)
        self._buckets[client] = (tokens, now)


class SharedLimit:
    """A :class:`RateLimit` whose buckets are rows of the database, so that a client's requests
    spread over workers and instances spend one bucket (:mod:`filmguide.store.limits`).

    The database decides; this process keeps what it last answered for each client, as a
    :class:`RateLimit`. Other processes can only have spent tokens since, never added any, so
    when that copy has no token left the database would say no too: the request is refused
    without asking it (a client flooding one worker costs a dict lookup, not a write). When the
    database cannot be written, the copy decides alone (the limit is then per process, as it was).
    Once every :data:`PRUNE_SECONDS` a take first deletes buckets that have refilled since.
    """

    def __init__(self, store: Store, name: str, rate: float, burst: int) -> None:
        self.store = store
        self.name = name
        self.local = RateLimit(rate, burst)
        self._pruned = float("-inf")
        self._lock = threading.Lock()  # takes run in the server's threads; the copy is one map

    def take(self, client: str, now: float) -> float:
        """Spend one token; 0 if allowed, else the seconds until the next token. Blocking (it may
        write to the database): call it from a thread."""
        local = self.local
        with self._lock:
            wait = local.wait(client, now)
            prune = wait == 0 and now - PRUNE_SECONDS >= self._pruned
            if prune:
                self._pruned = now
        if wait > 0:
            return wait
        try:
            taken = self.store.take_token(
                self.name,
                client,
                now,
                rate=local.rate,
                burst=local.burst,
                prune_before=now - local.burst / local.rate if prune else None,
            )
        except SQLAlchemyError as error:
            problem = str(error).splitlines()[0]
            log.warning("rate limit %s: the database failed (%s); this process decides", self.name, problem)
            with self._lock:
                return local.take(client, now)
        with self._lock:
            local.set(client, taken.tokens, now)
        return 0.0 if taken.allowed else (1.0 - taken.tokens) / local.rate


def retry_after(seconds: float) -> str:
    """A ``Retry-After`` value: whole seconds, at least 1."""
    return str(max(1, math.ceil(seconds)))


def utc_now() -> float:
    """The clock of the counting code (seconds since the epoch); tests inject their own."""
    return time.time()
