//! The two surveys as data: the supply survey (providers of expertise) and the demand survey
//! (governments asking for help). Steps, questions, conditional questions and the validation
//! rules are plain Rust shared by the browser (instant checks, autosave) and the server (the
//! rule that counts). Every label and help text is a catalogue key.
//!
//! Answers are a map from question id to a list of values: one value for text and single
//! choices, several for multiple choices, `area:depth` pairs for expertise by issue area and one
//! URL per value for link lists. The same shape comes from an HTML form post (field name = question
//! id; for expertise, `<question>.<area>` = depth) and from the autosave of the WASM.

use super::account::validate_email;
use super::countries::Country;
use super::taxonomy::{
    AssistanceType, Budget, Capacity, CostBasis, Delivery, Depth, IssueArea, Language, OrgKind, Region, Stage, Timeline,
};
use crate::i18n::{Locale, K};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Which survey.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SurveyKind {
    /// Providers offering expertise.
    Supply,
    /// Governments asking for help.
    Demand,
}

impl SurveyKind {
    /// The stable key (URL segment and database value).
    pub fn key(self) -> &'static str {
        match self {
            SurveyKind::Supply => "supply",
            SurveyKind::Demand => "demand",
        }
    }

    /// Parses a key.
    pub fn from_key(key: &str) -> Option<SurveyKind> {
        match key {
            "supply" => Some(SurveyKind::Supply),
            "demand" => Some(SurveyKind::Demand),
            _ => None,
        }
    }

    /// The survey's steps, in order (the review step is not one of them).
    pub fn steps(self) -> &'static [Step] {
        match self {
            SurveyKind::Supply => SUPPLY,
            SurveyKind::Demand => DEMAND,
        }
    }

    /// The step at a 1-based position.
    pub fn step(self, number: usize) -> Option<&'static Step> {
        number.checked_sub(1).and_then(|i| self.steps().get(i))
    }

    /// The survey's title.
    pub fn title(self) -> K {
        match self {
            SurveyKind::Supply => K::SurveySupplyTitle,
            SurveyKind::Demand => K::SurveyDemandTitle,
        }
    }

    /// Every question of the survey.
    pub fn questions(self) -> impl Iterator<Item = &'static Question> {
        self.steps().iter().flat_map(|s| s.questions.iter())
    }
}

/// The closed lists a choice question draws from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Options {
    OrgKind,
    IssueArea,
    Assistance,
    CostBasis,
    Delivery,
    Language,
    Region,
    Capacity,
    Stage,
    Timeline,
    Budget,
}

impl Options {
    /// `(key, label)` of every option offered now, in display order.
    pub fn items(self, locale: Locale) -> Vec<(&'static str, &'static str)> {
        fn all<T: Copy>(
            items: &[T],
            key: fn(T) -> &'static str,
            label: fn(T, Locale) -> &'static str,
            locale: Locale,
        ) -> Vec<(&'static str, &'static str)> {
            items.iter().map(|t| (key(*t), label(*t, locale))).collect()
        }
        match self {
            Options::OrgKind => all(OrgKind::ALL, OrgKind::key, OrgKind::label, locale),
            Options::IssueArea => all(&IssueArea::all(), IssueArea::key, IssueArea::label, locale),
            Options::Assistance => all(AssistanceType::ALL, AssistanceType::key, AssistanceType::label, locale),
            Options::CostBasis => all(CostBasis::ALL, CostBasis::key, CostBasis::label, locale),
            Options::Delivery => all(Delivery::ALL, Delivery::key, Delivery::label, locale),
            Options::Language => all(&Language::all(), Language::key, Language::label, locale),
            Options::Region => all(Region::ALL, Region::key, Region::label, locale),
            Options::Capacity => all(Capacity::ALL, Capacity::key, Capacity::label, locale),
            Options::Stage => all(Stage::ALL, Stage::key, Stage::label, locale),
            Options::Timeline => all(Timeline::ALL, Timeline::key, Timeline::label, locale),
            Options::Budget => all(Budget::ALL, Budget::key, Budget::label, locale),
        }
    }

    /// How many options are offered now.
    pub fn count(self) -> usize {
        self.items(Locale::En).len()
    }

    /// Whether `key` is one of the options offered now (what a new answer may choose).
    pub fn contains(self, key: &str) -> bool {
        self.items(Locale::En).iter().any(|(k, _)| *k == key)
    }

    /// The label of an option key, an added value no longer offered included (old answers keep
    /// their label).
    pub fn label(self, key: &str, locale: Locale) -> Option<&'static str> {
        match self {
            Options::IssueArea => IssueArea::from_key(key).map(|a| a.label(locale)),
            Options::Language => Language::from_key(key).map(|a| a.label(locale)),
            _ => self.items(locale).into_iter().find(|(k, _)| *k == key).map(|(_, l)| l),
        }
    }
}

/// How a question is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuestionKind {
    /// One line of text of at most `max` characters.
    ShortText { max: usize },
    /// A paragraph of at most `max` characters.
    LongText { max: usize },
    /// An e-mail address.
    Email,
    /// One web address.
    Url,
    /// Up to `max` web addresses, one per line.
    UrlList { max: usize },
    /// Exactly one option.
    Single(Options),
    /// Any number of options.
    Multi(Options),
    /// One country.
    Country,
    /// Several countries.
    Countries,
    /// Issue areas, each with a depth of expertise.
    AreasWithDepth,
    /// A calendar date (YYYY-MM-DD).
    Date,
    /// A box to tick.
    Consent,
}

/// A question shown only when another question has a given answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Condition {
    /// The question it depends on.
    pub question: &'static str,
    /// The answer that shows it.
    pub equals: &'static str,
}

/// One question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Question {
    /// Stable id (form field name and answer key).
    pub id: &'static str,
    /// Label.
    pub label: K,
    /// Help text under the label.
    pub help: Option<K>,
    /// How it is answered.
    pub kind: QuestionKind,
    /// Whether it must be answered (when shown).
    pub required: bool,
    /// Shown only when this holds.
    pub show_if: Option<Condition>,
    /// Filled from the signed-in account (name, e-mail) and not asked again.
    pub from_account: bool,
}

/// One screen of the wizard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// Stable id.
    pub id: &'static str,
    /// Title.
    pub title: K,
    /// A sentence under the title.
    pub intro: K,
    /// Its questions, in order.
    pub questions: &'static [Question],
}

const fn q(id: &'static str, label: K, kind: QuestionKind, required: bool) -> Question {
    Question { id, label, help: None, kind, required, show_if: None, from_account: false }
}

const fn help(mut question: Question, help: K) -> Question {
    question.help = Some(help);
    question
}

const fn when(mut question: Question, on: &'static str, equals: &'static str) -> Question {
    question.show_if = Some(Condition { question: on, equals });
    question
}

const fn account(mut question: Question) -> Question {
    question.from_account = true;
    question
}

/// Longest one-line answer.
pub const SHORT_MAX: usize = 200;
/// Longest paragraph.
pub const LONG_MAX: usize = 4000;
/// Longest web address.
pub const URL_MAX: usize = 500;
/// Most values any one question takes (a bound on what a forged post can make us store).
pub const VALUES_MAX: usize = 250;

use QuestionKind::*;

static SUPPLY: &[Step] = &[
    Step {
        id: "about",
        title: K::SurveyStepAbout,
        intro: K::SurveyStepAboutIntro,
        questions: &[
            account(q("respondent_name", K::SurveyQRespondentName, ShortText { max: 120 }, true)),
            account(help(q("respondent_email", K::SurveyQRespondentEmail, Email, true), K::SurveyQRespondentEmailHelp)),
            q("respondent_role", K::SurveyQRespondentRole, ShortText { max: SHORT_MAX }, false),
            q("org_name", K::SurveyQOrgName, ShortText { max: SHORT_MAX }, true),
            q("org_kind", K::SurveyQOrgKind, Single(Options::OrgKind), true),
            when(
                help(q("agency", K::SurveyQAgency, ShortText { max: SHORT_MAX }, true), K::SurveyQAgencyHelp),
                "org_kind",
                "government",
            ),
            q("org_country", K::SurveyQOrgCountry, Country, true),
            q("website", K::SurveyQWebsite, Url, false),
            help(
                q("org_description", K::SurveyQOrgDescription, LongText { max: 1500 }, true),
                K::SurveyQOrgDescriptionHelp,
            ),
        ],
    },
    Step {
        id: "expertise",
        title: K::SurveyStepExpertise,
        intro: K::SurveyStepExpertiseIntro,
        questions: &[
            help(q("areas", K::SurveyQAreas, AreasWithDepth, true), K::SurveyQAreasHelp),
            help(q("past_work", K::SurveyQPastWork, LongText { max: LONG_MAX }, true), K::SurveyQPastWorkHelp),
        ],
    },
    Step {
        id: "assistance",
        title: K::SurveyStepAssistance,
        intro: K::SurveyStepAssistanceIntro,
        questions: &[
            q("assistance", K::SurveyQAssistanceOffered, Multi(Options::Assistance), true),
            q("cost_basis", K::SurveyQCostBasis, Single(Options::CostBasis), true),
            when(
                help(q("rate_range", K::SurveyQRateRange, ShortText { max: SHORT_MAX }, true), K::SurveyQRateRangeHelp),
                "cost_basis",
                "paid",
            ),
            q("delivery", K::SurveyQDelivery, Multi(Options::Delivery), true),
            q("languages", K::SurveyQLanguages, Multi(Options::Language), true),
        ],
    },
    Step {
        id: "experience",
        title: K::SurveyStepExperience,
        intro: K::SurveyStepExperienceIntro,
        questions: &[
            q("regions", K::SurveyQRegions, Multi(Options::Region), true),
            help(q("countries", K::SurveyQCountries, Countries, false), K::SurveyQCountriesHelp),
        ],
    },
    Step {
        id: "capacity",
        title: K::SurveyStepCapacity,
        intro: K::SurveyStepCapacityIntro,
        questions: &[
            q("capacity", K::SurveyQCapacity, Single(Options::Capacity), true),
            help(q("available_from", K::SurveyQAvailableFrom, Date, false), K::SurveyQAvailableFromHelp),
            help(q("references", K::SurveyQReferences, UrlList { max: 5 }, false), K::SurveyQReferencesHelp),
            help(
                q("reference_contacts", K::SurveyQReferenceContacts, LongText { max: 1000 }, false),
                K::SurveyQReferenceContactsHelp,
            ),
            help(q("consent_listing", K::SurveyQConsentListing, Consent, true), K::SurveyQConsentListingHelp),
            help(q("consent_public", K::SurveyQConsentPublic, Consent, false), K::SurveyQConsentPublicHelp),
            when(
                help(
                    q("consent_public_contact", K::SurveyQConsentPublicContact, Consent, false),
                    K::SurveyQConsentPublicContactHelp,
                ),
                "consent_public",
                "yes",
            ),
        ],
    },
];

static DEMAND: &[Step] = &[
    Step {
        id: "government",
        title: K::SurveyStepGovernment,
        intro: K::SurveyStepGovernmentIntro,
        questions: &[
            q("country", K::SurveyQGovernmentCountry, Country, true),
            help(q("agency", K::SurveyQLeadAgency, ShortText { max: SHORT_MAX }, true), K::SurveyQLeadAgencyHelp),
            account(q("respondent_name", K::SurveyQFocalName, ShortText { max: 120 }, true)),
            account(help(q("respondent_email", K::SurveyQRespondentEmail, Email, true), K::SurveyQRespondentEmailHelp)),
            q("respondent_role", K::SurveyQFocalRole, ShortText { max: SHORT_MAX }, false),
        ],
    },
    Step {
        id: "need",
        title: K::SurveyStepNeed,
        intro: K::SurveyStepNeedIntro,
        questions: &[
            q("areas", K::SurveyQAreasWanted, Multi(Options::IssueArea), true),
            q("stage", K::SurveyQStage, Single(Options::Stage), true),
            help(q("need", K::SurveyQNeed, LongText { max: LONG_MAX }, true), K::SurveyQNeedHelp),
            help(
                q("commitment_ref", K::SurveyQCommitmentRef, ShortText { max: SHORT_MAX }, false),
                K::SurveyQCommitmentRefHelp,
            ),
        ],
    },
    Step {
        id: "assistance",
        title: K::SurveyStepAssistanceSought,
        intro: K::SurveyStepAssistanceSoughtIntro,
        questions: &[
            q("assistance", K::SurveyQAssistanceSought, Multi(Options::Assistance), true),
            q("languages", K::SurveyQWorkingLanguages, Multi(Options::Language), true),
            q("timeline", K::SurveyQTimeline, Single(Options::Timeline), true),
            help(q("start_by", K::SurveyQStartBy, Date, false), K::SurveyQStartByHelp),
            q("budget", K::SurveyQBudget, Single(Options::Budget), true),
            help(q("consent_share", K::SurveyQConsentShare, Consent, true), K::SurveyQConsentShareHelp),
        ],
    },
];

/// Answers of a draft or a submission: question id → values.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<String, Vec<String>>);

impl Answers {
    /// The first value of a question, or "".
    pub fn first(&self, id: &str) -> &str {
        self.0.get(id).and_then(|v| v.first()).map(String::as_str).unwrap_or("")
    }

    /// Every value of a question.
    pub fn values(&self, id: &str) -> &[String] {
        self.0.get(id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether a question has a non-blank answer.
    pub fn has(&self, id: &str) -> bool {
        self.values(id).iter().any(|v| !v.trim().is_empty())
    }

    /// Replaces the answers to `step`'s questions with those in `other` (other steps untouched).
    pub fn merge_step(&mut self, step: &Step, other: &Answers) {
        for question in step.questions {
            match other.0.get(question.id) {
                Some(values) if !values.is_empty() => {
                    self.0.insert(question.id.to_string(), values.clone());
                }
                _ => {
                    self.0.remove(question.id);
                }
            }
        }
    }

    /// Depth of expertise per issue area for an [`QuestionKind::AreasWithDepth`] answer.
    pub fn areas_with_depth(&self, id: &str) -> Vec<(IssueArea, Depth)> {
        self.values(id)
            .iter()
            .filter_map(|v| {
                let (area, depth) = v.split_once(':')?;
                Some((IssueArea::from_key(area)?, Depth::from_key(depth)?))
            })
            .collect()
    }
}

/// Whether a question is asked given the answers so far.
pub fn is_shown(question: &Question, answers: &Answers) -> bool {
    question.show_if.is_none_or(|c| answers.first(c.question) == c.equals)
}

/// A problem with one answer: the question id and the message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The question.
    pub question: String,
    /// Catalogue key of the message.
    pub message: String,
}

impl FieldError {
    fn new(question: &str, key: K) -> Self {
        FieldError { question: question.to_string(), message: key.name().to_string() }
    }

    /// The message's catalogue key.
    pub fn key(&self) -> K {
        K::ALL.iter().copied().find(|k| k.name() == self.message).unwrap_or(K::ErrorValidation)
    }
}

/// Builds a step's answers from posted form fields (`name`, `value` pairs), keeping only the
/// step's questions. Rejects what no honest form produces (unknown options or countries,
/// oversized text, too many values): the whole post is refused and nothing is stored.
/// Blank text is dropped; missing required answers are *not* an error here (a draft may be
/// incomplete) but in [`validate_step`].
pub fn parse_step(step: &Step, fields: &[(String, String)]) -> Result<Answers, Vec<FieldError>> {
    let mut answers = Answers::default();
    let mut errors = Vec::new();
    for question in step.questions {
        let values: Vec<String> = match question.kind {
            AreasWithDepth => {
                let prefix = format!("{}.", question.id);
                let mut out = Vec::new();
                for (name, value) in fields {
                    let Some(area) = name.strip_prefix(&prefix) else { continue };
                    let value = value.trim();
                    if value.is_empty() {
                        continue;
                    }
                    if !Options::IssueArea.contains(area) || Depth::from_key(value).is_none() {
                        errors.push(FieldError::new(question.id, K::ErrorUnknownOption));
                        break;
                    }
                    out.retain(|v: &String| !v.starts_with(&format!("{area}:")));
                    out.push(format!("{area}:{value}"));
                }
                out
            }
            UrlList { .. } => fields
                .iter()
                .filter(|(n, _)| n == question.id)
                .flat_map(|(_, v)| v.lines().map(|l| l.trim().to_string()).collect::<Vec<_>>())
                .filter(|v| !v.is_empty())
                .collect(),
            _ => fields
                .iter()
                .filter(|(n, _)| n == question.id)
                .map(|(_, v)| {
                    if matches!(question.kind, LongText { .. }) {
                        v.trim_end().to_string()
                    } else {
                        v.trim().to_string()
                    }
                })
                .filter(|v| !v.is_empty())
                .collect(),
        };
        if values.len() > VALUES_MAX {
            errors.push(FieldError::new(question.id, K::ErrorTooMany));
            continue;
        }
        if let Some(key) = values.iter().find_map(|v| refusal(question, v)) {
            errors.push(FieldError::new(question.id, key));
            continue;
        }
        let single = matches!(
            question.kind,
            ShortText { .. } | LongText { .. } | Email | Url | Single(_) | Country | Date | Consent
        );
        if single && values.len() > 1 {
            errors.push(FieldError::new(question.id, K::ErrorUnknownOption));
            continue;
        }
        let mut values = values;
        if matches!(question.kind, Multi(_) | Countries) {
            let mut seen = std::collections::HashSet::new();
            values.retain(|v| seen.insert(v.clone()));
        }
        if !values.is_empty() {
            answers.0.insert(question.id.to_string(), values);
        }
    }
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(errors)
    }
}

/// Why a posted value is refused outright: what no honest form produces (an unknown option or
/// country, text past its limit, control characters, a link to another scheme). A typing slip in
/// an e-mail address, a web address or a date is not refused: it is kept in the draft, so nothing
/// typed is lost, and flagged next to its field by [`validate_step`].
fn refusal(question: &Question, value: &str) -> Option<K> {
    if !matches!(question.kind, Email | Url | UrlList { .. } | Date) {
        return shape_error(question, value);
    }
    let foreign_scheme = value.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-')
            && !scheme.eq_ignore_ascii_case("http")
            && !scheme.eq_ignore_ascii_case("https")
    });
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        Some(K::ErrorValidation)
    } else if value.chars().count() > URL_MAX {
        Some(K::ErrorTooLong)
    } else if matches!(question.kind, Url | UrlList { .. }) && foreign_scheme {
        Some(K::ErrorUrlInvalid)
    } else {
        None
    }
}

/// What is wrong with one value's shape (not its presence), if anything.
fn shape_error(question: &Question, value: &str) -> Option<K> {
    let chars = value.chars().count();
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Some(K::ErrorValidation);
    }
    match question.kind {
        ShortText { max } => (chars > max || value.contains('\n')).then_some(K::ErrorTooLong),
        LongText { max } => (chars > max).then_some(K::ErrorTooLong),
        Email => validate_email(value).err(),
        Url | UrlList { .. } => (!is_web_address(value)).then_some(K::ErrorUrlInvalid),
        Single(options) | Multi(options) => (!options.contains(value)).then_some(K::ErrorUnknownOption),
        Country | Countries => Country::by_code(value).is_none().then_some(K::ErrorCountryUnknown),
        Date => (!is_date(value)).then_some(K::ErrorDateInvalid),
        Consent => (value != "yes").then_some(K::ErrorUnknownOption),
        AreasWithDepth => None,
    }
}

/// An `http(s)` address with a host and no spaces.
pub fn is_web_address(value: &str) -> bool {
    let rest = value.strip_prefix("https://").or_else(|| value.strip_prefix("http://"));
    value.chars().count() <= URL_MAX
        && rest.is_some_and(|r| {
            let host = r.split(['/', '?', '#']).next().unwrap_or("");
            host.contains('.') && !host.starts_with('.') && !r.chars().any(char::is_whitespace)
        })
}

/// A plausible calendar date `YYYY-MM-DD` between 2000 and 2100.
pub fn is_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let [y, m, d] = parts.as_slice() else { return false };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else { return false };
    if y.to_string().len() != 4 || !(2000..=2100).contains(&y) || !(1..=12).contains(&m) || d == 0 {
        return false;
    }
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= days
}

/// Checks that every shown, required question of `step` is answered (shapes were checked when
/// parsing). Questions filled from the account count as answered when `signed_in`.
pub fn validate_step(step: &Step, answers: &Answers, signed_in: bool) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for question in step.questions {
        if !is_shown(question, answers) || (question.from_account && signed_in) {
            continue;
        }
        if question.required && !answers.has(question.id) {
            errors.push(FieldError::new(
                question.id,
                if question.kind == Consent { K::ErrorConsentRequired } else { K::ErrorRequired },
            ));
        }
        if let Some(key) = answers.values(question.id).iter().find_map(|v| shape_error(question, v)) {
            errors.push(FieldError::new(question.id, key));
        }
    }
    errors
}

/// The first step (1-based) that is not complete, or `None` when every step is.
pub fn first_incomplete(kind: SurveyKind, answers: &Answers, signed_in: bool) -> Option<usize> {
    kind.steps().iter().position(|s| !validate_step(s, answers, signed_in).is_empty()).map(|i| i + 1)
}

/// Drops answers to questions that are no longer shown (e.g. the rate range after switching to
/// pro bono), so a submission keeps only what the respondent was finally asked.
pub fn without_hidden(kind: SurveyKind, answers: &Answers) -> Answers {
    let mut kept = answers.clone();
    for question in kind.questions() {
        if !is_shown(question, answers) {
            kept.0.remove(question.id);
        }
    }
    kept
}

/// A value shown in readable form (review page, profile): labels instead of keys.
pub fn display_value(question: &Question, value: &str, locale: Locale) -> String {
    match question.kind {
        Single(options) | Multi(options) => options.label(value, locale).map(str::to_string),
        Country | Countries => Country::by_code(value).map(|c| c.name(locale).to_string()),
        Consent => Some(locale.t(K::SurveyYes).to_string()),
        AreasWithDepth => value.split_once(':').and_then(|(a, d)| {
            Some(format!("{} — {}", IssueArea::from_key(a)?.label(locale), Depth::from_key(d)?.label(locale)))
        }),
        _ => None,
    }
    .unwrap_or_else(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn question_ids_are_unique_per_survey_and_labels_are_translated() {
        for kind in [SurveyKind::Supply, SurveyKind::Demand] {
            let mut ids = HashSet::new();
            for step in kind.steps() {
                for locale in Locale::ALL {
                    assert!(!locale.t(step.title).is_empty() && !locale.t(step.intro).is_empty());
                }
                for question in step.questions {
                    assert!(ids.insert(question.id), "{} appears twice in {kind:?}", question.id);
                    assert!(question.id.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
                    for locale in Locale::ALL {
                        assert!(!locale.t(question.label).trim().is_empty());
                        if let Some(h) = question.help {
                            assert!(!locale.t(h).trim().is_empty());
                        }
                    }
                    if let Some(c) = question.show_if {
                        let on = kind.questions().find(|q| q.id == c.question).expect("condition names a question");
                        match on.kind {
                            Single(options) => assert!(options.contains(c.equals)),
                            Consent => assert_eq!(c.equals, "yes"),
                            other => panic!("condition on a {other:?}"),
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_government_provider_names_its_agency_and_a_paid_one_its_rates() {
        let about = SurveyKind::Supply.step(1).expect("defined");
        let ngo = parse_step(
            about,
            &fields(&[
                ("respondent_name", "Ana"),
                ("respondent_email", "ana@example.org"),
                ("org_name", "Datos Abiertos AC"),
                ("org_kind", "ngo"),
                ("org_country", "MX"),
                ("org_description", "We publish budgets."),
            ]),
        )
        .expect("defined");
        assert!(validate_step(about, &ngo, false).is_empty());
        let mut government = ngo.clone();
        government.0.insert("org_kind".into(), vec!["government".into()]);
        let errors = validate_step(about, &government, false);
        assert_eq!(errors, vec![FieldError::new("agency", K::ErrorRequired)]);

        let assistance = SurveyKind::Supply.step(3).expect("defined");
        let mut paid = parse_step(
            assistance,
            &fields(&[
                ("assistance", "training"),
                ("cost_basis", "paid"),
                ("delivery", "remote"),
                ("languages", "fr"),
                ("languages", "es"),
            ]),
        )
        .expect("defined");
        assert_eq!(validate_step(assistance, &paid, false), vec![FieldError::new("rate_range", K::ErrorRequired)]);
        paid.0.insert("rate_range".into(), vec!["400-600 USD a day".into()]);
        paid.0.insert("cost_basis".into(), vec!["pro_bono".into()]);
        assert!(validate_step(assistance, &paid, false).is_empty());
        assert!(!without_hidden(SurveyKind::Supply, &paid).0.contains_key("rate_range"), "hidden answers are dropped");
    }

    #[test]
    fn forged_values_are_refused_whole() {
        let assistance = SurveyKind::Supply.step(3).expect("defined");
        let err = parse_step(assistance, &fields(&[("assistance", "training"), ("cost_basis", "free_lunch")]))
            .expect_err("refused");
        assert_eq!(err, vec![FieldError::new("cost_basis", K::ErrorUnknownOption)]);
        let about = SurveyKind::Supply.step(1).expect("defined");
        let long = "x".repeat(SHORT_MAX + 1);
        let err = parse_step(about, &fields(&[("org_name", &long), ("org_country", "ZZ")])).expect_err("refused");
        assert_eq!(
            err,
            vec![FieldError::new("org_name", K::ErrorTooLong), FieldError::new("org_country", K::ErrorCountryUnknown)]
        );
        let err = parse_step(about, &fields(&[("org_kind", "ngo"), ("org_kind", "government")])).expect_err("refused");
        assert_eq!(err[0].question, "org_kind", "two values for a single choice");
        let expertise = SurveyKind::Supply.step(2).expect("defined");
        assert!(parse_step(expertise, &fields(&[("areas.open_data", "guru")])).is_err());
        assert!(parse_step(expertise, &fields(&[("areas.astrology", "expert")])).is_err());
        let many: Vec<_> = (0..=VALUES_MAX).map(|_| ("countries".to_string(), "FR".to_string())).collect();
        assert!(parse_step(SurveyKind::Supply.step(4).expect("defined"), &many).is_err());
    }

    #[test]
    fn parsing_keeps_only_the_steps_questions_and_normalises() {
        let expertise = SurveyKind::Supply.step(2).expect("defined");
        let answers = parse_step(
            expertise,
            &fields(&[
                ("areas.open_data", "expert"),
                ("areas.fiscal_openness", ""),
                ("areas.justice", "familiar"),
                ("past_work", "  Helped Kenya publish contracts.  "),
                ("org_name", "smuggled from another step"),
            ]),
        )
        .expect("defined");
        assert_eq!(answers.values("areas"), ["open_data:expert", "justice:familiar"]);
        assert_eq!(answers.first("past_work"), "  Helped Kenya publish contracts.");
        assert!(!answers.0.contains_key("org_name"));
        assert_eq!(
            answers.areas_with_depth("areas"),
            vec![(IssueArea::OpenData, Depth::Expert), (IssueArea::Justice, Depth::Familiar)]
        );
        let capacity = SurveyKind::Supply.step(5).expect("defined");
        let refs = parse_step(capacity, &fields(&[("references", "https://a.example/1\n\n https://b.example ")]))
            .expect("defined");
        assert_eq!(refs.values("references"), ["https://a.example/1", "https://b.example"]);
        assert!(parse_step(capacity, &fields(&[("references", "javascript:alert(1)")])).is_err());
    }

    #[test]
    fn a_typing_slip_is_kept_in_the_draft_and_flagged_not_refused() {
        let about = SurveyKind::Supply.step(1).expect("defined");
        let answers = parse_step(
            about,
            &fields(&[("respondent_email", "ana@gob"), ("website", "www.datos.example"), ("org_name", "Datos")]),
        )
        .expect("kept");
        assert_eq!(answers.first("respondent_email"), "ana@gob");
        let errors = validate_step(about, &answers, false);
        for (question, key) in [("respondent_email", K::ErrorEmailInvalid), ("website", K::ErrorUrlInvalid)] {
            assert!(errors.contains(&FieldError::new(question, key)), "{question}: {errors:?}");
        }
        let capacity = SurveyKind::Supply.step(5).expect("defined");
        let dated = parse_step(capacity, &fields(&[("available_from", "next spring")])).expect("kept");
        assert!(
            validate_step(capacity, &dated, false).contains(&FieldError::new("available_from", K::ErrorDateInvalid))
        );
    }

    #[test]
    fn merging_a_step_leaves_the_other_steps_alone() {
        let mut draft = Answers::default();
        draft.0.insert("org_name".into(), vec!["Before".into()]);
        draft.0.insert("past_work".into(), vec!["Old".into()]);
        let expertise = SurveyKind::Supply.step(2).expect("defined");
        let mut new = Answers::default();
        new.0.insert("areas".into(), vec!["open_data:expert".into()]);
        draft.merge_step(expertise, &new);
        assert_eq!(draft.first("org_name"), "Before");
        assert_eq!(draft.values("areas"), ["open_data:expert"]);
        assert!(!draft.has("past_work"), "a cleared answer is cleared");
    }

    #[test]
    fn the_first_incomplete_step_is_found_and_account_fields_count_when_signed_in() {
        assert_eq!(first_incomplete(SurveyKind::Demand, &Answers::default(), false), Some(1));
        let government = SurveyKind::Demand.step(1).expect("defined");
        let a = parse_step(government, &fields(&[("country", "KE"), ("agency", "Ministry of ICT")])).expect("defined");
        assert_eq!(validate_step(government, &a, false).len(), 2, "name and e-mail are required when signed out");
        assert!(validate_step(government, &a, true).is_empty());
        assert_eq!(first_incomplete(SurveyKind::Demand, &a, true), Some(2));
    }

    #[test]
    fn every_conditional_question_has_its_style_rule() {
        let css = include_str!("../../../style/main.css");
        for kind in [SurveyKind::Supply, SurveyKind::Demand] {
            for q in kind.questions() {
                if let Some(c) = q.show_if {
                    let rule = format!(
                        "input[name=\"{}\"][value=\"{}\"]:checked) .q[data-show-if=\"{}={}\"]",
                        c.question, c.equals, c.question, c.equals
                    );
                    assert!(css.contains(&rule), "style/main.css lacks the rule that shows {}: {rule}", q.id);
                }
            }
        }
    }

    #[test]
    fn dates_and_addresses() {
        assert!(is_date("2027-02-28") && is_date("2028-02-29"));
        assert!(!is_date("2027-02-29") && !is_date("27-01-01") && !is_date("2027-13-01") && !is_date("tomorrow"));
        assert!(is_web_address("https://www.opengovpartnership.org/members"));
        assert!(
            !is_web_address("ftp://x.org")
                && !is_web_address("https://localhost")
                && !is_web_address("https://a b.org")
        );
    }

    #[test]
    fn readable_values_use_labels() {
        let q = SurveyKind::Supply.questions().find(|q| q.id == "org_kind").expect("defined");
        assert_eq!(display_value(q, "ngo", Locale::Fr), OrgKind::Ngo.label(Locale::Fr));
        let c = SurveyKind::Demand.questions().find(|q| q.id == "country").expect("defined");
        assert_eq!(display_value(c, "KE", Locale::En), "Kenya");
    }
}
