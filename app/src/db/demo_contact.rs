//! Demo conversations from the contact form (one waiting for the team, one answered and
//! written back to, one closed) and a few confirmed news subscribers, so the team's
//! `/enquiries` shows a living inbox.

use super::{enquiries, now_ms, Database};
use crate::domain::contact::{Enquiry, EnquiryStatus, Topic};

const DAY: i64 = 86_400_000;

/// (name, e-mail, organisation, topic, the visitor's message, the team's answer and the
/// visitor's reply if any, where it stands, days ago).
type DemoEnquiry =
    (&'static str, &'static str, &'static str, Topic, &'static str, &'static [&'static str], EnquiryStatus, i64);

const DEMO_ENQUIRIES: &[DemoEnquiry] = &[
    (
        "Mariam Diallo",
        "m.diallo@press.example",
        "Radio Civique",
        Topic::Press,
        "I am preparing a programme on open budgets in West Africa. Could someone explain how governments and providers are matched, and whether we could interview a government that used the mechanism?",
        &[],
        EnquiryStatus::Open,
        1,
    ),
    (
        "Tomás Herrera",
        "t.herrera@municipio.example",
        "Municipalidad de San Rafael",
        Topic::AskingHelp,
        "Our municipality is not a national government. Can we still ask for help with publishing our public works contracts?",
        &[
            "Yes: local governments that are part of OGP Local, or whose national government supports the request, can ask. The quickest way is the request survey; mention that you are a municipality and I will scope it with you.",
            "Thank you, we have just submitted the survey.",
        ],
        EnquiryStatus::Open,
        6,
    ),
    (
        "Priya Raman",
        "priya@datacoop.example",
        "Data Cooperative for Public Interest",
        Topic::OfferingHelp,
        "We are a small data cooperative. Is there a minimum size or track record to be listed as a provider?",
        &["There is no minimum size. Fill in the provider survey with examples of past work; Case Managers look at fit, not size."],
        EnquiryStatus::Closed,
        12,
    ),
];

/// Loads the demo conversations and subscribers once (none while the table has any).
pub async fn seed(db: &Database) -> Result<usize, sqlx::Error> {
    if !enquiries::list(db.read(), None).await?.is_empty() {
        return Ok(0);
    }
    let manager: Option<String> = crate::scalar!(
        fetch_optional,
        db.read(),
        "SELECT id FROM users WHERE email = 'case.manager@demo.ogpnm.example'",
    )?;
    let now = now_ms();
    let mut tx = db.write().begin().await?;
    for (name, email, organisation, topic, message, replies, status, days) in DEMO_ENQUIRIES {
        let at = now - days * DAY;
        let e = Enquiry {
            name: name.to_string(),
            email: email.to_string(),
            organisation: organisation.to_string(),
            topic: *topic,
            message: message.to_string(),
        };
        let (_, hash) = crate::auth::session::new_token();
        let id = enquiries::open(&mut tx, &e, "en", &hash, at).await?;
        for (k, reply) in replies.iter().enumerate() {
            let from_team = k.is_multiple_of(2);
            let author = if from_team { manager.as_deref() } else { None };
            enquiries::add_message(&mut tx, &id, author, reply, at + (k as i64 + 1) * DAY / 2).await?;
        }
        let last = at + replies.len() as i64 * DAY / 2;
        enquiries::set_status(&mut tx, &id, 1, *status, manager.as_deref().filter(|_| !replies.is_empty()), last)
            .await?;
    }
    for (k, email) in ["reader.one@demo.ogpnm.example", "reader.two@demo.ogpnm.example"].iter().enumerate() {
        let (_, hash) = crate::auth::session::new_token();
        enquiries::request_news(&mut tx, email, if k == 0 { "en" } else { "fr" }, &hash, now - 20 * DAY).await?;
        enquiries::confirm_news(&mut tx, &hash, now - 30 * DAY, now - 19 * DAY).await?;
    }
    tx.commit().await?;
    Ok(DEMO_ENQUIRIES.len())
}
