//! `/oversight`: how the mechanism is doing, for the steering committee and admins. Over a
//! range of dates (when requests arrived), for an issue area and a region: the funnel by stage,
//! how long requests wait for a first introduction and for an agreement, each Case Manager's
//! caseload, how providers answer introductions, outcomes and follow-up ratings. Every figure
//! links to the cases behind it (`/oversight/cases`); the gap map is at `/oversight/gaps`.
//! Charts are SVG drawn on the server, each with its figures as a table; no script needed.

mod charts;
mod drill;
mod gaps;
mod tuning;

pub use drill::OversightCasesPage;
pub use gaps::GapsPage;
pub use tuning::TuningPage;

use crate::api::oversight::oversight;
use crate::components::{use_locale, use_me};
use crate::domain::oversight::OversightQuery;
use crate::domain::policy::StaffRole;
use crate::domain::taxonomy::{IssueArea, Region};
use crate::domain::time::format_day;
use crate::i18n::{Locale, K};
use crate::model::OversightView;
use crate::pages::{loaded, refused, set_status};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

/// Whether the signed-in person oversees (steering or admin); else the refusal to show.
pub(crate) fn overseer() -> Result<(), crate::error::AppError> {
    use crate::error::AppError;
    match use_me() {
        Some(me) if !me.needs_two_factor && matches!(me.staff_role, Some(StaffRole::Steering | StaffRole::Admin)) => {
            Ok(())
        }
        Some(_) => Err(AppError::Forbidden),
        None => Err(AppError::Unauthenticated),
    }
}

/// The query of the page, or the page that says what is wrong with it (a 400).
pub(crate) fn read_query(l: Locale, extra: &[&str], back: &str) -> Result<(OversightQuery, String), AnyView> {
    let search = use_location().search.get_untracked();
    match OversightQuery::parse(&search, today(), extra) {
        Ok(q) => Ok((q, search.trim_start_matches('?').to_string())),
        Err(e) => {
            set_status(400);
            Err(view! {
                <h1>{l.t(K::OversightTitle)}</h1>
                <div class="error-summary" role="alert">
                    <h2>{l.t(K::RosterErrorTitle)}</h2>
                    <p>{e.describe(l)}</p>
                    <p><a href=back.to_string()>{l.t(K::OversightReset)}</a></p>
                </div>
            }
            .into_any())
        }
    }
}

/// Today (UTC day number), by the server's clock or the browser's.
fn today() -> i64 {
    #[cfg(feature = "ssr")]
    let ms =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    let ms = js_sys::Date::now() as i64;
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    let ms = 0;
    crate::domain::time::day_of(ms)
}

/// `/oversight`.
#[component]
pub fn OversightPage() -> impl IntoView {
    let l = use_locale();
    let body = match overseer() {
        Err(e) => refused(l, e, "/oversight"),
        Ok(()) => match read_query(l, &[], "/oversight") {
            Err(page) => page,
            Ok((_, search)) => {
                let data = Resource::new(move || search.clone(), oversight);
                view! { {loaded(l, data, "/oversight".into(), move |v| figures_page(l, v))} }.into_any()
            }
        },
    };
    view! {
        <Title text=l.t(K::OversightTitle)/>
        <div class="container-wide page oversight">{body}</div>
    }
}

fn figures_page(l: Locale, v: OversightView) -> AnyView {
    let range = l.tf(K::OversightRange, &[("from", &format_day(v.from_day)), ("to", &format_day(v.to_day))]);
    let drill = |metric: &str| format!("/oversight/cases?{}&metric={}", v.query, urlencode(metric));
    let opened = drill("opened");
    view! {
        <h1>{l.t(K::OversightTitle)}</h1>
        <p class="lead">{l.t(K::OversightLead)}</p>
        <ul class="links inline-links">
            <li><a href="/oversight/gaps">{l.t(K::OversightGapsLink)}</a></li>
            <li><a href="/oversight/tuning">{l.t(K::OversightTuningLink)}</a></li>
        </ul>
        {filter_form(l, &v)}
        <p class="roster-count" id="oversight-range">
            {range}" · "<a href=opened>{l.tf(K::OversightOpened, &[("count", &l.number(v.figures.opened))])}</a>
        </p>
        {waits(l, &v, &drill)}
        {charts::all(l, &v, &drill)}
    }
    .into_any()
}

/// The range, area and region form (a plain GET: the figures' address is the view), with the
/// usual ranges a click away.
fn filter_form(l: Locale, v: &OversightView) -> AnyView {
    let today = v.today;
    let area = v.area.map(|a| a.key()).unwrap_or("");
    let region = v.region.map(|r| r.key()).unwrap_or("");
    let presets = [(30, K::OversightLast30), (90, K::OversightLast90), (365, K::OversightLastYear)];
    let presets = presets
        .into_iter()
        .map(|(days, label)| {
            let q = OversightQuery { from: today - (days - 1), to: today, area: v.area, region: v.region };
            view! { <li><a href=format!("/oversight?{}", q.query_string())>{l.t(label)}</a></li> }
        })
        .collect_view();
    view! {
        <form method="get" action="/oversight" class="case-filters oversight-filters" role="search" aria-label=l.t(K::RosterFiltersLabel)>
            <div class="field">
                <label for="o-from">{l.t(K::OversightFrom)}</label>
                <input type="date" id="o-from" name="from" value=format_day(v.from_day) required/>
            </div>
            <div class="field">
                <label for="o-to">{l.t(K::OversightTo)}</label>
                <input type="date" id="o-to" name="to" value=format_day(v.to_day) required/>
            </div>
            <div class="field">
                <label for="o-area">{l.t(K::RosterFacetArea)}</label>
                <select id="o-area" name="area">
                    <option value="">{l.t(K::CasesAny)}</option>
                    {IssueArea::all().into_iter().map(|a| view! { <option value=a.key() selected=area == a.key()>{a.label(l)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="o-region">{l.t(K::RosterFacetRegion)}</label>
                <select id="o-region" name="region">
                    <option value="">{l.t(K::CasesAny)}</option>
                    {Region::ALL.iter().map(|r| view! { <option value=r.key() selected=region == r.key()>{r.label(l)}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button button-primary">{l.t(K::RosterApply)}</button>
        </form>
        <nav aria-label=l.t(K::OversightPresets)><ul class="links inline-links">{presets}</ul></nav>
    }
    .into_any()
}

/// The waits, as figures: to a first introduction, to an agreement, for a provider's answer.
fn waits(l: Locale, v: &OversightView, drill: &dyn Fn(&str) -> String) -> AnyView {
    let f = &v.figures;
    let mean = f.mean_rating_tenths.map(|t| decimal(l, t)).unwrap_or_else(|| "–".into());
    let tiles = [
        (K::OversightToIntroduction, f.to_introduction, Some(drill("introduced"))),
        (K::OversightToAgreement, f.to_agreement, Some(drill("agreed"))),
        (K::OversightAnswerTime, f.answer_time, None),
    ];
    let tiles = tiles
        .into_iter()
        .map(|(title, s, href)| {
            let counted = l.tf(K::OversightCounted, &[("count", &l.number(s.count))]);
            let counted = match href {
                Some(h) => view! { <a href=h>{counted}</a> }.into_any(),
                None => view! { <span>{counted}</span> }.into_any(),
            };
            view! {
                <div class="stat">
                    <h2 class="stat-title">{l.t(title)}</h2>
                    <dl class="stat-figures">
                        <div><dt>{l.t(K::OversightMedian)}</dt><dd>{duration(l, s.median)}</dd></div>
                        <div><dt>{l.t(K::OversightP90)}</dt><dd>{duration(l, s.p90)}</dd></div>
                    </dl>
                    <p class="muted">{counted}</p>
                </div>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="waits-title" class="stats-section">
            <h2 id="waits-title" class="visually-hidden">{l.t(K::OversightWaits)}</h2>
            <div class="stats">
                {tiles}
                <div class="stat">
                    <h2 class="stat-title">{l.t(K::OversightMeanRating)}</h2>
                    <p class="stat-big">{mean}</p>
                    <p class="muted">{l.tf(K::OversightRatingsGiven, &[("count", &l.number(f.ratings.iter().map(|r| r.1).sum()))])}</p>
                </div>
            </div>
        </section>
    }
    .into_any()
}

/// A duration as people read it: hours under a day, days (one decimal under ten) above.
pub(crate) fn duration(l: Locale, ms: Option<i64>) -> String {
    const HOUR: i64 = 3_600_000;
    match ms {
        None => "–".into(),
        Some(ms) if ms < 24 * HOUR => l.tf(K::OversightHours, &[("n", &l.number((ms + HOUR / 2) / HOUR))]),
        Some(ms) => {
            let tenths = (ms * 10 + 12 * HOUR) / (24 * HOUR);
            let n = if tenths >= 100 { l.number((tenths + 5) / 10) } else { decimal(l, tenths) };
            l.tf(K::OversightDays, &[("n", &n)])
        }
    }
}

/// `tenths` as a number with one decimal (`4.5`, `4,5`).
pub(crate) fn decimal(l: Locale, tenths: i64) -> String {
    let sep = if l == Locale::En { "." } else { "," };
    format!("{}{sep}{}", l.number(tenths / 10), tenths % 10)
}

fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_hours_then_days() {
        let h = 3_600_000;
        assert_eq!(duration(Locale::En, None), "–");
        assert_eq!(duration(Locale::En, Some(5 * h)), "5 hours");
        assert_eq!(duration(Locale::En, Some(36 * h)), "1.5 days");
        assert_eq!(duration(Locale::Fr, Some(36 * h)), "1,5 jours");
        assert_eq!(duration(Locale::En, Some(30 * 24 * h)), "30 days");
    }
}
