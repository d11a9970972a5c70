//! `pg_status_flags` and `cdr_cause`: values that are more than one code, decoded by the
//! crate's `decode` module; entries cross as indexes into `all()`.

use crate::index_of;
use finesse_errors::{SipBasis, cdr_cause, pg_status_flags};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyInt;

/// The names of `SipBasis`, in order.
const SIP_BASIS_NAMES: [&str; 2] = ["listed", "pattern"];

fn sip_basis_name(basis: SipBasis) -> &'static str {
    match basis {
        SipBasis::Listed => SIP_BASIS_NAMES[0],
        // SipBasis is non-exhaustive: a new basis is a pattern reading until Python learns it.
        _ => SIP_BASIS_NAMES[1],
    }
}

#[pyfunction]
fn sip_basis_names() -> Vec<&'static str> {
    SIP_BASIS_NAMES.to_vec()
}

/// A 32-bit value given as a Python int: unsigned, or signed as logs print it (-1 is
/// 0xFFFFFFFF); anything outside -2^31 .. 2^32-1 is a ValueError.
fn u32_arg(value: &Bound<'_, PyInt>) -> PyResult<u32> {
    if let Ok(unsigned) = value.extract::<u32>() {
        return Ok(unsigned);
    }
    value
        .extract::<i32>()
        .map(|signed| signed as u32)
        .map_err(|_| PyValueError::new_err(format!("{value} is not a 32-bit value")))
}

/// The value, the indexes of its named flags (lowest bit first) and its unknown bits.
#[pyfunction(name = "pg_status_flags")]
fn pg_status_flags_py(status: &Bound<'_, PyInt>) -> PyResult<(u32, Vec<usize>, u32)> {
    let flags = pg_status_flags(u32_arg(status)?);
    let unknown = flags.unknown_bits();
    Ok((flags.status(), flags.map(index_of).collect(), unknown))
}

/// What the decoded value, as a tuple: (value, composite, sip_index, sip_status, sip_basis,
/// entry index, q850 index).
type Cause = (
    u32,
    bool,
    Option<u8>,
    Option<u16>,
    Option<&'static str>,
    Option<usize>,
    Option<usize>,
);

#[pyfunction(name = "cdr_cause")]
fn cdr_cause_py(value: &Bound<'_, PyInt>) -> PyResult<Cause> {
    let cause = cdr_cause(u32_arg(value)?);
    let sip = cause.sip_status();
    Ok((
        cause.value(),
        cause.is_composite(),
        cause.sip_index(),
        sip.map(|(status, _)| status),
        sip.map(|(_, basis)| sip_basis_name(basis)),
        cause.entry().map(index_of),
        cause.q850().map(index_of),
    ))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(sip_basis_names, m)?)?;
    m.add_function(wrap_pyfunction!(pg_status_flags_py, m)?)?;
    m.add_function(wrap_pyfunction!(cdr_cause_py, m)?)?;
    Ok(())
}
