//! `#[server]` functions, one file per area. Each has an explicit, stable endpoint under
//! `/api/` so a client and a server built on different machines agree.

pub mod account;
pub mod admin;
pub mod agreements;
pub mod board;
#[cfg(feature = "hydrate")]
pub mod browser;
pub mod cases;
pub mod contact;
pub mod followups;
pub mod introductions;
pub mod network;
#[cfg(feature = "ssr")]
pub mod notify;
pub mod organisation;
pub mod outreach;
pub mod oversight;
pub mod password;
pub mod public;
pub mod roster;
pub mod sign_in;
pub mod stories;
pub mod survey;
pub mod threads;
pub mod two_factor;
pub mod vocabulary;
pub mod wire;

/// The server functions that take `multipart/form-data`. Their decoder cannot read any other
/// body (it panics), so the server refuses other bodies on these paths with a 400 first.
#[cfg(feature = "ssr")]
pub fn multipart_paths() -> [&'static str; 7] {
    use leptos::server_fn::ServerFn;
    [
        <survey::SurveySaveStep as ServerFn>::PATH,
        <cases::WriteScope as ServerFn>::PATH,
        <outreach::OutreachImport as ServerFn>::PATH,
        <introductions::Introduce as ServerFn>::PATH,
        <threads::PostMessage as ServerFn>::PATH,
        <agreements::SelectProviders as ServerFn>::PATH,
        <agreements::WriteAgreement as ServerFn>::PATH,
    ]
}

/// The server functions that take files: their bodies may be as large as their files allow
/// (every other request keeps the small body limit).
pub fn upload_paths() -> [&'static str; 1] {
    use leptos::server_fn::ServerFn;
    [<threads::PostMessage as ServerFn>::PATH]
}
