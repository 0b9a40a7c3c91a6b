//! The contact form and the conversations it opens with the Case Managers, and the news
//! subscription: what a visitor may send, refused with the field and the reason; what makes a
//! submission look like spam (a filled trap field, a message made of links); the conversation's
//! states.

use crate::domain::account::validate_email;
use crate::i18n::K;

/// Longest name and organisation.
pub const NAME_MAX: usize = 120;
/// Longest message (a visitor's, or a reply).
pub const MESSAGE_MAX: usize = 5000;
/// Shortest message worth a Case Manager's time.
pub const MESSAGE_MIN: usize = 10;
/// More links than this in a message, and it is treated as spam.
pub const LINKS_MAX: usize = 3;
/// The trap field: hidden from people, filled by robots.
pub const TRAP_FIELD: &str = "website";

keyed! {
    /// What a visitor writes about.
    pub enum Topic {
        /// A government asking for help.
        AskingHelp = "asking_help" => ContactTopicAskingHelp,
        /// An organisation offering its expertise.
        OfferingHelp = "offering_help" => ContactTopicOfferingHelp,
        /// Journalists and researchers.
        Press = "press" => ContactTopicPress,
        Other = "other" => ContactTopicOther,
    }
}

keyed! {
    /// Where a conversation stands.
    pub enum EnquiryStatus {
        /// Waiting on the team.
        Open = "open" => EnquiryStatusOpen,
        /// The team answered; waiting on the visitor, if anything.
        Answered = "answered" => EnquiryStatusAnswered,
        Closed = "closed" => EnquiryStatusClosed,
    }
}

/// A contact form as sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContactForm {
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub topic: String,
    pub message: String,
    /// The trap field's value.
    pub trap: String,
}

/// A contact form that passed: tidied values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enquiry {
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub topic: Topic,
    pub message: String,
}

/// Why a contact form was refused: the field and the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub field: &'static str,
    pub key: K,
}

/// What to do with a contact form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A person wrote it: open the conversation.
    Accept(Enquiry),
    /// A robot did: answer as if it were accepted, keep nothing.
    Spam,
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A message as kept: trimmed, at most [`MESSAGE_MAX`] characters, not made of links.
pub fn check_message(text: &str) -> Result<String, Refusal> {
    let message = text.trim().replace("\r\n", "\n");
    let length = message.chars().count();
    if length < MESSAGE_MIN {
        return Err(Refusal { field: "message", key: K::ContactErrorMessageShort });
    }
    if length > MESSAGE_MAX {
        return Err(Refusal { field: "message", key: K::ContactErrorMessageLong });
    }
    Ok(message)
}

fn links(text: &str) -> usize {
    let lower = text.to_lowercase();
    lower.matches("http://").count() + lower.matches("https://").count() + lower.matches("www.").count()
}

/// Checks a contact form: every field, then whether it looks like a robot's.
pub fn check_contact(form: &ContactForm) -> Result<Verdict, Refusal> {
    let name = one_line(&form.name);
    if name.is_empty() {
        return Err(Refusal { field: "name", key: K::ContactErrorName });
    }
    if name.chars().count() > NAME_MAX {
        return Err(Refusal { field: "name", key: K::ContactErrorTooLong });
    }
    let email = validate_email(&form.email).map_err(|key| Refusal { field: "email", key })?;
    let organisation = one_line(&form.organisation);
    if organisation.chars().count() > NAME_MAX {
        return Err(Refusal { field: "organisation", key: K::ContactErrorTooLong });
    }
    let topic = Topic::from_key(form.topic.trim()).ok_or(Refusal { field: "topic", key: K::ContactErrorTopic })?;
    let message = check_message(&form.message)?;
    if !form.trap.trim().is_empty() || links(&message) > LINKS_MAX || links(&name) > 0 {
        return Ok(Verdict::Spam);
    }
    Ok(Verdict::Accept(Enquiry { name, email, organisation, topic, message }))
}

/// How long a news confirmation link works.
pub const NEWS_CONFIRM_TTL_MS: i64 = 7 * 24 * 3_600_000;

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ContactForm {
        ContactForm {
            name: "  Ana   Gómez ".into(),
            email: "Ana@Example.org".into(),
            organisation: "Ministry of Justice".into(),
            topic: "asking_help".into(),
            message: "We would like to know how introductions work.".into(),
            trap: String::new(),
        }
    }

    #[test]
    fn a_person_is_accepted_with_tidied_values() {
        let Ok(Verdict::Accept(e)) = check_contact(&form()) else { panic!("accepted") };
        assert_eq!(e.name, "Ana Gómez");
        assert_eq!(e.email, "ana@example.org");
        assert_eq!(e.topic, Topic::AskingHelp);
    }

    #[test]
    fn each_bad_field_is_named() {
        let bad = |f: fn(&mut ContactForm)| {
            let mut x = form();
            f(&mut x);
            check_contact(&x).err().map(|r| r.field)
        };
        assert_eq!(bad(|f| f.name = " ".into()), Some("name"));
        assert_eq!(bad(|f| f.name = "n".repeat(NAME_MAX + 1)), Some("name"));
        assert_eq!(bad(|f| f.email = "not an address".into()), Some("email"));
        assert_eq!(bad(|f| f.topic = "lottery".into()), Some("topic"));
        assert_eq!(bad(|f| f.message = "hi".into()), Some("message"));
        assert_eq!(bad(|f| f.message = "x".repeat(MESSAGE_MAX + 1)), Some("message"));
        assert_eq!(bad(|f| f.organisation = "o".repeat(NAME_MAX + 1)), Some("organisation"));
    }

    #[test]
    fn robots_are_recognised_and_not_told() {
        let mut trapped = form();
        trapped.trap = "http://spam.example".into();
        assert_eq!(check_contact(&trapped), Ok(Verdict::Spam));
        let mut links = form();
        links.message = "Buy now https://a.example https://b.example https://c.example www.d.example".into();
        assert_eq!(check_contact(&links), Ok(Verdict::Spam));
        let mut two = form();
        two.message = "Our report: https://a.example and https://b.example".into();
        assert!(matches!(check_contact(&two), Ok(Verdict::Accept(_))), "a couple of links is a person");
    }
}
