"""Upstream news feeds.

The fetch is synchronous, like a `requests.get` against a partner API: fast
partners answer in milliseconds, the slow one takes half a minute.
"""

import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    name: str
    latency_s: float


SOURCES = [
    Source("wire", 0.05),
    Source("local", 0.2),
    Source("sports", 0.4),
    Source("archive", 30.0),
]

_HEADLINES = {
    "wire": "Markets open higher",
    "local": "New bridge opens downtown",
    "sports": "Home team wins in overtime",
    "archive": "This day, fifty years ago",
}


def fetch_feed(source: Source) -> dict[str, str]:
    time.sleep(source.latency_s)  # stands in for the partner API's network time
    return {"source": source.name, "headline": _HEADLINES[source.name]}


def latest_headlines() -> list[dict[str, str]]:
    return [{"source": name, "headline": text} for name, text in _HEADLINES.items()]
