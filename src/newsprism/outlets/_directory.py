"""Which outlet published an article: by the domain of its URL, else by its outlet name."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from urllib.parse import urlsplit

from newsprism.types import Article, Outlet

_WWW = "www."


def normalise_domain(value: str) -> str:
    """A bare lower-case host name from a domain or URL ("https://WWW.Courier.example:443/x" -> "courier.example"),
    so a file and an article that write the same site differently still meet."""
    value = value.strip().lower()
    if "//" not in value:
        value = "//" + value
    try:
        host = urlsplit(value).hostname or ""
    except ValueError:
        return ""
    host = host.rstrip(".")
    return host[len(_WWW) :] if host.startswith(_WWW) else host


def normalise_name(value: str) -> str:
    """An outlet name compared case- and space-insensitively ("The  valeport courier" = "The Valeport Courier")."""
    return " ".join(value.split()).casefold()


class OutletDirectory:
    """The outlets of an outlets file, looked up by domain (a subdomain counts as its site) or by name."""

    def __init__(self, outlets: Iterable[Outlet] = ()) -> None:
        self._outlets = list(outlets)
        self._by_domain: dict[str, Outlet] = {}
        self._by_name: dict[str, Outlet] = {}
        for outlet in self._outlets:
            self._by_name.setdefault(normalise_name(outlet.name), outlet)
            for domain in outlet.domains:
                self._by_domain.setdefault(normalise_domain(domain), outlet)

    @classmethod
    def empty(cls) -> OutletDirectory:
        """A directory that knows no outlet: every article is unrated."""
        return cls()

    @property
    def outlets(self) -> list[Outlet]:
        """The outlets in file order."""
        return list(self._outlets)

    def __len__(self) -> int:
        return len(self._outlets)

    def match(self, article: Article) -> Outlet | None:
        """The outlet of `article`: its URL's host or a parent domain of it, else its outlet field as a name or
        as a domain (readers fill the field with the URL's domain when the input names no outlet)."""
        for candidate in (article.url, article.outlet):
            outlet = self.by_domain(candidate) if candidate else None
            if outlet is not None:
                return outlet
        return self._by_name.get(normalise_name(article.outlet)) if article.outlet else None

    def named(self, article: Article) -> Article:
        """`article` under the name its outlets file gives its outlet (unchanged when none matches), so one
        outlet's reports read as one name whatever domain or feed title they came with."""
        outlet = self.match(article)
        if outlet is None or outlet.name == article.outlet:
            return article
        return replace(article, outlet=outlet.name)

    def by_domain(self, url_or_domain: str) -> Outlet | None:
        """The outlet whose domain is this host or the nearest parent of it ("news.courier.example" ->
        "courier.example"), never a mere suffix ("notcourier.example" is another site)."""
        host = normalise_domain(url_or_domain)
        while host and "." in host:
            outlet = self._by_domain.get(host)
            if outlet is not None:
                return outlet
            host = host.split(".", 1)[1]
        return None
