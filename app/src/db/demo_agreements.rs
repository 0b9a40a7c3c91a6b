//! The demo's selections, agreements, follow-up and success story, made through the data
//! layer's own writes (the same a person's actions go through) and dated in the past: a case
//! ready for its government's choice (two providers accepted), an Active case whose agreement
//! was accepted in its second version, and a closed successful case with a published story and
//! follow-ups answered. Runs once.

use super::cases::{self, Author, Case};
use super::introductions::{self, Made};
use super::{agreements, followups, organisations, stories, threads, users, Database, Tx};
use crate::domain::agreements::{Deliverable, Party, Responsibility, Terms};
use crate::domain::case::{CaseStage, Move, Outcome};
use crate::domain::casework::{CaseScope, Decision};
use crate::domain::introductions::{Answer, IntroKind};
use crate::domain::stories::StoryText;
use crate::error::AppError;

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;
const CM1: &str = "case.manager@demo.ogpnm.example";
const CM2: &str = "case.manager2@demo.ogpnm.example";

/// How far a demo case goes.
enum Until {
    /// Both providers accepted; the government has not chosen.
    Selection,
    /// The agreement's second version accepted by every party.
    Active,
    /// Closed successfully, its story published and its follow-ups answered.
    Story,
}

struct DemoDeal {
    government: &'static str,
    member: &'static str,
    case_manager: &'static str,
    /// The providers introduced (each accepts) and their demo member.
    providers: &'static [(&'static str, &'static str)],
    note: &'static str,
    /// Days ago the work began (the agreement, if any, a third of the way back).
    days_ago: i64,
    /// Each conversation's messages: the provider's (by its index in `providers`), author, text.
    messages: &'static [(usize, &'static str, &'static str)],
    until: Until,
}

/// Days ago the demo's work on `government`'s case began, when it has a deal (its request must
/// have come in before, or the figures of oversight would see work done before it was asked).
pub fn work_began_days_ago(government: &str) -> Option<i64> {
    DEALS.iter().find(|d| d.government == government).map(|d| d.days_ago)
}

const DEALS: &[DemoDeal] = &[
    DemoDeal {
        government: "Ministry of National Education, Open Schools Programme",
        member: "open.schools@demo.ogpnm.example",
        case_manager: CM2,
        providers: &[
            ("Initiative citoyenne pour les données ouvertes (demo)", "donnees.citoyennes@demo.ogpnm.example"),
            ("Atelier Données Publiques", "atelier.donnees@demo.ogpnm.example"),
        ],
        note: "Both have published school or local budgets as open data in French-speaking countries: one works with parents and municipalities, the other builds the data pipeline.",
        days_ago: 14,
        messages: &[
            (0, "donnees.citoyennes@demo.ogpnm.example", "Bonjour Hery, nous avons publié les budgets de 8 000 écoles avec un ministère en 2022. Nous pouvons partager notre guide pour les associations de parents."),
            (0, "open.schools@demo.ogpnm.example", "Merci Aïcha, le guide nous intéresse beaucoup. Combien de temps a pris la première publication ?"),
            (1, "atelier.donnees@demo.ogpnm.example", "Bonjour Hery, nous pouvons reprendre la chaîne de publication que nous avons construite pour un conseil régional : budgets et comptes dans un schéma commun, publiés chaque trimestre."),
            (1, "open.schools@demo.ogpnm.example", "Merci Julien. Vos équipes pourraient-elles former nos trois directions régionales à la réutiliser ?"),
            (1, "atelier.donnees@demo.ogpnm.example", "Oui, deux sessions par région suffisent en général. Nous pouvons envoyer un calendrier."),
        ],
        until: Until::Selection,
    },
    DemoDeal {
        government: "Ministry of Information and Communication Technologies, Open Data Office",
        member: "open.data.office@demo.ogpnm.example",
        case_manager: CM1,
        providers: &[("Secretariat for Digital Government", "focal.point@demo.ogpnm.example")],
        note: "A peer secretariat that runs its country's portal with a data governance framework and a publication calendar agreed with every ministry.",
        days_ago: 60,
        messages: &[
            (0, "focal.point@demo.ogpnm.example", "¡Hola Lorena! Con gusto compartimos nuestro marco de gobernanza de datos y el calendario de publicación."),
            (0, "open.data.office@demo.ogpnm.example", "Gracias, Sofía. ¿Podríamos empezar con una sesión sobre cómo acordaron el calendario con los ministerios?"),
        ],
        until: Until::Active,
    },
    DemoDeal {
        government: "Ministry of Health, Service Transparency Unit",
        member: "health.transparency@demo.ogpnm.example",
        case_manager: CM2,
        providers: &[("Kijiji Digital Services", "kijiji@demo.ogpnm.example")],
        note: "Kijiji ran an SMS feedback line for water points with 22 district councils and handed the system over to them.",
        days_ago: 300,
        messages: &[
            (0, "kijiji@demo.ogpnm.example", "Hello Grace, we can adapt the water-point feedback line to health facilities. Which counties would pilot it?"),
            (0, "health.transparency@demo.ogpnm.example", "Kisumu and Nakuru are ready. Their health officers would like a demonstration first."),
        ],
        until: Until::Story,
    },
];

fn terms_v1(deal: &DemoDeal, starts: &str, ends: &str, mid: &str) -> Terms {
    let provider = deal.providers[0].0;
    Terms {
        objectives:
            "Agree a process that keeps the published data current, and put it to work with the teams who publish."
                .into(),
        deliverables: vec![
            Deliverable {
                what: "A written review of today's publication process, with recommendations".into(),
                due: mid.into(),
            },
            Deliverable { what: "Two working sessions with the publishing teams".into(), due: ends.into() },
        ],
        responsibilities: vec![
            Responsibility {
                party: deal.government.into(),
                duties: "Names a focal point, opens its data and convenes the teams.".into(),
            },
            Responsibility {
                party: provider.into(),
                duties: "Writes the review and leads the working sessions.".into(),
            },
            Responsibility {
                party: "Case Manager".into(),
                duties: "Follows the engagement and helps if it stalls.".into(),
            },
        ],
        cost: "Pro bono: the provider gives its time; the government covers travel for in-person sessions.".into(),
        communication: "A call every two weeks and the conversation in the platform.".into(),
        starts: starts.into(),
        ends: ends.into(),
    }
}

/// Done by `who` at `at`.
fn by(who: &str, at: i64) -> Author<'_> {
    Author { actor: Some(who), reason: "", at }
}

async fn user(db: &Database, email: &str) -> Result<Option<String>, AppError> {
    Ok(users::find_by_email(db.read(), email).await?.map(|f| f.user.user_id))
}

fn took(r: Result<Case, cases::Refused>) -> Result<Case, AppError> {
    r.map_err(|e| {
        tracing::error!(refused = ?e, "a demo agreement step was refused");
        AppError::Internal
    })
}

/// Moves `case` with the guards reading its facts, as a person's move does.
async fn to(tx: &mut Tx, case: &Case, mv: Move, by: Author<'_>) -> Result<Case, AppError> {
    let facts = cases::facts(&mut *tx, case).await?;
    let today = crate::domain::time::day_of(by.at);
    took(cases::move_case(tx, &case.id, case.version, mv, &facts, today, by).await?)
}

pub async fn seed_agreements(db: &Database) -> Result<usize, AppError> {
    let made: i64 = crate::scalar!(fetch_one, db.read(), "SELECT CAST(COUNT(*) AS BIGINT) FROM case_selections")?;
    let intros: i64 = crate::scalar!(fetch_one, db.read(), "SELECT CAST(COUNT(*) AS BIGINT) FROM introductions")?;
    // once, and only on a demo whose dialogue is there
    if made > 0 || intros == 0 {
        return Ok(0);
    }
    let now = super::now_ms();
    let mut done = 0;
    for deal in DEALS {
        let mut tx = db.write().begin().await?;
        let Some(gov) = organisations::id_by_name(&mut tx, deal.government).await? else { continue };
        let Some(case) = cases::of_organisation(db.read(), &gov).await?.into_iter().next().map(|l| l.case) else {
            continue;
        };
        if case.version > 1 {
            continue;
        }
        let (Some(cm), Some(member)) = (user(db, deal.case_manager).await?, user(db, deal.member).await?) else {
            continue;
        };
        let mut providers = Vec::new();
        for (name, email) in deal.providers {
            if let (Some(org), Some(who)) = (organisations::id_by_name(&mut tx, name).await?, user(db, email).await?) {
                providers.push((org, who));
            }
        }
        let start = now - deal.days_ago * DAY;
        let mut at = start;
        let mut next = |hours: i64| {
            at += hours * HOUR;
            at
        };
        // the Case Manager takes the case, scopes it, the government confirms, providers shortlisted
        let mut c = took(cases::assign(&mut tx, &case.id, case.version, Some(&cm), by(&cm, next(2))).await?)?;
        c = to(&mut tx, &c, Move::To(CaseStage::Scoping), by(&cm, next(4))).await?;
        let request = super::roster::request(db.read(), &c.request_id).await?.map(|r| r.answers).unwrap_or_default();
        let mut scope = CaseScope::from_request(&request);
        scope.objectives = "Publish the data the government committed to, kept current by its own teams.".into();
        scope.deliverables =
            "A written review with recommendations\nTwo working sessions with the publishing teams".into();
        c = took(cases::write_scope(&mut tx, &c.id, c.version, &scope, by(&cm, next(20))).await?)?;
        c = took(cases::confirm_scope(&mut tx, &c.id, c.version, by(&member, next(20))).await?)?;
        c = to(&mut tx, &c, Move::To(CaseStage::Matching), by(&cm, next(2))).await?;
        for (org, _) in &providers {
            c = took(
                cases::decide(&mut tx, &c.id, c.version, org, Some(Decision::Shortlisted), by(&cm, next(1))).await?,
            )?;
        }
        c = to(&mut tx, &c, Move::To(CaseStage::Introductions), by(&cm, next(2))).await?;
        // each provider introduced, accepts, and the conversation opens
        for (index, (org, who)) in providers.iter().enumerate() {
            let sent = next(1);
            let made = Made {
                case_id: &c.id,
                kind: IntroKind::Engagement,
                providers: std::slice::from_ref(org),
                with_government: true,
                note: deal.note,
                respond_by: Some(crate::domain::introductions::respond_by(sent, 5)),
            };
            let Ok(intro_id) = introductions::make(&mut tx, &made, by(&cm, sent)).await? else { continue };
            let Some(intro) = introductions::get(&mut tx, &intro_id).await? else { continue };
            let _ = introductions::answer(&mut tx, &intro, org, Answer::Accepted, by(who, next(6))).await?;
            let thread =
                threads::open(&mut tx, &c.id, Some(&intro_id), &[gov.clone(), org.clone()], Some(&cm), next(0)).await?;
            for (n, (_, email, text)) in deal.messages.iter().enumerate().filter(|(_, m)| m.0 == index) {
                if let Some(author) = user(db, email).await? {
                    threads::post(&mut tx, &thread, &author, &format!("demo-deal-{n}"), text, next(5)).await?;
                }
            }
        }
        c = cases::get(&mut tx, &c.id).await?.ok_or(AppError::Internal)?;
        if !matches!(deal.until, Until::Selection) {
            deal_through(&mut tx, deal, c, &gov, &providers, &cm, &member, start, now).await?;
        }
        tx.commit().await?;
        done += 1;
    }
    done += waiting_for_acceptances(db, now).await?;
    Ok(done)
}

/// The judicial case (in Selection, both providers accepted): the government chose both, the
/// Case Manager wrote the terms, the government accepted; the providers have yet to.
async fn waiting_for_acceptances(db: &Database, now: i64) -> Result<usize, AppError> {
    const GOVERNMENT: &str = "Ministry of Justice, Judicial Data Office";
    let mut tx = db.write().begin().await?;
    let Some(gov) = organisations::id_by_name(&mut tx, GOVERNMENT).await? else { return Ok(0) };
    let Some(mut c) = cases::of_organisation(db.read(), &gov).await?.into_iter().next().map(|l| l.case) else {
        return Ok(0);
    };
    let (Some(cm), Some(member)) = (c.case_manager_id.clone(), user(db, "judicial.data@demo.ogpnm.example").await?)
    else {
        return Ok(0);
    };
    if c.stage != CaseStage::Selection {
        return Ok(0);
    }
    let mut chosen: Vec<String> = Vec::new();
    for intro in introductions::of_case(&mut tx, &c.id).await? {
        chosen.extend(
            intro.parties.iter().filter(|p| p.answer == Some(Answer::Accepted)).map(|p| p.organisation_id.clone()),
        );
    }
    if chosen.is_empty() {
        return Ok(0);
    }
    let at = now - 2 * DAY;
    c = took(agreements::select(&mut tx, &c.id, &chosen, by(&member, at)).await?)?;
    c = to(&mut tx, &c, Move::To(CaseStage::Agreement), by(&member, at)).await?;
    let day = |t: i64| crate::domain::time::format_day(crate::domain::time::day_of(t));
    let terms = Terms {
        objectives: "Publish first-instance judgments, anonymised, and the court statistics users ask for most.".into(),
        deliverables: vec![
            Deliverable {
                what: "Anonymisation rules adapted from three courts in the region".into(),
                due: day(now + 30 * DAY),
            },
            Deliverable {
                what: "A ranking of court datasets by demand from journalists and lawyers".into(),
                due: day(now + 45 * DAY),
            },
        ],
        responsibilities: vec![
            Responsibility {
                party: GOVERNMENT.into(),
                duties: "Shares samples of judgments and names a data protection contact.".into(),
            },
            Responsibility {
                party: "Centre for Justice and Open Courts".into(),
                duties: "Adapts the anonymisation rules and reviews the first batch.".into(),
            },
            Responsibility {
                party: "Civic Data Commons".into(),
                duties: "Surveys users and ranks the datasets.".into(),
            },
        ],
        cost: "Pro bono; the ministry hosts the working sessions.".into(),
        communication: "A monthly call with both providers and the conversation in the platform.".into(),
        starts: day(now + 7 * DAY),
        ends: day(now + 120 * DAY),
    };
    agreements::write(&mut tx, &c.id, &terms, by(&cm, at + 4 * HOUR)).await?.map_err(|_| AppError::Internal)?;
    let sha = agreements::hash(&terms);
    took(
        agreements::accept(&mut tx, &c.id, 1, &sha, &Party::Government(gov.clone()), GOVERNMENT, by(&member, at + DAY))
            .await?,
    )?;
    tx.commit().await?;
    Ok(1)
}

/// From accepted introductions to an accepted agreement (and on to a story when asked).
#[allow(clippy::too_many_arguments)]
async fn deal_through(
    tx: &mut Tx,
    deal: &DemoDeal,
    mut c: Case,
    gov: &str,
    providers: &[(String, String)],
    cm: &str,
    member: &str,
    start: i64,
    now: i64,
) -> Result<Case, AppError> {
    let span = now - start;
    let chosen: Vec<String> = providers.iter().map(|(o, _)| o.clone()).collect();
    let at = start + span / 6;
    c = took(agreements::select(tx, &c.id, &chosen, by(member, at)).await?)?;
    c = to(tx, &c, Move::To(CaseStage::Selection), by(member, at)).await?;
    c = to(tx, &c, Move::To(CaseStage::Agreement), by(member, at)).await?;
    let day = |t: i64| crate::domain::time::format_day(crate::domain::time::day_of(t));
    let (starts, mid, ends) = (day(start + span / 4), day(start + span / 2), day(start + span / 2 + 90 * DAY));
    let v1 = terms_v1(deal, &starts, &ends, &mid);
    let written = start + span / 5;
    agreements::write(tx, &c.id, &v1, by(cm, written)).await?.map_err(|_| AppError::Internal)?;
    let (gov_name, provider_name) = (deal.government, deal.providers[0].0);
    let mut parties: Vec<(Party, String, String)> =
        vec![(Party::Government(gov.into()), gov_name.into(), member.into())];
    parties.extend(providers.iter().map(|(o, w)| (Party::Provider(o.clone()), provider_name.to_string(), w.clone())));
    let (cm_name,): (String,) = crate::fetch!(fetch_one, &mut *tx, "SELECT name FROM users WHERE id = $1", cm)?;
    parties.push((Party::CaseManager(cm.into()), cm_name, cm.into()));
    let final_terms = if matches!(deal.until, Until::Active) {
        // the government accepted the first version, then asked for a third working session
        let sha = agreements::hash(&v1);
        c = took(
            agreements::accept(tx, &c.id, 1, &sha, &parties[0].0, &parties[0].1, by(member, written + 20 * HOUR))
                .await?,
        )?;
        let mut v2 = v1.clone();
        v2.deliverables.push(Deliverable {
            what: "A third working session on the publication calendar".into(),
            due: ends.clone(),
        });
        agreements::write(tx, &c.id, &v2, by(cm, written + 2 * DAY)).await?.map_err(|_| AppError::Internal)?;
        (2, v2)
    } else {
        (1, v1)
    };
    let (version, terms) = final_terms;
    let sha = agreements::hash(&terms);
    let mut when = written + 3 * DAY;
    for (party, name, who) in &parties {
        when += 5 * HOUR;
        c = took(agreements::accept(tx, &c.id, version, &sha, party, name, by(who, when)).await?)?;
    }
    let system = Author { actor: None, reason: "", at: when };
    c = to(tx, &c, Move::To(CaseStage::Active), system).await?;
    if !matches!(deal.until, Until::Story) {
        return Ok(c);
    }
    // the engagement ran; both sides answered the follow-ups; it closed; the story went public
    for months in crate::domain::followup::due(when, now) {
        let asked = crate::domain::followup::milestone_at(when, months);
        for (org, who, rating, comment) in [
            (gov, member, 5, "Two counties now publish facility feedback every month; patients use the line."),
            (
                &providers[0].0,
                &providers[0].1,
                4,
                "The health officers took over the system quickly; one county still needs training.",
            ),
        ] {
            followups::ask(tx, &c.id, months, org, asked).await?;
            // the provider has yet to answer the six-month follow-up
            if months == 6 && org != gov {
                continue;
            }
            let rating = if months == 3 { rating } else { 5 };
            followups::answer(tx, &c.id, months, org, rating, comment, who, asked + 2 * DAY).await?;
            let what =
                crate::domain::timeline::Change::FollowUpAnswered { months, organisation_id: org.to_string(), rating };
            c = took(cases::record(tx, &c.id, by(who, asked + 2 * DAY), what).await?)?;
        }
    }
    let closed = now - 20 * DAY;
    let close =
        Author { actor: Some(cm), reason: "Both pilot counties publish feedback and responses monthly.", at: closed };
    c = to(tx, &c, Move::Close(Outcome::Successful), close).await?;
    let text = StoryText {
        title: "Patients report, counties respond: an SMS line for health facilities".into(),
        summary: "Kenya's health ministry adapted a water-point feedback line to health facilities with a Tanzanian firm; two counties now publish every report and their response.".into(),
        body: "The Service Transparency Unit had committed to let patients report problems with health facilities and to publish how each county responds. Through the Networking Mechanism it was introduced to Kijiji Digital Services, which had run an SMS feedback line for water points with 22 district councils.\n\nIn six months the line was adapted to health facilities in Kisumu and Nakuru, the county health officers were trained to answer reports, and the system was handed over to the ministry's own servers. Every report and the county's response are now published each month as open data.".into(),
    };
    let story = stories::write(tx, &c.id, &text, cm, closed + DAY).await?;
    let mut approved = closed + 2 * DAY;
    for (party, _, who) in &parties {
        approved += 6 * HOUR;
        stories::approve(tx, &story.id, party, &story.sha256, who, approved).await?;
    }
    stories::set_published(tx, &story.id, Some(approved)).await?;
    let published = Author { actor: Some(cm), reason: "", at: approved };
    took(cases::record(tx, &c.id, published, crate::domain::timeline::Change::Story { published: true }).await?)
}
