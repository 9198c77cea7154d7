"""The sample contracts in samples/: the generator is reproducible, the committed files are up to
date, every format has the features readers must cope with, and the expected-status fixtures are
complete and quote the samples exactly."""
from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import pypdfium2
import pytest
import yaml

from clausecheck.casefile import CONFIRMED, PREREQUISITES, load_case

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
sys.path.insert(0, str(SAMPLES))

import make_samples  # noqa: E402 (lives in samples/, put on the path above)
from samplegen import Sample, SourceError, load_samples  # noqa: E402

REQUIREMENT_IDS = (
    "GENAI-NO-TRAINING-ON-CUSTOMER-DATA", "GENAI-PROMPT-RETENTION", "GENAI-TRAINING-DATA-PROVENANCE",
    "GENAI-TRANSPARENCY", "GENAI-SUSTAINABILITY", "GENAI-OUTPUT-OWNERSHIP", "GENAI-IP-INDEMNITY",
    "GDPR-DATA-SUBJECT-RIGHTS", "GDPR-PROCESSOR-AGREEMENT", "GDPR-EU-DATA-LOCATION", "GDPR-SUBPROCESSORS",
    "GDPR-BREACH-NOTIFICATION", "ARBIT-SECURITY", "ARBIT-AUDIT", "ARBIT-CONFIDENTIALITY", "ARBIT-LIABILITY",
    "ARBIT-GOVERNING-LAW", "ARBIT-UNILATERAL-CHANGES", "ARBIT-SUSPENSION-TERMINATION", "ARBIT-EXIT",
    "ARBIT-PRECEDENCE",
)
STATUSES = {"met", "partial", "conflict", "missing"}
VERDICTS = {"compliant", "not-compliant", "needs-review"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TYPED_NUMBER = re.compile(r"^\s*(\d+(\.\d+)+|\(?[a-z]{1,4}[.)]|Artikel \d+)\s")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    make_samples.build(out)
    return out


def _sample_files(suffix: str) -> list[Path]:
    files = sorted(SAMPLES.glob(f"*{suffix}"))
    assert files, f"no committed {suffix} samples; run python samples/make_samples.py"
    return files


def test_a_rebuild_gives_identical_bytes(built: Path, tmp_path: Path) -> None:
    again = make_samples.build(tmp_path, only={"en-consumer-chatbot-terms", "nl-arbit-saas-overeenkomst"})
    assert len(again) == 10
    for path in again:
        assert path.read_bytes() == (built / path.name).read_bytes(), f"{path.name} differs between two builds"


def test_committed_samples_match_a_fresh_build(built: Path) -> None:
    fresh = sorted(path.name for path in built.iterdir())
    committed = sorted(path.name for path in SAMPLES.iterdir() if path.suffix in {".pdf", ".docx", ".html", ".md"}
                       and path.name != "README.md")
    assert committed == fresh, "samples/ is out of date: run python samples/make_samples.py"
    for name in fresh:
        new, old = built / name, SAMPLES / name
        if new.suffix in {".md", ".html"}:
            assert new.read_bytes() == old.read_bytes(), f"{name} is stale: run python samples/make_samples.py"
        elif new.suffix == ".docx":
            for part in ("word/document.xml", "word/numbering.xml", "docProps/core.xml"):
                assert zipfile.ZipFile(new).read(part) == zipfile.ZipFile(old).read(part), f"{name}:{part} is stale"
        else:
            assert _pdf_pages(new) == _pdf_pages(old), f"{name} is stale: run python samples/make_samples.py"


def test_samples_stay_small() -> None:
    for path in SAMPLES.glob("*.*"):
        assert path.stat().st_size < 300_000, f"{path.name} is {path.stat().st_size} bytes"


def _pdf_pages(path: Path) -> list[str]:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return [document[index].get_textpage().get_text_range() for index in range(len(document))]
    finally:
        document.close()


@pytest.mark.parametrize("path", _sample_files(".pdf"), ids=lambda path: path.stem)
def test_pdf_is_a4_with_running_header_and_page_footer(path: Path) -> None:
    document = pypdfium2.PdfDocument(str(path))
    width, height = document[0].get_size()
    document.close()
    assert (round(width), round(height)) == (595, 842)
    pages = _pdf_pages(path)
    assert len(pages) >= 3
    header = load_samples_by_stem()[path.stem].running_header
    word, of = ("Pagina", "van") if path.stem.startswith("nl-") else ("Page", "of")
    for number, text in enumerate(pages, start=1):
        assert header in text
        assert f"{word} {number} {of} {len(pages)}" in text


@pytest.mark.parametrize("path", _sample_files(".docx"), ids=lambda path: path.stem)
def test_docx_numbers_clauses_with_word_numbering_and_has_one_tracked_change(path: Path) -> None:
    archive = zipfile.ZipFile(path)
    numbering = archive.read("word/numbering.xml").decode()
    assert 'w:abstractNumId="100"' in numbering
    assert re.search(r'w:lvlText w:val="(%1\.|Artikel %1)"', numbering)
    assert 'w:lvlText w:val="%1.%2"' in numbering
    body = archive.read("word/document.xml").decode()
    numbered = re.findall(r"<w:p>(?:(?!</w:p>).)*?<w:numPr>(?:(?!</w:p>).)*?</w:p>", body, re.S)
    assert len(numbered) > 30
    for paragraph in numbered:
        text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", paragraph))
        assert not TYPED_NUMBER.match(text), f"typed clause number in {text[:60]!r}"
    assert 'w:val="Heading1"' in body
    assert len(re.findall(r"<w:ins w:id=\"\d+\" w:author=\"[^\"]+\" w:date=\"[^\"]+\">", body)) == 1
    assert len(re.findall(r"<w:del w:id=\"\d+\" w:author=\"[^\"]+\" w:date=\"[^\"]+\">", body)) == 1
    footers = "".join(archive.read(name).decode() for name in archive.namelist() if name.startswith("word/footer"))
    assert " PAGE " in footers and " NUMPAGES " in footers
    headers = "".join(archive.read(name).decode() for name in archive.namelist() if name.startswith("word/header"))
    assert load_samples_by_stem()[path.stem].organisation in headers


@pytest.mark.parametrize("path", _sample_files(".html"), ids=lambda path: path.stem)
def test_html_is_a_web_page_with_furniture_to_drop(path: Path) -> None:
    page = path.read_text(encoding="utf-8")
    assert page.count("<h1>") == 1 and "<h2" in page
    assert '<nav aria-label="Site">' in page and 'class="cookie-banner"' in page and "<script>" in page
    assert "<ol" in page or 'class="clause' in page


def test_the_two_arbit_variants_differ_only_in_the_liability_deviation() -> None:
    passes = (SAMPLES / "nl-arbit-saas-overeenkomst-passes.md").read_text(encoding="utf-8").split("\n\n")
    fails = (SAMPLES / "nl-arbit-saas-overeenkomst-fails.md").read_text(encoding="utf-8").split("\n\n")
    extra = [paragraph for paragraph in fails if paragraph not in passes]
    assert len(fails) == len(passes) + 1 and len(extra) == 1
    assert extra[0].startswith("24.5 In afwijking van artikel 26 van de ARBIT-2022")


def load_samples_by_stem() -> dict[str, Sample]:
    return {sample.stem: sample for source in sorted((SAMPLES / "src").glob("*.md")) for sample in load_samples(source)}


EXPECTED = sorted((SAMPLES / "expected").glob("*.yaml"))


def test_every_sample_has_an_expected_fixture() -> None:
    covered = {stem for path in EXPECTED for stem in yaml.safe_load(path.read_text(encoding="utf-8"))["documents"]}
    assert covered == set(load_samples_by_stem())


@pytest.mark.parametrize("path", EXPECTED, ids=lambda path: path.stem)
def test_expected_fixture_is_complete_and_quotes_the_sample(path: Path) -> None:
    fixture = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert tuple(fixture["requirements"]) == REQUIREMENT_IDS
    assert set(fixture["verdict"]) == {"expected", "with_case", "with_incomplete_case", "why"}
    assert {fixture["verdict"][key] for key in ("expected", "with_case", "with_incomplete_case")} <= VERDICTS
    texts = {stem: (SAMPLES / f"{stem}.md").read_text(encoding="utf-8") for stem in fixture["documents"]}
    for requirement, judgement in fixture["requirements"].items():
        assert judgement["status"] in STATUSES, requirement
        assert judgement["why"].strip(), requirement
        if judgement["status"] != "missing":
            assert "quote" in judgement and "clause" in judgement, f"{requirement}: cite the deciding clause"
        if "quote" not in judgement:
            continue
        document = judgement.get("document", fixture["documents"][0])
        paragraphs = [paragraph for paragraph in texts[document].split("\n\n") if judgement["quote"] in paragraph]
        assert paragraphs, f"{requirement}: quote not found in {document}.md"
        assert any(paragraph.startswith(f"{judgement['clause']} ") for paragraph in paragraphs), \
            f"{requirement}: the quote is not in clause {judgement['clause']} of {document}"


def test_case_files_load_and_differ_only_in_the_iama() -> None:
    complete = load_case(SAMPLES / "case.yaml")
    incomplete = load_case(SAMPLES / "case-incomplete.yaml")
    assert complete.personal_data is True and complete.decisions_about_people is False
    assert complete.publishes_output is False
    for name in PREREQUISITES:
        assessment = complete.assessments[name]
        assert assessment.status in CONFIRMED and assessment.date and assessment.reference
    assert incomplete.assessments["iama"].status == "pending"
    assert {name for name in PREREQUISITES if incomplete.assessments[name].status not in CONFIRMED} == {"iama"}


@pytest.mark.parametrize(("body", "message"), [
    ("# T\n\n- a clause before any article\n", ":13: a clause must follow an article heading"),
    ("# T\n\n## A\n\n<!-- shout -->\n", ":15: unknown directive"),
    ("# T\n\n## A\n\n- x\n    - two levels deeper\n", ":16: clause indented two levels deeper"),
    ("# T\n\n## A\n\n- {--a--}{++b++}\n- {--c--}{++d++}\n", "tracked changes appear in 2 clauses"),
    ("# T\n\n## A\n\n| a | b |\n| c |\n", ":15: a table needs a header row"),
])
def test_malformed_sources_are_refused_with_file_and_line(tmp_path: Path, body: str, message: str) -> None:
    source = tmp_path / "bad.md"
    front = ("---\nrunning_header: H\norganisation: O\nlanguage: en\nnumbering: en\nformats: [md]\n"
             "footer_note: F\ndate: 2026-01-01\nauthor: A\n---\n")
    source.write_text(front + body, encoding="utf-8")
    with pytest.raises(SourceError, match=re.escape(message)) as caught:
        load_samples(source)
    assert str(caught.value).startswith(str(source))
