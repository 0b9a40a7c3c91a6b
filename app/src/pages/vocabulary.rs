//! `/admin/vocabulary`: adding an issue area or a working language without a release, and
//! relabelling or retiring one added earlier (admins). Plain forms: it works before the WASM.

use super::admin::AdminNav;
use super::{loaded, use_flash};
use crate::api::vocabulary::{vocabulary_values, AddVocabularyValue, EditVocabularyValue, ADD_FORM, EDIT_FORM};
use crate::components::{use_locale, FormErrorSummary};
use crate::domain::taxonomy::{IssueArea, Language};
use crate::domain::time::format_utc;
use crate::domain::vocabulary::rules::LABEL_MAX;
use crate::domain::vocabulary::OpenKind;
use crate::forms::FormFlash;
use crate::i18n::{Locale, K};
use crate::model::VocabularyValue;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/admin/vocabulary`.
#[component]
pub fn VocabularyPage() -> impl IntoView {
    let l = use_locale();
    let added = use_query_map().with_untracked(|m| m.get("added")).filter(|k| !k.is_empty());
    let add_flash = use_flash(ADD_FORM);
    let edit_flash = use_flash(EDIT_FORM);
    let data = Resource::new(|| (), |_| vocabulary_values());
    view! {
        <Title text=l.t(K::VocabTitle)/>
        <div class="container page">
            <AdminNav/>
            <h1>{l.t(K::VocabTitle)}</h1>
            <p class="lead">{l.t(K::VocabLead)}</p>
            {added.map(|key| view! { <p class="notice" role="status">{l.tf(K::VocabAdded, &[("key", &key)])}</p> })}
            <FormErrorSummary flash=add_flash.clone()/>
            <FormErrorSummary flash=edit_flash.clone()/>
            // the forms only once the policy let the list through: nothing to see for others
            {loaded(l, data, "/admin/vocabulary".to_string(), move |values| {
                let sections = OpenKind::ALL
                    .iter()
                    .map(|&kind| section(l, kind, &values, edit_flash.as_ref()))
                    .collect_view();
                view! { {add_form(l, add_flash.clone())}{sections} }.into_any()
            })}
        </div>
    }
}

fn kind_label(kind: OpenKind) -> K {
    match kind {
        OpenKind::IssueArea => K::VocabKindArea,
        OpenKind::Language => K::VocabKindLanguage,
    }
}

/// A labelled text input of the add or edit form.
fn label_input(l: Locale, id: String, name: &'static str, label: K, value: String) -> AnyView {
    view! {
        <div class="field">
            <label for=id.clone()>{l.t(label)}</label>
            <input id=id name=name type="text" required maxlength=LABEL_MAX.to_string() value=value/>
        </div>
    }
    .into_any()
}

/// The form that adds a value; a refused one comes back with what was typed.
fn add_form(l: Locale, flash: Option<FormFlash>) -> AnyView {
    let typed = |name: &str| flash.as_ref().map(|f| f.get(name)).unwrap_or_default();
    let kind = typed("kind");
    let kinds = OpenKind::ALL
        .iter()
        .map(|k| {
            let id = format!("vocab-kind-{}", k.key());
            let checked = kind == k.key() || (kind.is_empty() && *k == OpenKind::IssueArea);
            view! {
                <div class="check">
                    <input type="radio" id=id.clone() name="kind" value=k.key() checked=checked/>
                    <label for=id>{l.t(kind_label(*k))}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="vocab-add-title">
            <h2 id="vocab-add-title">{l.t(K::VocabAddTitle)}</h2>
            <form method="post" action={crate::forms::action::<AddVocabularyValue>()} class="form">
                <fieldset class="field choices" id="vocab-kind">
                    <legend>{l.t(K::VocabKind)}</legend>
                    {kinds}
                </fieldset>
                <div class="field">
                    <label for="vocab-key">{l.t(K::VocabKey)}</label>
                    <p class="hint" id="vocab-key-hint">{l.t(K::VocabKeyHint)}</p>
                    <input id="vocab-key" name="key" type="text" required maxlength="40" autocomplete="off"
                        spellcheck="false" aria-describedby="vocab-key-hint" value=typed("key")/>
                </div>
                {label_input(l, "vocab-label_en".into(), "label_en", K::VocabLabelEn, typed("label_en"))}
                {label_input(l, "vocab-label_fr".into(), "label_fr", K::VocabLabelFr, typed("label_fr"))}
                {label_input(l, "vocab-label_es".into(), "label_es", K::VocabLabelEs, typed("label_es"))}
                <button type="submit" class="button button-primary">{l.t(K::VocabAdd)}</button>
            </form>
        </section>
    }
    .into_any()
}

/// One vocabulary: the values added to it, each with its edit form, and the built-in terms.
fn section(l: Locale, kind: OpenKind, values: &[VocabularyValue], flash: Option<&FormFlash>) -> AnyView {
    let title_id = format!("vocab-{}-title", kind.key());
    let labelled = title_id.clone();
    let (title, empty, built_in_title) = match kind {
        OpenKind::IssueArea => (K::VocabAreasTitle, K::VocabAreasEmpty, K::VocabAreasBuiltIn),
        OpenKind::Language => (K::VocabLanguagesTitle, K::VocabLanguagesEmpty, K::VocabLanguagesBuiltIn),
    };
    let mine: Vec<&VocabularyValue> = values.iter().filter(|v| v.kind == kind).collect();
    let list = if mine.is_empty() {
        view! { <p class="muted">{l.t(empty)}</p> }.into_any()
    } else {
        let items = mine.into_iter().map(|v| value_item(l, v, flash)).collect_view();
        view! { <ul class="vocab-values">{items}</ul> }.into_any()
    };
    let built_in: Vec<&'static str> = match kind {
        OpenKind::IssueArea => IssueArea::ALL.iter().map(|a| a.label(l)).collect(),
        OpenKind::Language => Language::ALL.iter().map(|a| a.label(l)).collect(),
    };
    view! {
        <section aria-labelledby=labelled class="vocab-section">
            <h2 id=title_id>{l.t(title)}</h2>
            {list}
            <details class="vocab-built-in">
                <summary>{l.tf(built_in_title, &[("n", &built_in.len().to_string())])}</summary>
                <p>{built_in.join(" · ")}</p>
            </details>
        </section>
    }
    .into_any()
}

/// An added value: its key, whether it is offered, who added and changed it, and its form.
fn value_item(l: Locale, v: &VocabularyValue, flash: Option<&FormFlash>) -> AnyView {
    // a refused edit of this value comes back with what was typed
    let refused = flash.filter(|f| f.get("id") == v.id);
    let typed = |name: &str, i: usize| refused.map(|f| f.get(name)).unwrap_or_else(|| v.labels[i].clone());
    let status = if v.offered { K::VocabOffered } else { K::VocabRetired };
    let offered_id = format!("offered-{}", v.id);
    let heading_id = format!("value-{}-title", v.id);
    let changed = (v.changed_at != v.added_at).then(|| {
        view! { " · "{l.tf(K::VocabChangedBy, &[("name", &v.changed_by), ("date", &format_utc(v.changed_at))])} }
    });
    view! {
        <li class="card vocab-value" id=format!("value-{}", v.id)>
            <h3 id=heading_id.clone()>
                {v.labels[Locale::ALL.iter().position(|x| *x == l).unwrap_or(0)].clone()}
                " "<code>{v.key.clone()}</code>" "
                <span class={if v.offered { "badge badge-info" } else { "badge badge-warn" }}>{l.t(status)}</span>
            </h3>
            <p class="muted small">
                {l.tf(K::VocabAddedBy, &[("name", &v.added_by), ("date", &format_utc(v.added_at))])}
                {changed}
            </p>
            <form method="post" action={crate::forms::action::<EditVocabularyValue>()} class="form" aria-labelledby=heading_id>
                <input type="hidden" name="id" value=v.id.clone()/>
                <input type="hidden" name="version" value=v.version.to_string()/>
                <div class="vocab-labels">
                    {label_input(l, format!("label_en-{}", v.id), "label_en", K::VocabLabelEn, typed("label_en", 0))}
                    {label_input(l, format!("label_fr-{}", v.id), "label_fr", K::VocabLabelFr, typed("label_fr", 1))}
                    {label_input(l, format!("label_es-{}", v.id), "label_es", K::VocabLabelEs, typed("label_es", 2))}
                </div>
                <div class="check">
                    <input type="checkbox" id=offered_id.clone() name="offered" value="yes" checked=v.offered/>
                    <label for=offered_id>{l.t(K::VocabOfferedLabel)}</label>
                </div>
                <button type="submit" class="button button-secondary">{l.t(K::VocabSave)}</button>
            </form>
        </li>
    }
    .into_any()
}
