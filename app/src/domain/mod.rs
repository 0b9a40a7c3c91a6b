//! Pure domain logic shared by the server and the browser: no I/O, no framework types.
//! Later areas (survey, case, matching, policy, agreement) live beside the taxonomy.

/// Defines a closed set of stable keys (stored in the database, sent over the wire: never
/// rename one): an enum whose variants serialise as their keys, with `ALL` (in order), `key()`,
/// `from_key()` and, when each variant names its catalogue entry (`=> Label`), `label()`.
/// The vocabulary of issue areas and the like has its own macro (`taxonomy::vocabulary!`),
/// whose labels take a locale.
macro_rules! keyed {
    (@enum $(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $key:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $key)] $variant,)+
        }

        impl $name {
            /// Every variant, in order.
            pub const ALL: [$name; [$($key),+].len()] = [$($name::$variant),+];

            /// The stable key.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key,)+ }
            }

            /// Parses a key; `None` for an unknown one.
            pub fn from_key(key: &str) -> Option<$name> {
                match key { $($key => Some($name::$variant),)+ _ => None }
            }
        }
    };
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $key:literal => $label:ident,)+ }) => {
        keyed!(@enum $(#[$meta])* pub enum $name { $($(#[$vmeta])* $variant = $key,)+ });

        impl $name {
            /// The catalogue key of its name.
            pub fn label(self) -> crate::i18n::K {
                match self { $($name::$variant => crate::i18n::K::$label,)+ }
            }
        }
    };
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $key:literal,)+ }) => {
        keyed!(@enum $(#[$meta])* pub enum $name { $($(#[$vmeta])* $variant = $key,)+ });
    };
}

pub mod account;
pub mod agreements;
pub mod attachments;
pub mod board;
pub mod case;
pub mod casework;
pub mod contact;
pub mod countries;
pub mod followup;
pub mod introductions;
pub mod matching;
pub mod net;
pub mod notices;
pub mod open_data;
pub mod outreach;
pub mod oversight;
pub mod policy;
pub mod public_site;
pub mod roster;
pub mod selection;
pub mod stories;
pub mod survey;
pub mod taxonomy;
pub mod text;
pub mod threads;
pub mod time;
pub mod timeline;
pub mod vocabulary;
