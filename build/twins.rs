//! Twins: two rows of different families that carry the same underlying error (the PG's
//! `PERERR_CM_*` 20000 + n and JTAPI's `CTIERR` 0x8CCC00nn, ...). Each row names the other in
//! its `twin` column as `family:key`; both must agree on retry and category unless each note
//! says why (`twin differs`).

use crate::recovery::row_key;
use crate::schema::{Row, file_name};
use std::collections::HashMap;

/// The marker a note carries when its row departs from its twin's verdict or category.
pub const DIFFERS: &str = "twin differs";

/// How a `twin` column names a row: `family:key`, with the key as in `recovery.csv`.
pub fn twin_key(row: &Row) -> String {
    format!("{}:{}", row.family, row_key(row))
}

/// Each row's twin (an index into `rows`), or every problem as `data/<file>.csv:<line>: ...`.
pub fn resolve(rows: &[Row]) -> Result<Vec<Option<usize>>, Vec<String>> {
    let index: HashMap<String, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| (twin_key(row), i))
        .collect();
    let mut errors = Vec::new();
    let mut twins = vec![None; rows.len()];
    for (i, row) in rows.iter().enumerate() {
        if row.twin.is_empty() {
            continue;
        }
        let at = |what: String| format!("data/{}:{}: {what}", file_name(row.family), row.line);
        let Some(&j) = index.get(&row.twin) else {
            errors.push(at(format!("twin `{}` names no row", row.twin)));
            continue;
        };
        let other = &rows[j];
        if other.family == row.family {
            errors.push(at(format!(
                "twin `{}` is in the same family: a twin is the same error in another family",
                row.twin
            )));
            continue;
        }
        if other.twin != twin_key(row) {
            errors.push(at(format!(
                "twin `{}` does not name this row back: its `twin` must be `{}`",
                row.twin,
                twin_key(row)
            )));
        }
        let differs = row.retry != other.retry || row.category != other.category;
        if differs && !row.note.to_ascii_lowercase().contains(DIFFERS) {
            errors.push(at(format!(
                "this row ({} / {}) and its twin `{}` ({} / {}) disagree on retry or category: \
                 make them agree, or say why in `note` with the words `{DIFFERS}`",
                row.retry, row.category, row.twin, other.retry, other.category
            )));
        }
        twins[i] = Some(j);
    }
    errors.extend(by_rules(rows, &index));
    if errors.is_empty() {
        Ok(twins)
    } else {
        Err(errors)
    }
}

/// The pairs the families' twin rules name (`Spec::twins`): each must be twins.
fn by_rules(rows: &[Row], index: &HashMap<String, usize>) -> Vec<String> {
    // Every name (symbol and aliases) of every row, by family.
    let mut names: HashMap<(crate::schema::vocab::Family, &str), usize> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        for name in std::iter::once(&row.symbol).chain(&row.aliases) {
            names.entry((row.family, name.as_str())).or_insert(i);
        }
    }
    let mut errors = Vec::new();
    for row in rows {
        for rule in row.family.spec().twins {
            let Some(rest) = row.symbol.strip_prefix(rule.prefix) else {
                continue;
            };
            let wanted = format!("{}{rest}", rule.other_prefix);
            let Some(&j) = names.get(&(rule.other, wanted.as_str())) else {
                continue;
            };
            let other = &rows[j];
            let key = twin_key(other);
            if row.twin != key {
                errors.push(format!(
                    "data/{}:{}: {} and {} `{wanted}` are one error by the family's twin rule \
                     ({}* = {}*): its `twin` must be `{key}`",
                    file_name(row.family),
                    row.line,
                    row.symbol,
                    rule.other,
                    rule.prefix,
                    rule.other_prefix,
                ));
            }
            debug_assert!(index.contains_key(&key));
        }
    }
    errors
}
