//! Cases: the staff board, a case's page (the Case Manager's working view, or the requesting
//! government's own view), assignment, moves through the stages, the structured scope and its
//! confirmation, the next step, notes and decisions on matched providers.
//!
//! Each function checks who is asking first, then the input, then writes in one transaction and
//! publishes a live event. Writes that change the case name the version they were made on; a
//! stale one is answered with a conflict and changes nothing. Every form is a plain post: a
//! refusal comes back to the case page as a translated message.

use crate::error::AppError;
use crate::model::{CaseBoard, CasePage};
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

/// How many explained matches a case page shows (besides pinned and shortlisted ones).
pub const MATCHES_SHOWN: usize = 10;
/// Where live case events are served (server-sent events; see the server's routes).
pub const CASE_EVENTS_PATH: &str = "/events/cases";
/// How many similar cases a case page suggests.
pub const SIMILAR_SHOWN: usize = 5;

#[cfg(feature = "ssr")]
mod support {
    use crate::db::cases::{Case, Listed, Refused};
    use crate::domain::case::Refusal;
    use crate::domain::casework::{is_overdue, CaseScope};
    use crate::domain::taxonomy::{IssueArea, Region};
    use crate::error::AppError;
    use crate::forms::{refuse, refuse_with, FormFlash};
    use crate::i18n::K;
    use crate::model::{CaseChanged, CaseSummary};
    use std::collections::HashMap;

    pub type Facets = HashMap<String, (Vec<IssueArea>, Vec<Region>)>;

    /// The areas and regions a case is about: its written scope's, else its request's.
    pub fn areas_regions(c: &Case, facets: &Facets) -> (Vec<IssueArea>, Vec<Region>) {
        match &c.scope {
            Some(s) => (s.scope.areas.clone(), s.regions()),
            None => facets.get(&c.request_id).cloned().unwrap_or_default(),
        }
    }

    pub fn summary(listed: Listed, facets: &Facets, today: i64) -> CaseSummary {
        let (c, organisation, country, case_manager) = listed;
        let (areas, regions) = areas_regions(&c, facets);
        CaseSummary {
            overdue: is_overdue(c.stage, c.next_step_due_day, c.hold_until_day, today),
            id: c.id,
            request_id: c.request_id,
            organisation,
            country,
            stage: c.stage,
            held_from: c.held_from,
            outcome: c.outcome,
            case_manager,
            case_manager_id: c.case_manager_id,
            scope_confirmed: c.scope_confirmed_at.is_some(),
            next_step: c.next_step,
            next_step_due_day: c.next_step_due_day,
            hold_until_day: c.hold_until_day,
            areas,
            regions,
            version: c.version,
            updated_at: c.updated_at,
        }
    }

    pub fn today() -> i64 {
        crate::domain::time::day_of(crate::db::now_ms())
    }

    pub fn scope_of(c: &Case, request: &crate::domain::survey::Answers) -> (CaseScope, bool) {
        match &c.scope {
            Some(s) => (s.clone(), false),
            None => (CaseScope::from_request(request), true),
        }
    }

    /// The translated reason a refused move or write gives.
    pub fn refusal_key(refusal: Refusal) -> K {
        match refusal {
            Refusal::NotAllowed => K::CaseRefusedNotAllowed,
            Refusal::NeedsCaseManager => K::CaseRefusedNeedsCaseManager,
            Refusal::NeedsScope => K::CaseRefusedNeedsScope,
            Refusal::NeedsConfirmedScope => K::CaseRefusedNeedsConfirmedScope,
            Refusal::NeedsShortlist => K::CaseRefusedNeedsShortlist,
            Refusal::NeedsSelection => K::CaseRefusedNeedsSelection,
            Refusal::NeedsAcceptedAgreement => K::CaseRefusedNeedsAgreement,
            Refusal::HoldDateInPast => K::CaseRefusedHoldDateInPast,
        }
    }

    /// Sends the browser back to the case page (`#anchor`) with the refusal shown by `form`.
    pub fn refused(id: &str, form: &str, anchor: &str, field: Option<&str>, key: K) -> AppError {
        leptos_axum::redirect(&format!("/cases/{id}#{anchor}"));
        refuse(FormFlash::new(form).error(key, field))
    }

    /// The answer to a write that did not happen: a stale version is a conflict (the page
    /// reloads with the case as it now is), a refused move says why.
    pub fn not_written(id: &str, form: &str, anchor: &str, refused_: Refused) -> AppError {
        match refused_ {
            Refused::Stale(_) => {
                leptos_axum::redirect(&format!("/cases/{id}#{anchor}"));
                refuse_with(FormFlash::new(form), AppError::Conflict)
            }
            Refused::NotFound => AppError::NotFound.respond(),
            Refused::Move(r) => refused(id, form, anchor, None, refusal_key(r)),
        }
    }

    /// The case `id` and who asks, if the caller may work it: staff first (anyone else is
    /// refused before the case is read), then its Case Manager or an admin.
    pub async fn workable(id: &str) -> Result<(crate::state::AppState, crate::auth::CurrentSession, Case), AppError> {
        use crate::auth::{authorize, current_session};
        use crate::domain::policy::{Action, Resource};
        let current = current_session();
        authorize(&current.actor, Action::ViewCases, Resource::Platform)?;
        let state = crate::state::app_state()?;
        let Some(c) = crate::db::cases::get(state.db.read(), id).await? else {
            return Err(AppError::NotFound.respond());
        };
        authorize(&current.actor, Action::MoveCase, Resource::Case { manager: c.case_manager_id.as_deref() })?;
        Ok((state, current, c))
    }

    /// Refuses, as a conflict, a write made on a version other than the case the caller was
    /// authorized on: the compare-and-swap then guarantees the row written is the one checked.
    pub fn fresh(c: &Case, version: i64, form: &str, anchor: &str) -> Result<(), AppError> {
        if c.version == version {
            Ok(())
        } else {
            Err(not_written(&c.id, form, anchor, Refused::Stale(Box::new(c.clone()))))
        }
    }

    /// Commits, publishes the change and sends the browser back to the case page.
    pub async fn done(
        tx: crate::db::Tx,
        state: &crate::state::AppState,
        c: &Case,
        kind: &str,
        anchor: &str,
    ) -> Result<(), AppError> {
        tx.commit().await?;
        state
            .events
            .publish(CaseChanged {
                case_id: c.id.clone(),
                organisation_id: c.organisation_id.clone(),
                stage: c.stage,
                version: c.version,
                kind: kind.to_string(),
            })
            .await;
        leptos_axum::redirect(&format!("/cases/{}#{anchor}", c.id));
        Ok(())
    }
}

/// The staff case board: every case passing the filters of `query` (the page's URL query:
/// `stage`, `cm`, `area`, `region`, `overdue`, `mine`), most recently changed first, with the
/// count of cases in each stage and the Case Managers' caseloads.
#[server(name = CaseList, endpoint = "case_list", input = GetUrl)]
pub async fn case_list(query: String) -> Result<CaseBoard, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::cases;
    use crate::domain::case::CaseStage;
    use crate::domain::casework::{CaseQuery, CaseRowFacts};
    use crate::domain::policy::{Action, Resource};
    use crate::i18n::K;
    let actor = current_session().actor;
    authorize(&actor, Action::ViewCases, Resource::Platform)?;
    let q = CaseQuery::parse(&query).map_err(|e| AppError::invalid(e.param, K::CaseErrorBadFilter).respond())?;
    let state = crate::state::app_state()?;
    let db = state.db.read();
    let facets = cases::request_facets(db).await?;
    let today = support::today();
    let all: Vec<_> = cases::all_listed(db).await?.into_iter().map(|l| support::summary(l, &facets, today)).collect();
    let counts = CaseStage::ALL.into_iter().map(|s| (s, all.iter().filter(|c| c.stage == s).count())).collect();
    let overdue = all.iter().filter(|c| c.overdue).count();
    let total = all.len();
    let me = actor.user_id.clone();
    let cases = all
        .into_iter()
        .filter(|c| {
            let row = CaseRowFacts {
                stage: c.stage,
                case_manager: c.case_manager_id.as_deref(),
                areas: &c.areas,
                regions: &c.regions,
                next_step_due_day: c.next_step_due_day,
                hold_until_day: c.hold_until_day,
            };
            q.admits(&row, me.as_deref(), today)
        })
        .collect();
    let case_managers = cases::case_managers(db).await?;
    Ok(CaseBoard { cases, counts, overdue, total, case_managers, me })
}

/// The cases of the organisations the caller belongs to (a government's own requests), with
/// only what the government's view shows.
#[server(name = MyCases, endpoint = "my_cases", input = GetUrl)]
pub async fn my_cases() -> Result<Vec<crate::model::GovCaseSummary>, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{can, Action, Resource};
    let actor = current_session().actor;
    authorize(&actor, Action::ManageOwnAccount, Resource::User(actor.user_id.as_deref().unwrap_or("")))?;
    let state = crate::state::app_state()?;
    let mut out = Vec::new();
    for org in actor.member_of.iter().filter(|o| can(&actor, Action::ViewOwnCase, Resource::Organisation(o))) {
        for (c, organisation, _, _) in crate::db::cases::of_organisation(state.db.read(), org).await? {
            out.push(crate::model::GovCaseSummary {
                id: c.id,
                organisation,
                stage: c.stage,
                outcome: c.outcome,
                updated_at: c.updated_at,
            });
        }
    }
    Ok(out)
}

/// One case, as the caller may see it: staff get the Case Manager's working view (matches,
/// notes and decisions only for its Case Manager, steering and admins); a member of the
/// requesting government gets its own plain-language view; anyone else is refused.
#[server(name = CaseDetail, endpoint = "case_detail", input = GetUrl)]
pub async fn case_detail(id: String) -> Result<CasePage, AppError> {
    use crate::auth::current_session;
    use crate::db::{cases, roster};
    use crate::domain::case::moves_from;
    use crate::domain::casework::{arrange, similar, CaseSketch, Decision};
    use crate::domain::matching::{rank, Weights};
    use crate::domain::policy::{can, Action, Resource};
    use crate::model::{GovCaseView, MatchView, NoteView, SimilarCase, TimelineEntry};
    let actor = current_session().actor;
    let staff = can(&actor, Action::ViewCases, Resource::Platform);
    if !actor.is_signed_in() {
        return Err(AppError::Unauthenticated.respond());
    }
    // members hold no staff view: ask whether the case is theirs before reading it fully
    if !staff && actor.member_of.is_empty() {
        return Err(AppError::Forbidden.respond());
    }
    let state = crate::state::app_state()?;
    let db = state.db.read();
    let Some(listed) = cases::get_listed(db, &id).await? else { return Err(AppError::NotFound.respond()) };
    let c = listed.0.clone();
    let decisions = cases::decisions(db, &c.id).await?;
    if !staff {
        if !can(&actor, Action::ViewOwnCase, Resource::Organisation(&c.organisation_id)) {
            // a case of another organisation: as if it did not exist
            return Err(AppError::NotFound.respond());
        }
        // the shortlist is the government's once introductions began (a held case: where it was)
        let introduced_stage = {
            use crate::domain::case::CaseStage::*;
            let stage = if c.stage == OnHold { c.held_from } else { Some(c.stage) };
            matches!(stage, Some(Introductions | Selection | Agreement | Active))
                || (c.stage == Closed && c.outcome == Some(crate::domain::case::Outcome::Successful))
        };
        let introduced = if introduced_stage {
            decisions.iter().filter(|d| d.2 == Decision::Shortlisted).map(|d| d.1.clone()).collect()
        } else {
            Vec::new()
        };
        return Ok(CasePage::Government(Box::new(GovCaseView {
            id: c.id.clone(),
            request_id: c.request_id.clone(),
            organisation: listed.1.clone(),
            stage: c.stage,
            held_from: c.held_from,
            hold_until_day: c.hold_until_day,
            outcome: c.outcome,
            case_manager: listed.3.clone(),
            scope: c.scope.clone(),
            scope_confirmed_at: c.scope_confirmed_at,
            can_confirm: can(&actor, Action::ConfirmScope, Resource::Organisation(&c.organisation_id)),
            introduced,
            version: c.version,
            updated_at: c.updated_at,
        })));
    }
    let resource = Resource::Case { manager: c.case_manager_id.as_deref() };
    let internals = can(&actor, Action::ViewCaseInternals, resource);
    let request = roster::request(db, &c.request_id).await?.map(|r| r.2).unwrap_or_default();
    let (scope, scope_is_draft) = support::scope_of(&c, &request);
    // whom entries are about, by id: Case Managers and decided providers are known already;
    // anyone else (a disabled Case Manager, a provider whose decision was cleared) is read once
    let case_managers = cases::case_managers(db).await?;
    let mut names: std::collections::HashMap<String, Option<String>> = case_managers
        .iter()
        .map(|(id, name, _)| (id.clone(), Some(name.clone())))
        .chain(decisions.iter().map(|d| (d.0.clone(), Some(d.1.clone()))))
        .collect();
    let mut timeline: Vec<TimelineEntry> = Vec::new();
    for e in cases::timeline(db, &c.id).await? {
        // decisions on providers stay with those who may see the match list
        if !internals && !matches!(e.kind.as_str(), "opened" | "stage" | "assigned") {
            continue;
        }
        let (subject_id, detail) = match e.kind.as_str() {
            "assigned" => (e.detail.split_once('→').map_or("", |(_, to)| to).to_string(), String::new()),
            "decision" => {
                let (provider, decision) = e.detail.rsplit_once(':').unwrap_or((&e.detail, ""));
                (provider.to_string(), decision.to_string())
            }
            _ => (String::new(), e.detail.clone()),
        };
        let subject = if subject_id.is_empty() {
            None
        } else {
            if !names.contains_key(&subject_id) {
                let name = match e.kind.as_str() {
                    "assigned" => crate::db::users::get(db, &subject_id).await?.map(|u| u.name),
                    _ => crate::db::organisations::get(db, &subject_id).await?.map(|o| o.1),
                };
                names.insert(subject_id.clone(), name);
            }
            names.get(&subject_id).cloned().flatten()
        };
        timeline.push(TimelineEntry {
            at: e.at,
            actor: e.actor_name,
            kind: e.kind,
            from_stage: e.from_stage,
            to_stage: e.to_stage,
            reason: e.reason,
            detail,
            subject,
        });
    }
    let facets = cases::request_facets(db).await?;
    let all = cases::all_listed(db).await?;
    let sketch = |c: &crate::db::cases::Case| {
        let (areas, regions) = support::areas_regions(c, &facets);
        CaseSketch { id: c.id.clone(), areas, regions, stage: c.stage, outcome: c.outcome }
    };
    let others: Vec<CaseSketch> = all.iter().map(|l| sketch(&l.0)).collect();
    let similar = similar(&sketch(&c), &others, SIMILAR_SHOWN)
        .into_iter()
        .filter_map(|s| {
            let l = all.iter().find(|l| l.0.id == s.id)?;
            Some(SimilarCase {
                id: s.id,
                organisation: l.1.clone(),
                country: l.2.clone(),
                stage: l.0.stage,
                outcome: l.0.outcome,
                shared: s.shared,
            })
        })
        .collect();
    let (matches, excluded, notes, shortlist) = if internals {
        let named = cases::candidates_named(db).await?;
        let (names, candidates): (Vec<String>, Vec<_>) = named.into_iter().unzip();
        let ranked = rank(&scope.scope, &candidates, &Weights::default());
        let keyed: Vec<(String, Decision, String)> =
            decisions.iter().map(|d| (d.0.clone(), d.2, d.3.clone())).collect();
        let (shown, excluded) = arrange(ranked, &keyed, MATCHES_SHOWN);
        let name_of =
            |id: &str| candidates.iter().position(|c| c.id == id).map(|i| names[i].clone()).unwrap_or_default();
        let view = |a: crate::domain::casework::Arranged| MatchView { name: name_of(&a.ranked.id), arranged: a };
        let notes = cases::notes(db, &c.id)
            .await?
            .into_iter()
            .map(|n| NoteView { at: n.at, kind: n.kind, author: n.author_name, body: n.body })
            .collect();
        let shortlist = decisions
            .iter()
            .filter(|d| d.2 == Decision::Shortlisted)
            .map(|d| (d.0.clone(), d.1.clone(), d.3.clone()))
            .collect();
        (Some(shown.into_iter().map(view).collect()), excluded.into_iter().map(view).collect(), Some(notes), shortlist)
    } else {
        (None, Vec::new(), None, Vec::new())
    };
    let can_work = can(&actor, Action::MoveCase, resource);
    Ok(CasePage::Staff(Box::new(crate::model::CaseView {
        moves: if can_work { moves_from(c.stage, c.held_from) } else { Vec::new() },
        can_assign: can(&actor, Action::AssignCase, resource),
        can_work,
        scope_confirmed_at: c.scope_confirmed_at,
        summary: support::summary(listed, &facets, support::today()),
        request,
        scope,
        scope_is_draft,
        timeline,
        case_managers,
        matches,
        excluded,
        shortlist,
        notes,
        similar,
        viewer_id: actor.user_id.clone(),
    })))
}

/// Gives a case to a Case Manager (`case_manager` empty: to nobody), made on `version`.
#[server(name = AssignCase, endpoint = "assign_case")]
pub async fn assign_case(id: String, version: i64, case_manager: String, reason: String) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::cases::{self, Author};
    use crate::domain::casework::SHORT_MAX;
    use crate::domain::policy::{Action, Resource, StaffRole};
    use crate::i18n::K;
    let current = current_session();
    authorize(&current.actor, Action::ViewCases, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let Some(c) = cases::get(state.db.read(), &id).await? else { return Err(AppError::NotFound.respond()) };
    authorize(&current.actor, Action::AssignCase, Resource::Case { manager: c.case_manager_id.as_deref() })?;
    let reason = reason.trim();
    if reason.chars().count() > SHORT_MAX {
        return Err(support::refused(&id, "case_assign", "assign", Some("assign-reason"), K::ErrorTooLong));
    }
    let target = Some(case_manager.trim()).filter(|s| !s.is_empty());
    if let Some(user) = target {
        let ok = crate::db::users::get(state.db.read(), user)
            .await?
            .is_some_and(|u| u.staff_role == Some(StaffRole::CaseManager) && !u.disabled);
        if !ok {
            return Err(support::refused(
                &id,
                "case_assign",
                "assign",
                Some("case_manager"),
                K::CaseErrorNotACaseManager,
            ));
        }
    }
    // a Case Manager may only take an unassigned case for themselves
    if current.actor.staff_role == Some(StaffRole::CaseManager) && target != current.actor.user_id.as_deref() {
        return Err(AppError::Forbidden.respond());
    }
    support::fresh(&c, version, "case_assign", "assign")?;
    let mut tx = state.db.write().begin().await?;
    let author = Author { actor: current.actor.user_id.as_deref(), reason };
    match cases::assign(&mut tx, &id, version, target, author).await? {
        Ok(c) => support::done(tx, &state, &c, "assigned", "assign").await,
        Err(r) => Err(support::not_written(&id, "case_assign", "assign", r)),
    }
}

/// Moves a case: `action` is a stage key, `hold` (with `until`, a date), `resume` or `close`
/// (with `outcome`); made on `version`. A refused move says why and changes nothing.
#[server(name = MoveCase, endpoint = "move_case")]
pub async fn move_case(
    id: String,
    version: i64,
    action: String,
    outcome: Option<String>,
    until: Option<String>,
    reason: String,
) -> Result<(), AppError> {
    use crate::db::cases::{self, Author};
    use crate::domain::case::{CaseStage, Move, Outcome};
    use crate::domain::casework::SHORT_MAX;
    use crate::i18n::K;
    let (state, current, c) = support::workable(&id).await?;
    let bad = |field: &str, key: K| support::refused(&id, "case_move", "move", Some(field), key);
    let mv = match action.as_str() {
        "hold" => match until.as_deref().and_then(crate::domain::time::day_number) {
            Some(day) => Move::Hold { until_day: day },
            None => return Err(bad("until", K::CaseErrorBadDate)),
        },
        "resume" => Move::Resume,
        "close" => match outcome.as_deref().and_then(Outcome::from_key) {
            Some(o) => Move::Close(o),
            None => return Err(bad("outcome", K::ErrorUnknownOption)),
        },
        stage => match CaseStage::from_key(stage) {
            Some(s) => Move::To(s),
            None => return Err(bad("action", K::ErrorUnknownOption)),
        },
    };
    let reason = reason.trim();
    if reason.chars().count() > SHORT_MAX {
        // each move's form has its own reason field
        let field = match mv {
            Move::Hold { .. } => "hold-reason",
            Move::Close(_) => "close-reason",
            _ => "move-reason",
        };
        return Err(bad(field, K::ErrorTooLong));
    }
    support::fresh(&c, version, "case_move", "move")?;
    let mut tx = state.db.write().begin().await?;
    // the guards read the case's facts in the transaction that moves it
    let facts = cases::facts(&mut tx, &c).await?;
    let author = Author { actor: current.actor.user_id.as_deref(), reason };
    match cases::move_case(&mut tx, &id, version, mv, &facts, support::today(), author).await? {
        Ok(c) => support::done(tx, &state, &c, "stage", "move").await,
        Err(r) => Err(support::not_written(&id, "case_move", "move", r)),
    }
}

/// Writes the structured scope from its form (a multipart post: the multiple choices repeat
/// their names). An empty scope is refused with what to fill in.
#[server(name = WriteScope, endpoint = "write_scope", input = MultipartFormData)]
pub async fn write_scope(data: MultipartData) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::cases::{self, Author};
    use crate::domain::casework::CaseScope;
    use crate::domain::policy::{Action, Resource};
    let current = current_session();
    authorize(&current.actor, Action::ViewCases, Resource::Platform)?;
    let fields = crate::forms::multipart_fields(data, 64 * 1024).await?;
    let get = |n: &str| fields.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone()).unwrap_or_default();
    let id = get("id");
    let (state, current, c) = support::workable(&id).await?;
    let version: i64 = get("version").parse().unwrap_or(-1);
    let scope = match CaseScope::from_form(&fields) {
        Ok(s) => s,
        Err(e) => {
            leptos_axum::redirect(&format!("/cases/{id}#scope"));
            let mut flash =
                crate::forms::FormFlash::new("case_scope").error(e.key, Some(&format!("scope-{}", e.field)));
            for name in ["objectives", "deliverables"] {
                flash = flash.value(name, &get(name));
            }
            return Err(crate::forms::refuse(flash));
        }
    };
    support::fresh(&c, version, "case_scope", "scope")?;
    let mut tx = state.db.write().begin().await?;
    let author = Author { actor: current.actor.user_id.as_deref(), reason: "" };
    match cases::write_scope(&mut tx, &id, version, &scope, author).await? {
        Ok(c) => support::done(tx, &state, &c, "scope", "scope").await,
        Err(r) => Err(support::not_written(&id, "case_scope", "scope", r)),
    }
}

/// The requesting government confirms the scope it read (at `version`): matching may then
/// lead to introductions.
#[server(name = ConfirmScope, endpoint = "confirm_scope")]
pub async fn confirm_scope(id: String, version: i64) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::cases::{self, Author};
    use crate::domain::policy::{Action, Resource};
    let current = current_session();
    if !current.actor.is_signed_in() {
        return Err(AppError::Unauthenticated.respond());
    }
    let state = crate::state::app_state()?;
    let Some(c) = cases::get(state.db.read(), &id).await? else { return Err(AppError::NotFound.respond()) };
    authorize(&current.actor, Action::ConfirmScope, Resource::Organisation(&c.organisation_id))?;
    support::fresh(&c, version, "case_confirm", "scope")?;
    let mut tx = state.db.write().begin().await?;
    let author = Author { actor: current.actor.user_id.as_deref(), reason: "" };
    match cases::confirm_scope(&mut tx, &id, version, author).await? {
        Ok(c) => support::done(tx, &state, &c, "scope_confirmed", "scope").await,
        Err(r) => Err(support::not_written(&id, "case_confirm", "scope", r)),
    }
}

/// Sets the next step and its due date (`due`: YYYY-MM-DD, or empty for none), on `version`.
#[server(name = SetNextStep, endpoint = "set_next_step")]
pub async fn set_next_step(id: String, version: i64, next_step: String, due: String) -> Result<(), AppError> {
    use crate::db::cases::{self, Author};
    use crate::domain::casework::SHORT_MAX;
    use crate::i18n::K;
    let (state, current, c) = support::workable(&id).await?;
    let bad = |field: &str, key: K| support::refused(&id, "case_next", "next", Some(field), key);
    let next_step = next_step.trim();
    if next_step.is_empty() {
        return Err(bad("next_step", K::ErrorRequired));
    }
    if next_step.chars().count() > SHORT_MAX {
        return Err(bad("next_step", K::ErrorTooLong));
    }
    let due_day = match due.trim() {
        "" => None,
        d => match crate::domain::time::day_number(d) {
            Some(day) if day >= support::today() => Some(day),
            Some(_) => return Err(bad("due", K::CaseErrorDueInPast)),
            None => return Err(bad("due", K::ErrorDateInvalid)),
        },
    };
    support::fresh(&c, version, "case_next", "next")?;
    let mut tx = state.db.write().begin().await?;
    let author = Author { actor: current.actor.user_id.as_deref(), reason: "" };
    match cases::set_next_step(&mut tx, &id, version, next_step, due_day, author).await? {
        Ok(c) => support::done(tx, &state, &c, "next_step", "next").await,
        Err(r) => Err(support::not_written(&id, "case_next", "next", r)),
    }
}

/// Adds a note (`kind`: `scoping` or `internal`) to a case.
#[server(name = AddCaseNote, endpoint = "add_case_note")]
pub async fn add_case_note(id: String, kind: String, body: String) -> Result<(), AppError> {
    use crate::db::cases;
    use crate::domain::casework::TEXT_MAX;
    use crate::i18n::K;
    let (state, current, c) = support::workable(&id).await?;
    let bad = |field: &str, key: K| support::refused(&id, "case_note", "notes", Some(field), key);
    if !matches!(kind.as_str(), "scoping" | "internal") {
        return Err(bad("note-kind", K::ErrorUnknownOption));
    }
    let body = body.trim();
    if body.is_empty() {
        return Err(bad("note-body", K::ErrorRequired));
    }
    if body.chars().count() > TEXT_MAX {
        return Err(bad("note-body", K::ErrorTooLong));
    }
    let mut tx = state.db.write().begin().await?;
    cases::add_note(&mut tx, &id, &kind, current.actor.user_id.as_deref(), body).await?;
    support::done(tx, &state, &c, "note", "notes").await
}

/// Records a decision on a matched provider, made on `version`: `decision` is `shortlisted`,
/// `excluded`, `pinned` or empty (to clear it); an exclusion or a pin needs a reason. Only a
/// listed provider can be decided on (an unknown one is refused); a decision already taken can
/// always be cleared.
#[server(name = DecideMatch, endpoint = "decide_match")]
pub async fn decide_match(
    id: String,
    version: i64,
    provider: String,
    decision: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::db::cases::{self, Author};
    use crate::domain::casework::{check_reason, Decision};
    use crate::i18n::K;
    let (state, current, c) = support::workable(&id).await?;
    let bad = |field: &str, key: K| support::refused(&id, "case_decide", "matches", Some(field), key);
    let decision = match decision.as_str() {
        "" | "clear" => None,
        d => match Decision::from_key(d) {
            Some(d) => Some(d),
            None => return Err(bad("decision", K::ErrorUnknownOption)),
        },
    };
    let reason = match check_reason(decision, &reason) {
        Ok(r) => r,
        Err(key) => return Err(bad(&format!("reason-{provider}"), key)),
    };
    support::fresh(&c, version, "case_decide", "matches")?;
    let mut tx = state.db.write().begin().await?;
    let known = match decision {
        Some(_) => cases::is_listed_provider(&mut tx, &provider).await?,
        None => cases::has_decision(&mut tx, &id, &provider).await?,
    };
    if !known {
        return Err(bad("provider", K::CaseErrorUnknownProvider));
    }
    let author = Author { actor: current.actor.user_id.as_deref(), reason: &reason };
    match cases::decide(&mut tx, &id, version, &provider, decision, author).await? {
        Ok(c) => support::done(tx, &state, &c, "decision", &format!("match-{provider}")).await,
        Err(r) => Err(support::not_written(&id, "case_decide", "matches", r)),
    }
}
