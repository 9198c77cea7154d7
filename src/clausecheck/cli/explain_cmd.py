"""``clausecheck explain FILE... --requirement ID``: the decision trace for one requirement."""
from __future__ import annotations

import click

from clausecheck.assess import assess
from clausecheck.incorporation import detect_incorporation
from clausecheck.cli.options import make_read_options, read_options
from clausecheck.library import load_library
from clausecheck.match import ContractMatches, match_contract
from clausecheck.pipeline import parse


@click.command("explain")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=str))
@click.option("-r", "--requirement", "requirement_id", required=True, help="Requirement ID, e.g. ARBIT-EXIT.")
@click.option("--library", "library_path", type=click.Path(file_okay=False, path_type=str), default=None,
              help="Clause library folder (default: the bundled one).")
@click.option("--near/--no-near", default=True, show_default=True,
              help="Also list candidate sentences close to an exemplar that no rule decided.")
@read_options
def command(files: tuple[str, ...], requirement_id: str, library_path: str | None, near: bool, pdf_engine: str,
            language: str | None, max_size_mb: float) -> None:
    """Show how FILES (one contract) were judged on one requirement: every rule that fired, on which
    sentence, with the cue analysis, and how the status follows from them."""
    library = load_library(library_path)
    try:
        requirement = library.get(requirement_id)
    except KeyError:
        ids = ", ".join(r.id for r in library.requirements)
        raise click.BadParameter(f"unknown requirement '{requirement_id}'; known: {ids}",
                                 param_hint="--requirement") from None
    documents = [parse(path, make_read_options(pdf_engine, language, max_size_mb)) for path in files]
    matches = match_contract(documents, library)
    # the same assessment as `check`, including ARBIT incorporated by reference
    findings = assess(matches, library, incorporation=detect_incorporation(documents))
    finding = next(f for f in findings if f.requirement_id == requirement.id)
    click.echo(f"{requirement.id} — {finding.title}  [{finding.severity.value}]")
    click.echo(f"status: {finding.status.value}  (confidence {finding.confidence})")
    click.echo(f"why: {finding.explanation}")
    for evidence in finding.evidence:
        click.echo(f"  evidence [{evidence.role.value}] {evidence.clause or '-'} p. {evidence.page or '-'}: "
                   f"{evidence.text[:160]}")
    _print_hits(matches, requirement.id)
    if near:
        _print_near(matches, requirement.id)


def _print_hits(matches: ContractMatches, requirement_id: str) -> None:
    hits = matches.hits.get(requirement_id, ())
    click.echo(f"\nrules that fired ({len(hits)}; {matches.candidates.get(requirement_id, 0)} candidate sentences):")
    for hit in hits:
        evidence = hit.evidence
        kind = f"mitigates {hit.rule.mitigates}" if hit.rule.mitigates else hit.role.value
        if hit.rule.if_other_evidence != "keep":
            kind += f", if other evidence: {hit.rule.if_other_evidence}"
        click.echo(f"  [{kind}] {evidence.document} clause {evidence.clause or '-'} p. {evidence.page or '-'} "
                   f"@{evidence.start}-{evidence.end}")
        click.echo(f"      {hit.trace}")
        click.echo(f"      \"{evidence.text}\"")


def _print_near(matches: ContractMatches, requirement_id: str) -> None:
    misses = sorted(matches.near_misses.get(requirement_id, ()), key=lambda miss: -miss.similarity)[:5]
    if not misses:
        return
    click.echo("\nclosest undecided sentences:")
    for miss in misses:
        click.echo(f"  {miss.similarity:.0%} like a {miss.exemplar_status.value} exemplar: "
                   f"clause {miss.evidence.clause or '-'}: \"{miss.evidence.text[:200]}\"")
