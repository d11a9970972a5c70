//! What `lookup` and `search` match.

use finesse_errors::{ErrorInfo, Family, Form, finesse_error, resolve};

/// One entry `lookup` found, and how the query matched it.
pub type Found = (&'static ErrorInfo, Form);

/// `"<status> <type>"` is a Finesse error; anything else is resolved as software prints it
/// ([`finesse_errors::resolve`]): a code in every family (or the one asked for), each reading
/// it in the forms it is written in (`265`; `0x8ccc00d2`, `2362179794` or `-1932787502` for
/// Unified CM), a symbol or alias, the constant without its family prefix, qualified or in
/// CamelCase. Every candidate is kept.
pub fn lookup(query: &str, family: Option<Family>) -> Vec<Found> {
    let query = query.trim();
    let in_family = |info: &'static ErrorInfo| family.is_none_or(|f| info.family() == f);
    if let Some((status, error_type)) = query.split_once(char::is_whitespace) {
        if let Ok(status) = status.parse::<u16>() {
            return finesse_error(status, error_type)
                .into_iter()
                .filter(|info| in_family(info))
                .map(|info| (info, Form::Symbol))
                .collect();
        }
    }
    resolve(query)
        .filter(|c| in_family(c.entry()))
        .map(|c| (c.entry(), c.form()))
        .collect()
}

/// Entries whose texts contain every word, ASCII-case-insensitively (arguments are split at
/// whitespace, so `search "idle timeout"` is two words).
pub fn search(words: &[String]) -> Vec<&'static ErrorInfo> {
    let words: Vec<&str> = words.iter().flat_map(|w| w.split_whitespace()).collect();
    finesse_errors::search(&words).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use finesse_errors::entries;

    #[test]
    fn a_number_is_searched_in_every_family() {
        let found = lookup("22", None);
        assert!(found.len() >= 2, "{found:?}");
        let only = lookup("22", Some(Family::CtiControlFailure));
        assert_eq!(only.len(), 1);
        assert_eq!(only[0].0.symbol(), "CF_INVALID_OBJECT_STATE");
        assert_eq!(only[0].1, Form::Code);
    }

    #[test]
    fn a_unified_cm_code_in_every_form() {
        for form in [
            "0x8ccc00d2",
            "0X8CCC00D2",
            "8ccc00d2",
            "2362179794",
            "-1932787502",
        ] {
            let found = lookup(form, None);
            assert_eq!(found.len(), 1, "{form}");
            assert_eq!(found[0].0.symbol(), "CTIERR_DEVICE_RESTRICTED", "{form}");
        }
    }

    #[test]
    fn status_and_type() {
        let found = lookup("401 invalid state", None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0.http_status(), Some(401));
        assert_eq!(lookup("Invalid State", None).len(), 2);
    }

    #[test]
    fn a_bare_constant_lists_every_family() {
        let families: Vec<Family> = lookup("TIMEOUT", None)
            .iter()
            .map(|f| f.0.family())
            .collect();
        assert!(families.contains(&Family::CtiStatus), "{families:?}");
        assert!(families.contains(&Family::UnifiedCm), "{families:?}");
    }

    #[test]
    fn search_needs_every_word() {
        let one = search(&["timeout".to_string()]);
        let two = search(&["timeout".to_string(), "zzzz-not-there".to_string()]);
        assert!(!one.is_empty());
        assert!(two.is_empty());
        assert!(entries(Family::CtiStatus).iter().any(|i| one.contains(&i)));
    }
}
