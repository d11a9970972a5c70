//! What a caller may know about a request beyond its response: the HTTP method and the
//! platform behind Finesse.

use crate::Platform;
use core::fmt;

/// The HTTP method of the request that failed, when the caller knows it. A server error after
/// a write may have taken effect, so the verdict for a 5xx depends on it.
///
/// ```
/// use finesse_errors::explain::Method;
///
/// assert_eq!("put".parse::<Method>(), Ok(Method::Put));
/// assert!(Method::Post.is_write());
/// assert!(!Method::Get.is_write());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`: a read, safe to repeat.
    Get,
    /// `HEAD`: a read, safe to repeat.
    Head,
    /// `PUT`: Finesse's state changes and call actions.
    Put,
    /// `POST`: Finesse's creations (make call, send a chat, ...).
    Post,
    /// `DELETE`.
    Delete,
}

impl Method {
    /// The method as written on the wire (`GET`, `PUT` ...).
    pub const fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }

    /// Whether the request changes something on the server (`PUT`, `POST`, `DELETE`).
    pub const fn is_write(self) -> bool {
        matches!(self, Method::Put | Method::Post | Method::Delete)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// An HTTP method name that is not one of [`Method`]'s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownMethod;

impl fmt::Display for UnknownMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown HTTP method; expected GET, HEAD, PUT, POST or DELETE")
    }
}

impl core::error::Error for UnknownMethod {}

impl core::str::FromStr for Method {
    type Err = UnknownMethod;

    /// Parses a method name, ignoring ASCII case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            Method::Get,
            Method::Head,
            Method::Put,
            Method::Post,
            Method::Delete,
        ]
        .into_iter()
        .find(|m| m.name().eq_ignore_ascii_case(s.trim()))
        .ok_or(UnknownMethod)
    }
}

/// What the caller knows about the request beyond the response: the HTTP method, and the
/// platform behind Finesse (which decides what a reason code number means).
///
/// ```
/// use finesse_errors::explain::{Context, Method};
/// use finesse_errors::Platform;
///
/// let context = Context::new().method(Method::Put).platform(Platform::Ucce);
/// assert_eq!(context.method, Some(Method::Put));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Context {
    /// The failed request's HTTP method: a server error after a write is never answered with a
    /// blind retry.
    pub method: Option<Method>,
    /// Unified CCE or CCX: reason codes are linked for this platform (and Finesse's own) only;
    /// without it, every platform's entry for the number is linked.
    pub platform: Option<Platform>,
}

impl Context {
    /// Nothing known beyond the response.
    pub const fn new() -> Context {
        Context {
            method: None,
            platform: None,
        }
    }

    /// With the request's HTTP method.
    pub const fn method(mut self, method: Method) -> Context {
        self.method = Some(method);
        self
    }

    /// With the platform behind Finesse.
    pub const fn platform(mut self, platform: Platform) -> Context {
        self.platform = Some(platform);
        self
    }
}
