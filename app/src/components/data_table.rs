//! A table of rows as every list page shows it: in a scrollable region that a keyboard can
//! reach (so a wide table is usable on a phone), its column headings translated.

use crate::i18n::{Locale, K};
use leptos::prelude::*;

/// A table labelled `label`, with `columns` as headings and `rows` (its `<tr>` elements).
pub fn data_table(l: Locale, label: K, columns: &[K], rows: AnyView) -> AnyView {
    let headings = columns.iter().map(|c| view! { <th scope="col">{l.t(*c)}</th> }).collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=l.t(label)>
            <table>
                <thead><tr>{headings}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
