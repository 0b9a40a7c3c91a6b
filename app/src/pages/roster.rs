//! `/roster/providers` and `/roster/requests` (staff): filters in a plain GET form, so a
//! filtered roster is a URL to bookmark or share and works before the WASM; results with
//! pagination and a CSV export of the whole filtered list. `/roster/providers/{id}` and
//! `/roster/requests/{id}`: one profile (with its version history) or request, for staff and
//! for the organisation's own members.

use super::{refused, set_status, use_flash};
use crate::api::roster::{provider_profile, request_detail, roster_search};
use crate::components::{use_locale, FormErrorSummary};
use crate::domain::countries::Country;
use crate::domain::roster::{Facet, Roster, RosterQuery};
use crate::domain::survey::SurveyKind;
use crate::domain::taxonomy::{IssueArea, Language};
use crate::domain::time::format_utc;
use crate::i18n::{Locale, K};
use crate::model::{ProfileView, RosterPage as Page, RosterRow};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

/// Section links of the staff roster and outreach pages.
#[component]
pub fn RosterNav() -> impl IntoView {
    let l = use_locale();
    view! {
        <nav class="subnav" aria-label=l.t(K::RosterNavLabel)>
            <a href="/roster/providers">{l.t(K::RosterProvidersTitle)}</a>
            <a href="/roster/requests">{l.t(K::RosterRequestsTitle)}</a>
            <a href="/outreach">{l.t(K::OutreachTitle)}</a>
            <a href="/enquiries">{l.t(K::EnquiriesTitle)}</a>
        </nav>
    }
}

/// A roster page.
#[component]
pub fn RosterListPage(roster: Roster) -> impl IntoView {
    let l = use_locale();
    let search = use_location().search.get_untracked();
    let title = l.t(match roster {
        Roster::Providers => K::RosterProvidersTitle,
        Roster::Requests => K::RosterRequestsTitle,
    });
    let parsed = RosterQuery::parse(roster, &search);
    let body = match parsed {
        Err(e) => {
            set_status(400);
            view! {
                <div class="error-summary" role="alert">
                    <h2>{l.t(K::RosterErrorTitle)}</h2>
                    <p>{e.describe(l)}</p>
                    <p><a href=roster.path()>{l.t(K::RosterClearFilters)}</a></p>
                </div>
            }
            .into_any()
        }
        Ok(query) => {
            let qs = query.to_query_string(roster, Some(query.page));
            let page = Resource::new(move || qs.clone(), move |qs| roster_search(roster.key().to_string(), qs));
            view! {
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match page.await {
                            Ok(p) => results(l, roster, p).into_any(),
                            Err(e) => refused(l, e, roster.path()),
                        }
                    })}
                </Suspense>
            }
            .into_any()
        }
    };
    view! {
        <Title text=title/>
        <div class="container page">
            <RosterNav/>
            <h1>{title}</h1>
            {body}
        </div>
    }
}

/// The filter form: search text, a group of boxes per facet (countries as a list), order;
/// it reloads `base` (the roster's page, or the public directory's).
pub(crate) fn filters(l: Locale, roster: Roster, query: &RosterQuery, base: &'static str) -> AnyView {
    let facets = roster
        .facets()
        .iter()
        .map(|facet| {
            let facet = *facet;
            let selected = query.filters.get(&facet).cloned().unwrap_or_default();
            let open = !selected.is_empty();
            let legend = l.t(facet.label());
            let count = (!selected.is_empty()).then(|| format!(" ({})", selected.len()));
            let body = if facet == Facet::Country {
                let id = "filter-country";
                view! {
                    <label class="visually-hidden" for=id>{legend}</label>
                    <select id=id name="country">
                        <option value="">{l.t(K::RosterAnyCountry)}</option>
                        {facet.options(l).into_iter().map(|(value, label)| {
                            view! { <option value=value selected=selected.iter().any(|s| s == value)>{label}</option> }
                        }).collect_view()}
                    </select>
                }
                .into_any()
            } else {
                facet
                    .options(l)
                    .into_iter()
                    .map(|(value, label)| {
                        let id = format!("filter-{}-{value}", facet.key());
                        let checked = selected.iter().any(|s| s == value);
                        view! {
                            <div class="check">
                                <input type="checkbox" id=id.clone() name=facet.key() value=value checked=checked/>
                                <label for=id>{label}</label>
                            </div>
                        }
                    })
                    .collect_view()
                    .into_any()
            };
            view! {
                <details class="facet" open=open>
                    <summary>{legend}{count}</summary>
                    <fieldset>
                        <legend class="visually-hidden">{legend}</legend>
                        {body}
                    </fieldset>
                </details>
            }
        })
        .collect_view();
    let sort = query.sort;
    view! {
        <form method="get" action=base class="roster-filters" role="search" aria-label=l.t(K::RosterFiltersLabel)>
            <div class="field">
                <label for="roster-q">{l.t(if roster == Roster::Providers { K::RosterSearchProviders } else { K::RosterSearchRequests })}</label>
                <input id="roster-q" name="q" type="search" value=query.q.clone() maxlength="200"/>
            </div>
            {facets}
            <div class="field">
                <label for="roster-sort">{l.t(K::RosterSortLabel)}</label>
                <select id="roster-sort" name="sort">
                    {roster.sorts().iter().map(|s| view! { <option value=s.key() selected=*s == sort>{l.t(s.label())}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button button-primary">{l.t(K::RosterApply)}</button>
        </form>
    }
    .into_any()
}

fn results(l: Locale, roster: Roster, p: Page) -> AnyView {
    let query = p.query.clone();
    let export = format!("/roster/{}.csv?{}", roster.key(), query.to_query_string(roster, None));
    let crate::model::DraftsInProgress { supply, demand } = p.drafts_in_progress;
    let in_progress = match roster {
        Roster::Providers => l.tf(K::RosterDraftsSupply, &[("count", &supply.to_string())]),
        Roster::Requests => l.tf(K::RosterDraftsDemand, &[("count", &demand.to_string())]),
    };
    let base = roster.path();
    let past_end = p.rows.is_empty() && p.total > 0;
    let list = if past_end {
        set_status(404);
        let last = format!("{}?{}", roster.path(), query.to_query_string(roster, Some(p.pages)));
        view! {
            <div class="notice" role="status">
                <p>{l.tf(K::RosterPastEnd, &[("page", &query.page.to_string()), ("pages", &p.pages.to_string())])}</p>
                <p><a href=last>{l.t(K::RosterLastPage)}</a></p>
            </div>
        }
        .into_any()
    } else if p.rows.is_empty() {
        view! {
            <div class="empty-state">
                <h2>{l.t(if query.is_filtered() { K::RosterNoMatchTitle } else { K::RosterEmptyTitle })}</h2>
                <p>{l.t(if query.is_filtered() { K::RosterNoMatchBody } else if roster == Roster::Providers { K::RosterEmptyProviders } else { K::RosterEmptyRequests })}</p>
                {query.is_filtered().then(|| view! { <p><a href=roster.path()>{l.t(K::RosterClearFilters)}</a></p> })}
            </div>
        }
        .into_any()
    } else {
        view! {
            <ol class="roster-list">
                {p.rows.into_iter().map(|r| row(l, roster, r, base)).collect_view()}
            </ol>
            {pagination(l, roster, &query, p.pages, base)}
        }
        .into_any()
    };
    view! {
        <div class="roster">
            <aside class="roster-side">{filters(l, roster, &query, base)}</aside>
            <section class="roster-main" aria-labelledby="roster-count">
                <div class="roster-head">
                    <p id="roster-count" class="roster-count" role="status">
                        {l.tf(K::RosterCount, &[("count", &p.total.to_string())])}
                    </p>
                    <a class="button button-secondary" href=export download="">{l.t(K::RosterExport)}</a>
                </div>
                <p class="muted">{in_progress}</p>
                {chips(l, roster, &query, base)}
                {list}
            </section>
        </div>
    }
    .into_any()
}

/// The filters in force, each a link that removes it.
pub(crate) fn chips(l: Locale, roster: Roster, query: &RosterQuery, base: &'static str) -> AnyView {
    let chips = query
        .filters
        .iter()
        .flat_map(|(facet, values)| values.iter().map(move |v| (*facet, v.clone())))
        .map(|(facet, value)| {
            let href = format!("{base}?{}", query.without(facet, &value).to_query_string(roster, None));
            let label = format!("{}: {}", l.t(facet.label()), facet.value_label(&value, l));
            let remove = l.tf(K::RosterRemoveFilter, &[("filter", &label)]);
            view! { <li><a class="chip" href=href aria-label=remove>{label}" ×"</a></li> }
        })
        .collect_view();
    (!query.filters.is_empty())
        .then(|| view! { <ul class="chips" aria-label=l.t(K::RosterActiveFilters)>{chips}</ul> })
        .into_any()
}

/// One entry of a list whose entries live under `base` (`{base}/{id}`).
pub(crate) fn row(l: Locale, roster: Roster, r: RosterRow, base: &str) -> AnyView {
    let href = format!("{base}/{}", r.id);
    let country = Country::by_code(&r.country).map(|c| c.name(l)).unwrap_or("");
    let areas = r.areas.iter().filter_map(|a| IssueArea::from_key(a)).map(|a| a.label(l)).collect::<Vec<_>>();
    let languages =
        r.languages.iter().filter_map(|a| Language::from_key(a)).map(|a| a.label(l)).collect::<Vec<_>>().join(", ");
    view! {
        <li class="roster-item card">
            <h2 class="roster-name"><a href=href>{r.name.clone()}</a></h2>
            <p class="roster-meta">
                {(roster == Roster::Providers).then(|| view! { <span>{r.kind.label(l)}</span>" · " })}
                <span>{country}</span>" · "
                <span class="muted">{l.tf(K::RosterUpdated, &[("date", &format_utc(r.updated_at))])}</span>
            </p>
            <p>{r.summary.clone()}</p>
            <ul class="tags" aria-label=l.t(K::RosterFacetArea)>
                {areas.into_iter().map(|a| view! { <li class="tag">{a}</li> }).collect_view()}
            </ul>
            {(!languages.is_empty()).then(|| view! {
                <p class="muted">{l.t(K::RosterFacetLanguage)}": "{languages}</p>
            })}
        </li>
    }
    .into_any()
}

pub(crate) fn pagination(l: Locale, roster: Roster, query: &RosterQuery, pages: u32, base: &str) -> AnyView {
    let page = query.page;
    let link = |p: u32| format!("{base}?{}", query.to_query_string(roster, Some(p)));
    (pages > 1).then(|| {
        view! {
            <nav class="pagination" aria-label=l.t(K::RosterPagination)>
                {(page > 1).then(|| view! { <a href=link(page - 1) rel="prev">{l.t(K::RosterPrevious)}</a> })}
                <span aria-current="page">{l.tf(K::RosterPageOf, &[("page", &page.to_string()), ("pages", &pages.to_string())])}</span>
                {(page < pages).then(|| view! { <a href=link(page + 1) rel="next">{l.t(K::RosterNext)}</a> })}
            </nav>
        }
    })
    .into_any()
}

/// `/roster/providers/{id}`: a provider's profile with its history.
#[component]
pub fn ProviderProfilePage() -> impl IntoView {
    let l = use_locale();
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    let path = format!("/roster/providers/{id}");
    let profile = Resource::new(move || id.clone(), provider_profile);
    view! {
        <div class="container page">
            {crate::pages::loaded(l, profile, path.clone(), move |p| profile_view(l, p).into_any())}
        </div>
    }
}

fn profile_view(l: Locale, p: ProfileView) -> AnyView {
    let confirmed = use_query_map().with_untracked(|q| q.get("confirmed").is_some());
    let flash = use_flash("profile");
    let country = Country::by_code(&p.country).map(|c| c.name(l)).unwrap_or("");
    let staff = crate::components::use_me().is_some_and(|m| m.staff_role.is_some());
    let history = p.history.clone();
    let id = p.organisation_id.clone();
    view! {
        <Title text=p.name.clone()/>
        {staff.then(|| view! { <RosterNav/> })}
        <p class="badge">{l.t(if p.listed { K::ProfileListed } else { K::ProfileNotListed })}</p>
        <h1>{p.name.clone()}</h1>
        <p class="lead">{p.kind.label(l)}" · "{country}</p>
        {confirmed.then(|| view! { <p class="notice" role="status">{l.t(K::ProfileConfirmedNotice)}</p> })}
        <FormErrorSummary flash=flash/>
        <section class="card section-tight" aria-labelledby="standing-title">
            <h2 id="standing-title">{l.t(K::ProfileStandingTitle)}</h2>
            <dl class="facts">
                <div><dt>{l.t(K::ProfileVersion)}</dt><dd>{p.version}</dd></div>
                <div><dt>{l.t(K::ProfileLastConfirmed)}</dt><dd>{format_utc(p.confirmed_at)}</dd></div>
                <div><dt>{l.t(K::ProfileListing)}</dt><dd>{l.t(if p.listed { K::ProfileListedLong } else { K::ProfileNotListedLong })}</dd></div>
            </dl>
            {p.confirmation_due.then(|| view! { <p class="notice">{l.t(K::ProfileConfirmationDue)}</p> })}
            {p.can_manage.then(|| view! {
                <div class="actions">
                    <form method="post" action={crate::forms::action::<crate::api::roster::ConfirmProfile>()} class="inline-form">
                        <input type="hidden" name="organisation_id" value=id.clone()/>
                        <button type="submit" class="button button-primary">{l.t(K::ProfileConfirm)}</button>
                    </form>
                    {p.is_member.then(|| view! { <a class="button button-secondary" href="/survey/supply">{l.t(K::ProfileUpdate)}</a> })}
                    <form method="post" action={crate::forms::action::<crate::api::roster::SetProfileListed>()} class="inline-form">
                        <input type="hidden" name="organisation_id" value=id.clone()/>
                        <input type="hidden" name="listed" value=(!p.listed).to_string()/>
                        <button type="submit" class="link-button">{l.t(if p.listed { K::ProfileWithdraw } else { K::ProfileRelist })}</button>
                    </form>
                </div>
                <p class="hint">{l.t(K::ProfileConfirmHint)}</p>
            })}
        </section>
        <crate::pages::AnswerList kind=SurveyKind::Supply answers=p.answers.clone() signed_in=false edit=false/>
        <section class="section-tight" aria-labelledby="history-title">
            <h2 id="history-title">{l.t(K::ProfileHistoryTitle)}</h2>
            <ol class="history">
                {history.into_iter().map(|v| {
                    let changed = v.changed.iter()
                        .filter_map(|id| SurveyKind::Supply.questions().find(|q| q.id == id))
                        .map(|q| l.t(q.label))
                        .collect::<Vec<_>>();
                    view! {
                        <li>
                            <p><strong>{l.tf(K::ProfileVersionOn, &[("version", &v.version.to_string()), ("date", &format_utc(v.created_at))])}</strong></p>
                            {if v.version == 1 {
                                view! { <p class="muted">{l.t(K::ProfileFirstVersion)}</p> }.into_any()
                            } else if changed.is_empty() {
                                view! { <p class="muted">{l.t(K::ProfileNoChange)}</p> }.into_any()
                            } else {
                                view! {
                                    <p>{l.t(K::ProfileChanged)}</p>
                                    <ul>{changed.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                                }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}

/// `/roster/requests/{id}`: one request.
#[component]
pub fn RequestPage() -> impl IntoView {
    let l = use_locale();
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    let path = format!("/roster/requests/{id}");
    let request = Resource::new(move || id.clone(), request_detail);
    view! {
        <div class="container page">
            {crate::pages::loaded(l, request, path.clone(), move |r| {
                        let title = l.tf(K::RequestTitle, &[("organisation", &r.organisation)]);
                        view! {
                            <Title text=title.clone()/>
                            <p>{crate::components::request_badge(l, r.case_stage)}</p>
                            <h1>{title}</h1>
                            <p class="lead">{l.tf(K::SurveyRequestSubmitted, &[("date", &format_utc(r.created_at))])}</p>
                            {r.case_id.clone().map(|c| {
                                let staff = crate::components::use_me().is_some_and(|m| m.staff_role.is_some());
                                let label = l.t(if staff { K::RequestOpenCase } else { K::RequestFollowCase });
                                view! { <p><a class="button button-secondary" href=format!("/cases/{c}")>{label}</a></p> }
                            })}
                            <crate::pages::AnswerList kind=SurveyKind::Demand answers=r.answers signed_in=false edit=false/>
                        }
                        .into_any()
            })}
        </div>
    }
}
