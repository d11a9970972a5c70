"""Type stubs of finesse_errors: the enumerations are built at import from the native module;
their members are listed here (tests/test_package.py checks that they agree)."""

import enum
from dataclasses import dataclass
import os
from typing import BinaryIO, Iterable, Iterator, List, Optional, Tuple, Union

__version__: str

__all__ = [
    "Action",
    "AgentState",
    "ApiError",
    "Candidate",
    "Category",
    "CdrCause",
    "Decision",
    "Diagnosis",
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
    "Verdict",
    "all_entries",
    "cdr_cause",
    "decide",
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

class Family(enum.Enum):
    """A family of codes: one table."""
    FINESSE_API = "finesse_api"
    CTI_STATUS = "cti_status"
    CTI_CONTROL_FAILURE = "cti_control_failure"
    PERIPHERAL = "peripheral"
    MEDIA_ROUTING = "media_routing"
    UNIFIED_CM = "unified_cm"
    CTIOS = "ctios"
    XMPP = "xmpp"
    REASON_CODE = "reason_code"
    FINESSE_JS = "finesse_js"
    CTIOS_FAILURE = "ctios_failure"
    CTIOS_CONNECTION = "ctios_connection"
    UCCE_CONFIG = "ucce_config"
    CTI_EVENT_CAUSE = "cti_event_cause"
    CTI_PG_STATUS = "cti_pg_status"
    CTI_SYSTEM_EVENT = "cti_system_event"
    UCCX_ERROR = "uccx_error"
    CUCM_CDR_CAUSE = "cucm_cdr_cause"
    CUCM_REDIRECT_REASON = "cucm_redirect_reason"
    CUCM_ONBEHALFOF = "cucm_onbehalfof"
    DIALER_CALL_RESULT = "dialer_call_result"

class Retry(enum.Enum):
    """Whether and how to retry."""
    NEVER = "never"
    AFTER_STATE_CHANGE = "after_state_change"
    AFTER_RECONNECT = "after_reconnect"
    AFTER_DELAY = "after_delay"
    NOT_NEEDED = "not_needed"

class Category(enum.Enum):
    """What kind of failure."""
    REQUEST = "request"
    AUTHENTICATION = "authentication"
    AUTHORIZATION = "authorization"
    NOT_FOUND = "not_found"
    STATE = "state"
    CONFIGURATION = "configuration"
    CAPACITY = "capacity"
    TIMEOUT = "timeout"
    CONNECTIVITY = "connectivity"
    SERVER = "server"
    UNAVAILABLE = "unavailable"
    TELEPHONY = "telephony"
    UNSUPPORTED = "unsupported"
    UNSPECIFIED = "unspecified"
    SUCCESS = "success"
    NORMAL_CLEARING = "normal_clearing"
    INFORMATIONAL = "informational"

class Layer(enum.Enum):
    """Which component raised it."""
    FINESSE = "finesse"
    CTI_SERVER = "cti_server"
    PERIPHERAL_GATEWAY = "peripheral_gateway"
    JTAPI_GATEWAY = "jtapi_gateway"
    UNIFIED_CM = "unified_cm"
    MEDIA_ROUTING = "media_routing"
    CTIOS = "ctios"
    XMPP_SERVER = "xmpp_server"
    FINESSE_JS = "finesse_js"
    UCCE_ADMIN = "ucce_admin"
    DIALER = "dialer"

class Platform(enum.Enum):
    """The platform of a reason code."""
    UCCE = "ucce"
    UCCX = "uccx"
    FINESSE = "finesse"

class Evidence(enum.Enum):
    """How we know what an entry says."""
    DOCUMENTED = "documented"
    OBSERVED = "observed"
    INFERRED = "inferred"

class Action(enum.Enum):
    """What to do first to recover."""
    NONE = "none"
    FIX_REQUEST = "fix_request"
    REFRESH_STATE = "refresh_state"
    WAIT_AND_RETRY = "wait_and_retry"
    RECONNECT = "reconnect"
    FAILOVER = "failover"
    SIGN_IN_AGAIN = "sign_in_again"
    ESCALATE = "escalate"

class Form(enum.Enum):
    """How a name or number matched an entry."""
    CODE = "code"
    SYMBOL = "symbol"
    UNPREFIXED = "unprefixed"
    CAMEL_CASE = "camel_case"

class SipBasis(enum.Enum):
    """How a composite CDR cause's SIP status was read."""
    LISTED = "listed"
    PATTERN = "pattern"

class How(enum.Enum):
    """How scan recognised a match in a log."""
    SYMBOL = "symbol"
    QUALIFIED = "qualified"
    FIELD = "field"
    HEX = "hex"
    XMPP = "xmpp"
    RESPONSE = "response"

@dataclass(frozen=True)
class Recovery:
    action: Action
    refresh: Optional[str]
    first_delay_ms: int
    factor: int
    max_delay_ms: int
    give_up_after_ms: Optional[int]
    failover: bool
    harmful_to_retry: bool
    source: str

@dataclass(frozen=True)
class Entry:
    family: Family
    code: Optional[int]
    code_text: Optional[str]
    http_status: Optional[int]
    platform: Optional[Platform]
    symbol: str
    aliases: Tuple[str, ...]
    category: Category
    retry: Retry
    layer: Layer
    message: str
    remediation: str
    source: str
    note: Optional[str]
    recovery: Recovery
    evidence: Evidence
    @property
    def twin(self) -> Optional[Entry]: ...

@dataclass(frozen=True)
class Match:
    entry: Entry
    via: str

@dataclass(frozen=True)
class ApiError:
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
    login_id: Optional[str]
    state: Optional[str]
    reason_code_id: Optional[str]
    reason_code: Optional[int]
    label: Optional[str]
    system: bool
    matches: Tuple[Match, ...]

@dataclass(frozen=True)
class Verdict:
    retry: Retry
    category: Category
    layer: Layer
    summary: str
    reason: str
    remediation: str
    basis: Optional[Match]
    disagreement: Optional[Match]
    recovery: Optional[Recovery]

@dataclass(frozen=True)
class Diagnosis:
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
    invented_status: Optional[int]
    @property
    def is_known(self) -> bool: ...

@dataclass(frozen=True)
class Candidate:
    """One entry a name or number can stand for, and how it matched."""
    entry: Entry
    form: Form

def lookup(family: Union[Family, str], code: Union[int, str]) -> Optional[Entry]: ...
def lookup_all(family: Union[Family, str], code: Union[int, str]) -> List[Entry]: ...
def lookup_code(code: Union[int, str]) -> List[Entry]: ...
def lookup_symbol(name: str) -> Optional[Entry]: ...
def lookup_symbol_all(name: str) -> List[Entry]: ...
def resolve(text: str) -> List[Candidate]: ...
def finesse_error(http_status: int, error_type: str) -> Optional[Entry]: ...

@dataclass(frozen=True)
class PgStatus:
    """A PGStatus value decoded: its named flags (lowest bit first) and the bits none names."""
    status: int
    flags: Tuple[Entry, ...]
    unknown_bits: int
    @property
    def is_normal(self) -> bool: ...

def pg_status_flags(status: int) -> PgStatus: ...

@dataclass(frozen=True)
class CdrCause:
    """A Unified CM CDR cause value decoded, listed or not."""
    value: int
    composite: bool
    sip_index: Optional[int]
    sip_status: Optional[int]
    sip_basis: Optional[SipBasis]
    entry: Optional[Entry]
    q850: Optional[Entry]

def cdr_cause(value: int) -> CdrCause: ...
def entries(family: Union[Family, str]) -> List[Entry]: ...
def all_entries() -> Tuple[Entry, ...]: ...
def search(words: Union[str, Iterable[str]]) -> List[Entry]: ...
def explain(
    http_status: Optional[int],
    body: Union[bytes, bytearray, memoryview, str],
    *,
    method: Optional[str] = ...,
    platform: Union[Platform, str, None] = ...,
) -> Diagnosis: ...

@dataclass(frozen=True)
class ScanMatch:
    """One code found in a log by scan."""
    line_number: int
    offset: int
    line_offset: int
    line: bytes
    span: Tuple[int, int]
    text: bytes
    how: How
    entries: Tuple[Entry, ...]
    unknown_family: Optional[Family]
    diagnosis: Optional[Diagnosis]
    @property
    def is_known(self) -> bool: ...
    @property
    def is_ambiguous(self) -> bool: ...

def scan(
    source: Union[bytes, bytearray, memoryview, str, os.PathLike[str], BinaryIO],
    *,
    chunk_size: int = ...,
) -> Iterator[ScanMatch]: ...

class RetryBudget:
    """A retry budget shared by every request of a client (AWS standard numbers by default)."""
    def __init__(
        self,
        capacity: float = ...,
        retry_cost: float = ...,
        timeout_cost: float = ...,
        success_refill: float = ...,
        failure_cost: float = ...,
        floor: float = ...,
    ) -> None: ...
    @staticmethod
    def grpc(max_tokens: float = ..., token_ratio: float = ...) -> RetryBudget: ...
    @property
    def tokens(self) -> float: ...
    def withdraw(self, timeout: bool = ...) -> bool: ...
    def deposit(self) -> None: ...

class Nodes:
    """The breakers of a client's Finesse nodes."""
    def __init__(self, count: int = ...) -> None: ...
    @property
    def active(self) -> int: ...
    def __len__(self) -> int: ...
    def route(self) -> Tuple[int, str, float]: ...
    def state(self, node: int) -> str: ...
    def trip(self, node: int) -> None: ...
    def record_probe(self, node: int, body: Union[bytes, str]) -> Optional[str]: ...

class Decision:
    """Retry or not, after how long (seconds), on which node, probing first or not, and why."""
    retry: bool
    after: float
    node: int
    probe: bool
    why: str
    summary: Optional[str]

class Request:
    """One request's attempts: call decide() after each."""
    def __init__(self, budget: RetryBudget, nodes: Nodes, method: str, seed: int = ...) -> None: ...
    @property
    def node(self) -> int: ...
    def decide(
        self,
        status: Optional[int] = ...,
        headers: Optional[object] = ...,
        body: Union[bytes, str, None] = ...,
        transport: Optional[str] = ...,
        still_needed: Optional[bool] = ...,
    ) -> Decision: ...

def decide(
    status: Optional[int],
    headers: Optional[object],
    body: Union[bytes, str, None],
    method: str,
    *,
    budget: Optional[RetryBudget] = ...,
    nodes: Optional[Nodes] = ...,
    node: int = ...,
    attempt: int = ...,
    elapsed: float = ...,
    transport: Optional[str] = ...,
    still_needed: Optional[bool] = ...,
    seed: int = ...,
) -> Decision: ...
