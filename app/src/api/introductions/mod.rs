//! Introductions: the Case Manager introduces the government to providers (or providers to each
//! other); the providers named are told, read the case as far as the government shares it, and
//! accept or decline within their window; an accepted introduction opens its thread. Each
//! function checks who asks first, then the input, writes in one transaction (the case's
//! timeline, notifications and mails included) and publishes a live event.

mod answer;
mod make;
mod read;
#[cfg(feature = "ssr")]
mod sweep;

pub use answer::*;
pub use make::*;
pub use read::*;
#[cfg(feature = "ssr")]
pub use sweep::*;

#[cfg(feature = "ssr")]
pub(crate) mod support {
    use crate::api::notify::{tell, Tell};
    use crate::db::introductions::Introduction;
    use crate::db::{notifications, Tx};
    use crate::domain::notices::NoticeKind;
    use crate::domain::time::format_utc;
    use crate::error::AppError;
    use crate::forms::{refuse, FormFlash};
    use crate::i18n::K;
    use crate::state::AppState;

    /// Sends the browser back to a page (`path#anchor`) with a refusal shown by `form`.
    pub fn refused(path: &str, form: &str, field: Option<&str>, key: K) -> AppError {
        leptos_axum::redirect(path);
        refuse(FormFlash::new(form).error(key, field))
    }

    /// The requesting government of a case: read before a write's transaction begins, so no
    /// write holds one connection while waiting for another.
    pub struct Gov {
        pub organisation: String,
        pub name: String,
        pub country: String,
    }

    /// The requesting government's name and country.
    pub async fn government(state: &AppState, case_id: &str) -> Result<(String, String), AppError> {
        let g = gov(state, case_id).await?;
        Ok((g.name, g.country))
    }

    /// The requesting government of `case_id`.
    pub async fn gov(state: &AppState, case_id: &str) -> Result<Gov, AppError> {
        let listed = crate::db::cases::get_listed(state.db.read(), case_id).await?.ok_or(AppError::NotFound)?;
        Ok(Gov { organisation: listed.case.organisation_id, name: listed.organisation, country: listed.country })
    }

    /// Tells everyone an introduction that now goes out concerns: the providers' members (asked
    /// to answer) and, when it is a party, the government's.
    pub async fn send_out(
        tx: &mut Tx,
        state: &AppState,
        gov: &Gov,
        intro: &Introduction,
        by: Option<&str>,
    ) -> Result<(), AppError> {
        let (government, country) = (gov.name.clone(), gov.country.clone());
        let path = format!("/introductions/{}", intro.id);
        let by_day = intro.respond_by.map(format_utc).unwrap_or_default();
        let providers = notifications::members(&mut *tx, &intro.providers()).await?;
        let vars = [("country", country.as_str()), ("date", by_day.as_str()), ("note", intro.note.as_str())];
        let asked = Tell {
            kind: NoticeKind::Introduced,
            case_id: Some(&intro.case_id),
            path: &path,
            subject: K::MailIntroducedSubject,
            body: K::MailIntroducedBody,
            vars: &vars,
            at: intro.sent_at.unwrap_or(intro.created_at),
        };
        tell(tx, &state.mailer, &providers, by, &asked).await?;
        if intro.with_government {
            let names: Vec<&str> = intro.parties.iter().map(|p| p.name.as_str()).collect();
            let names = names.join(", ");
            let members = notifications::members(&mut *tx, std::slice::from_ref(&gov.organisation)).await?;
            let vars = [("providers", names.as_str()), ("government", government.as_str())];
            let made = Tell {
                kind: NoticeKind::IntroductionMade,
                subject: K::MailIntroMadeSubject,
                body: K::MailIntroMadeBody,
                path: &format!("/cases/{}", intro.case_id),
                vars: &vars,
                ..asked
            };
            tell(tx, &state.mailer, &members, by, &made).await?;
        }
        Ok(())
    }
}
