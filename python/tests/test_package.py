"""The Python package against the project's own files: every row of data/*.csv round-trips,
explain reads every fixture, bad input raises ValueError / TypeError, and the stubs agree with
the module."""

import ast
import csv
import enum
import json
import tracemalloc
from pathlib import Path

import pytest

import finesse_errors as fe

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
FIXTURES = ROOT / "tests" / "fixtures" / "responses"
FAMILIES = [f.value for f in fe.Family]


def rows(family):
    with open(DATA / f"{family}.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def csv_code(family, text):
    if not text:
        return None
    # The 32 bits as a signed number, as the library stores them (a CDR cause is written as its
    # unsigned decimal, Unified CM codes in hex).
    value = int(text, 16) if text.startswith("0x") else int(text, 10)
    return value - (1 << 32) if value >= 1 << 31 else value


@pytest.mark.parametrize("family", FAMILIES)
def test_every_row_round_trips(family):
    table = rows(family)
    found = fe.entries(family)
    assert len(found) == len(table)
    by_key = {(e.http_status, e.platform and e.platform.value, e.code, e.symbol): e for e in found}
    for row in table:
        key = (
            int(row["http_status"]) if row.get("http_status") else None,
            row.get("platform") or None,
            csv_code(family, row["code"]),
            row["symbol"],
        )
        entry = by_key[key]
        assert entry.family is fe.Family(family)
        assert entry.aliases == tuple(row["aliases"].split())
        assert entry.category.value == row["category"]
        assert entry.retry.value == row["retry"]
        assert entry.layer.value == row["layer"]
        assert entry.message == row["message"]
        assert entry.remediation == row["remediation"]
        assert entry.source == row["source"]
        assert (entry.note or "") == row["note"]
        assert entry.evidence is fe.Evidence(row["evidence"])
        if row["twin"]:
            twin_family, twin_key = row["twin"].split(":", 1)
            assert entry.twin is not None and entry.twin.family is fe.Family(twin_family)
            assert entry.twin.twin is entry
        else:
            assert entry.twin is None
        assert isinstance(entry.recovery, fe.Recovery)
        # Reachable by code (and platform) and by every name.
        if entry.code is not None:
            assert entry in fe.lookup_all(family, entry.code)
            assert entry in fe.lookup_code(entry.code_text)
        for name in ([entry.symbol] if entry.symbol else []) + list(entry.aliases):
            assert entry in fe.lookup_symbol_all(name)
            assert entry in fe.lookup_symbol_all(name.lower())
        if entry.http_status is not None:
            assert fe.finesse_error(entry.http_status, entry.symbol) is entry


def test_lookups():
    workmode = fe.lookup(fe.Family.CTI_CONTROL_FAILURE, 265)
    assert workmode.symbol == "CF_INVALID_AGENT_WORKMODE"
    assert fe.lookup("cti_control_failure", "265") is workmode
    assert fe.lookup_symbol("cf_invalid_agent_workmode") is workmode
    assert fe.lookup_symbol("CF_INVALID_AGENT_WORKMODX") is None
    assert fe.finesse_error(400, "invalid   state").retry is fe.Retry.AFTER_STATE_CHANGE
    assert fe.finesse_error(418, "Invalid State") is None
    restricted = fe.lookup("unified_cm", "0x8ccc00d2")
    assert restricted.symbol == "CTIERR_DEVICE_RESTRICTED"
    for form in (0x8CCC00D2, -1932787502, "2362179794", "-1932787502", "8CCC00D2"):
        assert fe.lookup(fe.Family.UNIFIED_CM, form) is restricted, form
    assert [e.platform for e in fe.lookup_all("reason_code", 32767)] == [fe.Platform.UCCE, fe.Platform.UCCX]
    assert {e.family for e in fe.lookup_code(22)} >= {fe.Family.CTI_STATUS, fe.Family.CTI_CONTROL_FAILURE}
    assert all(
        "timeout" in " ".join((e.symbol, e.message, e.remediation, e.note or "")).lower()
        for e in fe.search("timeout")
    )
    assert fe.search(["timeout", "zzz-not-there"]) == []
    assert "CF_INVALID_AGENT_WORKMODE" in repr(workmode)
    assert fe.__version__


def test_evidence_and_twins():
    pg = fe.lookup("peripheral", 20004)
    assert pg.evidence in set(fe.Evidence)
    assert pg.twin is fe.lookup("unified_cm", "0x8CCC0004")
    assert pg.twin.retry is pg.retry
    assert fe.lookup("peripheral", 20117).twin is None
    assert any(e.evidence is fe.Evidence.INFERRED for e in fe.all_entries())


def test_entries_are_frozen():
    entry = fe.lookup_symbol("E_CTI_TIMEOUT")
    with pytest.raises(Exception):
        entry.symbol = "changed"


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir()))
def test_explain_every_fixture(name):
    body = (FIXTURES / name).read_bytes()
    d = fe.explain(400 if name.startswith("own_two") else None, body)
    assert isinstance(d.verdict.retry, fe.Retry)
    assert d.verdict.summary
    for error in d.errors:
        for match in error.matches:
            assert isinstance(match.entry, fe.Entry)
    # The same body as str gives the same diagnosis.
    assert fe.explain(None, body.decode("utf-8", "replace")).form == fe.explain(None, body).form


def test_explain_the_readme_example():
    body = (ROOT / "examples" / "responses" / "invalid-state.xml").read_bytes()
    d = fe.explain(400, body)
    assert d.verdict.basis.entry.symbol == "CF_INVALID_AGENT_WORKMODE"
    assert d.verdict.retry is fe.Retry.NEVER
    assert d.verdict.disagreement.entry.symbol == "Invalid State"
    assert d.is_known


def test_explain_method_platform_and_agents():
    put = fe.explain(502, b"", method="PUT")
    assert put.verdict.retry is fe.Retry.AFTER_STATE_CHANGE
    assert fe.explain(502, b"", method="get").verdict.retry is fe.Retry.AFTER_DELAY
    logout = fe.explain(None, (FIXTURES / "own_user_forced_logout_255.xml").read_bytes())
    assert logout.agents[0].reason_code == 255 and logout.agents[0].system
    assert logout.verdict.recovery.action is fe.Action.SIGN_IN_AGAIN
    uccx = fe.explain(None, (FIXTURES / "own_user_not_ready_32767.xml").read_bytes(), platform=fe.Platform.UCCX)
    assert [m.entry.platform for m in uccx.agents[0].matches] == [fe.Platform.UCCX]
    conflict = fe.explain(None, (FIXTURES / "own_bosh_stream_conflict.xml").read_bytes())
    assert conflict.errors[0].condition == "stream:conflict"
    assert conflict.verdict.recovery.harmful_to_retry


def test_bad_input_raises_clear_errors():
    with pytest.raises(ValueError, match="family"):
        fe.lookup("no_such_family", 1)
    with pytest.raises(TypeError):
        fe.lookup("cti_status", 1.5)
    with pytest.raises(TypeError):
        fe.lookup("cti_status", None)
    with pytest.raises(ValueError):
        fe.lookup("cti_status", 1 << 40)
    with pytest.raises(TypeError):
        fe.lookup_symbol(None)
    with pytest.raises(TypeError):
        fe.finesse_error("400", "Invalid State")
    with pytest.raises(ValueError):
        fe.finesse_error(70000, "Invalid State")
    with pytest.raises(TypeError):
        fe.explain(400, 12)
    with pytest.raises(ValueError, match="larger"):
        fe.explain(400, b" " * (1 << 20))
    with pytest.raises(ValueError):
        fe.explain(400, b"", method="PATCH")
    with pytest.raises(ValueError):
        fe.explain(400, b"", platform="avaya")
    with pytest.raises(ValueError):
        fe.explain(-1, b"")
    # Unknown is None, not an error.
    assert fe.lookup("cti_status", 123456) is None
    assert fe.lookup("unified_cm", "not a code") is None


def test_stubs_list_the_runtime_members():
    stubs = ast.parse((Path(fe.__file__).with_suffix(".pyi")).read_text())
    declared = {}
    for node in stubs.body:
        if isinstance(node, ast.ClassDef) and any(getattr(b, "attr", None) == "Enum" for b in node.bases):
            declared[node.name] = {
                t.targets[0].id: t.value.value for t in node.body if isinstance(t, ast.Assign)
            }
    assert set(declared) == {
        "Family", "Retry", "Category", "Layer", "Platform", "Action", "Form", "Evidence", "How",
        "SipBasis", "DialerAction",
    }
    for name, members in declared.items():
        runtime = getattr(fe, name)
        assert issubclass(runtime, enum.Enum)
        assert {m.name: m.value for m in runtime} == members, name


def test_resolve_lists_every_family_a_bare_constant_fits():
    found = fe.resolve("TIMEOUT")
    families = {c.entry.family for c in found}
    assert fe.Family.CTI_STATUS in families and fe.Family.UNIFIED_CM in families
    assert all(isinstance(c.form, fe.Form) for c in found)
    assert fe.resolve("NO_SUCH_CONSTANT") == []


def test_resolve_reads_qualified_and_unprefixed_names():
    (only,) = fe.resolve("ControlFailureCode.INVALID_AGENT_WORKMODE")
    assert only.entry.code == 265 and only.form is fe.Form.UNPREFIXED
    (jtapi,) = fe.resolve("CiscoJtapiException.CTIERR_TIMEOUT")
    assert jtapi.entry.symbol == "CTIERR_TIMEOUT" and jtapi.form is fe.Form.SYMBOL
    assert fe.resolve("265")[0].form is fe.Form.CODE


def test_resolve_rejects_non_strings():
    with pytest.raises(TypeError):
        fe.resolve(265)  # type: ignore[arg-type]


def _ambiguous_table():
    """(key, families) of data/README.md's generated table; numbers expanded from ranges."""
    readme = (Path(__file__).resolve().parents[2] / "data" / "README.md").read_text()
    section = readme[readme.index("<!-- ambiguous:begin") : readme.index("<!-- ambiguous:end")]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) != 4 or cells[1].startswith("---") or cells[1] in ("name", "families"):
            continue
        if cells[1].startswith("`"):
            rows.append((cells[1].strip("`"), set(cells[2].split(", "))))
        else:
            for part in cells[2].split(", "):
                a, _, b = part.partition("–")
                for n in range(int(a), int(b or a) + 1):
                    rows.append((str(n), set(cells[1].split(", "))))
    return rows


def test_resolve_agrees_with_the_table_of_ambiguous_keys():
    rows = _ambiguous_table()
    assert len(rows) > 50
    for key, families in rows:
        found = {c.entry.family.value for c in fe.resolve(key)}
        assert found == families, key


def test_stubs_declare_all():
    stubs = ast.parse((Path(fe.__file__).with_suffix(".pyi")).read_text())
    declared = [
        node.value for node in stubs.body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in node.targets)
    ]
    assert len(declared) == 1, "the stub declares __all__ once"
    assert sorted(ast.literal_eval(declared[0])) == sorted(fe.__all__)


def test_huge_numbers_and_bodies_are_value_errors():
    for status in (2**64, -(2**64), 2**16, -1):
        with pytest.raises(ValueError, match="HTTP status"):
            fe.explain(status, b"")
        with pytest.raises(ValueError, match="HTTP status"):
            fe.finesse_error(status, "Invalid State")
    for body in (bytearray(1 << 20), memoryview(bytes(1 << 20)), "x" * (1 << 20)):
        with pytest.raises(ValueError, match="larger"):
            fe.explain(400, body)
    assert fe.explain(503, memoryview(b"")).verdict.retry is fe.Retry.AFTER_DELAY


def test_an_oversized_body_is_refused_before_it_is_copied():
    huge = memoryview(bytearray(64 << 20))
    tracemalloc.start()
    try:
        with pytest.raises(ValueError, match="larger"):
            fe.explain(400, huge)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20, f"{peak} bytes allocated to refuse a 64 MiB body"


def test_names_and_codes_in_unicode_whitespace_like_every_face():
    cases = json.loads((ROOT / "tests" / "fixtures" / "whitespace-names.json").read_text(encoding="utf-8"))
    for case in cases["names"]:
        found = fe.lookup_symbol(case["input"])
        if case["symbol"] is None:
            assert found is None, repr(case["input"])
        else:
            assert found is fe.lookup_symbol(case["symbol"]), repr(case["input"])
            assert found.symbol == case["symbol"]
    for case in cases["codes"]:
        found = fe.lookup(case["family"], case["input"])
        assert (found.code if found else None) == case["code"], repr(case["input"])


_PREFIXES = ["E_CTIOS_", "E_ARM_STAT_", "E_CTI_", "CTIERR_", "PERERR_", "CIL_", "CF_", "E_"]


def test_every_prefixed_symbol_resolves_bare_and_qualified():
    checked = 0
    for entry in fe.all_entries():
        for name in [entry.symbol, *entry.aliases]:
            prefix = next((p for p in _PREFIXES if name.startswith(p) and len(name) > len(p)), None)
            if prefix is None:
                continue
            bare = name[len(prefix):]
            for text in (bare, f"SomeLibrary.Codes.{bare}", f"Codes::{name}"):
                assert any(c.entry == entry for c in fe.resolve(text)), text
            checked += 1
    assert checked > 700
