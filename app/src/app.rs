//! The HTML shell (server only) and the router shared by server render and hydration.

use crate::components::{provide_me, title_markup, use_locale, SiteFooter, SiteHeader, SkipLink, TwoFactorBanner};
use crate::domain::roster::Roster;
use crate::domain::survey::SurveyKind;
use crate::i18n::K;
use crate::pages::{
    AccountPage, AdminOrganisationsPage, AdminUsersPage, AgreementPage, AuditPage, BoardPage, CampaignPage, CasePage,
    CasesPage, ContactPage, ConversationPage, DirectoryPage, DirectoryProfilePage, EnquiriesPage, EnquiryPage,
    FollowUpsPage, ForgotPasswordPage, GapsPage, InboxPage, IntroductionPage, InvitationPage, LandingPage, MailPage,
    NewsConfirmPage, NewsPage, NewsUnsubscribePage, NotFound, NumbersPage, OpenDataPage, OrganisationPage,
    OutreachPage, OversightCasesPage, OversightPage, ProviderProfilePage, RequestPage, ResetPasswordPage,
    RosterListPage, SelectionPage, SignInCodePage, SignInPage, StoriesPage, StoryDeskPage, StoryPage, SurveyDonePage,
    SurveyIntroPage, SurveyInvitationPage, SurveyResumePage, SurveyReviewPage, SurveyStepPage, ThreadPage, TuningPage,
    TwoFactorPage, UnlockPage, UnsubscribePage, VocabularyPage,
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
                <link rel="icon" href=ICON type="image/svg+xml"/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                {page_styles(&options.site_pkg_dir)}
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The site's icon (`public/icon.svg`) written into the page: one request less on every first
/// visit (issue 19).
const ICON: &str = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Cg fill='%230b4f6c' stroke='%230b4f6c' stroke-width='2'%3E%3Ccircle cx='8' cy='16' r='5'/%3E%3Ccircle cx='24' cy='8' r='4'/%3E%3Ccircle cx='24' cy='24' r='4'/%3E%3Cpath d='M12.5 14 20.5 9.5M12.5 18l8 4.5' fill='none'/%3E%3C/g%3E%3C/svg%3E";

/// `style/pages.css` on every page but the survey's and sign-in's (see `crate::styles`).
fn page_styles(pkg_dir: &str) -> Option<AnyView> {
    #[cfg(feature = "ssr")]
    {
        let path = use_context::<http::request::Parts>().map(|p| p.uri.path().to_string()).unwrap_or_default();
        (!crate::styles::lean(&path))
            .then(|| view! { <link rel="stylesheet" href=crate::styles::pages_href(pkg_dir)/> }.into_any())
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = pkg_dir;
        None
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
        // a base title (the site's name) under every page's own, so the document is never without
        // one, even while a lazily loaded page's code is on its way; the one formatter of every
        // page's title, which escapes it (leptos_meta writes it raw into the server's HTML)
        <Title text="" formatter=move |page: String| title_markup(if page.is_empty() { site.to_string() } else { format!("{page} · {site}") })/>
        <Meta name="description" content=l.t(K::LandingHeroLead)/>
        <Router>
            <SkipLink/>
            <SiteHeader/>
            <TwoFactorBanner/>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=LandingRoute ssr=SsrMode::Async/>
                    <Route path=path!("/survey/demand") view=|| view! { <SurveyIntroPage kind=SurveyKind::Demand/> } ssr=SsrMode::Async/>
                    <Route path=path!("/survey/supply") view=|| view! { <SurveyIntroPage kind=SurveyKind::Supply/> } ssr=SsrMode::Async/>
                    <Route path=path!("/survey/:kind/step/:n") view=|| view! { <SurveyStepPage/> } ssr=SsrMode::Async/>
                    <Route path=path!("/survey/:kind/review") view=|| view! { <SurveyReviewPage/> } ssr=SsrMode::Async/>
                    <Route path=path!("/survey/:kind/done") view=|| view! { <SurveyDonePage/> } ssr=SsrMode::Async/>
                    <Route path=path!("/survey/:kind/resume") view=SurveyResumeRoute ssr=SsrMode::InOrder/>
                    <Route path=path!("/survey/invitation") view=SurveyInvitationRoute ssr=SsrMode::InOrder/>
                    <Route path=path!("/sign-in") view=SignInRoute ssr=SsrMode::InOrder/>
                    <Route path=path!("/account") view=AccountRoute ssr=SsrMode::Async/>
                    <Route path=path!("/account/two-factor") view=TwoFactorRoute ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in/code") view=SignInCodeRoute ssr=SsrMode::InOrder/>
                    <Route path=path!("/sign-in/unlock") view=UnlockRoute ssr=SsrMode::InOrder/>
                    <Route path=path!("/forgot-password") view=ForgotPasswordRoute ssr=SsrMode::InOrder/>
                    <Route path=path!("/reset-password") view=ResetPasswordRoute ssr=SsrMode::InOrder/>
                    <Route path=path!("/invitation") view=InvitationRoute ssr=SsrMode::InOrder/>
                    <Route path=path!("/organisations/:id") view=OrganisationRoute ssr=SsrMode::Async/>
                    <Route path=path!("/admin/users") view=AdminUsersRoute ssr=SsrMode::Async/>
                    <Route path=path!("/admin/organisations") view=AdminOrganisationsRoute ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=AuditRoute ssr=SsrMode::Async/>
                    <Route path=path!("/admin/mail") view=MailRoute ssr=SsrMode::Async/>
                    <Route path=path!("/admin/vocabulary") view=VocabularyRoute ssr=SsrMode::Async/>
                    <Route path=path!("/roster/providers") view=ProvidersRoute ssr=SsrMode::Async/>
                    <Route path=path!("/roster/requests") view=RequestsRoute ssr=SsrMode::Async/>
                    <Route path=path!("/roster/providers/:id") view=ProviderProfileRoute ssr=SsrMode::Async/>
                    <Route path=path!("/roster/requests/:id") view=RequestRoute ssr=SsrMode::Async/>
                    <Route path=path!("/outreach") view=OutreachRoute ssr=SsrMode::Async/>
                    <Route path=path!("/outreach/:id") view=CampaignRoute ssr=SsrMode::Async/>
                    <Route path=path!("/unsubscribe") view=UnsubscribeRoute ssr=SsrMode::Async/>
                    <Route path=path!("/board") view=BoardRoute ssr=SsrMode::Async/>
                    <Route path=path!("/oversight") view=OversightRoute ssr=SsrMode::Async/>
                    <Route path=path!("/oversight/cases") view=OversightCasesRoute ssr=SsrMode::Async/>
                    <Route path=path!("/oversight/gaps") view=GapsRoute ssr=SsrMode::Async/>
                    <Route path=path!("/oversight/tuning") view=TuningRoute ssr=SsrMode::Async/>
                    <Route path=path!("/cases") view=CasesRoute ssr=SsrMode::Async/>
                    <Route path=path!("/cases/:id") view=CaseRoute ssr=SsrMode::Async/>
                    <Route path=path!("/cases/:id/selection") view=SelectionRoute ssr=SsrMode::Async/>
                    <Route path=path!("/cases/:id/agreement") view=AgreementRoute ssr=SsrMode::Async/>
                    <Route path=path!("/cases/:id/story") view=StoryDeskRoute ssr=SsrMode::Async/>
                    <Route path=path!("/stories") view=StoriesRoute ssr=SsrMode::Async/>
                    <Route path=path!("/directory") view=DirectoryRoute ssr=SsrMode::Async/>
                    <Route path=path!("/directory/:id") view=DirectoryProfileRoute ssr=SsrMode::Async/>
                    <Route path=path!("/numbers") view=NumbersRoute ssr=SsrMode::Async/>
                    <Route path=path!("/open-data") view=OpenDataRoute ssr=SsrMode::Async/>
                    <Route path=path!("/contact") view=ContactRoute ssr=SsrMode::Async/>
                    <Route path=path!("/contact/conversation") view=ConversationRoute ssr=SsrMode::Async/>
                    <Route path=path!("/news") view=NewsRoute ssr=SsrMode::Async/>
                    <Route path=path!("/news/confirm") view=NewsConfirmRoute ssr=SsrMode::Async/>
                    <Route path=path!("/news/unsubscribe") view=NewsUnsubscribeRoute ssr=SsrMode::Async/>
                    <Route path=path!("/enquiries") view=EnquiriesRoute ssr=SsrMode::Async/>
                    <Route path=path!("/enquiries/:id") view=EnquiryRoute ssr=SsrMode::Async/>
                    <Route path=path!("/stories/:id") view=StoryRoute ssr=SsrMode::Async/>
                    <Route path=path!("/follow-ups") view=FollowUpsRoute ssr=SsrMode::Async/>
                    <Route path=path!("/inbox") view=InboxRoute ssr=SsrMode::Async/>
                    <Route path=path!("/threads/:id") view=ThreadRoute ssr=SsrMode::Async/>
                    <Route path=path!("/introductions/:id") view=IntroductionRoute ssr=SsrMode::Async/>
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
    }
}

/// Declares a route's page: rendered on the server only (islands mode), so the browser
/// downloads none of this code, only the islands the page holds.
macro_rules! route_page {
    ($($route:ident => $view:expr;)+) => {$(
        #[doc = concat!("The route of `", stringify!($view), "`.")]
        #[allow(non_snake_case)]
        fn $route() -> AnyView {
            $view.into_any()
        }
    )+};
}

route_page! {
    LandingRoute => view! { <LandingPage/> };
    SignInRoute => view! { <SignInPage/> };
    AccountRoute => view! { <AccountPage/> };
    TwoFactorRoute => view! { <TwoFactorPage/> };
    SignInCodeRoute => view! { <SignInCodePage/> };
    UnlockRoute => view! { <UnlockPage/> };
    SurveyResumeRoute => view! { <SurveyResumePage/> };
    SurveyInvitationRoute => view! { <SurveyInvitationPage/> };
    ForgotPasswordRoute => view! { <ForgotPasswordPage/> };
    ResetPasswordRoute => view! { <ResetPasswordPage/> };
    InvitationRoute => view! { <InvitationPage/> };
    OrganisationRoute => view! { <OrganisationPage/> };
    AdminUsersRoute => view! { <AdminUsersPage/> };
    AdminOrganisationsRoute => view! { <AdminOrganisationsPage/> };
    AuditRoute => view! { <AuditPage/> };
    MailRoute => view! { <MailPage/> };
    VocabularyRoute => view! { <VocabularyPage/> };
    ProvidersRoute => view! { <RosterListPage roster=Roster::Providers/> };
    RequestsRoute => view! { <RosterListPage roster=Roster::Requests/> };
    ProviderProfileRoute => view! { <ProviderProfilePage/> };
    RequestRoute => view! { <RequestPage/> };
    OutreachRoute => view! { <OutreachPage/> };
    CampaignRoute => view! { <CampaignPage/> };
    UnsubscribeRoute => view! { <UnsubscribePage/> };
    BoardRoute => view! { <BoardPage/> };
    OversightRoute => view! { <OversightPage/> };
    OversightCasesRoute => view! { <OversightCasesPage/> };
    GapsRoute => view! { <GapsPage/> };
    TuningRoute => view! { <TuningPage/> };
    CasesRoute => view! { <CasesPage/> };
    CaseRoute => view! { <CasePage/> };
    SelectionRoute => view! { <SelectionPage/> };
    AgreementRoute => view! { <AgreementPage/> };
    StoryDeskRoute => view! { <StoryDeskPage/> };
    StoriesRoute => view! { <StoriesPage/> };
    StoryRoute => view! { <StoryPage/> };
    DirectoryRoute => view! { <DirectoryPage/> };
    DirectoryProfileRoute => view! { <DirectoryProfilePage/> };
    NumbersRoute => view! { <NumbersPage/> };
    OpenDataRoute => view! { <OpenDataPage/> };
    ContactRoute => view! { <ContactPage/> };
    ConversationRoute => view! { <ConversationPage/> };
    NewsRoute => view! { <NewsPage/> };
    NewsConfirmRoute => view! { <NewsConfirmPage/> };
    NewsUnsubscribeRoute => view! { <NewsUnsubscribePage/> };
    EnquiriesRoute => view! { <EnquiriesPage/> };
    EnquiryRoute => view! { <EnquiryPage/> };
    InboxRoute => view! { <InboxPage/> };
    FollowUpsRoute => view! { <FollowUpsPage/> };
    ThreadRoute => view! { <ThreadPage/> };
    IntroductionRoute => view! { <IntroductionPage/> };
}
