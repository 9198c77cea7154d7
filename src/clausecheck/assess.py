"""From hits to one Finding per requirement.

The status is the weakest position the buyer is bound to (conflict < partial < met), after:
- fallback rules (``if_other_evidence: drop``) count only when no other rule fired, and rules
  with ``if_other_evidence: partial`` weigh as partial when something else fired;
- mitigating rules turn conflicts in their scope (section, document, contract) into partial;
- a requirement with ``parts`` is met only when every part has met evidence.
Missing means no rule fired: nothing the contract says decides the requirement.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from clausecheck.casefile import CaseFile
from clausecheck.i18n import Labels, labels
from clausecheck.incorporation import Incorporation, apply_incorporation, settle_overrides
from clausecheck.library import Library, Requirement
from clausecheck.match import ContractMatches, Hit
from clausecheck.model import Evidence, Finding, Severity, Status

MAX_EVIDENCE = 4


def assess(matches: ContractMatches, library: Library, case: CaseFile | None = None,
           report_language: str = "en", incorporation: Incorporation | None = None) -> tuple[Finding, ...]:
    if incorporation is not None:
        matches, incorporation = settle_overrides(matches, library, incorporation)
    findings = (assess_requirement(requirement, matches, case, report_language) for requirement in library.requirements)
    if incorporation is None:
        return tuple(findings)
    return tuple(apply_incorporation(requirement, finding, incorporation, report_language)
                 for requirement, finding in zip(library.requirements, findings))


def assess_requirement(requirement: Requirement, matches: ContractMatches, case: CaseFile | None = None,
                       report_language: str = "en") -> Finding:
    spec = requirement.spec(report_language)
    words = labels(report_language)
    hits = list(matches.hits.get(requirement.id, ()))
    mitigators = [hit for hit in hits if hit.rule.mitigates]
    deciding = _apply_fallbacks([hit for hit in hits if not hit.rule.mitigates])
    deciding, used_mitigators = _apply_mitigation(deciding, mitigators)
    severity = _resolve_severity(requirement.severity, case)
    if not deciding:
        near = sorted(matches.near_misses.get(requirement.id, ()), key=lambda miss: -miss.similarity)
        confidence = round(1.0 - (near[0].similarity * 0.5 if near else 0.0), 2)
        explanation = words("finding.missing")
        if near:
            explanation += words("finding.near", similarity=round(near[0].similarity * 100),
                                 text=_short(near[0].evidence.text))
        return Finding(requirement.id, spec.title, requirement.group, severity, Status.MISSING, confidence, (),
                       explanation, spec.fallback, requirement.sources)
    status = min((hit.role for hit in deciding), key=lambda role: role.rank)
    explanation = ""
    if status is Status.MET and requirement.parts:
        covered = {hit.rule.part for hit in deciding if hit.role is Status.MET}
        lacking = [part for part in requirement.parts if part not in covered] if None not in covered else []
        if lacking:
            status = Status.PARTIAL
            explanation = words("finding.parts", parts=", ".join(lacking))
    evidence = _select_evidence(deciding + used_mitigators, status)
    top = [hit for hit in deciding if hit.role is status] or deciding
    best = max(top, key=lambda hit: hit.rule.score)
    explanation += _explain(status, best, len(deciding), words)
    confidence = round(min(1.0, best.rule.score), 2)
    return Finding(requirement.id, spec.title, requirement.group, severity, status, confidence, evidence,
                   explanation, None if status is Status.MET else spec.fallback, requirement.sources)


def _apply_fallbacks(hits: list[Hit]) -> list[Hit]:
    """``drop`` rules count only when no ``keep`` rule fired; a ``partial`` rule's conflict counts
    as partial when another rule found something better (met or partial) on the same topic."""
    has_primary = any(hit.rule.if_other_evidence == "keep" for hit in hits)
    kept = [hit for hit in hits if not (has_primary and hit.rule.if_other_evidence == "drop")]
    result: list[Hit] = []
    for hit in kept:
        if hit.rule.if_other_evidence == "partial" and hit.role is Status.CONFLICT and any(
                other.rule is not hit.rule and other.role is not Status.CONFLICT for other in kept):
            hit = _with_role(hit, Status.PARTIAL)
        result.append(hit)
    return result


def _apply_mitigation(hits: list[Hit], mitigators: list[Hit]) -> tuple[list[Hit], list[Hit]]:
    used: list[Hit] = []
    result: list[Hit] = []
    for hit in hits:
        if hit.role is Status.CONFLICT:
            helping = [m for m in mitigators if _in_scope(m, hit)]
            if helping:
                used.extend(m for m in helping if m not in used)
                hit = _with_role(hit, Status.PARTIAL)
        result.append(hit)
    return result, used


def _in_scope(mitigator: Hit, hit: Hit) -> bool:
    scope = mitigator.rule.mitigates
    if scope == "contract":
        return True
    if scope == "document":
        return mitigator.section[0] == hit.section[0]
    return mitigator.section == hit.section


def _with_role(hit: Hit, role: Status) -> Hit:
    return replace(hit, role=role, evidence=replace(hit.evidence, role=role))


def _select_evidence(hits: Sequence[Hit], status: Status) -> tuple[Evidence, ...]:
    """The deciding role first; then one sentence per rule before a second from the same rule, so
    that each reason shows; operative sentences before headings and definitions; one entry per
    sentence."""
    by_rule: dict[int, list[Hit]] = {}
    for hit in sorted(hits, key=lambda hit: (_weak_quote(hit.evidence.text), -hit.rule.score, hit.evidence.start)):
        by_rule.setdefault(id(hit.rule), []).append(hit)
    rank = {id(hit): position for group in by_rule.values() for position, hit in enumerate(group)}
    ordered = sorted(hits, key=lambda hit: (hit.role is not status, _weak_quote(hit.evidence.text), rank[id(hit)],
                                            -hit.rule.score, hit.evidence.start))
    chosen: list[Evidence] = []
    seen: set[tuple[str, int]] = set()
    for hit in ordered:
        key = (hit.evidence.document, hit.evidence.start)
        if key in seen:
            continue
        seen.add(key)
        chosen.append(hit.evidence)
        if len(chosen) == MAX_EVIDENCE:
            break
    return tuple(chosen)


_DEFINITION = re.compile(r"^\W{0,3}[\w\s-]{1,40}[”\"]?\s+(?:means|shall\s+mean|betekent|wordt\s+verstaan)\b", re.IGNORECASE)


def _weak_quote(text: str) -> bool:
    """Headings, fragments and definitions prove less to a reader than an operative sentence."""
    return len(text.split()) < 6 or bool(_DEFINITION.match(text)) or (text.isupper() and len(text) < 120)


def _explain(status: Status, best: Hit, count: int, words: Labels) -> str:
    where = best.evidence.clause or words("finding.unnumbered")
    text = words("finding.decided", status=words.status(status), explain=best.rule.explain, rule=best.rule.name,
                 where=where, trace=best.trace.split(": ", 1)[-1])
    if count > 1:
        text += words("finding.weakest", count=count)
    return text


def _resolve_severity(severity: Severity, case: CaseFile | None) -> Severity:
    if severity is not Severity.CONDITIONAL or case is None:
        return severity
    return Severity.BLOCKING if case.conditional_blocks else Severity.ADVISORY


def _short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
