"""The editor: open a guide or a film, save a draft, publish, unpublish, preview, autosave, history.

Two people at one guide: the form carries the draft version and the guide version it was opened
at; a save or publish made against older ones is refused ("changed since you opened it", 409)
with a diff from what is there now to what was sent, and the writer's text kept in the form.
Publishing is an ordinary save through the store (a new revision); unpublishing moves the guide
to the trash and keeps its text as a draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from filmguide.store.database import SlugConflict
from filmguide.store.drafts import StaleDraft
from filmguide.store.guides import WritePolicy
from filmguide.store.revisions import GuideLoss, RevisionError, StaleWrite
from filmguide.web.desk import editor
from filmguide.web.desk.auth import Signed
from filmguide.web.desk.editor import MAX_MARKDOWN, edit_url, slug_ok
from filmguide.web.desk.skeleton import Start, skeleton, slug_skeleton

if TYPE_CHECKING:
    from filmguide.web.desk.routes import Desk

#: What a notice in the editor's address (``?done=…``) says.
DONE = {
    "saved": "Draft saved. Readers see nothing of it until you publish.",
    "published": "Published: the film’s page shows this guide now.",
    "unpublished": "Unpublished: the guide is in the trash, and its text is kept here as a draft.",
}


@dataclass
class Opened:
    """What the editor shows: the text, the versions it was opened at, and what the reader says."""

    slug: str
    title: str
    markdown: str
    draft_version: int | None
    base_revision: int | None
    published: bool
    has_draft: bool
    notice: str | None = None
    error: str | None = None
    stale: list[str] | None = None
    loss: str | None = None
    warnings: list[editor.Warning] = field(default_factory=list)
    preview: str | None = None


def _int(value: object) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) < 10 else None


class Edits:
    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    # --- opening ---------------------------------------------------------------------------

    def _open(self, slug: str, title: str | None) -> Opened | None:
        """The editor's starting point: the draft, else the published guide, else a skeleton
        (of the catalog film, or of a film outside it named by ``title``)."""
        draft = self.desk.desk.draft(slug)
        state = self.desk.store.guide_state(slug)
        if draft is not None:
            return Opened(
                slug, draft.title, draft.markdown, draft.version, draft.base_revision, state is not None, True
            )
        if state is not None:
            markdown = editor.guide_markdown(self.desk.store, slug) or ""
            guide = self.desk.store.get_guide(slug)
            return Opened(slug, guide.title if guide else slug, markdown, None, state[0], True, False)
        started = slug_skeleton(self.desk.store, slug)
        if started is None and title:
            started = title, skeleton(Start(title=title))
        if started is None:
            return None
        return Opened(slug, started[0], started[1], None, None, False, False)

    def _read(self, opened: Opened, base_url: str) -> Opened:
        """Fill in the reader's warnings and the preview (the page the text would make)."""
        reading = editor.read_draft(opened.markdown, opened.slug)
        opened.warnings = reading.warnings
        if reading.guide is not None:
            opened.title = reading.guide.title
            opened.preview = editor.preview_html(
                self.desk.store, self.desk.renderer, opened.slug, reading.guide, base_url
            )
        return opened

    def _show(self, request: Request, signed: Signed, opened: Opened, status: int = 200) -> Response:
        return self.desk.page(signed, "edit.html", status, e=opened)

    async def editor(self, request: Request, signed: Signed) -> Response:
        slug = request.path_params["slug"]
        if not slug_ok(slug):
            return self.desk.render(
                "error.html", 404, title="Not found", message="No film has this address.", user=signed.user
            )
        title = request.query_params.get("title", "").strip()[:300] or None
        opened = await run_in_threadpool(self._open, slug, title)
        if opened is None:
            return self.desk.render(
                "error.html",
                404,
                title="Not found",
                message="No catalog film or guide has this address: start a guide from the desk "
                "with its title.",
                user=signed.user,
            )
        opened.notice = DONE.get(request.query_params.get("done", ""))
        opened = await run_in_threadpool(self._read, opened, self.desk.base(request))
        return self._show(request, signed, opened)

    # --- saving ----------------------------------------------------------------------------

    def _stale(
        self, slug: str, markdown: str, draft_version: int | None, base: int | None
    ) -> tuple[list[str], int | None, int | None] | None:
        """``None`` when the draft and the guide are as the writer opened them; else the diff from
        what is there now to the writer's text, and the versions now current."""
        draft = self.desk.desk.draft(slug)
        state = self.desk.store.guide_state(slug)
        now_draft = draft.version if draft else None
        now_base = draft.base_revision if draft else (state[0] if state else None)
        guide_now = state[0] if state else None
        if now_draft == draft_version and guide_now == base:
            return None
        if draft is not None and now_draft != draft_version:
            theirs, name = draft.markdown, f"draft {draft.version} (saved by {draft.author or 'someone'})"
        else:
            theirs, name = (
                editor.guide_markdown(self.desk.store, slug) or "",
                f"published version {guide_now}",
            )
        if guide_now != base:
            now_base = guide_now
        diff = editor.diff_lines(theirs, markdown, before_name=name, after_name="your text")
        return diff, now_draft, now_base

    def save_draft(
        self, slug: str, signed: Signed, markdown: str, draft_version: int | None, base: int | None
    ) -> Opened | int:
        """Save the draft; the new draft version, or the editor to show again (stale)."""
        stale = self._stale(slug, markdown, draft_version, base)
        if stale is None:
            title = editor.read_draft(markdown, slug).guide
            try:
                saved = self.desk.desk.save_draft(
                    slug,
                    title=title.title if title else slug,
                    markdown=markdown,
                    author=signed.user.name,
                    base_revision=base,
                    expect=draft_version,
                )
                return saved.version
            except StaleDraft:
                stale = self._stale(slug, markdown, draft_version, base)
        assert stale is not None
        return self._refused(slug, markdown, stale)

    def _refused(self, slug: str, markdown: str, stale: tuple[list[str], int | None, int | None]) -> Opened:
        diff, now_draft, now_base = stale
        opened = Opened(
            slug, slug, markdown, now_draft, now_base, now_base is not None, now_draft is not None
        )
        opened.error = (
            "This guide changed since you opened it. Below: what is there now, against your text "
            "(kept in the editor). Save again to replace it with yours."
        )
        opened.stale = diff
        return opened

    def publish(
        self,
        slug: str,
        signed: Signed,
        markdown: str,
        draft_version: int | None,
        base: int | None,
        force: bool,
    ) -> Opened | None:
        """Publish the text (``None`` when done), or the editor to show again with why not."""
        stale = self._stale(slug, markdown, draft_version, base)
        if stale is not None:
            return self._refused(slug, markdown, stale)
        opened = Opened(
            slug, slug, markdown, draft_version, base, base is not None, draft_version is not None
        )
        reading = editor.read_draft(markdown, slug)
        if reading.guide is None:
            opened.error = "This text cannot be published yet: see the first warning."
            return opened
        state = self.desk.store.guide_state(slug)
        policy = WritePolicy(force=force, note="published from the desk", expect=state[1] if state else None)
        try:
            self.desk.store.save_guide_at(
                slug, reading.guide, source=f"desk:{signed.user.name}", policy=policy
            )
        except GuideLoss as loss:
            opened.loss = f"Publishing this would lose {loss.lost}. Publish anyway if that is meant."
            return opened
        except StaleWrite:
            stale = self._stale(slug, markdown, draft_version, -1)
            assert stale is not None
            return self._refused(slug, markdown, stale)
        except SlugConflict as conflict:
            opened.error = f"This text names another film ({conflict}); fix its title or year."
            return opened
        self.desk.desk.discard_draft(slug)
        return None

    def unpublish(
        self, slug: str, signed: Signed, markdown: str, draft_version: int | None, base: int | None
    ) -> Opened | None:
        """Move the guide to the trash, keeping the text as a draft (``None`` when done)."""
        saved = self.save_draft(slug, signed, markdown, draft_version, base)
        if isinstance(saved, Opened):
            return saved
        self.desk.store.delete_guide(slug, source=f"desk:{signed.user.name}")
        draft = self.desk.desk.draft(slug)
        if draft is not None:  # no guide is its base now: publishing it again starts a new version
            self.desk.desk.save_draft(
                slug,
                title=draft.title,
                markdown=draft.markdown,
                author=draft.author,
                base_revision=None,
                expect=draft.version,
            )
        return None

    async def submit(self, request: Request, signed: Signed) -> Response:
        """The editor's form: ``action`` is save, publish, unpublish, preview or discard."""
        slug = request.path_params["slug"]
        form: FormData = request.state.form
        markdown = _field(form, "markdown").replace("\r\n", "\n")[:MAX_MARKDOWN]
        action = _field(form, "action") or "save"
        draft_version, base = _int(form.get("draft_version")), _int(form.get("base_revision"))
        if not slug_ok(slug):
            return self.desk.forbidden("No film has this address.")
        if action == "discard":
            await run_in_threadpool(self.desk.desk.discard_draft, slug)
            return self.desk.see("/desk?done=discarded")
        result: Opened | int | None
        if action == "publish":
            result = await run_in_threadpool(
                self.publish, slug, signed, markdown, draft_version, base, form.get("force") == "1"
            )
        elif action == "unpublish":
            result = await run_in_threadpool(self.unpublish, slug, signed, markdown, draft_version, base)
        elif action == "preview":
            result = Opened(
                slug, slug, markdown, draft_version, base, base is not None, draft_version is not None
            )
        else:
            result = await run_in_threadpool(self.save_draft, slug, signed, markdown, draft_version, base)
        if isinstance(result, Opened):
            status = 409 if result.stale is not None else (422 if result.error or result.loss else 200)
            opened = await run_in_threadpool(self._read, result, self.desk.base(request))
            return self._show(request, signed, opened, status)
        done = {"publish": "published", "unpublish": "unpublished"}.get(action, "saved")
        return self.desk.see(edit_url(slug, done=done))

    # --- script: preview and autosave -------------------------------------------------------

    async def preview(self, request: Request, signed: Signed) -> Response:
        """``{"html": the film page, "warnings": [...]}`` for the posted text (JSON ``{"markdown"}``)."""
        body = await _json_body(request)
        if body is None:
            return self.desk.json({"error": 'send JSON {"markdown": "..."}'}, 400)
        opened = Opened(
            request.path_params["slug"], "", str(body.get("markdown", "")), None, None, False, False
        )
        opened = await run_in_threadpool(self._read, opened, self.desk.base(request))
        return self.desk.json({"html": opened.preview, "warnings": [_warning(w) for w in opened.warnings]})

    async def autosave(self, request: Request, signed: Signed) -> Response:
        """Save the posted text into the draft: ``{"draft_version": N}``, or 409 with the diff."""
        body = await _json_body(request)
        if body is None:
            return self.desk.json(
                {"error": 'send JSON {"markdown": "...", "draft_version": ..., "base_revision": ...}'}, 400
            )
        slug = request.path_params["slug"]
        markdown = str(body.get("markdown", ""))
        draft_version, base = _json_int(body.get("draft_version")), _json_int(body.get("base_revision"))
        result = await run_in_threadpool(self.save_draft, slug, signed, markdown, draft_version, base)
        if isinstance(result, Opened):
            return self.desk.json({"error": "changed since you opened it", "diff": result.stale}, 409)
        return self.desk.json({"draft_version": result})

    # --- history ---------------------------------------------------------------------------

    def _history(self, slug: str, shown: int | None) -> dict[str, Any]:
        revisions = self.desk.store.history(slug)
        diff: list[str] = []
        if shown is not None:
            numbers = [r.revision for r in revisions]
            if shown in numbers:
                after = editor.revision_markdown(self.desk.store, slug, shown) or ""
                earlier = [n for n in numbers if n < shown]
                before = editor.revision_markdown(self.desk.store, slug, max(earlier)) if earlier else ""
                diff = editor.diff_lines(
                    before or "",
                    after,
                    before_name=f"revision {max(earlier) if earlier else 0}",
                    after_name=f"revision {shown}",
                )
        return {"revisions": revisions, "shown": shown, "diff": diff}

    async def history(self, request: Request, signed: Signed) -> Response:
        slug = request.path_params["slug"]
        shown = _int(request.query_params.get("diff"))
        data = await run_in_threadpool(self._history, slug, shown)
        if not data["revisions"]:
            return self.desk.render(
                "error.html",
                404,
                title="No history",
                message="This film has no guide and no revisions.",
                user=signed.user,
            )
        done = request.query_params.get("done")
        return self.desk.page(signed, "history.html", slug=slug, notice=done, **data)

    async def restore(self, request: Request, signed: Signed) -> Response:
        slug = request.path_params["slug"]
        revision = _int(request.state.form.get("revision"))
        if revision is None:
            return self.desk.forbidden("Say which revision to restore.")
        try:
            await run_in_threadpool(
                self.desk.store.restore, slug, revision, source=f"desk:{signed.user.name}"
            )
        except (RevisionError, SlugConflict) as error:
            return self.desk.render(
                "error.html", 404, title="Not restored", message=str(error), user=signed.user
            )
        return self.desk.see(f"/desk/history/{slug}?done=restored+revision+{revision}")


def _field(form: FormData, key: str) -> str:
    value = form.get(key)
    return value if isinstance(value, str) else ""


def _json_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


async def _json_body(request: Request) -> dict[str, Any] | None:
    if not request.headers.get("content-type", "").startswith("application/json"):
        return None
    try:
        body = orjson.loads(await request.body())
    except (orjson.JSONDecodeError, ClientDisconnect):  # a tab closed mid-autosave: nothing to answer
        return None
    return body if isinstance(body, dict) else None


def _warning(warning: editor.Warning) -> dict[str, Any]:
    return {"line": warning.line, "message": warning.message, "error": warning.error}
