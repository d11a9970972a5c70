//! `fe_dialer_facts()` and the SIP map (`fe_dialer_sip_count()`, `fe_dialer_sip_at()`): the
//! Outbound Option Dialer's facts per CallResult, and Cisco's SIP status x Q.850 cause ->
//! CallResult table. (Paths go through `super`: the fuzz targets compile this crate as a
//! module.)

use super::decode::entry_ptr;
use super::entry::fe_error;
use super::vocab::{DIALER_ACTION_NAMES, c_dialer_action, fe_dialer_action};
use super::{guard, name_of};
use core::ffi::c_char;
use core::ptr;
use errors::{DialerFacts, SipMapping};

/// What Cisco's CallResults table says about one CallResult: written by fe_dialer_facts().
///
/// Cisco leaves some columns blank: each of counted_attempt, live_voice and action comes with
/// a has_ flag that is false where the column is blank (then the value is false, or
/// FE_DIALER_ACTION_NONE and NULL). Example: CallResult 9 (BUSY) is counted as an attempt, is
/// no live voice, and its action is FE_DIALER_ACTION_BUSY_RETRY; CallResult 0 (not yet
/// dialed) has all three blank.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct fe_dialer_facts_t {
    /// The CallResult.
    pub call_result: i32,
    /// Whether Cisco's table says whether the attempt counts (false: the column is blank).
    pub has_counted_attempt: bool,
    /// Whether the attempt counts toward the record's attempts; false when
    /// has_counted_attempt is false.
    pub counted_attempt: bool,
    /// Whether Cisco's table says whether live voice was detected (false: the column is
    /// blank).
    pub has_live_voice: bool,
    /// Whether the dialer detected live voice; false when has_live_voice is false.
    pub live_voice: bool,
    /// Whether Cisco's table gives the dialer's next action (false: the column is blank).
    pub has_action: bool,
    /// What the dialer does with the record next: one of the FE_DIALER_ACTION_* constants;
    /// FE_DIALER_ACTION_NONE when has_action is false (check has_action: NONE is also an
    /// action Cisco gives, "not dialed again").
    pub action_id: fe_dialer_action,
    /// The action's name ("busy_retry", ...), as fe_dialer_action_name(action_id); NULL when
    /// has_action is false. Static: never free it.
    pub action: *const c_char,
    /// The CallResult's entry (family FE_FAMILY_DIALER_CALL_RESULT), or NULL if it has none.
    /// Static: never free it.
    pub entry: *const fe_error,
}

/// One row of Cisco's SIP status x Q.850 cause -> CallResult table: written by
/// fe_dialer_sip_at().
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct fe_sip_mapping {
    /// The SIP status the dialer received (486, ...).
    pub sip_status: u16,
    /// The Q.850 cause that came with it (17, ...).
    pub q850_cause: u8,
    /// Whether the row applies only when the dialer checks the call's state.
    pub check_call_state: bool,
    /// The call state the row applies in, as Cisco prints it ("CS_NONE", "CS_ALERTED", ...).
    /// Static: never free it.
    pub call_state: *const c_char,
    /// The CallResult the dialer records.
    pub call_result: i32,
    /// The CallResult's entry (family FE_FAMILY_DIALER_CALL_RESULT), or NULL if it has none.
    /// Static: never free it.
    pub entry: *const fe_error,
    /// Whether facts holds the CallResult's facts (always true for Cisco's table: every
    /// CallResult it maps to is a row of the CallResults table).
    pub has_facts: bool,
    /// The facts of the CallResult, as fe_dialer_facts(call_result) writes them; all zero
    /// (NULL pointers) when has_facts is false.
    pub facts: fe_dialer_facts_t,
    /// Our note on the row (a duplicate, a conflict with another row), or "". Static: never
    /// free it.
    pub note: *const c_char,
}

const NO_FACTS: fe_dialer_facts_t = fe_dialer_facts_t {
    call_result: 0,
    has_counted_attempt: false,
    counted_attempt: false,
    has_live_voice: false,
    live_voice: false,
    has_action: false,
    action_id: fe_dialer_action::None,
    action: ptr::null(),
    entry: ptr::null(),
};

fn c_facts(facts: &DialerFacts) -> fe_dialer_facts_t {
    let action = facts.action();
    fe_dialer_facts_t {
        call_result: facts.code(),
        has_counted_attempt: facts.counted_attempt().is_some(),
        counted_attempt: facts.counted_attempt().unwrap_or(false),
        has_live_voice: facts.live_voice().is_some(),
        live_voice: facts.live_voice().unwrap_or(false),
        has_action: action.is_some(),
        action_id: action.map_or(fe_dialer_action::None, c_dialer_action),
        action: action.map_or(ptr::null(), |a| {
            name_of(&DIALER_ACTION_NAMES, c_dialer_action(a) as u32)
        }),
        entry: entry_ptr(facts.entry()),
    }
}

fn c_mapping(mapping: &SipMapping) -> fe_sip_mapping {
    let facts = mapping.facts();
    fe_sip_mapping {
        sip_status: mapping.sip_status(),
        q850_cause: mapping.q850_cause(),
        check_call_state: mapping.check_call_state(),
        call_state: mapping.call_state_c().as_ptr(),
        call_result: mapping.call_result(),
        entry: entry_ptr(mapping.entry()),
        has_facts: facts.is_some(),
        facts: facts.as_ref().map_or(NO_FACTS, c_facts),
        note: mapping.note_c().as_ptr(),
    }
}

/// The name of a dialer action ("busy_retry", ...); NULL if action is not one of the
/// FE_DIALER_ACTION_* constants. The string is static: never free it.
#[unsafe(no_mangle)]
pub extern "C" fn fe_dialer_action_name(action: u32) -> *const c_char {
    guard(ptr::null(), || name_of(&DIALER_ACTION_NAMES, action))
}

/// The Outbound Option Dialer's facts for a CallResult (whether the attempt counts, whether
/// live voice was detected, the dialer's next action) into *out; returns true. Returns false,
/// writing nothing, when out is NULL or call_result is no CallResult (1, for example).
/// Example: fe_dialer_facts(9, &f) gives f.has_action, f.action_id ==
/// FE_DIALER_ACTION_BUSY_RETRY and f.entry->symbol "BUSY".
///
/// # Safety
/// out must be NULL or point to writable memory for one fe_dialer_facts_t.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_dialer_facts(call_result: i32, out: *mut fe_dialer_facts_t) -> bool {
    guard(false, || {
        if out.is_null() {
            return false;
        }
        let Some(facts) = errors::dialer_facts(call_result) else {
            return false;
        };
        // SAFETY: `out` is not NULL, and the caller guarantees it points to writable memory
        // for one fe_dialer_facts_t.
        unsafe { out.write(c_facts(&facts)) };
        true
    })
}

/// The number of rows of Cisco's dialer SIP map for a SIP status and a Q.850 cause: one for
/// most pairs, several where the result depends on the call state, two for the one pair Cisco
/// maps to two results (422 with cause 100), 0 for a pair Cisco does not map (it gives no
/// default). With fe_dialer_sip_at(), iterates over them: for (size_t i = 0; i <
/// fe_dialer_sip_count(s, c); i++) fe_dialer_sip_at(s, c, i, &row).
#[unsafe(no_mangle)]
pub extern "C" fn fe_dialer_sip_count(sip_status: u16, q850_cause: u8) -> usize {
    guard(0, || {
        errors::dialer_results_for_sip(sip_status, q850_cause).count()
    })
}

/// The row at index (0 to fe_dialer_sip_count(sip_status, q850_cause) - 1) of Cisco's dialer
/// SIP map for a SIP status and a Q.850 cause, into *out; returns true. Returns false,
/// writing nothing, when out is NULL or index is not below the count. Every row is given,
/// never one picked. Example: fe_dialer_sip_at(486, 17, 0, &row) gives row.call_result 9
/// (BUSY), row.facts.action_id FE_DIALER_ACTION_BUSY_RETRY.
///
/// # Safety
/// out must be NULL or point to writable memory for one fe_sip_mapping.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fe_dialer_sip_at(
    sip_status: u16,
    q850_cause: u8,
    index: usize,
    out: *mut fe_sip_mapping,
) -> bool {
    guard(false, || {
        if out.is_null() {
            return false;
        }
        let Some(mapping) = errors::dialer_results_for_sip(sip_status, q850_cause).nth(index)
        else {
            return false;
        };
        // SAFETY: `out` is not NULL, and the caller guarantees it points to writable memory
        // for one fe_sip_mapping.
        unsafe { out.write(c_mapping(mapping)) };
        true
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::ffi::CStr;
    use errors::DialerAction;

    fn text(field: *const c_char) -> &'static str {
        assert!(!field.is_null());
        // SAFETY: the fields checked here point to static NUL-terminated strings.
        unsafe { CStr::from_ptr(field) }.to_str().unwrap()
    }

    fn facts_of(code: i32) -> Option<fe_dialer_facts_t> {
        let mut out = NO_FACTS;
        // SAFETY: `out` is a live fe_dialer_facts_t.
        unsafe { fe_dialer_facts(code, &mut out) }.then_some(out)
    }

    fn check_facts(c: &fe_dialer_facts_t, rust: &DialerFacts) {
        assert_eq!(c.call_result, rust.code());
        // A blank column reads false.
        assert!(c.has_counted_attempt || !c.counted_attempt);
        assert!(c.has_live_voice || !c.live_voice);
        assert_eq!(
            c.has_counted_attempt.then_some(c.counted_attempt),
            rust.counted_attempt()
        );
        assert_eq!(c.has_live_voice.then_some(c.live_voice), rust.live_voice());
        assert_eq!(c.has_action, rust.action().is_some());
        match rust.action() {
            Some(action) => {
                assert_eq!(c.action_id as u32, action.to_u32());
                assert_eq!(text(c.action), action.name());
                assert_eq!(c.action, fe_dialer_action_name(action.to_u32()));
            }
            None => {
                assert_eq!(c.action_id, fe_dialer_action::None);
                assert!(c.action.is_null());
            }
        }
        assert_eq!(
            c.entry,
            rust.entry()
                .and_then(super::super::entry::to_c)
                .map_or(ptr::null(), ptr::from_ref)
        );
    }

    #[test]
    fn facts_agree_with_the_rust_api_for_every_value_near_the_table() {
        let mut found = 0;
        for code in -5..200 {
            match (facts_of(code), errors::dialer_facts(code)) {
                (Some(c), Some(rust)) => {
                    check_facts(&c, &rust);
                    found += 1;
                }
                (None, None) => {}
                (c, rust) => panic!("{code}: C {c:?}, Rust {rust:?}"),
            }
        }
        assert_eq!(found, 33);
        assert!(facts_of(i32::MIN).is_none() && facts_of(i32::MAX).is_none());
        let busy = facts_of(9).unwrap();
        assert_eq!(busy.action_id, fe_dialer_action::BusyRetry);
        assert!(busy.has_counted_attempt && busy.counted_attempt);
        // SAFETY: the entry of 9 is in the static table.
        assert_eq!(text(unsafe { &*busy.entry }.symbol), "BUSY");
        // SAFETY: NULL is allowed and answered with false.
        assert!(!unsafe { fe_dialer_facts(9, ptr::null_mut()) });
    }

    #[test]
    fn sip_rows_agree_with_the_rust_api_for_every_pair() {
        let mut rows = 0;
        for status in 100..=699u16 {
            for cause in 0..=u8::MAX {
                let rust: Vec<&SipMapping> =
                    errors::dialer_results_for_sip(status, cause).collect();
                assert_eq!(fe_dialer_sip_count(status, cause), rust.len());
                for (i, m) in rust.iter().enumerate() {
                    let mut out = c_mapping(m);
                    out.call_result = -1;
                    // SAFETY: `out` is a live fe_sip_mapping.
                    assert!(unsafe { fe_dialer_sip_at(status, cause, i, &mut out) });
                    assert_eq!((out.sip_status, out.q850_cause), (status, cause));
                    assert_eq!(out.check_call_state, m.check_call_state());
                    assert_eq!(text(out.call_state), m.call_state());
                    assert_eq!(out.call_result, m.call_result());
                    assert_eq!(text(out.note), m.note());
                    assert!(out.has_facts);
                    check_facts(&out.facts, &m.facts().unwrap());
                    assert_eq!(out.entry, out.facts.entry);
                    rows += 1;
                }
                let mut out = c_mapping(errors::dialer_results_for_sip(486, 17).next().unwrap());
                // SAFETY: `out` is a live fe_sip_mapping.
                assert!(!unsafe { fe_dialer_sip_at(status, cause, rust.len(), &mut out) });
                // Nothing was written.
                assert_eq!(out.sip_status, 486);
            }
        }
        assert_eq!(rows, 88);
        // SAFETY: NULL is allowed and answered with false.
        assert!(!unsafe { fe_dialer_sip_at(486, 17, 0, ptr::null_mut()) });
    }

    #[test]
    fn action_names_match_the_rust_names() {
        for action in DialerAction::ALL {
            assert_eq!(text(fe_dialer_action_name(action.to_u32())), action.name());
            assert_eq!(c_dialer_action(*action) as u32, action.to_u32());
        }
        for value in [super::super::FE_DIALER_ACTION_COUNT, 99, u32::MAX] {
            assert!(fe_dialer_action_name(value).is_null());
        }
    }
}
