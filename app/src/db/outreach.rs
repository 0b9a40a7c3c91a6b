//! Outreach campaigns: recipients imported from contact lists, the links mailed to them, what
//! they did with them, imports and their reports, and the unsubscribe list.

use super::{new_id, now_ms, Conn, Db, Tx};
use crate::auth::session::{hash_token, new_token};
use crate::conn_run;
use crate::domain::outreach::{Contact, RecipientStatus};
use crate::domain::survey::SurveyKind;
use crate::model::{CampaignSummary, ImportReport};

/// A campaign with its counts, as read.
#[derive(sqlx::FromRow)]
struct CampaignRecord {
    id: String,
    name: String,
    survey: String,
    created_at: i64,
    recipients: i64,
    invited: i64,
    started: i64,
    submitted: i64,
}

fn campaign_summary(r: CampaignRecord) -> Result<CampaignSummary, sqlx::Error> {
    let survey = super::decode::stored("outreach_campaigns", "survey", &r.id).key(&r.survey, SurveyKind::from_key)?;
    Ok(CampaignSummary {
        id: r.id,
        name: r.name,
        survey,
        created_at: r.created_at,
        recipients: r.recipients,
        invited: r.invited,
        started: r.started,
        submitted: r.submitted,
    })
}

/// Creates a campaign and returns its id.
pub async fn create_campaign(
    tx: &mut Tx,
    name: &str,
    survey: SurveyKind,
    created_by: Option<&str>,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    crate::execute!(
        tx,
        "INSERT INTO outreach_campaigns (id, name, survey, created_by, created_at) VALUES ($1, $2, $3, $4, $5)",
        &id,
        name,
        survey.key(),
        created_by,
        now_ms(),
    )
    .map(|_| ())?;
    Ok(id)
}

const CAMPAIGN_SQL: &str = "SELECT c.id, c.name, c.survey, c.created_at, CAST(COUNT(r.id) AS BIGINT) AS recipients, \
     CAST(COALESCE(SUM(CASE WHEN r.invited_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS invited, \
     CAST(COALESCE(SUM(CASE WHEN d.seq > 0 OR d.submitted_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS started, \
     CAST(COALESCE(SUM(CASE WHEN d.submitted_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS submitted \
     FROM outreach_campaigns c LEFT JOIN outreach_recipients r ON r.campaign_id = c.id \
     LEFT JOIN survey_drafts d ON d.id = r.draft_id";

/// Every campaign, newest first, with its counts.
pub async fn campaigns(db: &Db) -> Result<Vec<CampaignSummary>, sqlx::Error> {
    let sql = format!("{CAMPAIGN_SQL} GROUP BY c.id, c.name, c.survey, c.created_at ORDER BY c.created_at DESC");
    let rows: Vec<CampaignRecord> = crate::fetch!(fetch_all, db, &sql)?;
    rows.into_iter().map(campaign_summary).collect()
}

/// One campaign with its counts.
pub async fn campaign(db: &Db, id: &str) -> Result<Option<CampaignSummary>, sqlx::Error> {
    let sql = format!("{CAMPAIGN_SQL} WHERE c.id = $1 GROUP BY c.id, c.name, c.survey, c.created_at");
    let row: Option<CampaignRecord> = crate::fetch!(fetch_optional, db, &sql, id)?;
    row.map(campaign_summary).transpose()
}

/// A recipient as the campaign page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipient {
    pub id: String,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub kind: String,
    pub country: String,
    pub language: String,
    pub status: RecipientStatus,
    pub reminded: bool,
    /// The latest thing that happened (import, invitation, opening, save, reminder).
    pub last_activity: i64,
}

type RecipientRow = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    bool,
);

const RECIPIENT_SQL: &str = "SELECT r.id, r.name, r.email, r.organisation, r.kind, r.country, r.language, \
     r.imported_at, r.invited_at, r.opened_at, r.reminded_at, d.seq, d.submitted_at, d.updated_at, \
     EXISTS (SELECT 1 FROM outreach_unsubscribes u WHERE u.email_key = r.email_key) \
     FROM outreach_recipients r LEFT JOIN survey_drafts d ON d.id = r.draft_id";

fn recipient(row: RecipientRow) -> Recipient {
    let (
        id,
        name,
        email,
        organisation,
        kind,
        country,
        language,
        imported,
        invited,
        opened,
        reminded,
        seq,
        submitted,
        saved,
        unsub,
    ) = row;
    let status = RecipientStatus::of(invited.is_some(), opened.is_some(), seq.unwrap_or(0), submitted.is_some(), unsub);
    let last_activity = [Some(imported), invited, opened, reminded, submitted, saved.filter(|_| seq.unwrap_or(0) > 0)]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(imported);
    Recipient {
        id,
        name,
        email,
        organisation,
        kind,
        country,
        language,
        status,
        reminded: reminded.is_some(),
        last_activity,
    }
}

/// The recipients of a campaign, in import order (on a pool or in the caller's transaction).
pub async fn recipients(conn: impl Into<Conn<'_>>, campaign_id: &str) -> Result<Vec<Recipient>, sqlx::Error> {
    let sql = format!("{RECIPIENT_SQL} WHERE r.campaign_id = $1 ORDER BY r.imported_at, r.id");
    let rows: Vec<RecipientRow> =
        conn_run!(conn.into(), |c| sqlx::query_as(&sql).bind(campaign_id).fetch_all(c).await)?;
    Ok(rows.into_iter().map(recipient).collect())
}

/// Whether an address asked not to be mailed.
pub async fn is_unsubscribed(tx: &mut Tx, email: &str) -> Result<bool, sqlx::Error> {
    let key = email.trim().to_lowercase();
    let n: i64 = crate::scalar!(
        fetch_one,
        tx,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM outreach_unsubscribes WHERE email_key = $1",
        &key,
    )?;
    Ok(n > 0)
}

/// Why an imported contact was not added.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skipped {
    /// Already a recipient of this campaign.
    AlreadyInvited,
    /// Asked not to be mailed.
    Unsubscribed,
}

/// Adds a contact to a campaign and returns its recipient id, unless it is already there or
/// unsubscribed.
pub async fn add_recipient(
    tx: &mut Tx,
    campaign_id: &str,
    contact: &Contact,
) -> Result<Result<String, Skipped>, sqlx::Error> {
    if is_unsubscribed(tx, &contact.email).await? {
        return Ok(Err(Skipped::Unsubscribed));
    }
    let id = new_id();
    let n = crate::execute!(
        tx,
        "INSERT INTO outreach_recipients (id, campaign_id, name, email, email_key, organisation, kind, country, language, imported_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (campaign_id, email_key) DO NOTHING",
        &id,
        campaign_id,
        &contact.name,
        &contact.email,
        contact.email.to_lowercase(),
        &contact.organisation,
        contact.kind.key(),
        &contact.country,
        contact.language.code(),
        now_ms(),
    )?;
    Ok(if n == 1 { Ok(id) } else { Err(Skipped::AlreadyInvited) })
}

/// Records an import and its report (JSON).
pub async fn record_import(
    tx: &mut Tx,
    campaign_id: &str,
    file_name: &str,
    added: i64,
    report: &str,
    created_by: Option<&str>,
) -> Result<(), sqlx::Error> {
    crate::execute!(
        tx,
        "INSERT INTO outreach_imports (id, campaign_id, file_name, added, report, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        new_id(),
        campaign_id,
        file_name,
        added as i32,
        report,
        created_by,
        now_ms(),
    )
    .map(|_| ())
}

/// The latest import of a campaign, with its report.
pub async fn last_import(db: &Db, campaign_id: &str) -> Result<Option<ImportReport>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: String,
        file_name: String,
        added: i64,
        report: String,
        created_at: i64,
    }
    let row: Option<Row> = crate::fetch!(
        fetch_optional,
        db,
        "SELECT id, file_name, CAST(added AS BIGINT) AS added, report, created_at FROM outreach_imports \
             WHERE campaign_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
        campaign_id,
    )?;
    row.map(|r| {
        let mut report: ImportReport = super::decode::stored("outreach_imports", "report", &r.id).json(&r.report)?;
        report.file_name = r.file_name;
        report.added = r.added;
        report.at = r.created_at;
        Ok(report)
    })
    .transpose()
}

/// Marks a recipient invited (or reminded, `reminder`); `false` if that was already done, so
/// two concurrent sends mail nobody twice.
pub async fn mark_sent(tx: &mut Tx, recipient_id: &str, reminder: bool) -> Result<bool, sqlx::Error> {
    let sql = if reminder {
        "UPDATE outreach_recipients SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL AND invited_at IS NOT NULL"
    } else {
        "UPDATE outreach_recipients SET invited_at = $1 WHERE id = $2 AND invited_at IS NULL"
    };
    let n = crate::execute!(tx, sql, now_ms(), recipient_id)?;
    Ok(n == 1)
}

/// A new link for a recipient's mail; returns the raw token.
pub async fn add_token(tx: &mut Tx, recipient_id: &str) -> Result<String, sqlx::Error> {
    let (token, hash) = new_token();
    crate::execute!(
        tx,
        "INSERT INTO outreach_tokens (token_hash, recipient_id, created_at) VALUES ($1, $2, $3)",
        &hash,
        recipient_id,
        now_ms(),
    )
    .map(|_| ())?;
    Ok(token)
}

/// The recipient a mailed link belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invitee {
    pub recipient_id: String,
    /// The survey the campaign invites to.
    pub survey: SurveyKind,
    /// The draft the link opened before, if any.
    pub draft_id: Option<String>,
    pub contact: Contact,
}

/// The recipient a mailed link belongs to, if the link is known.
pub async fn by_token(tx: &mut Tx, token: &str) -> Result<Option<Invitee>, sqlx::Error> {
    use crate::domain::taxonomy::OrgKind;
    use crate::i18n::Locale;
    type TokenRow = (String, String, Option<String>, String, String, String, String, String, String);
    let row: Option<TokenRow> = crate::fetch!(
        fetch_optional,
        tx,
        "SELECT r.id, c.survey, r.draft_id, r.name, r.email, r.organisation, r.kind, r.country, r.language \
                 FROM outreach_tokens t JOIN outreach_recipients r ON r.id = t.recipient_id \
                 JOIN outreach_campaigns c ON c.id = r.campaign_id WHERE t.token_hash = $1",
        hash_token(token),
    )?;
    row.map(|(id, survey, draft_id, name, email, organisation, kind, country, language)| {
        let at = |column| super::decode::stored("outreach_recipients", column, &id);
        let contact = Contact {
            name,
            email,
            organisation,
            kind: at("kind").key(&kind, OrgKind::from_key)?,
            country,
            language: at("language").key(&language, Locale::from_code)?,
        };
        let survey = super::decode::stored("outreach_campaigns", "survey", &id).key(&survey, SurveyKind::from_key)?;
        Ok(Invitee { recipient_id: id, survey, draft_id, contact })
    })
    .transpose()
}

/// Records that a recipient opened their invitation (first time only) and the draft it opened.
pub async fn set_opened(tx: &mut Tx, recipient_id: &str, draft_id: &str) -> Result<(), sqlx::Error> {
    crate::execute!(
        tx,
        "UPDATE outreach_recipients SET opened_at = COALESCE(opened_at, $1), draft_id = $2 WHERE id = $3",
        now_ms(),
        draft_id,
        recipient_id,
    )
    .map(|_| ())
}

/// Adds an address to the unsubscribe list (idempotent).
pub async fn unsubscribe(tx: &mut Tx, email: &str) -> Result<(), sqlx::Error> {
    crate::execute!(
        tx,
        "INSERT INTO outreach_unsubscribes (email_key, created_at) VALUES ($1, $2) ON CONFLICT (email_key) DO NOTHING",
        email.trim().to_lowercase(),
        now_ms(),
    )
    .map(|_| ())
}
