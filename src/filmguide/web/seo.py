"""What every page's head says about it: title, description, canonical URL, OpenGraph and Twitter
cards, and schema.org JSON-LD (a ``Movie`` for a film page).
"""

from __future__ import annotations

from typing import Any

SITE_NAME = "filmguide"
DESCRIPTION_LENGTH = 160


def _clip(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


def _title(data: dict[str, Any]) -> str:
    kind = data.get("kind")
    if kind == "film":
        year = f" ({data['year']})" if data.get("year") else ""
        return f"{data['title']}{year} explained: ending, cast, music and more | {SITE_NAME}"
    if kind == "person":
        return f"{data['name']}: films and roles | {SITE_NAME}"
    if kind == "search":
        return f"Search{': ' + data['query'] if data.get('query') else ''} | {SITE_NAME}"
    if kind == "not_found":
        return f"Not found | {SITE_NAME}"
    if kind == "error":
        return f"Something went wrong | {SITE_NAME}"
    return f"{SITE_NAME}: films explained, without spoilers unless you ask"


def _description(data: dict[str, Any]) -> str:
    kind = data.get("kind")
    if kind == "film":
        intro = data["guide"].get("intro") or []
        if intro:
            return _clip(intro[0])
        return _clip(f"{data['title']}: summary, cast, music, awards and what to watch next.")
    if kind == "person":
        return _clip(f"{data['name']} in {len(data['films'])} film guide(s) on {SITE_NAME}.")
    return "Film guides: what happens, who is in it, what it is based on and what to watch next."


def head(data: dict[str, Any], *, base_url: str, path: str, json_path: str) -> dict[str, Any]:
    """The head's data for one page; the base template turns it into tags."""
    canonical = f"{base_url}{path}" if path else base_url + "/"
    title = _title(data)
    description = _description(data)
    return {
        "title": title,
        "description": description,
        "canonical": canonical,
        "json": f"{base_url}{json_path}" if json_path else None,
        "og": {
            "og:type": "video.movie" if data.get("kind") == "film" else "website",
            "og:title": title,
            "og:description": description,
            "og:url": canonical,
            "og:site_name": SITE_NAME,
        },
        "twitter": {"twitter:card": "summary", "twitter:title": title, "twitter:description": description},
        "jsonld": movie_jsonld(data, base_url) if data.get("kind") == "film" else None,
        "robots": "noindex" if data.get("kind") in ("not_found", "error", "search") else "index,follow",
    }


def movie_jsonld(data: dict[str, Any], base_url: str) -> dict[str, Any]:
    """schema.org ``Movie`` for a film page."""
    guide = data["guide"]
    movie: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Movie",
        "name": data["title"],
        "url": f"{base_url}{data['url']}",
    }
    if data.get("year"):
        movie["dateCreated"] = str(data["year"])
    if data["directors"]:
        movie["director"] = [_person(p, base_url) for p in data["directors"]]
    if data["cast"]:
        movie["actor"] = [
            {
                "@type": "PerformanceRole",
                "actor": _person(c["actor"], base_url),
                **({"characterName": c["character"]} if c["character"] else {}),
            }
            for c in data["cast"]
        ]
    if data["quick"]["composers"]:
        movie["musicBy"] = [_person(p, base_url) for p in data["quick"]["composers"]]
    if data["quick"]["genres"]:
        movie["genre"] = data["quick"]["genres"]
    awards = [
        f"{a['body']}: {a['category']}" + (f" ({a['nominee']})" if a.get("nominee") else "")
        for a in guide.get("awards", [])
        if a["result"] == "won"
    ]
    if awards:
        movie["award"] = awards
    if guide.get("quotes"):
        # Lines spoken in the film are parts of it: schema.org Quotation, spoken by a character.
        movie["hasPart"] = [
            {
                "@type": "Quotation",
                "text": q["text"],
                "spokenByCharacter": {"@type": "Person", "name": q["speaker"]},
            }
            for q in guide["quotes"]
        ]
    if guide.get("intro"):
        movie["description"] = _clip(guide["intro"][0], 300)
    return movie


def _person(person: dict[str, Any], base_url: str) -> dict[str, Any]:
    return {"@type": "Person", "name": person["name"], "url": f"{base_url}{person['url']}"}
