//! What the selection functions share (server only): the comparison cards, the polite word to
//! the providers not chosen, and telling the chosen ones.

use crate::db::cases::Case;
use crate::db::introductions::Introduction;
use crate::db::{notifications, threads, Db, Tx};
use crate::domain::case::CaseStage;
use crate::domain::introductions::Answer;
use crate::error::AppError;
use crate::i18n::{Locale, K};
use crate::model::{CompareCard, LiveEvent, MessagePreview};

/// How much of a message the comparison shows.
const PREVIEW_CHARS: usize = 280;
/// How many of each conversation's latest messages it shows.
const PREVIEW_MESSAGES: i64 = 2;

/// Whether the government may still choose in this stage (before the agreement is under way:
/// back in Selection it may choose again).
pub fn selectable(stage: CaseStage) -> bool {
    matches!(stage, CaseStage::Introductions | CaseStage::Selection)
}

fn cut(text: &str) -> String {
    let mut out: String = text.chars().take(PREVIEW_CHARS).collect();
    if text.chars().count() > PREVIEW_CHARS {
        out.push('…');
    }
    out
}

/// The providers who accepted an introduction in `case`, each once, side by side.
pub async fn cards(db: &Db, case: &Case) -> Result<Vec<CompareCard>, AppError> {
    use crate::domain::matching::score;
    let intros = crate::db::introductions::of_case(db, &case.id).await?;
    let selected = crate::db::agreements::selected(db, &case.id).await?;
    let case_threads = threads::of_case(db, &case.id).await?;
    let named = crate::db::cases::candidates_named(db).await?;
    let request = crate::db::roster::request(db, &case.request_id).await?.map(|r| r.answers).unwrap_or_default();
    let (scope, _) = crate::api::cases::support::scope_of(case, &request);
    let weights = crate::db::tuning::current(db).await?.map(|c| c.tuning.weights).unwrap_or_default();
    let mut cards: Vec<CompareCard> = Vec::new();
    for intro in intros.iter().filter(|i| i.sent_at.is_some()) {
        for p in intro.parties.iter().filter(|p| p.answer == Some(Answer::Accepted)) {
            if cards.iter().any(|c| c.provider_id == p.organisation_id) {
                continue;
            }
            let profile = named.iter().find(|n| n.candidate.id == p.organisation_id).map(|n| n.candidate.clone());
            let matched = profile.as_ref().map(|c| score(&scope.scope, c, &weights));
            let thread = case_threads.iter().find(|t| t.introduction_id.as_deref() == Some(intro.id.as_str()));
            let latest = match thread {
                Some(t) => threads::after(db, &t.id, (t.last_seq - PREVIEW_MESSAGES).max(0), PREVIEW_MESSAGES)
                    .await?
                    .into_iter()
                    .map(|m| MessagePreview { author: m.author_name.unwrap_or_default(), at: m.at, text: cut(&m.body) })
                    .collect(),
                None => Vec::new(),
            };
            let country = crate::db::organisations::get(db, &p.organisation_id).await?.map(|o| o.country);
            cards.push(CompareCard {
                provider_id: p.organisation_id.clone(),
                name: p.name.clone(),
                country: country.unwrap_or_default(),
                profile,
                matched,
                thread_id: thread.map(|t| t.id.clone()),
                messages: thread.map_or(0, |t| t.last_seq),
                latest,
                answered_in_ms: p.answered_at.zip(intro.sent_at).map(|(a, s)| (a - s).max(0)),
                selected: selected.iter().any(|s| s.provider_id == p.organisation_id),
            });
        }
    }
    Ok(cards)
}

/// Thanks, in its conversation, each provider that accepted an introduction but was not chosen
/// (the Case Manager writes it when there is one). Returns the live events to publish.
pub async fn thank_the_others(
    tx: &mut Tx,
    case: &Case,
    intros: &[Introduction],
    chosen: &[String],
    by: &str,
    locale: Locale,
    now: i64,
) -> Result<Vec<LiveEvent>, AppError> {
    let author = case.case_manager_id.clone().unwrap_or_else(|| by.to_string());
    let mut events = Vec::new();
    for intro in intros.iter().filter(|i| i.sent_at.is_some()) {
        let others: Vec<&str> = intro
            .parties
            .iter()
            .filter(|p| p.answer == Some(Answer::Accepted) && !chosen.contains(&p.organisation_id))
            .map(|p| p.name.as_str())
            .collect();
        if others.is_empty() {
            continue;
        }
        let Some(thread_id) = threads::of_introduction(&mut *tx, &intro.id).await? else { continue };
        let body = locale.tf(K::SelectionThanks, &[("names", &others.join(", "))]);
        // one word per selection made: a repeated selection does not thank twice
        let key = format!("selection-thanks-{}", chosen.join(","));
        let posted = threads::post(tx, &thread_id, &author, &key, &body, now).await?;
        if !posted.repeated {
            if let Some(t) = threads::get(&mut *tx, &thread_id).await? {
                events.push(crate::api::threads::support::changed(
                    &t,
                    posted.message.seq,
                    crate::model::ThreadChange::Message,
                ));
            }
        }
    }
    Ok(events)
}

/// Tells the chosen providers' members, and the Case Manager, that the government chose.
pub async fn tell_selected(
    tx: &mut Tx,
    state: &crate::state::AppState,
    case: &Case,
    chosen: &[String],
    by: &str,
    now: i64,
) -> Result<(), AppError> {
    use crate::api::notify::{tell, Tell};
    use crate::domain::notices::NoticeKind;
    let mut told = notifications::members(&mut *tx, chosen).await?;
    if let Some(manager) = &case.case_manager_id {
        told.extend(notifications::person(&mut *tx, manager).await?);
    }
    let path = format!("/cases/{}/agreement", case.id);
    let what = Tell {
        kind: NoticeKind::ProvidersSelected,
        case_id: Some(&case.id),
        path: &path,
        subject: K::MailSelectedSubject,
        body: K::MailSelectedBody,
        vars: &[],
        at: now,
    };
    tell(tx, &state.mailer, &told, Some(by), &what).await?;
    Ok(())
}
