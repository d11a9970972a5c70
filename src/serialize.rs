//! `serde::Serialize` for entries and vocabulary values (feature `serde`).

use crate::{Category, ErrorInfo, Family, Layer, Platform, Retry};
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

serialize_as_name!(Family, Retry, Category, Layer, Platform);

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

impl Serialize for ErrorInfo {
    /// Serialises every field; `aliases` is a list, absent values are `null`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ErrorInfo", 14)?;
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
        s.end()
    }
}
