"""Cisco contact-center error codes, turned into answers.

Finesse REST and XMPP errors, CTI Server status and control-failure codes, Peripheral Gateway
codes, Unified CM CTI errors, CTI OS codes, XMPP conditions and agent reason codes: what each
is, which layer raised it, whether and how to retry, and what to do.

    >>> import finesse_errors as fe
    >>> fe.lookup_symbol("CF_INVALID_AGENT_WORKMODE").code
    265
    >>> fe.finesse_error(503, "Service Unavailable").retry
    <Retry.AFTER_DELAY: 'after_delay'>

The tables are those of the Rust crate ``finesse-errors``, linked into ``finesse_errors._native``:
nothing here copies them.
"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass, field
from typing import BinaryIO, Iterable, Iterator, List, Optional, Tuple, Union

from . import _native

__version__ = _native.version()


def _vocabulary(name: str, names: List[str], doc: str) -> type:
    members = {value.upper(): value for value in names}
    vocabulary = enum.Enum(name, members, module=__name__)  # type: ignore[misc]
    vocabulary.__doc__ = doc
    return vocabulary


Family = _vocabulary("Family", _native.family_names(), "A family of codes: one table.")
Retry = _vocabulary("Retry", _native.retry_names(), "Whether and how to retry.")
Category = _vocabulary("Category", _native.category_names(), "What kind of failure.")
Layer = _vocabulary("Layer", _native.layer_names(), "Which component raised it.")
Platform = _vocabulary("Platform", _native.platform_names(), "The platform of a reason code.")
Action = _vocabulary("Action", _native.action_names(), "What to do first to recover.")
Form = _vocabulary("Form", _native.form_names(), "How a name or number matched an entry.")
Evidence = _vocabulary(
    "Evidence", _native.evidence_names(), "How we know what an entry says."
)
How = _vocabulary("How", _native.how_names(), "How scan recognised a match in a log.")
SipBasis = _vocabulary(
    "SipBasis", _native.sip_basis_names(), "How a composite CDR cause's SIP status was read."
)
DialerAction = _vocabulary(
    "DialerAction",
    _native.dialer_action_names(),
    "What the Outbound Option Dialer does with a customer record after a call result.",
)


@dataclass(frozen=True)
class Recovery:
    """What a program does about an error, and the timing to do it with."""

    action: "Action"
    refresh: Optional[str]
    first_delay_ms: int
    factor: int
    max_delay_ms: int
    give_up_after_ms: Optional[int]
    failover: bool
    harmful_to_retry: bool
    source: str

    @classmethod
    def _from(cls, d: dict) -> "Recovery":
        return cls(**{**d, "action": Action(d["action"])})

    def __repr__(self) -> str:
        timing = (
            f" every {self.first_delay_ms}ms x{self.factor} up to {self.max_delay_ms}ms,"
            f" for {self.give_up_after_ms}ms"
            if self.give_up_after_ms is not None
            else ""
        )
        return f"<Recovery {self.action.value}{timing}{' harmful' if self.harmful_to_retry else ''}>"


@dataclass(frozen=True)
class Entry:
    """One row of the knowledge base."""

    family: "Family"
    code: Optional[int]
    code_text: Optional[str]
    http_status: Optional[int]
    platform: Optional["Platform"]
    symbol: str
    aliases: Tuple[str, ...]
    category: "Category"
    retry: "Retry"
    layer: "Layer"
    message: str
    remediation: str
    source: str
    note: Optional[str]
    recovery: Recovery
    evidence: "Evidence"
    # Index of the twin in the table; read through ``twin``.
    _twin_index: Optional[int] = field(default=None, repr=False, compare=False)

    @property
    def twin(self) -> Optional["Entry"]:
        """The same underlying error in another family (a PERERR_CM_* code and its JTAPI
        CTIERR), or None."""
        return None if self._twin_index is None else _ENTRIES[self._twin_index]

    def __repr__(self) -> str:
        key = " ".join(
            str(part)
            for part in (self.http_status, self.platform and self.platform.value, self.code_text)
            if part is not None
        )
        key = f" {key}" if key else ""
        symbol = self.symbol or "(no published name)"
        return f"<Entry {self.family.value}{key} {symbol} retry={self.retry.value}>"


def _make_entry(index: int) -> Entry:
    d = _native.entry(index)
    return Entry(
        family=Family(d["family"]),
        code=d["code"],
        code_text=d["code_text"],
        http_status=d["http_status"],
        platform=Platform(d["platform"]) if d["platform"] else None,
        symbol=d["symbol"],
        aliases=tuple(d["aliases"]),
        category=Category(d["category"]),
        retry=Retry(d["retry"]),
        layer=Layer(d["layer"]),
        message=d["message"],
        remediation=d["remediation"],
        source=d["source"],
        note=d["note"],
        recovery=Recovery._from(d["recovery"]),
        evidence=Evidence(d["evidence"]),
        _twin_index=d["twin"],
    )


# Every entry, built once: lookups hand out these same objects.
_ENTRIES: Tuple[Entry, ...] = tuple(_make_entry(i) for i in range(_native.entry_count()))


def _family_name(family: Union["Family", str]) -> str:
    if isinstance(family, Family):
        return family.value
    if isinstance(family, str):
        return family
    raise TypeError(f"family must be a Family or a str, not {type(family).__name__}")


def _str(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    return value


def lookup(family: Union["Family", str], code: Union[int, str]) -> Optional[Entry]:
    """The entry of a code in one family (the first platform's, for a reason code), or None.

    ``code`` is an int or a str in any form the family writes codes in (Unified CM: hex,
    unsigned or signed decimal). Raises ValueError for an unknown family or an int outside 32
    bits, TypeError for a code that is neither int nor str.
    """
    found = _native.lookup(_family_name(family), code)
    return _ENTRIES[found[0]] if found else None


def lookup_all(family: Union["Family", str], code: Union[int, str]) -> List[Entry]:
    """Every entry of a family with this code: several only for reason codes of several platforms."""
    return [_ENTRIES[i] for i in _native.lookup(_family_name(family), code)]


def lookup_code(code: Union[int, str]) -> List[Entry]:
    """Every family's entries for a code: a bare number means different things in each."""
    return [_ENTRIES[i] for i in _native.lookup_code(code)]


def lookup_symbol(name: str) -> Optional[Entry]:
    """The first entry carrying this symbol or alias (ASCII case and spacing ignored), or None."""
    found = _native.lookup_symbol(_str(name, "name"))
    return _ENTRIES[found[0]] if found else None


def lookup_symbol_all(name: str) -> List[Entry]:
    """Every entry carrying this symbol or alias."""
    return [_ENTRIES[i] for i in _native.lookup_symbol(_str(name, "name"))]


@dataclass(frozen=True)
class Candidate:
    """One entry a name or number can stand for, and how it matched."""

    entry: Entry
    form: "Form"


def resolve(text: str) -> List[Candidate]:
    """Every entry a name or number can stand for, as logs and client libraries print it.

    A code in every family, a symbol or alias, the constant without its family prefix
    (``TIMEOUT``), qualified (``ControlFailureCode.INVALID_AGENT_WORKMODE``) or in CamelCase;
    best first, never one picked for you: two or more candidates mean the text is ambiguous.
    """
    return [Candidate(_ENTRIES[i], Form(form)) for i, form in _native.resolve(_str(text, "text"))]


def _int(value: object, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    return value


@dataclass(frozen=True)
class PgStatus:
    """A PGStatus value decoded: its named flags (lowest bit first) and the bits none names."""

    status: int
    flags: Tuple[Entry, ...]
    unknown_bits: int

    @property
    def is_normal(self) -> bool:
        """Whether no bit is set."""
        return self.status == 0


def pg_status_flags(status: int) -> PgStatus:
    """Decodes a PGStatus bit set into its ``cti_pg_status`` flags.

    ``status`` is a 32-bit value, unsigned or signed (``-1`` is ``0xFFFFFFFF``); raises
    ValueError outside that range, TypeError for a non-int.
    """
    value, flags, unknown = _native.pg_status_flags(_int(status, "status"))
    return PgStatus(value, tuple(_ENTRIES[i] for i in flags), unknown)


@dataclass(frozen=True)
class CdrCause:
    """A Unified CM CDR cause value decoded, listed or not.

    A composite value carries a SIP-status index in its high byte and a Q.850 cause in its low
    byte; ``entry`` is the published entry for exactly this value, if any.
    """

    value: int
    composite: bool
    sip_index: Optional[int]
    sip_status: Optional[int]
    sip_basis: Optional["SipBasis"]
    entry: Optional[Entry]
    q850: Optional[Entry]


def cdr_cause(value: int) -> CdrCause:
    """Decodes a CDR cause value (``origCause_value``, ``destCause_value``).

    ``value`` is a 32-bit value, unsigned or signed as CDRs store it (``-1493172161``); raises
    ValueError outside that range, TypeError for a non-int.
    """
    v, composite, index, status, basis, entry, q850 = _native.cdr_cause(_int(value, "value"))
    return CdrCause(
        v,
        composite,
        index,
        status,
        None if basis is None else SipBasis(basis),
        None if entry is None else _ENTRIES[entry],
        None if q850 is None else _ENTRIES[q850],
    )


@dataclass(frozen=True)
class DialerFacts:
    """What Cisco's CallResults table says about one CallResult of the Outbound Option Dialer.

    ``None`` where Cisco leaves the column blank (CallResult 0, a record not yet dialed, has
    all three blank), which is not the same as ``False``.

        >>> import finesse_errors as fe
        >>> busy = fe.dialer_facts(9)
        >>> busy.counted_attempt, busy.action
        (True, <DialerAction.BUSY_RETRY: 'busy_retry'>)
    """

    code: int
    counted_attempt: Optional[bool]
    live_voice: Optional[bool]
    action: Optional["DialerAction"]
    entry: Optional[Entry]


def _dialer_facts(t: Optional[tuple]) -> Optional[DialerFacts]:
    if t is None:
        return None
    code, counted, live, action, entry = t
    return DialerFacts(
        code,
        counted,
        live,
        None if action is None else DialerAction(action),
        None if entry is None else _ENTRIES[entry],
    )


def dialer_facts(call_result: int) -> Optional[DialerFacts]:
    """The dialer's facts for a CallResult, or None for a value that is no CallResult.

    Raises ValueError outside the 32-bit signed range, TypeError for a non-int.
    """
    return _dialer_facts(_native.dialer_facts(_int(call_result, "call_result")))


@dataclass(frozen=True)
class SipMapping:
    """One row of Cisco's SIP status × Q.850 cause → CallResult table for the dialer.

    ``check_call_state`` says whether the row applies only when the dialer checks the call's
    state, ``call_state`` is that state as Cisco prints it (``CS_NONE`` ...), ``note`` is our
    note on the row (a duplicate, a conflict with another row) or ``""``.
    """

    sip_status: int
    q850_cause: int
    check_call_state: bool
    call_state: str
    call_result: int
    entry: Optional[Entry]
    facts: Optional[DialerFacts]
    note: str


def dialer_results_for_sip(sip_status: int, q850_cause: int) -> List[SipMapping]:
    """Every row of Cisco's dialer SIP map for a SIP status and a Q.850 cause.

    One row for most pairs, several where the result depends on the call state, two for the
    one pair Cisco maps to two results (422 with cause 100): every one is given, never one
    picked. Empty for a pair Cisco does not map. Raises ValueError for a status outside
    0..65535 or a cause outside 0..255, TypeError for a non-int.

        >>> import finesse_errors as fe
        >>> [m.entry.symbol for m in fe.dialer_results_for_sip(486, 17)][:1]
        ['BUSY']
    """
    rows = _native.dialer_results_for_sip(
        _int(sip_status, "sip_status"), _int(q850_cause, "q850_cause")
    )
    return [
        SipMapping(
            status,
            cause,
            check,
            state,
            result,
            None if entry is None else _ENTRIES[entry],
            _dialer_facts(facts),
            note,
        )
        for status, cause, check, state, result, entry, facts, note in rows
    ]


def finesse_error(http_status: int, error_type: str) -> Optional[Entry]:
    """A Finesse REST error by HTTP status and ErrorType (or HTTP-level name), or None."""
    if not isinstance(http_status, int) or isinstance(http_status, bool):
        raise TypeError(f"http_status must be an int, not {type(http_status).__name__}")
    found = _native.finesse_error(http_status, _str(error_type, "error_type"))
    return None if found is None else _ENTRIES[found]


def entries(family: Union["Family", str]) -> List[Entry]:
    """Every entry of one family, ordered by code."""
    return [_ENTRIES[i] for i in _native.entries(_family_name(family))]


def all_entries() -> Tuple[Entry, ...]:
    """Every entry of every family."""
    return _ENTRIES


def search(words: Union[str, Iterable[str]]) -> List[Entry]:
    """Entries whose symbol, aliases, message, remediation or note contain every word (ASCII case ignored)."""
    if isinstance(words, str):
        words = words.split()
    words = [_str(w, "each word") for w in words]
    return [_ENTRIES[i] for i in _native.search(words)]


@dataclass(frozen=True)
class Match:
    """A link from an error to an entry, and which field made it."""

    entry: Entry
    via: str


@dataclass(frozen=True)
class ApiError:
    """One error of a response, as sent, with its matches (most specific first)."""

    error_type: Optional[str]
    error_message: Optional[str]
    error_data: Optional[str]
    error_media: Optional[str]
    peripheral_error_code: Optional[str]
    peripheral_error_msg: Optional[str]
    peripheral_error_text: Optional[str]
    condition: Optional[str]
    matches: Tuple[Match, ...]


@dataclass(frozen=True)
class AgentState:
    """An agent found NOT_READY or LOGOUT, and the reason code that says why."""

    login_id: Optional[str]
    state: Optional[str]
    reason_code_id: Optional[str]
    reason_code: Optional[int]
    label: Optional[str]
    system: bool
    matches: Tuple[Match, ...]


@dataclass(frozen=True)
class Verdict:
    """The one answer for a whole response."""

    retry: "Retry"
    category: "Category"
    layer: "Layer"
    summary: str
    reason: str
    remediation: str
    basis: Optional[Match]
    disagreement: Optional[Match]
    recovery: Optional[Recovery]


@dataclass(frozen=True)
class Diagnosis:
    """A diagnosed response: its errors, agents and verdict."""

    http_status: Optional[int]
    form: str
    event: Optional[str]
    request_id: Optional[str]
    source: Optional[str]
    errors: Tuple[ApiError, ...]
    agents: Tuple[AgentState, ...]
    verdict: Verdict
    truncated: bool
    omitted_errors: int
    invented_status: Optional[int] = None

    @property
    def is_known(self) -> bool:
        """Whether anything in the response matched the knowledge base."""
        return self.verdict.basis is not None

    def __repr__(self) -> str:
        return f"<Diagnosis {self.form} retry={self.verdict.retry.value}: {self.verdict.summary}>"


def _match(d: Optional[dict]) -> Optional[Match]:
    return None if d is None else Match(entry=_ENTRIES[d["entry"]], via=d["via"])


def _matches(items: List[dict]) -> Tuple[Match, ...]:
    return tuple(Match(entry=_ENTRIES[m["entry"]], via=m["via"]) for m in items)


def explain(
    http_status: Optional[int],
    body: Union[bytes, bytearray, memoryview, str],
    *,
    method: Optional[str] = None,
    platform: Union["Platform", str, None] = None,
) -> Diagnosis:
    """Diagnoses a whole Finesse response: an HTTP status (or None) and its body.

    ``method`` (GET, PUT, POST, DELETE) makes a server error after a write never a blind
    retry; ``platform`` (ucce, uccx) decides what a reason code means. Raises ValueError for a
    body that cannot be diagnosed (over 64 KiB, too deep, unreadable XML) or a bad status,
    method or platform; TypeError for a body that is neither bytes nor str.
    """
    if http_status is not None and (not isinstance(http_status, int) or isinstance(http_status, bool)):
        raise TypeError(f"http_status must be an int or None, not {type(http_status).__name__}")
    if isinstance(platform, Platform):
        platform = platform.value
    return _diagnosis(_native.explain(http_status, body, method, platform))


def _diagnosis(d: dict) -> Diagnosis:
    v = d["verdict"]
    verdict = Verdict(
        retry=Retry(v["retry"]),
        category=Category(v["category"]),
        layer=Layer(v["layer"]),
        summary=v["summary"],
        reason=v["reason"],
        remediation=v["remediation"],
        basis=_match(v["basis"]),
        disagreement=_match(v["disagreement"]),
        recovery=None if v["recovery"] is None else Recovery._from(v["recovery"]),
    )
    errors = tuple(
        ApiError(**{**e, "matches": _matches(e["matches"])}) for e in d["errors"]
    )
    agents = tuple(
        AgentState(**{**a, "matches": _matches(a["matches"])}) for a in d["agents"]
    )
    return Diagnosis(
        http_status=d["http_status"],
        form=d["form"],
        event=d["event"],
        request_id=d["request_id"],
        source=d["source"],
        errors=errors,
        agents=agents,
        verdict=verdict,
        truncated=d["truncated"],
        omitted_errors=d["omitted_errors"],
        invented_status=d["invented_status"],
    )


@dataclass(frozen=True)
class ScanMatch:
    """One code found in a log by ``scan``: where it is, how it was recognised, what it is."""

    line_number: int
    offset: int
    line_offset: int
    line: bytes
    span: Tuple[int, int]
    text: bytes
    how: "How"
    entries: Tuple[Entry, ...]
    unknown_family: Optional["Family"]
    diagnosis: Optional[Diagnosis]

    @property
    def is_known(self) -> bool:
        """Whether the match names at least one known entry."""
        return bool(self.entries)

    @property
    def is_ambiguous(self) -> bool:
        """Whether the text fits several entries (all of them are in ``entries``)."""
        return self.diagnosis is None and len(self.entries) > 1

    def __repr__(self) -> str:
        what = (
            f"unknown in {self.unknown_family.value}"
            if self.unknown_family is not None
            else " | ".join(e.symbol or f"{e.family.value}:{e.code_text}" for e in self.entries) or "-"
        )
        return f"<ScanMatch line {self.line_number} {self.how.value} {self.text[:60]!r}: {what}>"


def _scan_match(t: tuple) -> ScanMatch:
    line_number, line_offset, line, start, end, how, found, unknown, diagnosis = t
    diag = None if diagnosis is None else _diagnosis(diagnosis)
    if diag is not None:
        entries = () if diag.verdict.basis is None else (diag.verdict.basis.entry,)
    else:
        entries = tuple(_ENTRIES[i] for i in found)
    return ScanMatch(
        line_number=line_number,
        offset=line_offset + start,
        line_offset=line_offset,
        line=line,
        span=(start, end),
        text=line[start:end],
        how=How(how),
        entries=entries,
        unknown_family=None if unknown is None else Family(unknown),
        diagnosis=diag,
    )


_GZIP_MAGIC = b"\x1f\x8b"


def _chunks_of_buffer(data: Union[bytes, bytearray, memoryview], size: int) -> Iterator[Tuple[bytes, int, int]]:
    if isinstance(data, bytes):
        # Borrowed by the native side: no copy.
        for start in range(0, len(data), size):
            yield data, start, min(start + size, len(data))
        return
    view = memoryview(data).cast("B")
    for start in range(0, len(view), size):
        chunk = view[start : start + size].tobytes()
        yield chunk, 0, len(chunk)


def _chunks_of_file(f: object, size: int) -> Iterator[Tuple[bytes, int, int]]:
    read = getattr(f, "read")
    while True:
        chunk = read(size)
        if not chunk:
            return
        if isinstance(chunk, str):
            chunk = chunk.encode("utf-8", "surrogateescape")
        elif not isinstance(chunk, bytes):
            chunk = bytes(chunk)
        yield chunk, 0, len(chunk)


def _chunks_of_path(path: Union[str, "os.PathLike[str]"], size: int) -> Iterator[Tuple[bytes, int, int]]:
    with open(path, "rb") as f:
        magic = f.read(2)
        f.seek(0)
        if magic == _GZIP_MAGIC:
            import gzip

            with gzip.GzipFile(fileobj=f, mode="rb") as z:
                yield from _chunks_of_file(z, size)
        else:
            yield from _chunks_of_file(f, size)


def _scan(chunks: Iterator[Tuple[bytes, int, int]]) -> Iterator[ScanMatch]:
    scanner = _native.Scanner()
    for chunk, start, end in chunks:
        for t in scanner.feed(chunk, start, end):
            yield _scan_match(t)
    for t in scanner.finish():
        yield _scan_match(t)


def scan(
    source: Union[bytes, bytearray, memoryview, str, "os.PathLike[str]", BinaryIO],
    *,
    chunk_size: int = 1 << 20,
) -> Iterator[ScanMatch]:
    """Every known code in a whole log, in input order, as an iterator of ``ScanMatch``.

    ``source`` is the log itself (bytes, bytearray, memoryview), a path (str or
    ``os.PathLike``; a gzip file, recognised by its magic bytes as the CLI does, is
    decompressed on the fly) or a file object opened in binary mode (text-mode reads are
    encoded as UTF-8). Files are read ``chunk_size`` bytes at a time, so memory stays flat
    whatever their size. A path is opened, and read errors raise, when iteration starts.

    Each match has its line number, byte offset and span, the text, how it was recognised
    (``How``), and the entry, or every candidate entry when the text fits several; a token
    with a family's prefix that names no known code has ``unknown_family`` set; a Finesse
    response embedded in a line has its ``diagnosis``.

        >>> import finesse_errors as fe
        >>> [m.entries[0].symbol for m in fe.scan(b"MsgType:FAILURE_CONF (Status:E_CTI_TIMEOUT)\\n")]
        ['E_CTI_TIMEOUT']
    """
    if not isinstance(chunk_size, int) or isinstance(chunk_size, bool) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive int, not {chunk_size!r}")
    if isinstance(source, (bytes, bytearray, memoryview)):
        return _scan(_chunks_of_buffer(source, chunk_size))
    if isinstance(source, (str, os.PathLike)):
        return _scan(_chunks_of_path(source, chunk_size))
    if callable(getattr(source, "read", None)):
        return _scan(_chunks_of_file(source, chunk_size))
    raise TypeError(
        f"scan reads bytes, a path or a binary file object, not {type(source).__name__}"
    )


# Resilience for a whole client: a retry budget, a breaker per Finesse node, one request's
# attempts, and the one call that turns an attempt into a decision (the Rust types, shared
# across threads like them).
RetryBudget = _native.RetryBudget
Nodes = _native.Nodes
Request = _native.Request
Decision = _native.Decision
decide = _native.decide

__all__ = [
    "Action",
    "AgentState",
    "ApiError",
    "Candidate",
    "Category",
    "CdrCause",
    "Decision",
    "Diagnosis",
    "DialerAction",
    "DialerFacts",
    "Entry",
    "Evidence",
    "Family",
    "Form",
    "How",
    "Layer",
    "Match",
    "Nodes",
    "PgStatus",
    "Platform",
    "Recovery",
    "Request",
    "Retry",
    "RetryBudget",
    "ScanMatch",
    "SipBasis",
    "SipMapping",
    "Verdict",
    "all_entries",
    "cdr_cause",
    "decide",
    "dialer_facts",
    "dialer_results_for_sip",
    "entries",
    "explain",
    "finesse_error",
    "lookup",
    "lookup_all",
    "lookup_code",
    "lookup_symbol",
    "lookup_symbol_all",
    "pg_status_flags",
    "resolve",
    "scan",
    "search",
]
