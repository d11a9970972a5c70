"""The budget, the node breakers and the retry decision from Python: the same answers as the
Rust crate, for the cases a requests / httpx script meets."""

import threading

import pytest

import finesse_errors as fe

OUT_OF_SERVICE = (
    b"<ApiErrors><ApiError><ErrorType>Service Unavailable</ErrorType>"
    b"<ErrorMessage>SERVER_OUT_OF_SERVICE</ErrorMessage></ApiError></ApiErrors>"
)
BAD_CREDENTIALS = (
    b"<ApiErrors><ApiError><ErrorType>Authentication Failure</ErrorType>"
    b"<ErrorMessage>Bad credentials</ErrorMessage></ApiError></ApiErrors>"
)
IN_SERVICE = b"<SystemInfo><status>IN_SERVICE</status></SystemInfo>"


def test_one_call_fails_a_503_over_to_the_other_node():
    nodes = fe.Nodes(2)
    d = fe.decide(503, {"Content-Type": "application/xml"}, OUT_OF_SERVICE, "PUT", nodes=nodes)
    assert (d.retry, d.why, d.node, d.probe) == (True, "fail_over", 1, True)
    assert "SERVER_OUT_OF_SERVICE" in d.summary
    assert nodes.state(0) == "open"
    assert nodes.record_probe(1, IN_SERVICE) == "IN_SERVICE"
    assert nodes.route() == (1, "send", 0.0)


def test_retry_after_is_read_from_any_headers_mapping():
    class Headers:  # the shape of requests' and httpx's headers
        def items(self):
            return [("retry-after", "42")]

    for headers in ({"Retry-After": "42"}, Headers(), [("RETRY-AFTER", "42")]):
        d = fe.decide(500, headers, b"", "GET")
        assert (d.retry, d.why, d.node) == (True, "planned", 0)
        assert d.after == 42.0


def test_harmful_and_unknown_outcomes_are_not_retried():
    d = fe.decide(401, None, BAD_CREDENTIALS, "PUT", still_needed=True)
    assert (d.retry, d.why) == (False, "harmful")
    d = fe.decide(None, None, None, "POST", transport="timed_out")
    assert (d.retry, d.why) == (False, "outcome_unknown")
    d = fe.decide(None, None, None, "POST", transport="timed_out", still_needed=False)
    assert (d.retry, d.why) == (False, "no_longer_needed")
    d = fe.decide(None, None, None, "POST", transport="timed_out", still_needed=True)
    assert d.retry


def test_a_request_walks_its_plan_and_pays_the_shared_budget():
    budget = fe.RetryBudget(capacity=12)
    nodes = fe.Nodes(1)
    request = fe.Request(budget, nodes, "GET", seed=3)
    first = request.decide(500)
    second = request.decide(500)
    assert first.retry and second.retry
    assert budget.tokens == 2.0
    third = request.decide(500)
    assert (third.retry, third.why) == (False, "budget_exhausted")
    assert request.decide(200).why == "success"
    assert budget.tokens == 3.0


def test_the_budget_is_shared_across_threads():
    budget = fe.RetryBudget(capacity=100)
    granted = []

    def spend():
        granted.append(sum(budget.withdraw() for _ in range(50)))

    threads = [threading.Thread(target=spend) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(granted) == 20
    assert budget.tokens == 0.0


def test_grpc_throttling_preset():
    budget = fe.RetryBudget.grpc(10, 0.1)
    assert budget.withdraw()
    nodes = fe.Nodes(1)
    request = fe.Request(budget, nodes, "GET")
    for _ in range(5):
        d = request.decide(None, transport="reset")
    assert (d.retry, d.why) == (False, "budget_exhausted")


def test_bad_input_raises():
    with pytest.raises(ValueError):
        fe.decide(503, None, b"", "PATCH")
    with pytest.raises(ValueError):
        fe.decide(99999, None, b"", "GET")
    with pytest.raises(ValueError):
        fe.decide(None, None, b"", "GET")
    with pytest.raises(ValueError):
        fe.decide(503, None, b"", "GET", transport="reset")
    with pytest.raises(ValueError):
        fe.decide(None, None, b"", "GET", transport="lost")
    with pytest.raises(ValueError):
        fe.decide(503, None, b"", "GET", node=5)
    with pytest.raises(ValueError):
        fe.decide(503, None, b"", "GET", elapsed=float("nan"))
    with pytest.raises(TypeError):
        fe.decide(503, {"Retry-After": 5}, b"", "GET")
    with pytest.raises(TypeError):
        fe.decide(503, None, 42, "GET")
    with pytest.raises(ValueError):
        fe.Nodes(0)
    with pytest.raises(ValueError):
        fe.Nodes(2).state(2)
