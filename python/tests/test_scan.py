"""finesse_errors.scan over the project's fixture logs (tests/fixtures/logs), with the
expectations of the Rust fixture tests (tests/scan_fixtures.rs); every way in (bytes, path,
gzip path, file object, odd chunk sizes) finds the same matches, and memory stays flat."""

import gzip
import io
import random
import tracemalloc
from pathlib import Path

import pytest

import finesse_errors as fe

LOGS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "logs"
How = fe.How


def describe(m):
    if m.unknown_family is not None:
        return [f"?{m.unknown_family.value}"]
    if m.diagnosis is not None:
        basis = m.diagnosis.verdict.basis
        return [f"diagnosis:{basis.entry.symbol if basis else '-'}"]
    return [e.symbol or f"{e.family.value}:{e.code}" for e in m.entries]


def found(source, **kw):
    return [(m.line_number, m.text.decode("utf-8", "replace"), m.how, describe(m)) for m in fe.scan(source, **kw)]


EXPECTED = {
    "finesse_webservices.log": [
        (2, "CF_INVALID_AGENT_WORKMODE", How.SYMBOL, ["CF_INVALID_AGENT_WORKMODE"]),
        (3, "ErrorData=265", How.FIELD, ["CF_INVALID_AGENT_WORKMODE"]),
        (3, "CF_INVALID_AGENT_WORKMODE", How.SYMBOL, ["CF_INVALID_AGENT_WORKMODE"]),
        (5, "peripheralErrorCode=10125", How.FIELD, ["PERERR_TELDRIVE_NODEVICETARGETFORNETTARGETID"]),
        (6, "E_CTI_NEWER_THAN_THIS_RELEASE", How.SYMBOL, ["?cti_status"]),
        (
            7,
            "<ApiErrors><ApiError><ErrorType>Invalid State</ErrorType><ErrorMessage>CF_INVALID_AGENT_WORKMODE"
            "</ErrorMessage><ErrorData>265</ErrorData></ApiError></ApiErrors>",
            How.RESPONSE,
            ["diagnosis:CF_INVALID_AGENT_WORKMODE"],
        ),
        (
            8,
            "&lt;Update&gt;&lt;data&gt;&lt;apiErrors&gt;&lt;apiError&gt;&lt;errorType&gt;Invalid State"
            "&lt;/errorType&gt;&lt;errorMessage&gt;CF_INVALID_AGENT_WORKMODE&lt;/errorMessage&gt;"
            "&lt;errorData&gt;265&lt;/errorData&gt;&lt;/apiError&gt;&lt;/apiErrors&gt;&lt;/data&gt;"
            "&lt;event&gt;PUT&lt;/event&gt;&lt;/Update&gt;",
            How.RESPONSE,
            ["diagnosis:CF_INVALID_AGENT_WORKMODE"],
        ),
    ],
    "ctisvr.log": [
        (1, "E_CTI_INVALID_MONITOR_STATUS", How.SYMBOL, ["E_CTI_INVALID_MONITOR_STATUS"]),
        (3, "CF_INVALID_DESTINATION", How.SYMBOL, ["CF_INVALID_DESTINATION"]),
        (4, "PeripheralErrorCode:12004", How.FIELD, ["peripheral:12004"]),
    ],
    "pim.log": [
        (2, "EC_NEW_CALL", How.SYMBOL, ["CEC_NEW_CALL"]),
        (5, "CF_NO_ACTIVE_CALL", How.SYMBOL, ["CF_NO_ACTIVE_CALL"]),
        (6, "PeripheralErrorCode = 10040", How.FIELD, ["?peripheral"]),
    ],
    "ctios.log": [
        (1, "FailureCode:256", How.FIELD, ["CF_INVALID_AGENT_ID_SPECIFIED"]),
        (3, "FailureCode:1", How.FIELD, ["eDriverOutOfService"]),
    ],
    "jtapi.log": [
        (3, "reason = -1932787502", How.FIELD, ["CTIERR_DEVICE_RESTRICTED"]),
        (
            6,
            "com.cisco.jtapi.extensions.CiscoJtapiException.CTIERR_DEVICE_RESTRICTED",
            How.QUALIFIED,
            ["CTIERR_DEVICE_RESTRICTED"],
        ),
        (7, "CiscoTermRegistrationFailedEv.TIMEOUT", How.QUALIFIED, ["CTIERR_TIMEOUT"]),
        (8, "0x8CCC00D2", How.HEX, ["CTIERR_DEVICE_RESTRICTED"]),
    ],
    "xmpp.log": [
        (1, "conflict", How.XMPP, ["stream:conflict"]),
        (2, "not-authorized", How.XMPP, ["sasl:not-authorized"]),
        (3, "item-not-found", How.XMPP, ["stanza:item-not-found"]),
        (4, "remote-connection-failed", How.XMPP, ["bosh:remote-connection-failed"]),
        (5, "item-not-found", How.XMPP, ["bosh:item-not-found"]),
        (6, "conflict", How.XMPP, ["stream:conflict"]),
        (7, "not-authorized", How.XMPP, ["sasl:not-authorized"]),
    ],
    "lookalikes.log": [],
    "calls.log": [
        (1, "EventCause:10", How.FIELD, ["CEC_CALL_NOT_ANSWERED"]),
        (3, "PGStatus:0x00000003", How.FIELD, ["PGS_OPC_DOWN"]),
        (3, "PGStatus:0x00000003", How.FIELD, ["PGS_CC_DOWN"]),
        (3, "SystemEventID:6", How.FIELD, ["SYS_PERIPHERAL_GATEWAY_OFFLINE"]),
        (4, "SystemEventID:3", How.FIELD, ["SYS_PERIPHERAL_ONLINE"]),
        (5, "PGStatus:0x00010000", How.FIELD, ["?cti_pg_status"]),
        (6, "eventCause=29", How.FIELD, ["CEC_REORDER_TONE"]),
        (7, "eventCause=1046", How.FIELD, ["CECX_APPL_INVALID_DIALOGUE_ID"]),
    ],
    # CSV exports: the header names the code columns; rows are read by column.
    "cdr.csv": [
        (4, "17", How.FIELD, ["User busy"]),
        (5, "1174405137", How.FIELD, ["CCM_SIP_486_BUSY_HERE"]),
        (7, "1157628031", How.FIELD, ["?cucm_cdr_cause"]),
        (8, "-1593835503", How.FIELD, ["CCM_SIP_600_BUSY_EVERYWHERE"]),
    ],
    "dialer_detail.csv": [
        (3, "9", How.FIELD, ["BUSY"]),
        (4, "7", How.FIELD, ["NUMBER_NOT_ALLOCATED"]),
        (5, "33", How.FIELD, ["dialer_call_result:33"]),
        (6, "1", How.FIELD, ["?dialer_call_result"]),
    ],
}


def test_every_fixture_log_is_covered():
    logs = [p.name for p in LOGS.iterdir() if p.suffix in (".log", ".csv")]
    assert sorted(EXPECTED) == sorted(n for n in logs if n != "finesse_desktop.log")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_matches(name):
    assert found((LOGS / name).read_bytes()) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_offsets_and_spans_agree_with_the_input(name):
    data = (LOGS / name).read_bytes()
    for m in fe.scan(data):
        assert data[m.offset : m.offset + len(m.text)] == m.text
        assert data[m.line_offset : m.line_offset + len(m.line)] == m.line
        assert m.line[m.span[0] : m.span[1]] == m.text
        assert b"\n" not in m.line
        assert m.line_number == data[: m.line_offset].count(b"\n") + 1


def test_look_alikes_give_nothing():
    assert list(fe.scan(LOGS / "lookalikes.log")) == []
    assert list(fe.scan(b"colour 0x8CCC00 and a count of 265\n  401126:\tmovl $0x8ccc00d2,-0x4(%rbp)\n")) == []


def test_desktop_json_is_one_diagnosis_with_its_status():
    (m,) = fe.scan(LOGS / "finesse_desktop.log")
    assert m.how is How.RESPONSE
    assert m.diagnosis is not None and m.diagnosis.http_status == 400
    (error,) = m.diagnosis.errors
    assert error.error_data == "4047"
    assert error.error_message == "PERERR_CALL_NOT_FOUND"
    assert m.text.startswith(b"<Update>") and m.text.endswith(b"Update>")
    assert m.entries == (m.diagnosis.verdict.basis.entry,)
    assert m.is_known and not m.is_ambiguous


def test_ambiguous_text_lists_every_candidate_and_unknown_is_kept():
    (m,) = fe.scan(b"%[ErrorData=22]\n")
    families = {e.family for e in m.entries}
    assert {fe.Family.CTI_STATUS, fe.Family.CTI_CONTROL_FAILURE} <= families
    assert m.is_ambiguous and m.is_known
    (m,) = fe.scan(b"E_CTI_NEWER_THAN_THIS_RELEASE\n")
    assert m.unknown_family is fe.Family.CTI_STATUS and m.entries == () and not m.is_known
    (m,) = fe.scan(b"failed: E_CTI_TIMEOUT\n")
    assert m.entries == (fe.lookup_symbol("E_CTI_TIMEOUT"),)
    assert m.entries[0] is fe.lookup_symbol("E_CTI_TIMEOUT")


def every_log():
    return b"".join((LOGS / n).read_bytes() for n in sorted(EXPECTED) + ["finesse_desktop.log"])


def key(m):
    return (m.line_number, m.offset, m.line, m.span, m.how, m.entries, m.unknown_family, m.diagnosis)


def test_every_way_in_finds_the_same_matches(tmp_path):
    data = every_log()
    want = [key(m) for m in fe.scan(data)]
    assert len(want) > 20
    plain = tmp_path / "all.log"
    plain.write_bytes(data)
    # Two gzip members, as logrotate's concatenations make.
    packed = tmp_path / "all.log.gz"
    half = len(data) // 2
    packed.write_bytes(gzip.compress(data[:half]) + gzip.compress(data[half:]))
    unnamed = tmp_path / "rotated.1"
    unnamed.write_bytes(packed.read_bytes())
    ways = [
        bytearray(data),
        memoryview(data),
        str(plain),
        plain,
        packed,
        unnamed,
        io.BytesIO(data),
        io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="surrogateescape", newline=""),
    ]
    for way in ways:
        assert [key(m) for m in fe.scan(way)] == want, type(way)
    rng = random.Random(18)
    for size in [1, 2, 3, 7, 64, 4096] + [rng.randint(1, 300) for _ in range(5)]:
        assert [key(m) for m in fe.scan(data, chunk_size=size)] == want, size
        assert [key(m) for m in fe.scan(io.BytesIO(data), chunk_size=size)] == want, size


def test_bad_input_raises():
    with pytest.raises(TypeError):
        fe.scan(265)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        fe.scan(b"", chunk_size=0)
    with pytest.raises(FileNotFoundError):
        list(fe.scan("/nonexistent/finesse.log"))
    with pytest.raises(TypeError):
        fe._native.Scanner().feed("text")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        fe._native.Scanner().feed(b"abc", 2, 9)


def test_a_large_file_is_read_in_flat_memory(tmp_path):
    # 24 MiB of log with a code every 64 KiB, read from a path: Python's peak stays at a few
    # chunks, far below the file.
    line = b"Mar 03 2026 10:00:00.001 -0500: %CCBU_pool-1-6-INFO: %[state=READY]: nothing to see here\n"
    block = line * (65536 // len(line)) + b"12:00:01:001 cc-ctisvr SESSION 4: Status:E_CTI_TIMEOUT\n"
    path = tmp_path / "big.log"
    with open(path, "wb") as f:
        for _ in range(24 * 16):
            f.write(block)
    size = path.stat().st_size
    tracemalloc.start()
    count = sum(1 for _ in fe.scan(path))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 24 * 16
    assert size > 24 << 20
    assert peak < 6 << 20, peak
