//! Who takes part in a thread (removed participants shown as such), and for its Case Manager
//! the forms to add an organisation or remove a participant.

use crate::components::FormErrorSummary;
use crate::i18n::{Locale, K};
use crate::model::ThreadView;
use crate::pages::use_flash;
use leptos::prelude::*;

pub(super) fn participants(l: Locale, v: &ThreadView) -> AnyView {
    let flash = use_flash("thread_people");
    let id = v.id.clone();
    let manage = v.can_manage;
    view! {
        <section class="card participants" id="participants" aria-labelledby="people-title">
            <h2 id="people-title">{l.t(K::ThreadParticipants)}</h2>
            <FormErrorSummary flash=flash.clone()/>
            <ul>
                <li>{l.t(K::ThreadCaseManagerAlways)}</li>
                {v.participants.iter().map(|p| {
                    let remove = (manage && !p.removed).then(|| view! {
                        <form method="post" action={crate::forms::action::<crate::api::threads::RemoveThreadParticipant>()} class="inline-form">
                            <input type="hidden" name="id" value=id.clone()/>
                            <input type="hidden" name="participant" value=p.id.clone()/>
                            <button type="submit" class="link-button">
                                {l.t(K::ThreadRemove)}<span class="visually-hidden">" "{p.name.clone()}</span>
                            </button>
                        </form>
                    });
                    view! {
                        <li class=if p.removed { "removed" } else { "" }>
                            {p.name.clone()}
                            {p.removed.then(|| view! { " "<span class="tag">{l.t(K::ThreadRemoved)}</span> })}
                            " "{remove}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(manage && !v.addable.is_empty()).then(|| view! {
                <form method="post" action={crate::forms::action::<crate::api::threads::AddThreadParticipant>()} class="form inline-fields">
                    <input type="hidden" name="id" value=id.clone()/>
                    <div class="field">
                        <label for="add-organisation">{l.t(K::ThreadAdd)}</label>
                        <select id="add-organisation" name="organisation">
                            {v.addable.iter().map(|o| view! { <option value=o.id.clone()>{o.name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="button button-secondary">{l.t(K::ThreadAddButton)}</button>
                </form>
            })}
        </section>
    }
    .into_any()
}
