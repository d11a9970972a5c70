"""dialer_facts and dialer_results_for_sip against the data files, read here with csv."""

import csv
from collections import Counter
from pathlib import Path

import pytest

import finesse_errors as fe

DATA = Path(__file__).resolve().parents[2] / "data"


def _rows(name):
    with open(DATA / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _yes_no(value):
    return {"yes": True, "no": False, "": None}[value]


def test_every_call_result_row_has_its_facts():
    rows = _rows("dialer_call_result.csv")
    assert len(rows) == 33
    for row in rows:
        code = int(row["code"])
        facts = fe.dialer_facts(code)
        assert isinstance(facts, fe.DialerFacts), code
        assert facts.code == code
        assert facts.counted_attempt is _yes_no(row["counted_attempt"]), code
        assert facts.live_voice is _yes_no(row["live_voice"]), code
        if row["dialer_action"]:
            assert facts.action is fe.DialerAction(row["dialer_action"]), code
        else:
            assert facts.action is None, code
        assert facts.entry is fe.lookup(fe.Family.DIALER_CALL_RESULT, code)
        assert facts.entry is not None and facts.entry.code == code


def test_facts_of_known_results():
    busy = fe.dialer_facts(9)
    assert busy.entry.symbol == "BUSY"
    assert (busy.counted_attempt, busy.live_voice) == (True, False)
    assert busy.action is fe.DialerAction.BUSY_RETRY
    # Not yet dialed: Cisco's columns are blank, which is None, not False.
    waiting = fe.dialer_facts(0)
    assert (waiting.counted_attempt, waiting.live_voice, waiting.action) == (None, None, None)
    assert fe.dialer_facts(16).action is fe.DialerAction.DIALER_ABANDONED_RETRY
    assert fe.dialer_facts(2).action is fe.DialerAction.CLOSED


@pytest.mark.parametrize("value", [1, -1, 99999, 2**31 - 1, -(2**31)])
def test_no_call_result_is_none(value):
    assert fe.dialer_facts(value) is None


def test_every_sip_map_row_is_given_and_no_other():
    rows = _rows("dialer_sip_map.csv")
    assert len(rows) == 88
    want = Counter()
    for row in rows:
        pair = (int(row["sip_status"]), int(row["q850_cause"]))
        want[pair] += 1
        found = fe.dialer_results_for_sip(*pair)
        assert len(found) == sum(
            1 for r in rows if (int(r["sip_status"]), int(r["q850_cause"])) == pair
        ), pair
        key = (
            row["check_call_state"] == "true",
            row["call_state"],
            int(row["call_result"]),
            row["note"],
        )
        got = [(m.check_call_state, m.call_state, m.call_result, m.note) for m in found]
        assert key in got, (pair, key, got)
        for m in found:
            assert isinstance(m, fe.SipMapping)
            assert (m.sip_status, m.q850_cause) == pair
            assert m.entry is fe.lookup(fe.Family.DIALER_CALL_RESULT, m.call_result)
            assert m.facts == fe.dialer_facts(m.call_result)
            assert m.facts is not None and m.facts.entry is m.entry
    assert sum(want.values()) == 88


def test_sip_map_examples():
    busy = fe.dialer_results_for_sip(486, 17)
    assert busy and all(m.entry.symbol == "BUSY" for m in busy)
    assert busy[0].facts.action is fe.DialerAction.BUSY_RETRY
    # The conflict Cisco prints: both results are given, never one picked.
    assert {29, 13} <= {m.call_result for m in fe.dialer_results_for_sip(422, 100)}
    (odd,) = fe.dialer_results_for_sip(408, 120)
    assert odd.call_result == 6 and odd.note != ""
    assert fe.dialer_results_for_sip(299, 1) == []
    assert fe.dialer_results_for_sip(0, 0) == []


@pytest.mark.parametrize("status, cause", [(-1, 17), (65536, 17), (486, 256), (486, -1)])
def test_out_of_range_sip_arguments_are_value_errors(status, cause):
    with pytest.raises(ValueError):
        fe.dialer_results_for_sip(status, cause)


@pytest.mark.parametrize("value", [2**31, -(2**31) - 1, 2**64])
def test_out_of_range_call_results_are_value_errors(value):
    with pytest.raises(ValueError):
        fe.dialer_facts(value)


@pytest.mark.parametrize("value", ["9", 9.0, None, True])
def test_non_ints_are_type_errors(value):
    with pytest.raises(TypeError):
        fe.dialer_facts(value)
    with pytest.raises(TypeError):
        fe.dialer_results_for_sip(value, 17)
    with pytest.raises(TypeError):
        fe.dialer_results_for_sip(486, value)


def test_dialer_action_names():
    assert [a.value for a in fe.DialerAction][:3] == ["none", "no_answer_retry", "busy_retry"]
    assert fe.DialerAction("returned_to_pending").name == "RETURNED_TO_PENDING"
