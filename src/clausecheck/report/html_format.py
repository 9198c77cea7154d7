"""The HTML report: one self-contained file that works offline.

The page carries its own CSS and a small script (status filters, expand/collapse, expanding
everything before printing), both inline. A Content-Security-Policy meta tag allows exactly
those two by their SHA-256 hashes and nothing else (no other script, style, image, font,
frame, form target or base URL), so even if contract text ever slipped past the template's
autoescaping it could not run or load anything.
"""
from __future__ import annotations

import base64
import hashlib

from clausecheck.model import Report
from clausecheck.report.templating import asset, html_environment
from clausecheck.report.view import build_view

TEMPLATE = "report.html.j2"


def csp_hash(source: str) -> str:
    """The CSP source expression that allows an inline element with exactly this content."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(script: str, style: str) -> str:
    return "; ".join((
        "default-src 'none'",
        f"script-src {csp_hash(script)}",
        f"style-src {csp_hash(style)}",
        "img-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "require-trusted-types-for 'script'",
    ))


def render(report: Report) -> bytes:
    script = asset("report.js")
    style = asset("report.css")
    html = html_environment().get_template(TEMPLATE).render(
        view=build_view(report),
        script=script,
        style=style,
        csp=content_security_policy(script, style),
    )
    return html.encode("utf-8")
