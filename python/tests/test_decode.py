"""pg_status_flags and cdr_cause: values that are more than one code."""

import pytest

import finesse_errors as fe


def test_pg_status_names_each_flag_lowest_bit_first():
    decoded = fe.pg_status_flags(0x3)
    assert isinstance(decoded, fe.PgStatus)
    assert [e.symbol for e in decoded.flags] == ["PGS_OPC_DOWN", "PGS_CC_DOWN"]
    assert all(e.family is fe.Family.CTI_PG_STATUS for e in decoded.flags)
    assert decoded.flags[0] is fe.lookup(fe.Family.CTI_PG_STATUS, 1)
    assert decoded.unknown_bits == 0
    assert decoded.status == 3
    assert not decoded.is_normal


def test_pg_status_reports_unnamed_bits():
    decoded = fe.pg_status_flags(0x80000001)
    assert [e.symbol for e in decoded.flags] == ["PGS_OPC_DOWN"]
    assert decoded.unknown_bits == 0x80000000


def test_pg_status_zero_is_normal():
    decoded = fe.pg_status_flags(0)
    assert decoded.flags == ()
    assert decoded.unknown_bits == 0
    assert decoded.is_normal


def test_pg_status_every_bit_is_named_or_unknown_once():
    decoded = fe.pg_status_flags(-1)
    assert decoded.status == 0xFFFFFFFF
    named = 0
    for entry in decoded.flags:
        assert entry.code & named == 0
        named |= entry.code
    assert named & decoded.unknown_bits == 0
    assert named | decoded.unknown_bits == 0xFFFFFFFF
    assert decoded == fe.pg_status_flags(0xFFFFFFFF)


def test_cdr_cause_listed_composite():
    busy = fe.cdr_cause(0x46000011)
    assert isinstance(busy, fe.CdrCause)
    assert busy.composite
    assert busy.sip_index == 0x46
    assert busy.sip_status == 486
    assert busy.sip_basis is fe.SipBasis.LISTED
    assert busy.entry is not None and busy.entry.symbol == "CCM_SIP_486_BUSY_HERE"
    assert busy.entry.family is fe.Family.CUCM_CDR_CAUSE
    assert busy.q850 is not None and busy.q850.code == 17


def test_cdr_cause_unlisted_composite_still_decodes():
    cause = fe.cdr_cause(0x4600001F)
    assert cause.entry is None
    assert cause.composite
    assert (cause.sip_status, cause.sip_basis) == (486, fe.SipBasis.LISTED)
    assert cause.q850 is not None and cause.q850.code == 31


def test_cdr_cause_plain_q850_is_no_composite():
    cause = fe.cdr_cause(16)
    assert not cause.composite
    assert cause.sip_index is None and cause.sip_status is None and cause.sip_basis is None
    assert cause.q850 is None
    assert cause.entry is fe.lookup(fe.Family.CUCM_CDR_CAUSE, 16)
    assert cause.entry is not None


def test_cdr_cause_signed_form_is_the_same_bits():
    signed = fe.cdr_cause(-1493172161)
    assert signed == fe.cdr_cause(0xA700003F)
    assert signed.value == 0xA700003F
    assert signed.sip_status == 503
    assert signed.entry is not None
    assert signed.entry.symbol == "CCM_SIP_503_SERVICE_UNAVAILABLE_SER_OPTION_NOAV"
    assert signed.q850 is not None and signed.q850.code == 63


@pytest.mark.parametrize("value", [2**32, -(2**31) - 1, 2**64, -(2**63)])
def test_values_outside_32_bits_are_refused(value):
    with pytest.raises(ValueError):
        fe.cdr_cause(value)
    with pytest.raises(ValueError):
        fe.pg_status_flags(value)


@pytest.mark.parametrize("value", ["3", 3.0, None, True])
def test_non_ints_are_refused(value):
    with pytest.raises(TypeError):
        fe.cdr_cause(value)
    with pytest.raises(TypeError):
        fe.pg_status_flags(value)
