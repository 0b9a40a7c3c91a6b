//! The rosters for staff (search with facets, the CSV export), provider profile and request
//! pages (staff, and the organisation's own members), confirming a profile and changing its
//! listing, and the yearly "is this still accurate?" reminder.

use crate::error::AppError;
use crate::model::{ProfileView, RequestView, RosterPage};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Parses a roster key and query string, or refuses them.
#[cfg(feature = "ssr")]
fn parse(
    roster: &str,
    query: &str,
) -> Result<(crate::domain::roster::Roster, crate::domain::roster::RosterQuery), AppError> {
    use crate::domain::roster::{Roster, RosterQuery};
    let roster = Roster::from_key(roster).ok_or_else(|| AppError::NotFound.respond())?;
    let query = RosterQuery::parse(roster, query)
        .map_err(|e| AppError::Validation { field: e.param, key: e.message }.respond())?;
    Ok((roster, query))
}

/// A roster entry as a list shows it.
#[cfg(feature = "ssr")]
pub(crate) fn row_of(r: crate::db::roster::Listed) -> crate::model::RosterRow {
    use crate::domain::roster::Facet;
    let values = |of: Facet| r.facets.iter().filter(|(f, _)| *f == of).map(|(_, v)| v.clone()).collect::<Vec<_>>();
    crate::model::RosterRow {
        areas: values(Facet::Area),
        languages: values(Facet::Language),
        id: r.id,
        name: r.name,
        kind: r.kind,
        country: r.country,
        summary: r.summary,
        updated_at: r.updated_at,
    }
}

/// Pages of `PAGE_SIZE` needed for `total` entries (at least 1).
#[cfg(feature = "ssr")]
pub(crate) fn pages_for(total: i64) -> u32 {
    use crate::domain::roster::PAGE_SIZE;
    u32::try_from((total.max(1) + i64::from(PAGE_SIZE) - 1) / i64::from(PAGE_SIZE)).unwrap_or(u32::MAX)
}

/// One page of a roster. `query` is the page's URL query string (facets, `q`, `sort`, `page`).
#[server(name = RosterSearch, endpoint = "roster_search", input = GetUrl)]
pub async fn roster_search(roster: String, query: String) -> Result<RosterPage, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::roster;
    use crate::domain::policy::{Action, Resource};
    authorize(&current_session().actor, Action::ViewRoster, Resource::Platform)?;
    let (which, query) = parse(&roster, &query)?;
    let state = crate::state::app_state()?;
    let roster::Found { rows, total } = roster::search(state.db.read(), which, &query, roster::Audience::Staff).await?;
    let drafts_in_progress = roster::drafts_in_progress(state.db.read()).await?;
    let pages = pages_for(total);
    Ok(RosterPage { rows: rows.into_iter().map(row_of).collect(), query, total, pages, drafts_in_progress })
}

/// A provider's profile: for staff, and for the organisation's own members.
#[server(name = ProviderProfile, endpoint = "provider_profile", input = GetUrl)]
pub async fn provider_profile(organisation_id: String) -> Result<ProfileView, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::{organisations, roster, surveys};
    use crate::domain::policy::{can, Action, Resource};
    use crate::domain::roster::changed_questions;
    use crate::domain::survey::SurveyKind;
    let actor = current_session().actor;
    authorize(&actor, Action::ViewOwnSubmissions, Resource::Organisation(&organisation_id))?;
    let state = crate::state::app_state()?;
    let db = state.db.read();
    let (Some(org), Some(standing)) =
        (organisations::get(db, &organisation_id).await?, roster::profile_standing(db, &organisation_id).await?)
    else {
        return Err(AppError::NotFound.respond());
    };
    let roster::Standing { current_version: version, listed, confirmed_at, reminded_at } = standing;
    let versions = surveys::profile_versions(db, &organisation_id).await?;
    let mut history = Vec::with_capacity(versions.len());
    for (i, v) in versions.iter().enumerate() {
        let changed = match i.checked_sub(1).and_then(|p| versions.get(p)) {
            Some(before) => changed_questions(SurveyKind::Supply, &before.answers, &v.answers)
                .iter()
                .map(|q| q.id.to_string())
                .collect(),
            None => Vec::new(),
        };
        history.push(crate::model::VersionView { version: v.version, created_at: v.at, changed });
    }
    history.reverse();
    // a current version that is not stored is a corrupt profile, never an empty one
    let Some(answers) = versions.into_iter().find(|v| v.version == version).map(|v| v.answers) else {
        tracing::error!(organisation = %organisation_id, version, "the current profile version is missing");
        return Err(AppError::Internal);
    };
    Ok(ProfileView {
        organisation_id: organisation_id.clone(),
        name: org.name,
        kind: org.kind,
        country: org.country,
        verified: org.verified,
        version,
        listed,
        confirmed_at,
        reminded_at,
        confirmation_due: crate::db::now_ms() - confirmed_at >= crate::domain::roster::CONFIRM_EVERY_MS,
        answers,
        history,
        can_manage: can(&actor, Action::ManageProfile, Resource::Organisation(&organisation_id)),
        is_member: actor.member_of.contains(&organisation_id),
    })
}

/// A request: for staff, and for the requesting organisation's members.
#[server(name = RequestDetail, endpoint = "request_detail", input = GetUrl)]
pub async fn request_detail(id: String) -> Result<RequestView, AppError> {
    use crate::auth::current_session;
    use crate::domain::policy::{can, Action, Resource};
    let actor = current_session().actor;
    if !actor.is_signed_in() {
        return Err(AppError::Unauthenticated.respond());
    }
    let state = crate::state::app_state()?;
    let db = state.db.read();
    // a request the caller may not see is answered like one that does not exist
    let Some(request) = crate::db::roster::request(db, &id).await? else {
        return Err(AppError::NotFound.respond());
    };
    if !can(&actor, Action::ViewOwnSubmissions, Resource::Organisation(&request.organisation_id)) {
        return Err(AppError::NotFound.respond());
    }
    let organisation =
        crate::db::organisations::get(db, &request.organisation_id).await?.map(|o| o.name).unwrap_or_default();
    let case = crate::db::cases::of_request(db, &id).await?;
    Ok(RequestView {
        id,
        organisation_id: request.organisation_id,
        organisation,
        status: request.status,
        answers: request.answers,
        created_at: request.created_at,
        case_stage: case.as_ref().map(|c| crate::model::CaseStanding { stage: c.stage, outcome: c.outcome }),
        case_id: case.map(|c| c.id),
    })
}

/// Confirms that a provider profile is still accurate (resets the yearly reminder).
#[server(name = ConfirmProfile, endpoint = "confirm_profile")]
pub async fn confirm_profile(organisation_id: String) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session};
    use crate::db::{audit, roster};
    use crate::domain::policy::{Action, Resource};
    let current = current_session();
    authorize(&current.actor, Action::ManageProfile, Resource::Organisation(&organisation_id))?;
    let state = crate::state::app_state()?;
    let ip = client_ip();
    let mut tx = state.db.write().begin().await?;
    if !roster::confirm_profile(&mut tx, &organisation_id).await? {
        return Err(AppError::NotFound.respond());
    }
    let actor = current.user.as_ref().map(|u| u.user_id.as_str());
    audit::note(&mut tx, actor, "provider_profile.confirmed", &organisation_id, &ip).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/roster/providers/{organisation_id}?confirmed=1"));
    Ok(())
}

/// Lists a provider profile in the roster, or withdraws it.
#[server(name = SetProfileListed, endpoint = "set_profile_listed")]
pub async fn set_profile_listed(organisation_id: String, listed: bool) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session};
    use crate::db::{audit, roster};
    use crate::domain::policy::{Action, Resource};
    let current = current_session();
    authorize(&current.actor, Action::ManageProfile, Resource::Organisation(&organisation_id))?;
    let state = crate::state::app_state()?;
    let ip = client_ip();
    let mut tx = state.db.write().begin().await?;
    if !roster::set_listed(&mut tx, &organisation_id, listed).await? {
        return Err(AppError::NotFound.respond());
    }
    let actor = current.user.as_ref().map(|u| u.user_id.as_str());
    let action = if listed { "provider_profile.listed" } else { "provider_profile.withdrawn" };
    let event =
        audit::AuditEvent { actor_user_id: actor, action, subject: &organisation_id, ip: &ip, ..Default::default() };
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/roster/providers/{organisation_id}"));
    Ok(())
}

/// The CSV export of a roster (server only; served by the `/roster/{roster}.csv` route).
#[cfg(feature = "ssr")]
pub mod export {
    use crate::db::roster::Exported;
    use crate::domain::countries::Country;
    use crate::domain::roster::{Roster, RosterQuery};
    use crate::domain::survey::display_value;
    use crate::domain::taxonomy::OrgKind;
    use crate::i18n::{Locale, K};

    /// Rows buffered between the database cursor and the response.
    const CHANNEL_ROWS: usize = 64;
    /// Bytes gathered before a chunk is sent to the client.
    const CHUNK_BYTES: usize = 32 * 1024;

    /// The questions exported after the fixed columns, per roster.
    fn questions(roster: Roster) -> Vec<&'static crate::domain::survey::Question> {
        let skip = ["respondent_name", "respondent_email", "org_name", "org_kind", "org_country", "country", "agency"];
        roster.survey().questions().filter(|q| !skip.contains(&q.id)).collect()
    }

    /// A cell safe to open in a spreadsheet: text that a spreadsheet would run as a formula
    /// (`=`, `+`, `-`, `@`, tab, carriage return first) is prefixed with an apostrophe.
    pub fn cell(text: &str) -> String {
        if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{text}")
        } else {
            text.to_string()
        }
    }

    /// The header row in `locale`.
    pub fn header(roster: Roster, locale: Locale) -> Vec<String> {
        let mut row = vec![
            locale.t(K::RosterCsvId).to_string(),
            locale
                .t(if roster == Roster::Providers { K::RosterCsvOrganisation } else { K::RosterCsvGovernment })
                .to_string(),
            locale.t(K::RosterCsvKind).to_string(),
            locale.t(K::RosterCsvCountry).to_string(),
            locale.t(K::RosterCsvUpdated).to_string(),
            locale.t(K::RosterCsvContactName).to_string(),
            locale.t(K::RosterCsvContactEmail).to_string(),
        ];
        row.extend(questions(roster).iter().map(|q| locale.t(q.label).to_string()));
        row
    }

    /// One entry's row in `locale` (several values in a cell are separated by "; ").
    pub fn record(roster: Roster, e: &Exported, locale: Locale) -> Vec<String> {
        let kind = OrgKind::from_key(&e.kind).map_or(e.kind.clone(), |k| k.label(locale).to_string());
        let country = Country::by_code(&e.country).map_or(e.country.clone(), |c| c.name(locale).to_string());
        let mut row = vec![
            e.id.clone(),
            cell(&e.name),
            kind,
            country,
            crate::domain::time::format_utc(e.updated_at),
            cell(e.answers.first("respondent_name")),
            cell(e.answers.first("respondent_email")),
        ];
        for q in questions(roster) {
            let shown: Vec<String> = e.answers.values(q.id).iter().map(|v| display_value(q, v, locale)).collect();
            row.push(cell(&shown.join("; ")));
        }
        row
    }

    /// Starts the export of `roster` filtered by `query`: the database is read in one task as
    /// the response is written, so memory stays flat whatever the roster's size. Returns the
    /// stream of CSV chunks (UTF-8 with a byte-order mark, which spreadsheets need to read
    /// accents).
    pub fn stream(
        db: crate::db::Db,
        roster: Roster,
        query: RosterQuery,
        locale: Locale,
    ) -> tokio::sync::mpsc::Receiver<Result<Vec<u8>, std::io::Error>> {
        let (rows_tx, mut rows_rx) = tokio::sync::mpsc::channel::<Exported>(CHANNEL_ROWS);
        let (bytes_tx, bytes_rx) = tokio::sync::mpsc::channel(4);
        let reader = tokio::spawn(async move {
            crate::db::roster::export(&db, roster, &query, crate::db::roster::Audience::Staff, rows_tx).await
        });
        tokio::spawn(async move {
            let mut buffer = b"\xEF\xBB\xBF".to_vec();
            buffer.extend(line(&header(roster, locale)));
            while let Some(e) = rows_rx.recv().await {
                buffer.extend(line(&record(roster, &e, locale)));
                if buffer.len() >= CHUNK_BYTES && bytes_tx.send(Ok(std::mem::take(&mut buffer))).await.is_err() {
                    return; // the client went away; dropping the receiver stops the reader
                }
            }
            let outcome = match reader.await {
                Ok(Ok(())) => Ok(buffer),
                Ok(Err(e)) => {
                    tracing::error!(error = %e, "roster export failed mid-way");
                    Err(std::io::Error::other("export failed"))
                }
                Err(_) => Err(std::io::Error::other("export failed")),
            };
            let _ = bytes_tx.send(outcome).await;
        });
        bytes_rx
    }

    /// One CSV line (quoted where needed, CRLF-free).
    fn line(fields: &[String]) -> Vec<u8> {
        let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
        if writer.write_record(fields).is_err() {
            return Vec::new();
        }
        writer.into_inner().unwrap_or_default()
    }
}

/// Sends the yearly "is this still accurate?" reminder for every profile due (server only;
/// run by a background task, and by tests with a later `now`). Returns how many profiles were
/// reminded.
#[cfg(feature = "ssr")]
pub async fn send_profile_reminders(
    db: &crate::db::Database,
    mailer: &crate::mail::Mailer,
    now: i64,
) -> Result<usize, sqlx::Error> {
    use crate::db::{outbox, roster};
    use crate::domain::roster::CONFIRM_EVERY_MS;
    use crate::i18n::{Locale, K};
    let mut reminded = 0;
    for roster::Due { organisation_id, name } in roster::reminders_due(db.read(), now - CONFIRM_EVERY_MS, 100).await? {
        let people = roster::mail_recipients(db.read(), &organisation_id).await?;
        let mut tx = db.write().begin().await?;
        if !roster::mark_reminded(&mut tx, &organisation_id, now).await? {
            continue;
        }
        let link = mailer.link(&format!("/roster/providers/{organisation_id}"));
        for person in &people {
            // a language no longer offered: the mail goes in the default one rather than not at all
            let locale = Locale::from_code(&person.locale).unwrap_or_default();
            let vars = [("name", person.name.as_str()), ("organisation", name.as_str()), ("link", link.as_str())];
            outbox::enqueue(
                &mut tx,
                &person.email,
                &locale.tf(K::MailProfileReminderSubject, &vars),
                &locale.tf(K::MailProfileReminderBody, &vars),
            )
            .await?;
        }
        tx.commit().await?;
        reminded += 1;
    }
    if reminded > 0 {
        mailer.wake();
    }
    Ok(reminded)
}
