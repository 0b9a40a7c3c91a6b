//! Telling people what needs them: a notification in the app and an e-mail through the outbox,
//! in each recipient's own language, one recipient per mail (never another party's address),
//! both in the transaction of the change they are about.

use crate::db::notifications::{self, Notice, Recipient};
use crate::db::{outbox, Tx};
use crate::domain::notices::NoticeKind;
use crate::i18n::K;
use crate::mail::Mailer;

/// What to tell: the kind, the case, where it leads, the mail's subject and body (catalogue
/// keys, filled with `vars` and the link as `{link}`).
pub struct Tell<'a> {
    pub kind: NoticeKind,
    pub case_id: Option<&'a str>,
    pub path: &'a str,
    pub subject: K,
    pub body: K,
    pub vars: &'a [(&'a str, &'a str)],
    pub at: i64,
}

/// Notifies each recipient once (a person reached through two organisations gets one mail);
/// `except` (the person who acted) gets nothing.
pub async fn tell(
    tx: &mut Tx,
    mailer: &Mailer,
    recipients: &[Recipient],
    except: Option<&str>,
    what: &Tell<'_>,
) -> Result<usize, sqlx::Error> {
    let link = mailer.link(what.path);
    let mut told: Vec<&str> = Vec::new();
    for r in recipients {
        if except == Some(r.user_id.as_str()) || told.contains(&r.user_id.as_str()) {
            continue;
        }
        told.push(&r.user_id);
        let notice = Notice { kind: what.kind, case_id: what.case_id, link: what.path, at: what.at };
        notifications::insert(tx, &r.user_id, &notice).await?;
        let locale = r.language();
        let mut vars: Vec<(&str, &str)> = what.vars.to_vec();
        vars.push(("name", &r.name));
        vars.push(("link", &link));
        outbox::enqueue(tx, &r.email, &locale.tf(what.subject, &vars), &locale.tf(what.body, &vars)).await?;
    }
    Ok(told.len())
}
