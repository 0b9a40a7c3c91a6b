//! The shared vocabulary of the Networking Mechanism: issue areas of open government,
//! organisation kinds, OGP regions, working languages, assistance types and cost basis.
//!
//! Each term has a stable machine key (stored in the database, sent over the wire, used in
//! URLs and CSV files: never rename one) and a translated label from the i18n catalogue.

use crate::domain::vocabulary::OpenKind;
use crate::i18n::{Locale, K};
use serde::{Deserialize, Serialize};

/// Defines a closed vocabulary: an enum whose variants serialise as their stable keys, with
/// `ALL`, `key()`, `from_key()`, `label_key()` and `label()`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $key:literal => $label:ident,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $key)] $variant,)+
        }

        impl $name {
            /// Every term, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stable machine key.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key,)+ }
            }

            /// Parses a machine key; `None` for an unknown key.
            pub fn from_key(key: &str) -> Option<Self> {
                match key { $($key => Some($name::$variant),)+ _ => None }
            }

            /// The catalogue key of the translated label.
            pub fn label_key(self) -> K {
                match self { $($name::$variant => K::$label,)+ }
            }

            /// The label in `locale`.
            pub fn label(self, locale: Locale) -> &'static str {
                locale.t(self.label_key())
            }
        }
    };
}

/// Defines a vocabulary administrators can extend (see `domain::vocabulary`): the built-in terms
/// are variants as above, an added one is `Added`. `ALL` lists the built-in terms, `all()` those
/// offered now (built-in, then added). Serialises as the key; an unknown key is refused, except
/// in the browser, which learns a term the server added after the page loaded by its key.
macro_rules! open_vocabulary {
    ($kind:expr; $(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $key:literal => $label:ident,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value an administrator added.
            Added(crate::domain::vocabulary::Added),
        }

        impl $name {
            /// The built-in terms, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// Every term offered now: the built-in ones, then those added and not retired.
            pub fn all() -> Vec<$name> {
                let mut all = $name::ALL.to_vec();
                all.extend(crate::domain::vocabulary::offered($kind).into_iter().map($name::Added));
                all
            }

            /// The stable machine key.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key,)+ $name::Added(a) => a.key() }
            }

            /// Parses a machine key (an added term's too, retired or not); `None` for an unknown key.
            pub fn from_key(key: &str) -> Option<Self> {
                match key {
                    $($key => Some($name::$variant),)+
                    _ => crate::domain::vocabulary::find($kind, key).map($name::Added),
                }
            }

            /// The label in `locale`.
            pub fn label(self, locale: Locale) -> &'static str {
                match self { $($name::$variant => locale.t(K::$label),)+ $name::Added(a) => a.label(locale) }
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.key())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let key = String::deserialize(deserializer)?;
                if let Some(term) = $name::from_key(&key) {
                    return Ok(term);
                }
                #[cfg(not(feature = "ssr"))]
                if crate::domain::vocabulary::rules::key_shape_ok($kind, &key) {
                    crate::domain::vocabulary::register(&[crate::domain::vocabulary::TermRecord {
                        kind: $kind,
                        labels: [key.clone(), key.clone(), key.clone()],
                        key: key.clone(),
                        retired: true,
                    }]);
                    if let Some(term) = $name::from_key(&key) {
                        return Ok(term);
                    }
                }
                Err(serde::de::Error::custom(format!("unknown {} {key:?}", stringify!($name))))
            }
        }
    };
}

open_vocabulary! {
    OpenKind::IssueArea;
    /// The issue areas of open government by which requests and expertise are organised.
    pub enum IssueArea {
        AccessToInformation = "access_to_information" => AreaAccessToInformation,
        AntiCorruption = "anti_corruption" => AreaAntiCorruption,
        BeneficialOwnership = "beneficial_ownership" => AreaBeneficialOwnership,
        CivicSpace = "civic_space" => AreaCivicSpace,
        CitizenParticipation = "citizen_participation" => AreaCitizenParticipation,
        DigitalGovernance = "digital_governance" => AreaDigitalGovernance,
        ExtractiveIndustries = "extractive_industries" => AreaExtractiveIndustries,
        FiscalOpenness = "fiscal_openness" => AreaFiscalOpenness,
        GenderInclusion = "gender_inclusion" => AreaGenderInclusion,
        Justice = "justice" => AreaJustice,
        OpenContracting = "open_contracting" => AreaOpenContracting,
        OpenData = "open_data" => AreaOpenData,
        PublicServiceDelivery = "public_service_delivery" => AreaPublicServiceDelivery,
        ClimateEnvironment = "climate_environment" => AreaClimateEnvironment,
        Lobbying = "lobbying" => AreaLobbying,
    }
}

vocabulary! {
    /// What kind of body an organisation is. A government can both request and provide help.
    pub enum OrgKind {
        Government = "government" => KindGovernment,
        Ngo = "ngo" => KindNgo,
        PrivateFirm = "private_firm" => KindPrivateFirm,
        Multilateral = "multilateral" => KindMultilateral,
        Academic = "academic" => KindAcademic,
    }
}

vocabulary! {
    /// The regions the Open Government Partnership groups its members by.
    pub enum Region {
        AfricaMiddleEast = "africa_middle_east" => RegionAfricaMiddleEast,
        Americas = "americas" => RegionAmericas,
        AsiaPacific = "asia_pacific" => RegionAsiaPacific,
        Europe = "europe" => RegionEurope,
    }
}

vocabulary! {
    /// The kinds of help a provider offers and a government seeks.
    pub enum AssistanceType {
        StrategyAdvice = "strategy_advice" => AssistanceStrategyAdvice,
        TechnicalImplementation = "technical_implementation" => AssistanceTechnicalImplementation,
        Training = "training" => AssistanceTraining,
        PeerExchange = "peer_exchange" => AssistancePeerExchange,
        LegalDrafting = "legal_drafting" => AssistanceLegalDrafting,
        DataTools = "data_tools" => AssistanceDataTools,
    }
}

vocabulary! {
    /// On what terms assistance is offered or expected.
    pub enum CostBasis {
        ProBono = "pro_bono" => CostProBono,
        LowCost = "low_cost" => CostLowCost,
        Paid = "paid" => CostPaid,
    }
}

open_vocabulary! {
    OpenKind::Language;
    /// Working languages of providers and requesting governments (ISO 639-1 codes as keys).
    pub enum Language {
        Arabic = "ar" => LanguageAr,
        Azerbaijani = "az" => LanguageAz,
        Bengali = "bn" => LanguageBn,
        Chinese = "zh" => LanguageZh,
        Dutch = "nl" => LanguageNl,
        English = "en" => LanguageEn,
        Filipino = "tl" => LanguageTl,
        French = "fr" => LanguageFr,
        Georgian = "ka" => LanguageKa,
        German = "de" => LanguageDe,
        Armenian = "hy" => LanguageHy,
        Hindi = "hi" => LanguageHi,
        Indonesian = "id" => LanguageId,
        Italian = "it" => LanguageIt,
        Japanese = "ja" => LanguageJa,
        Korean = "ko" => LanguageKo,
        Malay = "ms" => LanguageMs,
        Mongolian = "mn" => LanguageMn,
        Nepali = "ne" => LanguageNe,
        Persian = "fa" => LanguageFa,
        Polish = "pl" => LanguagePl,
        Portuguese = "pt" => LanguagePt,
        Romanian = "ro" => LanguageRo,
        Russian = "ru" => LanguageRu,
        Serbian = "sr" => LanguageSr,
        Spanish = "es" => LanguageEs,
        Swahili = "sw" => LanguageSw,
        Thai = "th" => LanguageTh,
        Turkish = "tr" => LanguageTr,
        Ukrainian = "uk" => LanguageUk,
        Urdu = "ur" => LanguageUr,
        Vietnamese = "vi" => LanguageVi,
    }
}

vocabulary! {
    /// How assistance is delivered.
    pub enum Delivery {
        Remote = "remote" => DeliveryRemote,
        InPerson = "in_person" => DeliveryInPerson,
    }
}

vocabulary! {
    /// How deep a provider's expertise in an issue area goes.
    pub enum Depth {
        Familiar = "familiar" => DepthFamiliar,
        Experienced = "experienced" => DepthExperienced,
        Expert = "expert" => DepthExpert,
    }
}

vocabulary! {
    /// How much time a provider can give.
    pub enum Capacity {
        FewDays = "few_days" => CapacityFewDays,
        PartTime = "part_time" => CapacityPartTime,
        Sustained = "sustained" => CapacitySustained,
    }
}

vocabulary! {
    /// Where a government's commitment stands.
    pub enum Stage {
        Developing = "developing" => StageDeveloping,
        Refining = "refining" => StageRefining,
        Implementing = "implementing" => StageImplementing,
    }
}

vocabulary! {
    /// When a government needs help.
    pub enum Timeline {
        Urgent = "urgent" => TimelineUrgent,
        NextMonths = "next_months" => TimelineNextMonths,
        ThisYear = "this_year" => TimelineThisYear,
        Flexible = "flexible" => TimelineFlexible,
    }
}

vocabulary! {
    /// What a government can pay.
    pub enum Budget {
        ProBonoExpected = "pro_bono_expected" => BudgetProBonoExpected,
        CostsCovered = "costs_covered" => BudgetCostsCovered,
        Funded = "funded" => BudgetFunded,
        Unsure = "unsure" => BudgetUnsure,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn check<T: Copy + std::fmt::Debug + PartialEq + Serialize + for<'de> Deserialize<'de>>(
        all: &[T],
        key: fn(T) -> &'static str,
        from_key: fn(&str) -> Option<T>,
        label: fn(T, Locale) -> &'static str,
    ) {
        let mut keys = HashSet::new();
        for &term in all {
            let k = key(term);
            assert!(keys.insert(k), "duplicate key {k}");
            assert!(k.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "key {k} is not snake_case");
            assert_eq!(from_key(k), Some(term));
            let json = serde_json::to_string(&term).expect("serialise");
            assert_eq!(json, format!("\"{k}\""), "serde must use the stable key");
            assert_eq!(serde_json::from_str::<T>(&json).expect("deserialise"), term);
            for locale in Locale::ALL {
                assert!(!label(term, locale).trim().is_empty(), "{term:?} has no {locale:?} label");
            }
        }
        assert_eq!(from_key("no_such_term"), None);
    }

    #[test]
    fn every_vocabulary_has_unique_stable_keys_and_labels_in_every_locale() {
        check(IssueArea::ALL, IssueArea::key, IssueArea::from_key, IssueArea::label);
        check(OrgKind::ALL, OrgKind::key, OrgKind::from_key, OrgKind::label);
        check(Region::ALL, Region::key, Region::from_key, Region::label);
        check(AssistanceType::ALL, AssistanceType::key, AssistanceType::from_key, AssistanceType::label);
        check(CostBasis::ALL, CostBasis::key, CostBasis::from_key, CostBasis::label);
        check(Language::ALL, Language::key, Language::from_key, Language::label);
        check(Delivery::ALL, Delivery::key, Delivery::from_key, Delivery::label);
        check(Depth::ALL, Depth::key, Depth::from_key, Depth::label);
        check(Capacity::ALL, Capacity::key, Capacity::from_key, Capacity::label);
        check(Stage::ALL, Stage::key, Stage::from_key, Stage::label);
        check(Timeline::ALL, Timeline::key, Timeline::from_key, Timeline::label);
        check(Budget::ALL, Budget::key, Budget::from_key, Budget::label);
    }

    #[test]
    fn the_issue_areas_cover_the_open_government_agenda() {
        let keys: Vec<_> = IssueArea::ALL.iter().map(|a| a.key()).collect();
        for required in [
            "access_to_information",
            "anti_corruption",
            "beneficial_ownership",
            "civic_space",
            "citizen_participation",
            "digital_governance",
            "extractive_industries",
            "fiscal_openness",
            "gender_inclusion",
            "justice",
            "open_contracting",
            "open_data",
            "public_service_delivery",
            "climate_environment",
            "lobbying",
        ] {
            assert!(keys.contains(&required), "missing issue area {required}");
        }
    }

    #[test]
    fn labels_are_translated_not_copied() {
        assert_eq!(IssueArea::OpenData.label(Locale::En), "Open data");
        assert_eq!(IssueArea::OpenData.label(Locale::Fr), "Données ouvertes");
        assert_eq!(IssueArea::OpenData.label(Locale::Es), "Datos abiertos");
        assert_eq!(OrgKind::Multilateral.label(Locale::Es), "Institución multilateral");
    }

    #[test]
    fn an_unknown_key_is_refused_when_deserialising() {
        assert!(serde_json::from_str::<CostBasis>("\"free\"").is_err());
    }
}
