//! The ISO 3166-1 country list (plus Kosovo, which uses the user-assigned code `XK`), each
//! with its Open Government Partnership region and its name in every interface language.
//! The alpha-2 code is the stable machine key.

use super::taxonomy::Region;
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

/// A country: stable ISO alpha-2 code, OGP region and names in EN/FR/ES.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, upper case.
    pub code: &'static str,
    /// The OGP region it belongs to.
    pub region: Region,
    names: [&'static str; 3],
}

impl Country {
    /// The country's name in `locale`.
    pub fn name(&self, locale: Locale) -> &'static str {
        match locale {
            Locale::En => self.names[0],
            Locale::Fr => self.names[1],
            Locale::Es => self.names[2],
        }
    }

    /// Looks a country up by its alpha-2 code (case-insensitive).
    pub fn by_code(code: &str) -> Option<&'static Country> {
        let code = code.trim();
        COUNTRIES.iter().find(|c| c.code.eq_ignore_ascii_case(code))
    }

    /// All countries of a region.
    pub fn in_region(region: Region) -> impl Iterator<Item = &'static Country> {
        COUNTRIES.iter().filter(move |c| c.region == region)
    }

    /// All countries sorted by their name in `locale` (for select lists).
    pub fn sorted_for(locale: Locale) -> Vec<&'static Country> {
        let mut all: Vec<_> = COUNTRIES.iter().collect();
        all.sort_by_cached_key(|c| fold(c.name(locale)));
        all
    }
}

/// A validated country code as stored and sent over the wire.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode(String);

impl CountryCode {
    /// The code, upper case.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The country it names.
    pub fn country(&self) -> &'static Country {
        // invariant: a CountryCode is only built from a code in COUNTRIES
        Country::by_code(&self.0).unwrap_or(&COUNTRIES[0])
    }
}

impl TryFrom<String> for CountryCode {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Country::by_code(&value)
            .map(|c| CountryCode(c.code.to_string()))
            .ok_or_else(|| format!("unknown country code {value:?}"))
    }
}

impl From<CountryCode> for String {
    fn from(value: CountryCode) -> Self {
        value.0
    }
}

/// Sort key that ignores case and the common Latin accents, so "Égypte" sorts with "E".
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'À'..='Å' | 'à'..='å' => 'a',
            'Ç' | 'ç' => 'c',
            'È'..='Ë' | 'è'..='ë' => 'e',
            'Ì'..='Ï' | 'ì'..='ï' => 'i',
            'Ñ' | 'ñ' => 'n',
            'Ò'..='Ö' | 'ò'..='ö' => 'o',
            'Ù'..='Ü' | 'ù'..='ü' => 'u',
            other => other.to_ascii_lowercase(),
        })
        .collect()
}

macro_rules! c {
    ($code:literal, $region:ident, $en:literal, $fr:literal, $es:literal) => {
        Country { code: $code, region: Region::$region, names: [$en, $fr, $es] }
    };
}

/// Every country, sorted by English name.
pub static COUNTRIES: &[Country] = &[
    c!("AF", AsiaPacific, "Afghanistan", "Afghanistan", "Afganistán"),
    c!("AL", Europe, "Albania", "Albanie", "Albania"),
    c!("DZ", AfricaMiddleEast, "Algeria", "Algérie", "Argelia"),
    c!("AD", Europe, "Andorra", "Andorre", "Andorra"),
    c!("AO", AfricaMiddleEast, "Angola", "Angola", "Angola"),
    c!("AG", Americas, "Antigua and Barbuda", "Antigua-et-Barbuda", "Antigua y Barbuda"),
    c!("AR", Americas, "Argentina", "Argentine", "Argentina"),
    c!("AM", Europe, "Armenia", "Arménie", "Armenia"),
    c!("AU", AsiaPacific, "Australia", "Australie", "Australia"),
    c!("AT", Europe, "Austria", "Autriche", "Austria"),
    c!("AZ", Europe, "Azerbaijan", "Azerbaïdjan", "Azerbaiyán"),
    c!("BS", Americas, "Bahamas", "Bahamas", "Bahamas"),
    c!("BH", AfricaMiddleEast, "Bahrain", "Bahreïn", "Baréin"),
    c!("BD", AsiaPacific, "Bangladesh", "Bangladesh", "Bangladés"),
    c!("BB", Americas, "Barbados", "Barbade", "Barbados"),
    c!("BY", Europe, "Belarus", "Biélorussie", "Bielorrusia"),
    c!("BE", Europe, "Belgium", "Belgique", "Bélgica"),
    c!("BZ", Americas, "Belize", "Belize", "Belice"),
    c!("BJ", AfricaMiddleEast, "Benin", "Bénin", "Benín"),
    c!("BT", AsiaPacific, "Bhutan", "Bhoutan", "Bután"),
    c!("BO", Americas, "Bolivia", "Bolivie", "Bolivia"),
    c!("BA", Europe, "Bosnia and Herzegovina", "Bosnie-Herzégovine", "Bosnia y Herzegovina"),
    c!("BW", AfricaMiddleEast, "Botswana", "Botswana", "Botsuana"),
    c!("BR", Americas, "Brazil", "Brésil", "Brasil"),
    c!("BN", AsiaPacific, "Brunei Darussalam", "Brunei", "Brunéi"),
    c!("BG", Europe, "Bulgaria", "Bulgarie", "Bulgaria"),
    c!("BF", AfricaMiddleEast, "Burkina Faso", "Burkina Faso", "Burkina Faso"),
    c!("BI", AfricaMiddleEast, "Burundi", "Burundi", "Burundi"),
    c!("CV", AfricaMiddleEast, "Cabo Verde", "Cap-Vert", "Cabo Verde"),
    c!("KH", AsiaPacific, "Cambodia", "Cambodge", "Camboya"),
    c!("CM", AfricaMiddleEast, "Cameroon", "Cameroun", "Camerún"),
    c!("CA", Americas, "Canada", "Canada", "Canadá"),
    c!("CF", AfricaMiddleEast, "Central African Republic", "République centrafricaine", "República Centroafricana"),
    c!("TD", AfricaMiddleEast, "Chad", "Tchad", "Chad"),
    c!("CL", Americas, "Chile", "Chili", "Chile"),
    c!("CN", AsiaPacific, "China", "Chine", "China"),
    c!("CO", Americas, "Colombia", "Colombie", "Colombia"),
    c!("KM", AfricaMiddleEast, "Comoros", "Comores", "Comoras"),
    c!("CG", AfricaMiddleEast, "Congo", "Congo", "Congo"),
    c!("CR", Americas, "Costa Rica", "Costa Rica", "Costa Rica"),
    c!("HR", Europe, "Croatia", "Croatie", "Croacia"),
    c!("CU", Americas, "Cuba", "Cuba", "Cuba"),
    c!("CY", Europe, "Cyprus", "Chypre", "Chipre"),
    c!("CZ", Europe, "Czechia", "Tchéquie", "Chequia"),
    c!("CI", AfricaMiddleEast, "Côte d’Ivoire", "Côte d’Ivoire", "Côte d’Ivoire"),
    c!(
        "CD",
        AfricaMiddleEast,
        "Democratic Republic of the Congo",
        "République démocratique du Congo",
        "República Democrática del Congo"
    ),
    c!("DK", Europe, "Denmark", "Danemark", "Dinamarca"),
    c!("DJ", AfricaMiddleEast, "Djibouti", "Djibouti", "Yibuti"),
    c!("DM", Americas, "Dominica", "Dominique", "Dominica"),
    c!("DO", Americas, "Dominican Republic", "République dominicaine", "República Dominicana"),
    c!("EC", Americas, "Ecuador", "Équateur", "Ecuador"),
    c!("EG", AfricaMiddleEast, "Egypt", "Égypte", "Egipto"),
    c!("SV", Americas, "El Salvador", "El Salvador", "El Salvador"),
    c!("GQ", AfricaMiddleEast, "Equatorial Guinea", "Guinée équatoriale", "Guinea Ecuatorial"),
    c!("ER", AfricaMiddleEast, "Eritrea", "Érythrée", "Eritrea"),
    c!("EE", Europe, "Estonia", "Estonie", "Estonia"),
    c!("SZ", AfricaMiddleEast, "Eswatini", "Eswatini", "Esuatini"),
    c!("ET", AfricaMiddleEast, "Ethiopia", "Éthiopie", "Etiopía"),
    c!("FJ", AsiaPacific, "Fiji", "Fidji", "Fiyi"),
    c!("FI", Europe, "Finland", "Finlande", "Finlandia"),
    c!("FR", Europe, "France", "France", "Francia"),
    c!("GA", AfricaMiddleEast, "Gabon", "Gabon", "Gabón"),
    c!("GM", AfricaMiddleEast, "Gambia", "Gambie", "Gambia"),
    c!("GE", Europe, "Georgia", "Géorgie", "Georgia"),
    c!("DE", Europe, "Germany", "Allemagne", "Alemania"),
    c!("GH", AfricaMiddleEast, "Ghana", "Ghana", "Ghana"),
    c!("GR", Europe, "Greece", "Grèce", "Grecia"),
    c!("GD", Americas, "Grenada", "Grenade", "Granada"),
    c!("GT", Americas, "Guatemala", "Guatemala", "Guatemala"),
    c!("GN", AfricaMiddleEast, "Guinea", "Guinée", "Guinea"),
    c!("GW", AfricaMiddleEast, "Guinea-Bissau", "Guinée-Bissau", "Guinea-Bisáu"),
    c!("GY", Americas, "Guyana", "Guyana", "Guyana"),
    c!("HT", Americas, "Haiti", "Haïti", "Haití"),
    c!("VA", Europe, "Holy See", "Saint-Siège", "Santa Sede"),
    c!("HN", Americas, "Honduras", "Honduras", "Honduras"),
    c!("HU", Europe, "Hungary", "Hongrie", "Hungría"),
    c!("IS", Europe, "Iceland", "Islande", "Islandia"),
    c!("IN", AsiaPacific, "India", "Inde", "India"),
    c!("ID", AsiaPacific, "Indonesia", "Indonésie", "Indonesia"),
    c!("IR", AfricaMiddleEast, "Iran", "Iran", "Irán"),
    c!("IQ", AfricaMiddleEast, "Iraq", "Irak", "Irak"),
    c!("IE", Europe, "Ireland", "Irlande", "Irlanda"),
    c!("IL", Europe, "Israel", "Israël", "Israel"),
    c!("IT", Europe, "Italy", "Italie", "Italia"),
    c!("JM", Americas, "Jamaica", "Jamaïque", "Jamaica"),
    c!("JP", AsiaPacific, "Japan", "Japon", "Japón"),
    c!("JO", AfricaMiddleEast, "Jordan", "Jordanie", "Jordania"),
    c!("KZ", AsiaPacific, "Kazakhstan", "Kazakhstan", "Kazajistán"),
    c!("KE", AfricaMiddleEast, "Kenya", "Kenya", "Kenia"),
    c!("KI", AsiaPacific, "Kiribati", "Kiribati", "Kiribati"),
    c!("XK", Europe, "Kosovo", "Kosovo", "Kosovo"),
    c!("KW", AfricaMiddleEast, "Kuwait", "Koweït", "Kuwait"),
    c!("KG", AsiaPacific, "Kyrgyzstan", "Kirghizistan", "Kirguistán"),
    c!("LA", AsiaPacific, "Laos", "Laos", "Laos"),
    c!("LV", Europe, "Latvia", "Lettonie", "Letonia"),
    c!("LB", AfricaMiddleEast, "Lebanon", "Liban", "Líbano"),
    c!("LS", AfricaMiddleEast, "Lesotho", "Lesotho", "Lesoto"),
    c!("LR", AfricaMiddleEast, "Liberia", "Libéria", "Liberia"),
    c!("LY", AfricaMiddleEast, "Libya", "Libye", "Libia"),
    c!("LI", Europe, "Liechtenstein", "Liechtenstein", "Liechtenstein"),
    c!("LT", Europe, "Lithuania", "Lituanie", "Lituania"),
    c!("LU", Europe, "Luxembourg", "Luxembourg", "Luxemburgo"),
    c!("MG", AfricaMiddleEast, "Madagascar", "Madagascar", "Madagascar"),
    c!("MW", AfricaMiddleEast, "Malawi", "Malawi", "Malaui"),
    c!("MY", AsiaPacific, "Malaysia", "Malaisie", "Malasia"),
    c!("MV", AsiaPacific, "Maldives", "Maldives", "Maldivas"),
    c!("ML", AfricaMiddleEast, "Mali", "Mali", "Malí"),
    c!("MT", Europe, "Malta", "Malte", "Malta"),
    c!("MH", AsiaPacific, "Marshall Islands", "Îles Marshall", "Islas Marshall"),
    c!("MR", AfricaMiddleEast, "Mauritania", "Mauritanie", "Mauritania"),
    c!("MU", AfricaMiddleEast, "Mauritius", "Maurice", "Mauricio"),
    c!("MX", Americas, "Mexico", "Mexique", "México"),
    c!("FM", AsiaPacific, "Micronesia", "Micronésie", "Micronesia"),
    c!("MD", Europe, "Moldova", "Moldavie", "Moldavia"),
    c!("MC", Europe, "Monaco", "Monaco", "Mónaco"),
    c!("MN", AsiaPacific, "Mongolia", "Mongolie", "Mongolia"),
    c!("ME", Europe, "Montenegro", "Monténégro", "Montenegro"),
    c!("MA", AfricaMiddleEast, "Morocco", "Maroc", "Marruecos"),
    c!("MZ", AfricaMiddleEast, "Mozambique", "Mozambique", "Mozambique"),
    c!("MM", AsiaPacific, "Myanmar", "Myanmar", "Myanmar"),
    c!("NA", AfricaMiddleEast, "Namibia", "Namibie", "Namibia"),
    c!("NR", AsiaPacific, "Nauru", "Nauru", "Nauru"),
    c!("NP", AsiaPacific, "Nepal", "Népal", "Nepal"),
    c!("NL", Europe, "Netherlands", "Pays-Bas", "Países Bajos"),
    c!("NZ", AsiaPacific, "New Zealand", "Nouvelle-Zélande", "Nueva Zelanda"),
    c!("NI", Americas, "Nicaragua", "Nicaragua", "Nicaragua"),
    c!("NE", AfricaMiddleEast, "Niger", "Niger", "Níger"),
    c!("NG", AfricaMiddleEast, "Nigeria", "Nigéria", "Nigeria"),
    c!("KP", AsiaPacific, "North Korea", "Corée du Nord", "Corea del Norte"),
    c!("MK", Europe, "North Macedonia", "Macédoine du Nord", "Macedonia del Norte"),
    c!("NO", Europe, "Norway", "Norvège", "Noruega"),
    c!("OM", AfricaMiddleEast, "Oman", "Oman", "Omán"),
    c!("PK", AsiaPacific, "Pakistan", "Pakistan", "Pakistán"),
    c!("PW", AsiaPacific, "Palau", "Palaos", "Palaos"),
    c!("PS", AfricaMiddleEast, "Palestine", "Palestine", "Palestina"),
    c!("PA", Americas, "Panama", "Panama", "Panamá"),
    c!("PG", AsiaPacific, "Papua New Guinea", "Papouasie-Nouvelle-Guinée", "Papúa Nueva Guinea"),
    c!("PY", Americas, "Paraguay", "Paraguay", "Paraguay"),
    c!("PE", Americas, "Peru", "Pérou", "Perú"),
    c!("PH", AsiaPacific, "Philippines", "Philippines", "Filipinas"),
    c!("PL", Europe, "Poland", "Pologne", "Polonia"),
    c!("PT", Europe, "Portugal", "Portugal", "Portugal"),
    c!("QA", AfricaMiddleEast, "Qatar", "Qatar", "Catar"),
    c!("KR", AsiaPacific, "Republic of Korea", "République de Corée", "República de Corea"),
    c!("RO", Europe, "Romania", "Roumanie", "Rumania"),
    c!("RU", Europe, "Russian Federation", "Russie", "Rusia"),
    c!("RW", AfricaMiddleEast, "Rwanda", "Rwanda", "Ruanda"),
    c!("KN", Americas, "Saint Kitts and Nevis", "Saint-Christophe-et-Niévès", "San Cristóbal y Nieves"),
    c!("LC", Americas, "Saint Lucia", "Sainte-Lucie", "Santa Lucía"),
    c!(
        "VC",
        Americas,
        "Saint Vincent and the Grenadines",
        "Saint-Vincent-et-les-Grenadines",
        "San Vicente y las Granadinas"
    ),
    c!("WS", AsiaPacific, "Samoa", "Samoa", "Samoa"),
    c!("SM", Europe, "San Marino", "Saint-Marin", "San Marino"),
    c!("ST", AfricaMiddleEast, "Sao Tome and Principe", "Sao Tomé-et-Principe", "Santo Tomé y Príncipe"),
    c!("SA", AfricaMiddleEast, "Saudi Arabia", "Arabie saoudite", "Arabia Saudita"),
    c!("SN", AfricaMiddleEast, "Senegal", "Sénégal", "Senegal"),
    c!("RS", Europe, "Serbia", "Serbie", "Serbia"),
    c!("SC", AfricaMiddleEast, "Seychelles", "Seychelles", "Seychelles"),
    c!("SL", AfricaMiddleEast, "Sierra Leone", "Sierra Leone", "Sierra Leona"),
    c!("SG", AsiaPacific, "Singapore", "Singapour", "Singapur"),
    c!("SK", Europe, "Slovakia", "Slovaquie", "Eslovaquia"),
    c!("SI", Europe, "Slovenia", "Slovénie", "Eslovenia"),
    c!("SB", AsiaPacific, "Solomon Islands", "Îles Salomon", "Islas Salomón"),
    c!("SO", AfricaMiddleEast, "Somalia", "Somalie", "Somalia"),
    c!("ZA", AfricaMiddleEast, "South Africa", "Afrique du Sud", "Sudáfrica"),
    c!("SS", AfricaMiddleEast, "South Sudan", "Soudan du Sud", "Sudán del Sur"),
    c!("ES", Europe, "Spain", "Espagne", "España"),
    c!("LK", AsiaPacific, "Sri Lanka", "Sri Lanka", "Sri Lanka"),
    c!("SD", AfricaMiddleEast, "Sudan", "Soudan", "Sudán"),
    c!("SR", Americas, "Suriname", "Suriname", "Surinam"),
    c!("SE", Europe, "Sweden", "Suède", "Suecia"),
    c!("CH", Europe, "Switzerland", "Suisse", "Suiza"),
    c!("SY", AfricaMiddleEast, "Syria", "Syrie", "Siria"),
    c!("TW", AsiaPacific, "Taiwan", "Taïwan", "Taiwán"),
    c!("TJ", AsiaPacific, "Tajikistan", "Tadjikistan", "Tayikistán"),
    c!("TZ", AfricaMiddleEast, "Tanzania", "Tanzanie", "Tanzania"),
    c!("TH", AsiaPacific, "Thailand", "Thaïlande", "Tailandia"),
    c!("TL", AsiaPacific, "Timor-Leste", "Timor oriental", "Timor Oriental"),
    c!("TG", AfricaMiddleEast, "Togo", "Togo", "Togo"),
    c!("TO", AsiaPacific, "Tonga", "Tonga", "Tonga"),
    c!("TT", Americas, "Trinidad and Tobago", "Trinité-et-Tobago", "Trinidad y Tobago"),
    c!("TN", AfricaMiddleEast, "Tunisia", "Tunisie", "Túnez"),
    c!("TM", AsiaPacific, "Turkmenistan", "Turkménistan", "Turkmenistán"),
    c!("TV", AsiaPacific, "Tuvalu", "Tuvalu", "Tuvalu"),
    c!("TR", Europe, "Türkiye", "Turquie", "Turquía"),
    c!("UG", AfricaMiddleEast, "Uganda", "Ouganda", "Uganda"),
    c!("UA", Europe, "Ukraine", "Ukraine", "Ucrania"),
    c!("AE", AfricaMiddleEast, "United Arab Emirates", "Émirats arabes unis", "Emiratos Árabes Unidos"),
    c!("GB", Europe, "United Kingdom", "Royaume-Uni", "Reino Unido"),
    c!("US", Americas, "United States", "États-Unis", "Estados Unidos"),
    c!("UY", Americas, "Uruguay", "Uruguay", "Uruguay"),
    c!("UZ", AsiaPacific, "Uzbekistan", "Ouzbékistan", "Uzbekistán"),
    c!("VU", AsiaPacific, "Vanuatu", "Vanuatu", "Vanuatu"),
    c!("VE", Americas, "Venezuela", "Venezuela", "Venezuela"),
    c!("VN", AsiaPacific, "Viet Nam", "Viêt Nam", "Vietnam"),
    c!("YE", AfricaMiddleEast, "Yemen", "Yémen", "Yemen"),
    c!("ZM", AfricaMiddleEast, "Zambia", "Zambie", "Zambia"),
    c!("ZW", AfricaMiddleEast, "Zimbabwe", "Zimbabwe", "Zimbabue"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_two_letter_upper_case() {
        let mut seen = HashSet::new();
        for c in COUNTRIES {
            assert!(c.code.len() == 2 && c.code.chars().all(|ch| ch.is_ascii_uppercase()), "{}", c.code);
            assert!(seen.insert(c.code), "duplicate {}", c.code);
        }
        assert!(COUNTRIES.len() >= 193, "every UN member state is listed");
    }

    #[test]
    fn every_region_has_countries_and_every_country_has_three_names() {
        for region in Region::ALL {
            assert!(Country::in_region(*region).count() > 20, "{region:?}");
        }
        for c in COUNTRIES {
            for l in Locale::ALL {
                assert!(!c.name(l).is_empty());
            }
        }
    }

    #[test]
    fn lookups_are_case_insensitive_and_reject_unknown_codes() {
        assert_eq!(Country::by_code("fr").map(|c| c.name(Locale::Es)), Some("Francia"));
        assert_eq!(Country::by_code("ZZ"), None);
        assert!(CountryCode::try_from("mx".to_string()).is_ok());
        assert!(serde_json::from_str::<CountryCode>("\"QQ\"").is_err());
        let code: CountryCode = serde_json::from_str("\"ke\"").expect("valid");
        assert_eq!(code.as_str(), "KE");
        assert_eq!(code.country().region, Region::AfricaMiddleEast);
    }

    #[test]
    fn sorting_ignores_accents() {
        let names: Vec<_> = Country::sorted_for(Locale::Fr).iter().map(|c| c.name(Locale::Fr)).collect();
        let egypte = names.iter().position(|n| *n == "Égypte").expect("present");
        let equateur = names.iter().position(|n| *n == "Équateur").expect("present");
        let espagne = names.iter().position(|n| *n == "Espagne").expect("present");
        assert!(egypte < equateur && equateur < espagne, "{egypte} {equateur} {espagne}");
    }
}
