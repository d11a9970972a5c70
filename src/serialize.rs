//! `serde::Serialize` for entries and vocabulary values (feature `serde`).

use crate::{
    Action, Category, DialerAction, ErrorInfo, Evidence, Family, Layer, Platform, Recovery, Retry,
    SipMapping,
};
use serde::ser::{Serialize, SerializeStruct, Serializer};

macro_rules! serialize_as_name {
    ($($ty:ty),+) => {$(
        impl Serialize for $ty {
            /// Serialises as the snake_case name, e.g. `"after_delay"`.
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.name())
            }
        }
    )+};
}

serialize_as_name!(
    Family,
    Retry,
    Category,
    Layer,
    Platform,
    Evidence,
    Action,
    DialerAction
);

/// A sequence view of the aliases, so they serialise as a list.
struct Aliases<'a>(&'a ErrorInfo);

impl Serialize for Aliases<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.aliases())
    }
}

/// The code as its family writes it (`"0x8CCC00D2"`, `"265"`), or `null`.
struct CodeTextField<'a>(&'a ErrorInfo);

impl Serialize for CodeTextField<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.code_text() {
            Some(text) => serializer.collect_str(&text),
            None => serializer.serialize_none(),
        }
    }
}

/// The twin named by its key (family, code, status, platform, symbol), or `null`: the whole
/// twin would repeat itself (its twin is this entry).
struct TwinField<'a>(&'a ErrorInfo);

impl Serialize for TwinField<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Some(twin) = self.0.twin() else {
            return serializer.serialize_none();
        };
        let mut s = serializer.serialize_struct("Twin", 6)?;
        s.serialize_field("family", &twin.family())?;
        s.serialize_field("code", &twin.code())?;
        s.serialize_field("code_text", &CodeTextField(twin))?;
        s.serialize_field("http_status", &twin.http_status())?;
        s.serialize_field("platform", &twin.platform())?;
        s.serialize_field("symbol", twin.symbol())?;
        s.end()
    }
}

/// A dialer result's per-result facts (`dialer_call_result` entries), or `null`.
struct DialerField<'a>(&'a ErrorInfo);

impl Serialize for DialerField<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Some(facts) = self.0.dialer_facts() else {
            return serializer.serialize_none();
        };
        let mut s = serializer.serialize_struct("DialerFacts", 3)?;
        s.serialize_field("counted_attempt", &facts.counted_attempt())?;
        s.serialize_field("live_voice", &facts.live_voice())?;
        s.serialize_field("action", &facts.action())?;
        s.end()
    }
}

impl Serialize for SipMapping {
    /// `{"sip_status", "q850_cause", "check_call_state", "call_state", "call_result",
    /// "note"}`; `note` is `null` when the row has none.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("SipMapping", 6)?;
        s.serialize_field("sip_status", &self.sip_status())?;
        s.serialize_field("q850_cause", &self.q850_cause())?;
        s.serialize_field("check_call_state", &self.check_call_state())?;
        s.serialize_field("call_state", self.call_state())?;
        s.serialize_field("call_result", &self.call_result())?;
        let note = self.note();
        s.serialize_field("note", &(!note.is_empty()).then_some(note))?;
        s.end()
    }
}

impl Serialize for ErrorInfo {
    /// Serialises every field; `aliases` is a list, absent values are `null`; `twin` names
    /// the twin by its key; `dialer` holds a dialer result's facts (`null` elsewhere).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ErrorInfo", 18)?;
        s.serialize_field("family", &self.family())?;
        s.serialize_field("code", &self.code())?;
        s.serialize_field("code_text", &CodeTextField(self))?;
        s.serialize_field("http_status", &self.http_status())?;
        s.serialize_field("platform", &self.platform())?;
        s.serialize_field("symbol", self.symbol())?;
        s.serialize_field("aliases", &Aliases(self))?;
        s.serialize_field("category", &self.category())?;
        s.serialize_field("retry", &self.retry())?;
        s.serialize_field("layer", &self.layer())?;
        s.serialize_field("message", self.message())?;
        s.serialize_field("remediation", self.remediation())?;
        s.serialize_field("source", self.source())?;
        s.serialize_field("note", &self.note())?;
        s.serialize_field("recovery", self.recovery())?;
        s.serialize_field("evidence", &self.evidence())?;
        s.serialize_field("twin", &TwinField(self))?;
        s.serialize_field("dialer", &DialerField(self))?;
        s.end()
    }
}

impl Serialize for Recovery {
    /// `{"action", "refresh", "first_delay_ms", "factor", "max_delay_ms", "give_up_after_ms",
    /// "failover", "harmful_to_retry", "source"}`; `refresh` and `give_up_after_ms` may be
    /// `null`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let millis = |d: core::time::Duration| d.as_millis() as u64;
        let mut s = serializer.serialize_struct("Recovery", 9)?;
        s.serialize_field("action", &self.action())?;
        s.serialize_field("refresh", &self.refresh())?;
        s.serialize_field("first_delay_ms", &millis(self.first_delay()))?;
        s.serialize_field("factor", &self.factor())?;
        s.serialize_field("max_delay_ms", &millis(self.max_delay()))?;
        s.serialize_field("give_up_after_ms", &self.give_up_after().map(millis))?;
        s.serialize_field("failover", &self.failover())?;
        s.serialize_field("harmful_to_retry", &self.harmful_to_retry())?;
        s.serialize_field("source", self.source())?;
        s.end()
    }
}
