//! `finesse_errors._native`: the Rust crate's lookups and `explain`, for the typed Python
//! package around it (`finesse_errors/__init__.py`).
//!
//! Entries cross as indexes into the crate's one static table (`finesse_errors::all()`); the
//! Python side builds each entry once. Nothing here copies a table: the data is the crate's.

use finesse_errors::explain::{self, Context, Diagnosis, ExplainError, Link, MAX_BODY_LEN, Method};
use finesse_errors::{
    Action, Category, ErrorInfo, Evidence, Family, Form, KeyKind, Layer, Platform, Recovery, Retry,
    all, entries, finesse_error, lookup_all, lookup_code_str, lookup_symbol_all, parse_code,
};
mod decode;
mod dialer;
mod resilience;
mod scan;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyInt, PyMemoryView, PyString};
use std::borrow::Cow;

/// The index of an entry in `all()`: entries are only ever handed out from that table.
pub(crate) fn index_of(info: &ErrorInfo) -> usize {
    let base = all().as_ptr().addr();
    (std::ptr::from_ref(info).addr() - base) / size_of::<ErrorInfo>()
}

fn family_of(name: &str) -> PyResult<Family> {
    name.parse::<Family>()
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

fn names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|&v| name(v)).collect()
}

#[pyfunction]
fn family_names() -> Vec<&'static str> {
    names(Family::ALL, Family::name)
}

#[pyfunction]
fn retry_names() -> Vec<&'static str> {
    names(Retry::ALL, Retry::name)
}

#[pyfunction]
fn category_names() -> Vec<&'static str> {
    names(Category::ALL, Category::name)
}

#[pyfunction]
fn layer_names() -> Vec<&'static str> {
    names(Layer::ALL, Layer::name)
}

#[pyfunction]
fn platform_names() -> Vec<&'static str> {
    names(Platform::ALL, Platform::name)
}

#[pyfunction]
fn evidence_names() -> Vec<&'static str> {
    names(Evidence::ALL, Evidence::name)
}

#[pyfunction]
fn action_names() -> Vec<&'static str> {
    names(Action::ALL, Action::name)
}

#[pyfunction]
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[pyfunction]
fn entry_count() -> usize {
    all().len()
}

fn recovery_dict<'py>(py: Python<'py>, plan: &Recovery) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("action", plan.action().name())?;
    d.set_item("refresh", plan.refresh())?;
    d.set_item("first_delay_ms", plan.first_delay().as_millis() as u64)?;
    d.set_item("factor", plan.factor())?;
    d.set_item("max_delay_ms", plan.max_delay().as_millis() as u64)?;
    d.set_item(
        "give_up_after_ms",
        plan.give_up_after().map(|d| d.as_millis() as u64),
    )?;
    d.set_item("failover", plan.failover())?;
    d.set_item("harmful_to_retry", plan.harmful_to_retry())?;
    d.set_item("source", plan.source())?;
    Ok(d)
}

/// Every field of the entry at `index`.
#[pyfunction]
fn entry<'py>(py: Python<'py>, index: usize) -> PyResult<Bound<'py, PyDict>> {
    let info = all()
        .get(index)
        .ok_or_else(|| PyValueError::new_err(format!("no entry {index}")))?;
    let d = PyDict::new(py);
    d.set_item("family", info.family().name())?;
    d.set_item("code", info.code())?;
    d.set_item("code_text", info.code_text().map(|c| c.to_string()))?;
    d.set_item("http_status", info.http_status())?;
    d.set_item("platform", info.platform().map(Platform::name))?;
    d.set_item("symbol", info.symbol())?;
    d.set_item("aliases", info.aliases().collect::<Vec<_>>())?;
    d.set_item("category", info.category().name())?;
    d.set_item("retry", info.retry().name())?;
    d.set_item("layer", info.layer().name())?;
    d.set_item("message", info.message())?;
    d.set_item("remediation", info.remediation())?;
    d.set_item("source", info.source())?;
    d.set_item("note", info.note())?;
    d.set_item("recovery", recovery_dict(py, info.recovery())?)?;
    d.set_item("evidence", info.evidence().name())?;
    // The twin's index in `all()`: entries are one slice, so it follows from the address.
    let twin = info
        .twin()
        .map(|t| (core::ptr::from_ref(t).addr() - all().as_ptr().addr()) / size_of::<ErrorInfo>());
    d.set_item("twin", twin)?;
    Ok(d)
}

/// A code as Python may give it: an int (in 32 bits, signed or, for Unified CM, unsigned) or
/// a string in any form the family writes codes in.
fn code_arg(family: Family, code: &Bound<'_, PyAny>) -> PyResult<Option<i32>> {
    if let Ok(text) = code.cast::<PyString>() {
        return Ok(parse_code(family, &text.to_cow()?));
    }
    if code.is_instance_of::<pyo3::types::PyBool>() {
        return Err(PyTypeError::new_err(
            "code must be an int or a str, not bool",
        ));
    }
    let Ok(number) = code.extract::<i64>() else {
        if code.is_instance_of::<pyo3::types::PyInt>() {
            return Err(PyValueError::new_err("code is out of the 32-bit range"));
        }
        return Err(PyTypeError::new_err(format!(
            "code must be an int or a str, not {}",
            code.get_type().name()?
        )));
    };
    match i32::try_from(number) {
        Ok(code) => Ok(Some(code)),
        Err(_) if is_word(family) && (0..=i64::from(u32::MAX)).contains(&number) => {
            Ok(Some(number as u32 as i32))
        }
        Err(_) => Err(PyValueError::new_err(format!(
            "code {number} is out of the 32-bit range"
        ))),
    }
}

/// Whether a family's codes are 32-bit words, given as unsigned numbers too.
fn is_word(family: Family) -> bool {
    matches!(
        family.key_kind(),
        KeyKind::Hex32 | KeyKind::Flags | KeyKind::Composite
    )
}

/// Every entry of a family with this code (several only for reason codes of several
/// platforms).
#[pyfunction]
fn lookup(family: &str, code: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    let family = family_of(family)?;
    Ok(match code_arg(family, code)? {
        Some(code) => lookup_all(family, code).map(index_of).collect(),
        None => Vec::new(),
    })
}

/// Every entry whose code, in any family, is written as `text` (or is the int given).
#[pyfunction]
fn lookup_code(code: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    if let Ok(text) = code.cast::<PyString>() {
        return Ok(lookup_code_str(&text.to_cow()?).map(index_of).collect());
    }
    let mut found = Vec::new();
    for &family in Family::ALL {
        // Out of range for one family is simply no code of it.
        if let Ok(Some(number)) = code_arg(family, code) {
            found.extend(lookup_all(family, number).map(index_of));
        }
    }
    if found.is_empty() && !code.is_instance_of::<pyo3::types::PyInt>() {
        return Err(PyTypeError::new_err("code must be an int or a str"));
    }
    Ok(found)
}

#[pyfunction]
fn lookup_symbol(name: &str) -> Vec<usize> {
    lookup_symbol_all(name).map(index_of).collect()
}

/// Every candidate of `finesse_errors::resolve`: (entry index, form name), best first.
#[pyfunction]
fn resolve(text: &str) -> Vec<(usize, &'static str)> {
    finesse_errors::resolve(text)
        .map(|c| (index_of(c.entry()), c.form().name()))
        .collect()
}

#[pyfunction]
fn form_names() -> Vec<&'static str> {
    Form::ALL.iter().map(|f| f.name()).collect()
}

/// An HTTP status from any Python int: one that does not fit (`2**64`, `-1`) is a ValueError,
/// as documented, never an OverflowError.
fn status_arg(status: &Bound<'_, PyInt>) -> PyResult<u16> {
    status
        .extract::<u16>()
        .map_err(|_| PyValueError::new_err(format!("{status} is not an HTTP status")))
}

#[pyfunction(name = "finesse_error")]
fn finesse_error_py(http_status: &Bound<'_, PyInt>, error_type: &str) -> PyResult<Option<usize>> {
    Ok(finesse_error(status_arg(http_status)?, error_type).map(index_of))
}

/// The bytes of a body, refused before any copy when it is over the limit: bytes are
/// borrowed; a str, bytearray or memoryview is measured first and copied only if it fits.
fn body_arg<'a>(body: &'a Bound<'_, PyAny>) -> PyResult<Cow<'a, [u8]>> {
    let too_large = |len| PyValueError::new_err(ExplainError::TooLarge { len }.to_string());
    if let Ok(b) = body.cast::<PyBytes>() {
        return Ok(Cow::Borrowed(b.as_bytes()));
    }
    let is_str = body.is_instance_of::<PyString>();
    if !(is_str || body.is_instance_of::<PyByteArray>() || body.is_instance_of::<PyMemoryView>()) {
        return Err(PyTypeError::new_err(format!(
            "body must be bytes or str, not {}",
            body.get_type().name()?
        )));
    }
    // Characters or items: never more than the bytes they stand for.
    let len = body.len()?;
    if len > MAX_BODY_LEN {
        return Err(too_large(len));
    }
    if let Ok(s) = body.cast::<PyString>() {
        return Ok(Cow::Owned(s.to_cow()?.as_bytes().to_vec()));
    }
    if let Ok(b) = body.cast::<PyByteArray>() {
        return Ok(Cow::Owned(b.to_vec()));
    }
    let bytes = body.call_method0("tobytes")?;
    Ok(Cow::Owned(bytes.cast::<PyBytes>()?.as_bytes().to_vec()))
}

#[pyfunction(name = "entries")]
fn entries_py(family: &str) -> PyResult<Vec<usize>> {
    Ok(entries(family_of(family)?).iter().map(index_of).collect())
}

#[pyfunction(name = "search")]
fn search_py(words: Vec<String>) -> Vec<usize> {
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    finesse_errors::search(&words).map(index_of).collect()
}

fn link_dict<'py>(py: Python<'py>, link: &Link) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("entry", index_of(link.info))?;
    d.set_item("via", link.via.name())?;
    Ok(d)
}

fn links<'py>(py: Python<'py>, links: &[Link]) -> PyResult<Vec<Bound<'py, PyDict>>> {
    links.iter().map(|l| link_dict(py, l)).collect()
}

pub(crate) fn diagnosis_dict<'py>(py: Python<'py>, d: &Diagnosis) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("http_status", d.http_status)?;
    out.set_item("form", d.form.name())?;
    out.set_item("event", d.event.as_deref())?;
    out.set_item("request_id", d.request_id.as_deref())?;
    out.set_item("source", d.source.as_deref())?;
    out.set_item("truncated", d.truncated)?;
    out.set_item("omitted_errors", d.omitted_errors)?;
    out.set_item("invented_status", d.invented_status)?;
    let mut errors = Vec::new();
    for e in &d.errors {
        let item = PyDict::new(py);
        item.set_item("error_type", e.error_type.as_deref())?;
        item.set_item("error_message", e.error_message.as_deref())?;
        item.set_item("error_data", e.error_data.as_deref())?;
        item.set_item("error_media", e.error_media.as_deref())?;
        item.set_item("peripheral_error_code", e.peripheral_error_code.as_deref())?;
        item.set_item("peripheral_error_msg", e.peripheral_error_msg.as_deref())?;
        item.set_item("peripheral_error_text", e.peripheral_error_text.as_deref())?;
        item.set_item("condition", e.condition.as_deref())?;
        item.set_item("matches", links(py, &e.links)?)?;
        errors.push(item);
    }
    out.set_item("errors", errors)?;
    let mut agents = Vec::new();
    for a in &d.agents {
        let item = PyDict::new(py);
        item.set_item("login_id", a.login_id.as_deref())?;
        item.set_item("state", a.state.as_deref())?;
        item.set_item("reason_code_id", a.reason_code_id.as_deref())?;
        item.set_item("reason_code", a.reason_code())?;
        item.set_item("label", a.label.as_deref())?;
        item.set_item("system", a.is_system())?;
        item.set_item("matches", links(py, &a.links)?)?;
        agents.push(item);
    }
    out.set_item("agents", agents)?;
    let v = &d.verdict;
    let verdict = PyDict::new(py);
    verdict.set_item("retry", v.retry.name())?;
    verdict.set_item("category", v.category.name())?;
    verdict.set_item("layer", v.layer.name())?;
    verdict.set_item("summary", v.summary.as_str())?;
    verdict.set_item("reason", v.reason.as_str())?;
    verdict.set_item("remediation", v.remediation())?;
    verdict.set_item(
        "basis",
        v.basis.as_ref().map(|l| link_dict(py, l)).transpose()?,
    )?;
    verdict.set_item(
        "disagreement",
        v.disagreement
            .as_ref()
            .map(|l| link_dict(py, l))
            .transpose()?,
    )?;
    verdict.set_item(
        "recovery",
        v.recovery.map(|plan| recovery_dict(py, plan)).transpose()?,
    )?;
    out.set_item("verdict", verdict)?;
    Ok(out)
}

/// Diagnoses a response body (bytes or str) with an optional HTTP status, method and platform.
#[pyfunction(name = "explain", signature = (http_status, body, method=None, platform=None))]
fn explain_py<'py>(
    py: Python<'py>,
    http_status: Option<&Bound<'py, PyInt>>,
    body: &Bound<'py, PyAny>,
    method: Option<&str>,
    platform: Option<&str>,
) -> PyResult<Bound<'py, PyDict>> {
    let status = http_status.map(status_arg).transpose()?;
    let bytes = body_arg(body)?;
    let mut context = Context::new();
    if let Some(method) = method {
        let method = method
            .parse::<Method>()
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        context = context.method(method);
    }
    if let Some(platform) = platform {
        let platform = platform
            .parse::<Platform>()
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        context = context.platform(platform);
    }
    let diagnosis = explain::explain_with(context, status, &bytes)
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    diagnosis_dict(py, &diagnosis)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(family_names, m)?)?;
    m.add_function(wrap_pyfunction!(retry_names, m)?)?;
    m.add_function(wrap_pyfunction!(category_names, m)?)?;
    m.add_function(wrap_pyfunction!(layer_names, m)?)?;
    m.add_function(wrap_pyfunction!(platform_names, m)?)?;
    m.add_function(wrap_pyfunction!(evidence_names, m)?)?;
    m.add_function(wrap_pyfunction!(action_names, m)?)?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(resolve, m)?)?;
    m.add_function(wrap_pyfunction!(form_names, m)?)?;
    m.add_function(wrap_pyfunction!(entry_count, m)?)?;
    m.add_function(wrap_pyfunction!(entry, m)?)?;
    m.add_function(wrap_pyfunction!(lookup, m)?)?;
    m.add_function(wrap_pyfunction!(lookup_code, m)?)?;
    m.add_function(wrap_pyfunction!(lookup_symbol, m)?)?;
    m.add_function(wrap_pyfunction!(finesse_error_py, m)?)?;
    m.add_function(wrap_pyfunction!(entries_py, m)?)?;
    m.add_function(wrap_pyfunction!(search_py, m)?)?;
    m.add_function(wrap_pyfunction!(explain_py, m)?)?;
    decode::register(m)?;
    dialer::register(m)?;
    resilience::register(m)?;
    scan::register(m)?;
    Ok(())
}
