//! Realistic volumes for benchmarks and demos (`ogpnm seed --scale N [--seed S]`): 2·N listed
//! providers, N/4 government bodies sending N requests over the past three years, their cases
//! spread over every stage (Case Managers assigned, the timeline written as the case moved),
//! introductions with the providers' answers, about 20 messages per case, outcomes and
//! follow-up ratings. The same N and S make the same data (identifiers aside). Never run on a
//! real database: everything it makes is named "Synthetic".

use super::organisations::{self, NewOrganisation};
use super::synthetic::Lcg;
use super::{cases, new_id, now_ms, roster, surveys, Database, Tx};
use crate::domain::case::{CaseStage, Outcome};
use crate::domain::countries::Country;
use crate::domain::survey::Answers;
use crate::domain::taxonomy::{AssistanceType, Budget, IssueArea, Language, OrgKind, Stage, Timeline};
use crate::domain::timeline::Change;
use crate::i18n::Locale;

const DAY: i64 = 86_400_000;

/// What `--scale` made.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scaled {
    pub providers: usize,
    pub governments: usize,
    pub cases: usize,
    pub introductions: usize,
    pub messages: usize,
}

/// Where a case ends up, with the weight of each (per hundred).
const SPREAD: [(CaseStage, usize); 9] = [
    (CaseStage::Intake, 8),
    (CaseStage::Scoping, 10),
    (CaseStage::Matching, 12),
    (CaseStage::Introductions, 14),
    (CaseStage::Selection, 8),
    (CaseStage::Agreement, 7),
    (CaseStage::Active, 15),
    (CaseStage::OnHold, 5),
    (CaseStage::Closed, 21),
];

fn request_answers(rng: &mut Lcg, agency: &str, country: &str) -> Answers {
    let mut a = Answers::default();
    let mut put = |id: &str, values: Vec<String>| {
        a.0.insert(id.to_string(), values);
    };
    put("country", vec![country.to_string()]);
    put("agency", vec![agency.to_string()]);
    put("respondent_name", vec!["Synthetic focal point".into()]);
    put("respondent_email", vec!["focal@synthetic.example".into()]);
    let areas = rng.some(IssueArea::ALL, 3);
    put("areas", areas.iter().map(|x| x.key().to_string()).collect());
    put("stage", vec![rng.pick(Stage::ALL).key().to_string()]);
    let names: Vec<&str> = areas.iter().map(|x| x.label(Locale::En)).collect();
    put("need", vec![format!("We want help designing commitments on {}.", names.join(", ").to_lowercase())]);
    put("assistance", rng.some(AssistanceType::ALL, 2).iter().map(|x| x.key().to_string()).collect());
    put("languages", vec![rng.pick(&[Language::English, Language::French, Language::Spanish]).key().to_string()]);
    put("timeline", vec![rng.pick(Timeline::ALL).key().to_string()]);
    put("budget", vec![rng.pick(Budget::ALL).key().to_string()]);
    put("consent_share", vec!["yes".into()]);
    a
}

fn target(rng: &mut Lcg) -> CaseStage {
    let mut roll = rng.next() % 100;
    for (stage, weight) in SPREAD {
        if roll < weight {
            return stage;
        }
        roll -= weight;
    }
    CaseStage::Closed
}

/// The Case Managers the scaled cases are given to (made once; found again on a second run).
async fn case_managers(db: &Database) -> Result<Vec<String>, sqlx::Error> {
    let mut ids = Vec::new();
    for k in 1..=8 {
        let email = format!("case-manager-{k}@synthetic.example");
        if let Some(found) = super::users::find_by_email(db.read(), &email).await? {
            ids.push(found.user.user_id);
            continue;
        }
        let mut tx = db.write().begin().await?;
        let user = super::users::NewUser {
            email,
            name: format!("Synthetic Case Manager {k}"),
            locale: "en".into(),
            password_hash: None,
            staff_role: Some(crate::domain::policy::StaffRole::CaseManager),
            email_verified: true,
        };
        ids.push(super::users::insert(&mut tx, &user).await?);
        tx.commit().await?;
    }
    Ok(ids)
}

/// Makes the volumes for `n` cases from seed `seed`.
pub async fn seed_scale(db: &Database, n: usize, seed: u64) -> Result<Scaled, sqlx::Error> {
    let mut out = Scaled { providers: super::synthetic::seed_providers(db, 2 * n, seed).await?, ..Scaled::default() };
    let providers: Vec<String> = crate::scalar!(
        fetch_all,
        db.read(),
        "SELECT id FROM roster_entries WHERE roster = 'providers' AND listed = TRUE ORDER BY id",
    )?;
    let managers = case_managers(db).await?;
    let countries = Country::sorted_for(Locale::En);
    let mut rng = Lcg(seed.wrapping_mul(2_654_435_761).wrapping_add(99));
    let mut tx = db.write().begin().await?;
    let mut governments: Vec<(String, String, String)> = Vec::new();
    for g in 0..(n / 4).max(1) {
        let country = countries[rng.next() % countries.len()].code.to_string();
        let name = format!("Synthetic Government Body {seed}-{g:05}");
        let org = NewOrganisation {
            name: name.clone(),
            kind: OrgKind::Government,
            country: country.clone(),
            website: None,
            description: String::new(),
            verified: true,
        };
        governments.push((organisations::insert(&mut tx, &org).await?, name, country));
    }
    out.governments = governments.len();
    let now = now_ms();
    for i in 0..n {
        let (org, name, country) = &governments[rng.next() % governments.len()];
        let opened = now - 3 * 365 * DAY + (rng.next() as i64 % (3 * 365)) * DAY;
        let answers = request_answers(&mut rng, name, country);
        let request = surveys::insert_request(&mut tx, org, None, country, &answers, opened).await?;
        roster::index_request(&mut tx, &request).await?;
        let case = cases::open(&mut tx, &request, org, opened).await?;
        let manager = managers[rng.next() % managers.len()].clone();
        let made = work(&mut tx, &mut rng, &case, opened, now, &manager, &providers).await?;
        out.introductions += made.0;
        out.messages += made.1;
        out.cases += 1;
        if i % 200 == 199 {
            tx.commit().await?;
            tx = db.write().begin().await?;
        }
    }
    tx.commit().await?;
    Ok(out)
}

/// Moves one case to where the dice say, writing its history; returns the introductions and
/// messages made.
async fn work(
    tx: &mut Tx,
    rng: &mut Lcg,
    case: &str,
    opened: i64,
    now: i64,
    manager: &str,
    providers: &[String],
) -> Result<(usize, usize), sqlx::Error> {
    use crate::domain::board::COLUMNS;
    let end = target(rng);
    // how far along the working stages it got (a held or closed case stopped somewhere)
    let furthest = match end {
        CaseStage::OnHold | CaseStage::Closed => rng.next() % COLUMNS.len(),
        stage => COLUMNS.iter().position(|s| *s == stage).unwrap_or(0),
    };
    let mut at = opened;
    let step = |rng: &mut Lcg, at: i64| (at + DAY / 2 + (rng.next() as i64 % (9 * DAY))).min(now);
    let by = |at| cases::Author { actor: Some(manager), reason: "", at };
    if furthest > 0 || end != CaseStage::Intake {
        at = step(rng, at);
        cases::append(tx, case, by(at), &Change::Assigned { from: None, to: Some(manager.to_string()) }).await?;
    }
    let mut stage = CaseStage::Intake;
    let mut introductions = 0;
    for next in COLUMNS.iter().copied().take(furthest + 1).skip(1) {
        at = step(rng, at);
        cases::append(tx, case, by(at), &Change::Stage { from: stage, to: next, hold_until_day: None, outcome: None })
            .await?;
        if next == CaseStage::Introductions {
            introduce(tx, rng, case, at, now, manager, providers).await?;
            introductions += 1;
        }
        stage = next;
    }
    let outcome = match end {
        CaseStage::Closed if stage == CaseStage::Active => Some(Outcome::Successful),
        CaseStage::Closed => {
            Some(if rng.next().is_multiple_of(3) { Outcome::Withdrawn } else { Outcome::NoSuitableProvider })
        }
        _ => None,
    };
    if matches!(end, CaseStage::OnHold | CaseStage::Closed) {
        at = step(rng, at);
        let change = Change::Stage { from: stage, to: end, hold_until_day: None, outcome };
        cases::append(tx, case, by(at), &change).await?;
    }
    let (held_from, hold_until) = match end {
        CaseStage::OnHold => (Some(stage.key()), Some(crate::domain::time::day_of(now) + 30)),
        _ => (None, None),
    };
    crate::execute!(
        tx,
        "UPDATE cases SET stage = $1, outcome = $2, case_manager_id = $3, held_from = $4, hold_until_day = $5, \
             updated_at = $6 WHERE id = $7",
        end.key(),
        outcome.map(|o| o.key()),
        (stage != CaseStage::Intake || end != CaseStage::Intake).then_some(manager),
        held_from,
        hold_until,
        at,
        case,
    )?;
    if outcome == Some(Outcome::Successful) {
        let org: String = crate::scalar!(fetch_one, tx, "SELECT organisation_id FROM cases WHERE id = $1", case)?;
        crate::execute!(
            tx,
            "INSERT INTO follow_ups (case_id, months, organisation_id, asked_at, rating, answered_at) \
                 VALUES ($1, 3, $2, $3, $4, $3)",
            case,
            &org,
            at,
            1 + (rng.next() % 5) as i64,
        )?;
    }
    let messages = converse(tx, rng, case, opened, at.max(opened + DAY), manager).await?;
    Ok((introductions, messages))
}

/// An engagement introduction of two or three providers, answered (or not) by each.
async fn introduce(
    tx: &mut Tx,
    rng: &mut Lcg,
    case: &str,
    sent: i64,
    now: i64,
    manager: &str,
    providers: &[String],
) -> Result<(), sqlx::Error> {
    let id = new_id();
    let window = 14 * DAY;
    let status = if sent + window < now { "accepted" } else { "waiting" };
    crate::execute!(
        tx,
        "INSERT INTO introductions (id, case_id, kind, note, with_government, status, respond_by, created_by, created_at, \
             approved_by, sent_at) VALUES ($1, $2, 'engagement', $3, TRUE, $4, $5, $6, $7, $6, $7)",
        &id,
        case,
        "Introducing you to providers with the expertise you asked for.",
        status,
        sent + window,
        manager,
        sent,
    )?;
    let count = 2 + rng.next() % 2;
    let mut named: Vec<&String> = Vec::new();
    while named.len() < count.min(providers.len()) {
        let p = &providers[rng.next() % providers.len()];
        if !named.contains(&p) {
            named.push(p);
        }
    }
    for p in named {
        let roll = rng.next() % 10;
        let answered_at = sent + (1 + rng.next() as i64 % 10) * DAY;
        let (answer, at) = match roll {
            0..=5 if answered_at <= now => (Some("accepted"), Some(answered_at)),
            6..=7 if answered_at <= now => (Some("declined"), Some(answered_at)),
            _ => (None, None),
        };
        crate::execute!(
            tx,
            "INSERT INTO introduction_parties (introduction_id, organisation_id, answer, answered_at) VALUES ($1, $2, $3, $4)",
            &id,
            p,
            answer,
            at,
        )?;
    }
    Ok(())
}

/// About twenty messages in the case's own thread, between its opening and `until`, in one
/// insert; the thread's counters follow.
async fn converse(
    tx: &mut Tx,
    rng: &mut Lcg,
    case: &str,
    from: i64,
    until: i64,
    manager: &str,
) -> Result<usize, sqlx::Error> {
    const LINES: [&str; 6] = [
        "Thank you for the details. Could you share the draft commitment text?",
        "Attached is our current draft; the consultation closes at the end of the month.",
        "I have asked two providers who worked on similar reforms whether they are available.",
        "Could we schedule a call next week with the ministry's team?",
        "The timeline works for us. We would prefer remote sessions at first.",
        "Noted. I will summarise the scope and send it for your confirmation.",
    ];
    let Some(thread): Option<String> = crate::scalar!(
        fetch_optional,
        tx,
        "SELECT id FROM threads WHERE case_id = $1 AND introduction_id IS NULL",
        case,
    )?
    else {
        return Ok(0);
    };
    let count = rng.next() % 41;
    if count == 0 {
        return Ok(0);
    }
    let span = (until - from).max(count as i64);
    let mut sql =
        String::from("INSERT INTO messages (id, thread_id, seq, author_user_id, body, idempotency_key, at) VALUES ");
    let mut rows = Vec::with_capacity(count);
    for seq in 1..=count {
        let at = from + span * seq as i64 / (count as i64 + 1);
        let author = (seq % 2 == 1).then(|| manager.to_string());
        rows.push((new_id(), seq as i64, author, LINES[rng.next() % LINES.len()], at));
    }
    for (k, _) in rows.iter().enumerate() {
        let b = k * 6;
        if k > 0 {
            sql.push_str(", ");
        }
        sql.push_str(&format!("(${}, ${}, ${}, ${}, ${}, ${}, ${})", b + 1, b + 2, b + 3, b + 4, b + 5, b + 1, b + 6));
    }
    let last_at = rows.last().map_or(from, |r| r.4);
    crate::tx_run!(tx, |conn| {
        let mut q = sqlx::query(&sql);
        for (id, seq, author, body, at) in &rows {
            q = q.bind(id).bind(&thread).bind(seq).bind(author).bind(*body).bind(at);
        }
        q.execute(&mut *conn).await?;
        Ok::<(), sqlx::Error>(())
    })?;
    crate::execute!(
        tx,
        "UPDATE threads SET last_seq = $1, last_message_at = $2 WHERE id = $3",
        count as i64,
        last_at,
        &thread,
    )?;
    Ok(count)
}
