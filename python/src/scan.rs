//! `finesse_errors.scan`: the crate's streaming log scanner behind a small native class.
//!
//! The Python side reads the input (bytes, a path, a file object) in chunks and feeds them
//! here; each call answers the matches the chunk completed, already copied out of the
//! borrowed input (line and span), so nothing outlives the call.

use crate::{diagnosis_dict, index_of};
use finesse_errors::scan::{Finding, How, Match, Scanner as RustScanner};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyTuple};

/// The names of `How`, in the crate's order, for the Python enum.
#[pyfunction]
pub fn how_names() -> Vec<&'static str> {
    [
        How::Symbol,
        How::Qualified,
        How::Field,
        How::Hex,
        How::Xmpp,
        How::Response,
    ]
    .iter()
    .map(|h| h.name())
    .collect()
}

/// One match as a tuple: (line_number, line_offset, line, start, end, how, entries,
/// unknown_family, diagnosis).
fn match_tuple<'py>(py: Python<'py>, m: &Match<'_>) -> PyResult<Bound<'py, PyTuple>> {
    let (entries, unknown, diagnosis): (Vec<usize>, Option<&str>, Option<Bound<'py, PyDict>>) =
        match &m.finding {
            Finding::Known(entries) => (entries.iter().map(index_of).collect(), None, None),
            Finding::Unknown(family) => (Vec::new(), Some(family.name()), None),
            Finding::Diagnosis(d) => (Vec::new(), None, Some(diagnosis_dict(py, d)?)),
            // Finding is non-exhaustive: a new kind shows as a match with no entry.
            _ => (Vec::new(), None, None),
        };
    (
        m.line_number,
        m.line_offset,
        PyBytes::new(py, m.line),
        m.span.start,
        m.span.end,
        m.how.name(),
        entries,
        unknown,
        diagnosis,
    )
        .into_pyobject(py)
}

/// A scanner fed chunks split anywhere; every match once, whatever the split.
#[pyclass(module = "finesse_errors._native")]
pub struct Scanner {
    inner: RustScanner,
}

#[pymethods]
impl Scanner {
    #[new]
    fn new() -> Scanner {
        Scanner {
            inner: RustScanner::new(),
        }
    }

    /// Reads `data[start:end]` (bytes or bytearray; bytes are borrowed, a bytearray is
    /// copied) and returns the matches it completed.
    #[pyo3(signature = (data, start=0, end=None))]
    fn feed<'py>(
        &mut self,
        py: Python<'py>,
        data: &Bound<'py, PyAny>,
        start: usize,
        end: Option<usize>,
    ) -> PyResult<Vec<Bound<'py, PyTuple>>> {
        let owned;
        let bytes: &[u8] = if let Ok(b) = data.cast::<PyBytes>() {
            b.as_bytes()
        } else if let Ok(b) = data.cast::<PyByteArray>() {
            owned = b.to_vec();
            &owned
        } else {
            return Err(PyTypeError::new_err(format!(
                "a chunk must be bytes or bytearray, not {}",
                data.get_type().name()?
            )));
        };
        let end = end.unwrap_or(bytes.len());
        let chunk = bytes
            .get(start..end)
            .ok_or_else(|| PyValueError::new_err("start and end are outside the chunk"))?;
        let mut out = Vec::new();
        let mut failure = None;
        self.inner.feed(chunk, |m| match match_tuple(py, &m) {
            Ok(t) => out.push(t),
            Err(e) => failure = failure.take().or(Some(e)),
        });
        failure.map_or(Ok(out), Err)
    }

    /// Ends the input: the matches of a last line without a line break. The scanner is then
    /// ready for a new input.
    fn finish<'py>(&mut self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyTuple>>> {
        let mut out = Vec::new();
        let mut failure = None;
        self.inner.finish(|m| match match_tuple(py, &m) {
            Ok(t) => out.push(t),
            Err(e) => failure = failure.take().or(Some(e)),
        });
        failure.map_or(Ok(out), Err)
    }

    /// The bytes held back for the next chunk (at most about one long line).
    fn buffered(&self) -> usize {
        self.inner.buffered()
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(how_names, m)?)?;
    m.add_class::<Scanner>()?;
    Ok(())
}
