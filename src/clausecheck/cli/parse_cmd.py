"""``clausecheck parse FILE``: print the clause tree, the first debugging tool."""
from __future__ import annotations

import json

import click

from clausecheck.cli.options import make_read_options, read_options
from clausecheck.ingest import read_document
from clausecheck.model import ParsedDocument
from clausecheck.segment import segment


@click.command("parse")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("-f", "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@read_options
def command(file: str, output_format: str, pdf_engine: str, language: str | None, max_size_mb: float) -> None:
    """Print FILE's clause tree: numbers, headings, pages, offsets and sentences."""
    parsed = segment(read_document(file, make_read_options(pdf_engine, language, max_size_mb)))
    for warning in parsed.document.warnings:
        click.echo(f"warning: {parsed.document.path}: {warning}", err=True)
    click.echo(to_json(parsed) if output_format == "json" else to_text(parsed))


def to_text(parsed: ParsedDocument) -> str:
    document = parsed.document
    lines = [f"{document.path}  format={document.format.value} language={document.language} "
             f"pages={document.pages or '-'} clauses={len(parsed.clauses)}"]
    for clause in parsed.clauses:
        indent = "  " * clause.level
        pages = "-".join(str(p) for p in (clause.pages[:1] + clause.pages[-1:])) if clause.pages else "-"
        if len(clause.pages) == 1:
            pages = str(clause.pages[0])
        title = f" {clause.heading}" if clause.heading else ""
        lines.append(f"{indent}[{clause.number or '·'}]{title}  (p. {pages}, {clause.start}-{clause.end})")
        for sentence in clause.sentences:
            lines.append(f"{indent}    | {sentence.text}")
    return "\n".join(lines)


def to_json(parsed: ParsedDocument) -> str:
    document = parsed.document
    return json.dumps({
        "path": document.path, "sha256": document.sha256, "format": document.format.value,
        "language": document.language, "pages": document.pages, "warnings": list(document.warnings),
        "clauses": [{
            "index": c.index, "number": c.number, "label": c.label, "heading": c.heading,
            "heading_path": list(c.heading_path), "level": c.level, "parent": c.parent,
            "pages": list(c.pages), "start": c.start, "end": c.end, "text": c.text,
            "sentences": [{"text": s.text, "start": s.start, "end": s.end} for s in c.sentences],
        } for c in parsed.clauses],
    }, ensure_ascii=False, indent=2)
