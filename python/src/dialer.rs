//! `dialer_facts` and `dialer_results_for_sip`: the Outbound Option Dialer's facts per
//! CallResult and Cisco's SIP status × Q.850 cause → CallResult table, from the crate's
//! `dialer` module; entries cross as indexes into `all()`.

use crate::index_of;
use finesse_errors::{DialerAction, DialerFacts, SipMapping, dialer_facts, dialer_results_for_sip};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyInt;

#[pyfunction]
fn dialer_action_names() -> Vec<&'static str> {
    DialerAction::ALL.iter().map(|a| a.name()).collect()
}

/// The facts as a tuple: (code, counted_attempt, live_voice, action name, entry index); a
/// blank column of Cisco's table is None.
type Facts = (
    i32,
    Option<bool>,
    Option<bool>,
    Option<&'static str>,
    Option<usize>,
);

fn facts_tuple(facts: &DialerFacts) -> Facts {
    (
        facts.code(),
        facts.counted_attempt(),
        facts.live_voice(),
        facts.action().map(DialerAction::name),
        facts.entry().map(index_of),
    )
}

/// A Python int in a Rust integer type, or a ValueError naming what it should be.
fn int_arg<T: for<'a, 'py> FromPyObject<'a, 'py>>(
    value: &Bound<'_, PyInt>,
    what: &str,
) -> PyResult<T> {
    value
        .extract::<T>()
        .map_err(|_| PyValueError::new_err(format!("{value} is not {what}")))
}

#[pyfunction(name = "dialer_facts")]
fn dialer_facts_py(call_result: &Bound<'_, PyInt>) -> PyResult<Option<Facts>> {
    let code: i32 = int_arg(call_result, "a 32-bit CallResult")?;
    Ok(dialer_facts(code).as_ref().map(facts_tuple))
}

/// One row as a tuple: (sip_status, q850_cause, check_call_state, call_state, call_result,
/// entry index, facts, note).
type Row = (
    u16,
    u8,
    bool,
    &'static str,
    i32,
    Option<usize>,
    Option<Facts>,
    &'static str,
);

fn row_tuple(m: &SipMapping) -> Row {
    (
        m.sip_status(),
        m.q850_cause(),
        m.check_call_state(),
        m.call_state(),
        m.call_result(),
        m.entry().map(index_of),
        m.facts().as_ref().map(facts_tuple),
        m.note(),
    )
}

#[pyfunction(name = "dialer_results_for_sip")]
fn dialer_results_for_sip_py(
    sip_status: &Bound<'_, PyInt>,
    q850_cause: &Bound<'_, PyInt>,
) -> PyResult<Vec<Row>> {
    let status: u16 = int_arg(sip_status, "a SIP status (0 to 65535)")?;
    let cause: u8 = int_arg(q850_cause, "a Q.850 cause (0 to 255)")?;
    Ok(dialer_results_for_sip(status, cause)
        .map(row_tuple)
        .collect())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(dialer_action_names, m)?)?;
    m.add_function(wrap_pyfunction!(dialer_facts_py, m)?)?;
    m.add_function(wrap_pyfunction!(dialer_results_for_sip_py, m)?)?;
    Ok(())
}
