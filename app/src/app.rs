//! The HTML shell (server only) and the router shared by server render and hydration.

use crate::components::{provide_me, use_locale, SiteFooter, SiteHeader, SkipLink, TwoFactorBanner};
use crate::domain::survey::SurveyKind;
use crate::i18n::K;
use crate::pages::{
    AccountPage, AdminOrganisationsPage, AdminUsersPage, AuditPage, ForgotPasswordPage, InvitationPage, LandingPage,
    MailPage, NotFound, OrganisationPage, ResetPasswordPage, SignInCodePage, SignInPage, SurveyDonePage,
    SurveyIntroPage, SurveyReviewPage, SurveyStepPage, TwoFactorPage,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Meta, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The document around the app, rendered on the server only. `lang` follows the negotiated
/// interface language; the hydration scripts carry the per-request CSP nonce.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = use_locale();
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <meta name="theme-color" content="#0b4f6c"/>
                <link rel="icon" href="/favicon.ico" sizes="32x32"/>
                <link rel="icon" href="/icon.svg" type="image/svg+xml"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The application: shell chrome around the routed pages.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_me();
    let l = use_locale();
    let site = l.t(K::AppName);
    view! {
        <Title formatter=move |page: String| if page.is_empty() { site.to_string() } else { format!("{page} · {site}") }/>
        <Meta name="description" content=l.t(K::LandingHeroLead)/>
        <Router>
            <SkipLink/>
            <SiteHeader/>
            <TwoFactorBanner/>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=LandingPage ssr=SsrMode::InOrder/>
                    <Route
                        path=path!("/survey/demand")
                        view=|| view! { <SurveyIntroPage kind=SurveyKind::Demand/> }
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/survey/supply")
                        view=|| view! { <SurveyIntroPage kind=SurveyKind::Supply/> }
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/survey/:kind/step/:n") view=SurveyStepPage ssr=SsrMode::Async/>
                    <Route path=path!("/survey/:kind/review") view=SurveyReviewPage ssr=SsrMode::Async/>
                    <Route path=path!("/survey/:kind/done") view=SurveyDonePage ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/two-factor") view=TwoFactorPage ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in/code") view=SignInCodePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/invitation") view=InvitationPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/organisations/:id") view=OrganisationPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view=AdminUsersPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/organisations") view=AdminOrganisationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/mail") view=MailPage ssr=SsrMode::Async/>
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
    }
}
