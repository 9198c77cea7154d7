"""The Markdown report, for GitHub and GitLab: plain CommonMark/GFM, no raw HTML.

Every value the template prints goes through ``escaping.markdown`` (the environment's
``finalize``), so contract text renders as the characters it holds: no HTML, emphasis,
links, mentions or autolinked URLs.
"""
from __future__ import annotations

from clausecheck.model import Report
from clausecheck.report.templating import markdown_environment
from clausecheck.report.view import build_view

TEMPLATE = "report.md.j2"


def render(report: Report) -> bytes:
    text = markdown_environment().get_template(TEMPLATE).render(view=build_view(report))
    return text.encode("utf-8")
