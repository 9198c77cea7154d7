"""Read the clause library directory, validate every field, compile every pattern.

Errors name the file, line and field and say how to fix it, e.g.
``clause_library/genai/X.yaml:14: field 'rules[2].polarity': 'negative' is not one of
affirmed, negated, any (did you mean 'negated'?)``.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from clausecheck.errors import LibraryError
from clausecheck.library import (ACTORS, GROUPS, MITIGATION_SCOPES, MODALITIES, OTHER_EVIDENCE, POLARITIES,
                                 LanguageSpec, Library, Requirement, Rule, Vocabulary, library_fingerprint)
from clausecheck.library.yaml_lines import line_of, load_with_lines
from clausecheck.model import Severity, Status

LANGUAGES = ("en", "nl")
ID_PATTERN = re.compile(r"^[A-Z0-9]+(-[A-Z0-9]+)+$")
MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")

REQUIREMENT_KEYS = {"id", "group", "severity", "sources", "parts", "arbit_articles", "languages"}
LANGUAGE_KEYS = {"title", "description", "fallback", "topic", "exemplars", "rules"}
RULE_KEYS = {"name", "status", "when", "anchor", "unless", "unless_clause", "downgrade", "actor", "polarity",
             "modality", "if_other_evidence", "mitigates", "scope", "part", "score", "explain"}
VOCABULARY_KEYS = {"supplier", "customer", "both", "negators", "right_negators", "non_negations", "permission",
                   "obligation",
                   "skip_before_party", "agent_markers", "subordinators", "participles", "owned_nouns", "clause_breaks", "macros"}


class _Source:
    """One YAML file being validated: raises LibraryError with its path and the field's line."""

    def __init__(self, path: Path, root: Path) -> None:
        self.path = path
        self.name = _display(path, root)
        text = path.read_text(encoding="utf-8")
        try:
            self.data, self.lines = load_with_lines(text)
        except Exception as error:  # yaml.YAMLError and its marks
            mark = getattr(error, "problem_mark", None)
            raise LibraryError(self.name, mark.line + 1 if mark else None, None,
                               f"not valid YAML: {getattr(error, 'problem', error)}",
                               "check indentation and quoting") from None

    def fail(self, path: tuple[str | int, ...], message: str, hint: str = "") -> LibraryError:
        return LibraryError(self.name, line_of(self.lines, path), _field(path), message, hint)

    def mapping(self, value: Any, path: tuple[str | int, ...], allowed: set[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, f"expected a mapping, got {type(value).__name__}")
        for key in value:
            if key not in allowed:
                guess = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = f"did you mean '{guess[0]}'?" if guess else f"allowed: {', '.join(sorted(allowed))}"
                raise self.fail(path + (key,), f"unknown key '{key}'", hint)
        return value

    def text(self, value: Any, path: tuple[str | int, ...], required: bool = True) -> str:
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            raise self.fail(path, "expected a non-empty text")
        return " ".join(value.split())

    def texts(self, value: Any, path: tuple[str | int, ...]) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            raise self.fail(path, "expected a list of texts")
        return tuple(value)

    def choice(self, value: Any, path: tuple[str | int, ...], options: tuple[str, ...], default: str) -> str:
        if value is None:
            return default
        if value not in options:
            guess = difflib.get_close_matches(str(value), options, n=1)
            hint = f"did you mean '{guess[0]}'?" if guess else ""
            raise self.fail(path, f"'{value}' is not one of {', '.join(options)}", hint)
        return str(value)


def load_directory(root: Path) -> Library:
    if not root.is_dir():
        raise LibraryError(str(root), None, None, "clause library folder not found",
                           "set CLAUSECHECK_LIBRARY or pass --library")
    index_path = root / "library.yaml"
    if not index_path.exists():
        raise LibraryError(str(index_path), None, None, "library.yaml is missing",
                           "every clause library needs library.yaml with name, version and vocabulary")
    index = _Source(index_path, root)
    head = index.mapping(index.data, (), {"name", "version", "description", "vocabulary"})
    name = index.text(head.get("name"), ("name",))
    version = index.text(str(head.get("version")) if head.get("version") is not None else None, ("version",))
    raw_vocab = index.mapping(head.get("vocabulary"), ("vocabulary",), set(LANGUAGES))
    vocabularies = {language: _vocabulary(index, language, raw_vocab[language]) for language in raw_vocab}
    if "en" not in vocabularies:
        raise index.fail(("vocabulary",), "an 'en' vocabulary is required")

    requirements: list[Requirement] = []
    seen: dict[str, str] = {}
    for path in sorted(root.rglob("*.yaml")):
        if path == index_path:
            continue
        requirement = _requirement(_Source(path, root), vocabularies)
        if requirement.id in seen:
            raise LibraryError(_display(path, root), None, "id", f"duplicate id {requirement.id}",
                               f"already defined in {seen[requirement.id]}")
        seen[requirement.id] = _display(path, root)
        requirements.append(requirement)
    if not requirements:
        raise LibraryError(str(root), None, None, "the clause library holds no requirements", "add <ID>.yaml files")
    return Library(name, version, str(root), tuple(requirements), vocabularies, library_fingerprint(root))


def _vocabulary(source: _Source, language: str, raw: Any) -> Vocabulary:
    path: tuple[str | int, ...] = ("vocabulary", language)
    data = source.mapping(raw, path, VOCABULARY_KEYS)
    missing = VOCABULARY_KEYS - set(data)
    if missing:
        raise source.fail(path, f"missing key(s): {', '.join(sorted(missing))}")
    macros_raw = source.mapping(data["macros"], path + ("macros",), set(data["macros"] or {}))
    macros: dict[str, str] = {}
    for key, value in macros_raw.items():
        if not MACRO.fullmatch("{" + key + "}"):
            raise source.fail(path + ("macros", key), f"macro name '{key}' must be UPPER_CASE")
        macros[key] = "(?:" + _expand(source, str(value), macros, path + ("macros", key)) + ")"
        _compile(source, macros[key], path + ("macros", key))
    words = {key: tuple(w.lower() for w in source.texts(data[key], path + (key,)))
             for key in VOCABULARY_KEYS - {"macros"}}
    return Vocabulary(language=language, macros=macros, **words)


def _requirement(source: _Source, vocabularies: dict[str, Vocabulary]) -> Requirement:
    data = source.mapping(source.data, (), REQUIREMENT_KEYS)
    for key in ("id", "group", "severity", "languages"):
        if key not in data:
            raise source.fail((), f"missing required field '{key}'")
    requirement_id = source.text(data["id"], ("id",))
    if not ID_PATTERN.match(requirement_id):
        raise source.fail(("id",), f"'{requirement_id}' is not an UPPER-KEBAB id", "e.g. ARBIT-EXIT")
    if source.path.stem != requirement_id:
        raise source.fail(("id",), f"id {requirement_id} differs from the file name {source.path.name}",
                          "name the file <ID>.yaml")
    group = source.choice(data["group"], ("group",), GROUPS, "")
    severity = Severity(source.choice(data["severity"], ("severity",), tuple(s.value for s in Severity), ""))
    languages_raw = source.mapping(data["languages"], ("languages",), set(LANGUAGES))
    if "en" not in languages_raw:
        raise source.fail(("languages",), "an 'en' block is required")
    parts = source.texts(data.get("parts"), ("parts",))
    languages = {language: _language(source, language, raw, vocabularies.get(language) or vocabularies["en"], parts)
                 for language, raw in languages_raw.items()}
    articles_raw = data.get("arbit_articles") or {}
    if not isinstance(articles_raw, dict):
        raise source.fail(("arbit_articles",), "expected a mapping of ARBIT version to article numbers")
    arbit_articles = {str(version): tuple(str(a) for a in (articles if isinstance(articles, list) else [articles]))
                      for version, articles in articles_raw.items()}
    return Requirement(
        id=requirement_id, group=group, severity=severity,
        sources=source.texts(data.get("sources"), ("sources",)), parts=parts,
        arbit_articles=arbit_articles, languages=languages, path=source.name,
    )


def _language(source: _Source, language: str, raw: Any, vocabulary: Vocabulary, parts: tuple[str, ...]) -> LanguageSpec:
    path: tuple[str | int, ...] = ("languages", language)
    data = source.mapping(raw, path, LANGUAGE_KEYS)
    for key in ("title", "description", "fallback", "topic", "rules"):
        if key not in data:
            raise source.fail(path, f"missing required field '{key}'")
    exemplars_raw = source.mapping(data.get("exemplars") or {}, path + ("exemplars",), {"met", "partial", "conflict"})
    exemplars = {Status(key): source.texts(value, path + ("exemplars", key)) for key, value in exemplars_raw.items()}
    rules_raw = data["rules"]
    if not isinstance(rules_raw, list) or not rules_raw:
        raise source.fail(path + ("rules",), "expected a non-empty list of rules")
    rules = tuple(_rule(source, path + ("rules", index), item, vocabulary, parts)
                  for index, item in enumerate(rules_raw))
    names = [rule.name for rule in rules]
    for name in names:
        if names.count(name) > 1:
            raise source.fail(path + ("rules",), f"rule name '{name}' is used twice", "names must be unique")
    return LanguageSpec(
        title=source.text(data["title"], path + ("title",)),
        description=source.text(data["description"], path + ("description",)),
        fallback=source.text(data["fallback"], path + ("fallback",)),
        topic=source.texts(data["topic"], path + ("topic",)),
        exemplars=exemplars,
        rules=rules,
    )


def _rule(source: _Source, path: tuple[str | int, ...], raw: Any, vocabulary: Vocabulary,
          parts: tuple[str, ...]) -> Rule:
    data = source.mapping(raw, path, RULE_KEYS)
    for key in ("name", "status", "when", "explain"):
        if key not in data:
            raise source.fail(path, f"missing required field '{key}'")
    status = Status(source.choice(data["status"], path + ("status",), ("met", "partial", "conflict"), ""))

    def patterns(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(_compile(source, _expand(source, text, vocabulary.macros, path + (key,)), path + (key,))
                     for text in source.texts(data.get(key), path + (key,)))

    when = patterns("when")
    if not when:
        raise source.fail(path + ("when",), "at least one pattern is required")
    anchor_text = data.get("anchor")
    anchor = (_compile(source, _expand(source, source.text(anchor_text, path + ("anchor",)), vocabulary.macros,
                                       path + ("anchor",)), path + ("anchor",)) if anchor_text else when[0])
    modality = frozenset(source.texts(data.get("modality"), path + ("modality",)))
    for item in modality:
        source.choice(item, path + ("modality",), MODALITIES, "")
    part = data.get("part")
    if part is not None and part not in parts:
        raise source.fail(path + ("part",), f"part '{part}' is not listed in the requirement's parts",
                          f"parts: {', '.join(parts) or '(none)'}")
    score = data.get("score", 0.8)
    if not isinstance(score, (int, float)) or not 0 < score <= 1:
        raise source.fail(path + ("score",), "score must be a number in (0, 1]")
    mitigates = data.get("mitigates")
    if mitigates is not None:
        mitigates = source.choice(mitigates, path + ("mitigates",), MITIGATION_SCOPES, "")
        if status is not Status.PARTIAL:
            raise source.fail(path + ("status",), "a mitigating rule must have status partial",
                              "it turns conflicts in its scope into partial")
    return Rule(
        name=source.text(data["name"], path + ("name",)),
        status=status, when=when, anchor=anchor,
        unless=patterns("unless"), unless_clause=patterns("unless_clause"), downgrade=patterns("downgrade"),
        actor=source.choice(data.get("actor"), path + ("actor",), ACTORS, "any"),
        polarity=source.choice(data.get("polarity"), path + ("polarity",), POLARITIES, "any"),
        modality=modality,
        if_other_evidence=source.choice(data.get("if_other_evidence"), path + ("if_other_evidence",),
                                        OTHER_EVIDENCE, "keep"),
        mitigates=mitigates,
        scope=source.choice(data.get("scope"), path + ("scope",), ("sentence", "clause"), "sentence"),
        part=part, score=float(score),
        explain=source.text(data["explain"], path + ("explain",)),
        line=line_of(source.lines, path),
    )


def _expand(source: _Source, pattern: str, macros: dict[str, str], path: tuple[str | int, ...]) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            guess = difflib.get_close_matches(name, sorted(macros), n=1)
            raise source.fail(path, f"unknown macro {{{name}}}",
                              f"did you mean {{{guess[0]}}}?" if guess else "define it in library.yaml")
        return macros[name]

    return MACRO.sub(replace, pattern)


def _compile(source: _Source, pattern: str, path: tuple[str | int, ...]) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise source.fail(path, f"invalid regular expression: {error}", "escape ( ) [ ] . ? * + with a backslash")


def _field(path: tuple[str | int, ...]) -> str | None:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or None


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)
