//! Success stories: the desk where a case's parties approve its story (`/cases/{id}/story`),
//! and the public pages (`/stories`, `/stories/{id}`).

mod desk;
mod public;

pub use desk::StoryDeskPage;
pub use public::{StoriesPage, StoryPage};
