//! Agent states in User and Team documents: who is NOT_READY or LOGOUT, and with which reason
//! code.
//!
//! A User (REST `<User>`, XMPP update `<user>`) or each user of a Team carries `state`,
//! `reasonCodeId` and, often, a `ReasonCode` / `reasonCode` element whose `code` is the number
//! that says why. Element names are matched ASCII-case-insensitively; the reason-code element
//! may be missing (`reasonCodeId` -1 means none).

use super::AgentState;
use alloc::string::String;

/// A text field of a user being read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum UserField {
    State,
    ReasonCodeId,
    LoginId,
    Code,
    Label,
    Category,
    SystemCode,
}

/// The user element being read, if any.
#[derive(Default)]
pub(super) struct Users {
    user: Option<(usize, AgentState)>,
    /// Depth of the open reason-code element inside the user.
    reason_depth: Option<usize>,
}

impl Users {
    /// A start tag at `depth`: a user opens, or a field of one is wanted.
    pub(super) fn open(&mut self, depth: usize, name: &[u8]) -> Option<UserField> {
        let is = |n: &[u8]| name.eq_ignore_ascii_case(n);
        let Some((user_depth, _)) = &self.user else {
            if is(b"user") {
                self.user = Some((depth, AgentState::default()));
            }
            return None;
        };
        let user_depth = *user_depth;
        if depth == user_depth + 1 {
            if is(b"reasoncode") {
                self.reason_depth = Some(depth);
                return None;
            }
            return [
                (&b"state"[..], UserField::State),
                (b"reasoncodeid", UserField::ReasonCodeId),
                (b"loginid", UserField::LoginId),
            ]
            .into_iter()
            .find(|(n, _)| is(n))
            .map(|(_, field)| field);
        }
        if self.reason_depth.is_some_and(|d| depth == d + 1) {
            return [
                (&b"code"[..], UserField::Code),
                (b"label", UserField::Label),
                (b"category", UserField::Category),
                (b"systemcode", UserField::SystemCode),
            ]
            .into_iter()
            .find(|(n, _)| is(n))
            .map(|(_, field)| field);
        }
        None
    }

    /// A field's text (the first occurrence wins).
    pub(super) fn set(&mut self, field: UserField, text: String) {
        let Some((_, user)) = self.user.as_mut() else {
            return;
        };
        let slot = match field {
            UserField::State => &mut user.state,
            UserField::ReasonCodeId => &mut user.reason_code_id,
            UserField::LoginId => &mut user.login_id,
            UserField::Code => &mut user.code,
            UserField::Label => &mut user.label,
            UserField::Category => &mut user.category,
            UserField::SystemCode => &mut user.system_code,
        };
        slot.get_or_insert(text);
    }

    /// An end tag at `depth`: hands over a user that is done and not available (NOT_READY or
    /// LOGOUT, now or pending).
    pub(super) fn close(&mut self, depth: usize, found: impl FnOnce(AgentState)) {
        if self.reason_depth == Some(depth) {
            self.reason_depth = None;
        }
        if self.user.as_ref().is_some_and(|(d, _)| *d == depth) {
            let Some((_, user)) = self.user.take() else {
                return;
            };
            self.reason_depth = None;
            let away = user.state.as_deref().is_some_and(|s| {
                s.eq_ignore_ascii_case("NOT_READY") || s.eq_ignore_ascii_case("LOGOUT")
            });
            if away {
                found(user);
            }
        }
    }
}
