//! What the public pages show: the directory of providers who consented to it, one provider's
//! public profile, and the public numbers. No field here holds anything a provider did not agree
//! to publish, nor anything about a person.

use crate::domain::case::{CaseStage, Outcome};
use crate::domain::oversight::Spread;
use crate::domain::roster::RosterQuery;
use crate::domain::taxonomy::{Depth, IssueArea, OrgKind};
use serde::{Deserialize, Serialize};

/// `/directory`: one page of the public directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryPage {
    /// The query as the server understood it.
    pub query: RosterQuery,
    pub rows: Vec<super::RosterRow>,
    /// Providers matching, all pages.
    pub total: i64,
    /// Pages in all (at least 1).
    pub pages: u32,
}

/// `/directory/{id}`: a provider's public profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicProfile {
    pub id: String,
    pub name: String,
    pub kind: OrgKind,
    pub country: String,
    pub description: String,
    pub areas: Vec<(IssueArea, Depth)>,
    /// Assistance, cost basis, delivery, languages, regions and countries worked in, as
    /// (question id, values) of the profile, in the survey's order.
    pub offers: Vec<(String, Vec<String>)>,
    /// Only when the provider agreed to show them.
    pub website: Option<String>,
    pub email: Option<String>,
    pub updated_at: i64,
}

/// `/numbers`: the mechanism in aggregate figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumbersView {
    /// Listed providers per kind.
    pub providers: Vec<(OrgKind, i64)>,
    pub in_directory: i64,
    pub requests: i64,
    pub governments: i64,
    pub countries: i64,
    /// How many cases reached each working stage (or went further).
    pub funnel: Vec<(CaseStage, i64)>,
    pub to_introduction: Spread,
    pub to_agreement: Spread,
    /// Providers' answers to introductions: accepted, and answered in all.
    pub accepted: i64,
    pub answered: i64,
    pub outcomes: Vec<(Outcome, i64)>,
    pub mean_rating_tenths: Option<i64>,
    pub stories: i64,
}
