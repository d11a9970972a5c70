//! The closed vocabularies: names and numbers round-trip, unknown names are clear errors.

use finesse_errors::{Category, Family, Layer, Platform, Retry, all};
use std::collections::HashSet;
use std::str::FromStr;

fn round_trip<T>(
    values: &[T],
    name: fn(T) -> &'static str,
    number: fn(T) -> u32,
    from: fn(u32) -> Option<T>,
) where
    T: Copy + PartialEq + std::fmt::Debug + std::fmt::Display + FromStr,
    <T as FromStr>::Err: std::fmt::Debug,
{
    let mut names = HashSet::new();
    for (i, &value) in values.iter().enumerate() {
        assert_eq!(
            number(value),
            i as u32,
            "{value:?} numbers follow declaration order"
        );
        assert_eq!(from(number(value)), Some(value));
        assert_eq!(value.to_string(), name(value));
        assert_eq!(name(value).parse::<T>().unwrap(), value);
        assert!(names.insert(name(value)), "duplicate name {}", name(value));
        let n = name(value);
        assert!(
            n.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "{n} is snake_case"
        );
    }
    assert_eq!(from(values.len() as u32), None);
    assert!("".parse::<T>().is_err());
}

#[test]
fn names_and_numbers_round_trip() {
    round_trip(Family::ALL, Family::name, Family::to_u32, Family::from_u32);
    round_trip(Retry::ALL, Retry::name, Retry::to_u32, Retry::from_u32);
    round_trip(
        Category::ALL,
        Category::name,
        Category::to_u32,
        Category::from_u32,
    );
    round_trip(Layer::ALL, Layer::name, Layer::to_u32, Layer::from_u32);
    round_trip(
        Platform::ALL,
        Platform::name,
        Platform::to_u32,
        Platform::from_u32,
    );
}

#[test]
fn the_public_names_are_the_documented_ones() {
    // Names are never renamed or renumbered: the first families keep theirs, and new
    // families are appended (their names come from `src/family.rs`).
    let families: Vec<&str> = Family::ALL.iter().map(|f| f.name()).collect();
    assert_eq!(
        families[..13],
        [
            "finesse_api",
            "cti_status",
            "cti_control_failure",
            "peripheral",
            "media_routing",
            "unified_cm",
            "ctios",
            "xmpp",
            "reason_code",
            "finesse_js",
            "ctios_failure",
            "ctios_connection",
            "ucce_config"
        ]
    );
    let platforms: Vec<&str> = Platform::ALL.iter().map(|p| p.name()).collect();
    assert_eq!(platforms, ["ucce", "uccx", "finesse"]);
    let layers: Vec<&str> = Layer::ALL.iter().map(|l| l.name()).collect();
    assert_eq!(
        layers,
        [
            "finesse",
            "cti_server",
            "peripheral_gateway",
            "jtapi_gateway",
            "unified_cm",
            "media_routing",
            "ctios",
            "xmpp_server",
            "finesse_js",
            "ucce_admin",
            "dialer"
        ]
    );
    let retries: Vec<&str> = Retry::ALL.iter().map(|r| r.name()).collect();
    assert_eq!(
        retries,
        [
            "never",
            "after_state_change",
            "after_reconnect",
            "after_delay",
            "not_needed"
        ]
    );
}

#[test]
fn unknown_names_say_what_is_expected() {
    let err = "Never".parse::<Retry>().unwrap_err();
    assert_eq!(err.kind(), "retry");
    assert_eq!(err.expected().len(), Retry::ALL.len());
    let text = err.to_string();
    assert!(text.starts_with("unknown retry name"), "{text}");
    assert!(text.contains("after_state_change"), "{text}");
    assert_eq!("x".parse::<Family>().unwrap_err().kind(), "family");
    assert_eq!("x".parse::<Category>().unwrap_err().kind(), "category");
    assert_eq!("x".parse::<Layer>().unwrap_err().kind(), "layer");
}

#[test]
fn retryable_means_some_retry_can_help() {
    assert!(!Retry::Never.is_retryable());
    assert!(!Retry::NotNeeded.is_retryable());
    assert!(Retry::AfterDelay.is_retryable());
    assert!(Retry::AfterReconnect.is_retryable());
    assert!(Retry::AfterStateChange.is_retryable());
}

#[test]
fn every_family_has_entries_and_uses_its_vocabulary() {
    for &family in Family::ALL {
        assert!(
            all().iter().any(|i| i.family() == family),
            "{family} is empty"
        );
    }
    // Success entries never ask for a retry.
    for info in all().iter().filter(|i| i.category() == Category::Success) {
        assert_eq!(info.retry(), Retry::NotNeeded, "{info}");
    }
}
