//! The demo's dialogue, made through the data layer's own writes (the same a person's request
//! goes through) after the demo cases were worked: introductions in every state (waiting,
//! accepted, declined with a reason, lapsed, between providers), conversations with history in
//! several languages, and unread messages waiting for the demo accounts. Runs once.

use super::cases::{self, Author};
use super::introductions::{self, Made};
use super::notifications::Notice;
use super::{organisations, threads, users, Database};
use crate::domain::introductions::{Answer, IntroKind};
use crate::domain::notices::NoticeKind;
use crate::error::AppError;

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

/// One demo introduction: in a case (by its government), to providers (by name), answered by
/// each provider's demo member in turn, then a conversation (author e-mail, text).
struct DemoIntro {
    government: &'static str,
    kind: IntroKind,
    providers: &'static [&'static str],
    with_government: bool,
    note: &'static str,
    /// Days ago it was sent (its window is five business days from then).
    days_ago: i64,
    answers: &'static [(&'static str, Answer, &'static str)],
    /// Its window closed unanswered.
    lapsed: bool,
    messages: &'static [(&'static str, &'static str)],
}

const DEMO_INTROS: &[DemoIntro] = &[
    DemoIntro {
        government: "Office of the Auditor General, Citizen Engagement Unit",
        kind: IntroKind::Engagement,
        providers: &["Office of the Comptroller General, Citizen Audit Division"],
        with_government: true,
        note: "The Comptroller General has run participatory audits with thousands of volunteers since 2016 and trains other audit institutions in the method.",
        days_ago: 6,
        answers: &[("comptroller@demo.ogpnm.example", Answer::Accepted, "")],
        lapsed: false,
        messages: &[
            ("case.manager@demo.ogpnm.example", "Welcome, both of you. Nimal leads the unit's citizen engagement work; Camila runs the Comptroller General's participatory audits. A first call on the volunteer training course would be a good start."),
            ("comptroller@demo.ogpnm.example", "¡Hola Nimal! Con gusto compartimos nuestro **curso de formación de auditores ciudadanos**. Podemos enviar el programa en inglés antes de la llamada."),
            ("auditor.general@demo.ogpnm.example", "Thank you, Camila. The programme in English would help a lot. Would Tuesday or Wednesday next week suit you for a call?"),
            ("comptroller@demo.ogpnm.example", "Wednesday works. I will bring our monitoring checklist for public works as well."),
        ],
    },
    DemoIntro {
        government: "Office of the Auditor General, Citizen Engagement Unit",
        kind: IntroKind::Engagement,
        providers: &["Regional Development Bank, Governance Practice (demo)"],
        with_government: true,
        note: "The bank's governance practice financed participatory audit pilots in three countries and could support the volunteer programme.",
        days_ago: 6,
        answers: &[("governance.bank@demo.ogpnm.example", Answer::Declined, "Our team is committed to another programme until June; we would be glad to be asked again after that.")],
        lapsed: false,
        messages: &[],
    },
    DemoIntro {
        government: "Ministry of Justice, Judicial Data Office",
        kind: IntroKind::Engagement,
        providers: &["Centre for Justice and Open Courts", "Civic Data Commons"],
        with_government: true,
        note: "The Centre advises courts on publishing judgments; Civic Data Commons helps decide which data to open first and for whom. Together they cover the legal and the data side.",
        days_ago: 9,
        answers: &[
            ("open.courts@demo.ogpnm.example", Answer::Accepted, ""),
            ("provider@demo.ogpnm.example", Answer::Accepted, ""),
        ],
        lapsed: false,
        messages: &[
            ("case.manager2@demo.ogpnm.example", "Thank you all for accepting. Ani, could you share the list of court statistics you publish today?"),
            ("judicial.data@demo.ogpnm.example", "Here it is, in short:\n\n- monthly caseload by court\n- average duration by type of case\n- judgments of the Court of Cassation (PDF only)\n\nWe would like to publish first-instance judgments too, anonymised."),
            ("open.courts@demo.ogpnm.example", "Anonymisation is the hard part. We can share the rules three courts in our region use, and what went wrong the first time."),
            ("judicial.data@demo.ogpnm.example", "Daniel, would your team look at which of these datasets journalists and lawyers ask for most?"),
        ],
    },
    DemoIntro {
        government: "Municipality of Villa Esperanza, Open Government Office",
        kind: IntroKind::Engagement,
        providers: &["Transparencia Andina"],
        with_government: true,
        note: "Transparencia Andina trains citizen monitors of public works in Spanish-speaking municipalities and publishes works data in the open contracting standard.",
        days_ago: 1,
        answers: &[],
        lapsed: false,
        messages: &[],
    },
    DemoIntro {
        government: "National Mining Cadastre, Contract Disclosure Unit",
        kind: IntroKind::Engagement,
        providers: &["Natural Resource Governance Institute for Africa (demo)", "Beneficial Ownership Network (demo)"],
        with_government: false,
        note: "Before meeting the unit together, agree who covers contract disclosure and who covers the owners of licence holders, so the unit gets one plan.",
        days_ago: 12,
        answers: &[],
        lapsed: true,
        messages: &[],
    },
];

/// A file a demo message carries, stored through the file store like any attachment.
struct DemoFile {
    /// The message it goes with: its author and how its text starts.
    author: &'static str,
    starts: &'static str,
    name: &'static str,
    bytes: &'static [u8],
}

const DEMO_FILES: &[DemoFile] = &[DemoFile {
    author: "judicial.data@demo.ogpnm.example",
    starts: "Here it is, in short",
    name: "court-statistics-2026.pdf",
    bytes: include_bytes!("../../demo/court-statistics-2026.pdf"),
}];

/// The demo's messages between governments and their Case Managers (government, author, text).
const GOVERNMENT_MESSAGES: &[(&str, &str, &str)] = &[
    ("Ministry of Finance, Fiscal Transparency Unit", "case.manager@demo.ogpnm.example", "Dear Awa, the scope of your request is written on your case page. Could you read it and confirm it, or tell me what to change?"),
    ("Ministry of Finance, Fiscal Transparency Unit", "finance.ministry@demo.ogpnm.example", "Bonjour Lucía, merci. Le périmètre nous convient, mais pouvons-nous ajouter la formation de deux agents du service informatique ?"),
    ("Ministry of Finance, Fiscal Transparency Unit", "case.manager@demo.ogpnm.example", "Bien sûr : I will add the training of two IT staff to the deliverables, then you can confirm."),
];

async fn user(db: &Database, email: &str) -> Result<Option<String>, AppError> {
    Ok(users::find_by_email(db.read(), email).await?.map(|f| f.user.user_id))
}

/// Makes the demo's introductions and conversations; returns how many introductions.
pub async fn seed_dialogue(db: &Database, files: &crate::files::Files) -> Result<usize, AppError> {
    let made: i64 = crate::scalar!(fetch_one, db.read(), "SELECT CAST(COUNT(*) AS BIGINT) FROM introductions")?;
    if made > 0 {
        return Ok(0);
    }
    let now = super::now_ms();
    let mut done = 0;
    for demo in DEMO_INTROS {
        let mut tx = db.write().begin().await?;
        let Some(gov) = organisations::id_by_name(&mut tx, demo.government).await? else { continue };
        let Some(case) = cases::of_organisation(db.read(), &gov).await?.into_iter().next().map(|l| l.case) else {
            continue;
        };
        let Some(manager) = case.case_manager_id.clone() else { continue };
        let mut providers = Vec::new();
        for name in demo.providers {
            if let Some(id) = organisations::id_by_name(&mut tx, name).await? {
                providers.push(id);
            }
        }
        let sent = now - demo.days_ago * DAY;
        let window = crate::domain::introductions::respond_by(sent, crate::domain::introductions::DEFAULT_WINDOW_DAYS);
        let what = Made {
            case_id: &case.id,
            kind: demo.kind,
            providers: &providers,
            with_government: demo.with_government,
            note: demo.note,
            respond_by: Some(window),
        };
        let by = Author { actor: Some(&manager), reason: "", at: sent };
        let Ok(id) = introductions::make(&mut tx, &what, by).await? else { continue };
        // the providers' members of an introduction still waiting were told (in the app; the demo
        // sends no mail)
        let waiting = if demo.answers.is_empty() && !demo.lapsed { providers.clone() } else { Vec::new() };
        for r in super::notifications::members(&mut tx, &waiting).await? {
            let path = format!("/introductions/{id}");
            let notice = Notice { kind: NoticeKind::Introduced, case_id: Some(&case.id), link: &path, at: sent };
            super::notifications::insert(&mut tx, &r.user_id, &notice).await?;
        }
        let mut at = sent;
        for (email, answer, reason) in demo.answers {
            let Some(who) = user(db, email).await? else { continue };
            let Some(intro) = introductions::get(&mut tx, &id).await? else { continue };
            // each provider's demo member answers for their own organisation
            let mine: Vec<String> =
                users::memberships(db.read(), &who).await?.into_iter().map(|m| m.organisation_id).collect();
            let Some(org) = intro.parties.iter().find(|p| p.answer.is_none() && mine.contains(&p.organisation_id))
            else {
                continue;
            };
            let org = org.organisation_id.clone();
            at += 5 * HOUR;
            let answered =
                introductions::answer(&mut tx, &intro, &org, *answer, Author { actor: Some(&who), reason, at }).await?;
            if let Err(refusal) = answered {
                tracing::warn!(?refusal, "a demo answer was refused");
            }
        }
        if demo.lapsed {
            if let Some(intro) = introductions::get(&mut tx, &id).await? {
                introductions::lapse(&mut tx, &intro, window + HOUR).await?;
            }
        }
        let accepted = introductions::get(&mut tx, &id)
            .await?
            .is_some_and(|i| i.status == crate::domain::introductions::IntroStatus::Accepted);
        if accepted {
            let mut parties = providers.clone();
            if demo.with_government {
                parties.insert(0, gov.clone());
            }
            let thread = threads::open(&mut tx, &case.id, Some(&id), &parties, Some(&manager), at).await?;
            post_all(db, files, &mut tx, &thread, demo.messages, at).await?;
        }
        tx.commit().await?;
        done += 1;
    }
    // the governments' own conversations with their Case Managers
    let mut tx = db.write().begin().await?;
    let mut at = now - 2 * DAY;
    for (n, (government, email, text)) in GOVERNMENT_MESSAGES.iter().enumerate() {
        let Some(gov) = organisations::id_by_name(&mut tx, government).await? else { continue };
        let Some(case) = cases::of_organisation(db.read(), &gov).await?.into_iter().next() else { continue };
        let Some(thread) =
            threads::of_case(&mut tx, &case.case.id).await?.into_iter().find(|t| t.introduction_id.is_none())
        else {
            continue;
        };
        at += 3 * HOUR;
        let Some(author) = user(db, email).await? else { continue };
        threads::post(&mut tx, &thread.id, &author, &format!("demo-government-{n}"), text, at).await?;
    }
    tx.commit().await?;
    Ok(done)
}

/// Posts messages in order, an hour or so apart from `from`, with their demo files.
async fn post_all(
    db: &Database,
    files: &crate::files::Files,
    tx: &mut super::Tx,
    thread: &str,
    messages: &[(&str, &str)],
    from: i64,
) -> Result<(), AppError> {
    let mut at = from;
    for (i, (email, text)) in messages.iter().enumerate() {
        let Some(author) = user(db, email).await? else { continue };
        at += HOUR + (i as i64) * 7 * 60_000;
        let posted = threads::post(tx, thread, &author, &format!("demo-{i}"), text, at).await?;
        let mut stored = Vec::new();
        for f in DEMO_FILES.iter().filter(|f| f.author == *email && text.starts_with(f.starts)) {
            stored.push(store(files, thread, f).await?);
        }
        threads::attach(tx, thread, &posted.message.id, &stored, at).await?;
    }
    Ok(())
}

/// Stores a demo file as an attachment of `thread`.
async fn store(files: &crate::files::Files, thread: &str, f: &DemoFile) -> Result<threads::NewAttachment, AppError> {
    use crate::domain::attachments::FileKind;
    use sha2::{Digest, Sha256};
    let key = crate::files::Files::new_key(thread);
    files.put(&key, bytes::Bytes::from_static(f.bytes)).await.map_err(|e| {
        tracing::error!(error = %e, "cannot store a demo file");
        AppError::Unavailable
    })?;
    Ok(threads::NewAttachment {
        id: super::new_id(),
        name: f.name.to_string(),
        kind: FileKind::Pdf.key().to_string(),
        media_type: "application/pdf".to_string(),
        size: f.bytes.len() as i64,
        sha256: data_encoding::HEXLOWER.encode(&Sha256::digest(f.bytes)),
        storage_key: key,
    })
}
