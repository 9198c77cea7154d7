"""The jinja2 environments the template-based renderers share.

Both escape every value a template prints unless it was marked safe by our own code: the HTML
environment with jinja2's HTML autoescaping, the Markdown one with ``escaping.markdown``.
Contract text therefore reaches a report only as text, never as markup.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from clausecheck.report.escaping import MarkdownSafe, code, markdown

TEMPLATE_PACKAGE = "clausecheck.report"
TEMPLATE_FOLDER = "templates"


@lru_cache(maxsize=1)
def html_environment() -> Environment:
    return Environment(
        loader=PackageLoader(TEMPLATE_PACKAGE, TEMPLATE_FOLDER),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2", "j2"), default=True,
                                     default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=1)
def markdown_environment() -> Environment:
    environment = Environment(
        loader=PackageLoader(TEMPLATE_PACKAGE, TEMPLATE_FOLDER),
        autoescape=False,  # HTML escaping is wrong for Markdown; ``finalize`` escapes for Markdown instead
        finalize=_markdown_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["code"] = code
    return environment


def asset(name: str) -> str:
    """The text of a file in the templates folder (the report's CSS and script)."""
    return (resources.files(TEMPLATE_PACKAGE) / TEMPLATE_FOLDER / name).read_text(encoding="utf-8")


def _markdown_finalize(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, MarkdownSafe):
        return value
    return markdown(str(value))
