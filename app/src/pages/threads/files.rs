//! A message's files: each a download link with its kind and size (the name is the sender's
//! text, shown as text).

use crate::domain::attachments::size_label;
use crate::i18n::{Locale, K};
use crate::model::AttachmentView;
use leptos::prelude::*;

/// The list of a message's files (nothing when it has none).
pub fn attachments(l: Locale, files: &[AttachmentView]) -> Option<AnyView> {
    if files.is_empty() {
        return None;
    }
    let items = files
        .iter()
        .map(|f| {
            let (n, unit) = size_label(f.size);
            let meta = format!("{} · {}", l.t(f.kind.label()), l.tf(unit, &[("n", &n)]));
            view! {
                <li>
                    <a href=format!("/attachments/{}", f.id) download=f.name.clone() rel="noopener">{f.name.clone()}</a>
                    " "<span class="muted">"("{meta}")"</span>
                </li>
            }
        })
        .collect_view();
    Some(view! { <ul class="attachments" aria-label=l.t(K::AttachmentList)>{items}</ul> }.into_any())
}
