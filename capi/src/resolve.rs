//! `fe_resolve()`: names and numbers as software prints them, with every candidate entry.
//! (Paths go through `super`: the fuzz targets compile this crate as a module.)

use super::entry::{fe_error, to_c};
use super::{guard, str_arg};
use core::ffi::{CStr, c_char};
use core::ptr;
use errors::Form;

/// Number of match forms: the valid form values are 0 to FE_FORM_COUNT - 1.
pub const FE_FORM_COUNT: u32 = 4;

/// How a candidate of fe_resolve() matched the text, best first.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum fe_form {
    /// The text is a code, in a form its family writes codes in ("code").
    Code = 0,
    /// The text is the entry's published symbol or one of its aliases ("symbol").
    Symbol = 1,
    /// The text is the entry's symbol or alias without its family's prefix, as client
    /// libraries print constants ("unprefixed").
    Unprefixed = 2,
    /// The text is CamelCase and spells the entry's symbol or alias, with or without its
    /// prefix, once case and underscores are ignored ("camel_case").
    CamelCase = 3,
}

// The C values are the Rust ones: a renumbering on either side fails to compile.
const _: () = {
    assert!(fe_form::Code as u32 == Form::Code as u32);
    assert!(fe_form::Symbol as u32 == Form::Symbol as u32);
    assert!(fe_form::Unprefixed as u32 == Form::Unprefixed as u32);
    assert!(fe_form::CamelCase as u32 == Form::CamelCase as u32);
    assert!(Form::ALL.len() == FE_FORM_COUNT as usize);
};

const fn c_form(form: Form) -> fe_form {
    match form {
        Form::Code => fe_form::Code,
        Form::Symbol => fe_form::Symbol,
        Form::Unprefixed => fe_form::Unprefixed,
        // Form is non-exhaustive; the assertion above fails to compile when it grows.
        _ => fe_form::CamelCase,
    }
}

const FORM_NAMES: [&CStr; FE_FORM_COUNT as usize] =
    [c"code", c"symbol", c"unprefixed", c"camel_case"];

/// One entry a text can stand for: written by fe_resolve().
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct fe_candidate {
    /// The entry (static: never free it).
    pub entry: *const fe_error,
    /// How the text matched it: one of the FE_FORM_* constants.
    pub form_id: fe_form,
}

/// Every entry a name or number can stand for, as logs and client libraries print it: a code
/// in every family (each in the forms it writes codes in), a symbol or alias, the constant
/// without its family prefix ("INVALID_AGENT_WORKMODE", "TIMEOUT"), qualified by a class
/// ("ControlFailureCode.INVALID_AGENT_WORKMODE", "CiscoJtapiException.CTIERR_TIMEOUT") or in
/// CamelCase ("CFInvalidAgentWorkMode", compared ignoring case and underscores). The same rules as the Rust finesse_errors::resolve().
///
/// Writes up to capacity candidates to out, best first (code, symbol, unprefixed, camel case;
/// then in FE_FAMILY_* order), and returns how many there are in all: when that is more than
/// capacity, call again with a larger array. Never picks one candidate for you: a return of 2
/// or more means the text fits several entries. Returns 0 when text is NULL, not valid UTF-8
/// or matches nothing; out may be NULL when capacity is 0 (to count).
///
/// # Safety
/// text must be NULL or point to a NUL-terminated string that stays readable and unchanged
/// during the call; out must be NULL or point to writable memory for capacity fe_candidate.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_resolve(
    text: *const c_char,
    out: *mut fe_candidate,
    capacity: usize,
) -> usize {
    guard(0, || {
        // SAFETY: forwarded from this function's contract.
        let Some(text) = (unsafe { str_arg(text) }) else {
            return 0;
        };
        let mut total = 0;
        for candidate in errors::resolve(text) {
            let Some(entry) = to_c(candidate.entry()) else {
                continue;
            };
            if total < capacity && !out.is_null() {
                let written = fe_candidate {
                    entry: ptr::from_ref(entry),
                    form_id: c_form(candidate.form()),
                };
                // SAFETY: `out` is not NULL and the caller guarantees room for `capacity`
                // candidates; `total < capacity`.
                unsafe { out.add(total).write(written) };
            }
            total += 1;
        }
        total
    })
}

/// The name of a match form ("code", "symbol", "unprefixed"); NULL if form is not one of the
/// FE_FORM_* constants. The string is static: never free it.
#[unsafe(no_mangle)]
pub extern "C" fn fe_form_name(form: u32) -> *const c_char {
    super::name_of(&FORM_NAMES, form)
}
