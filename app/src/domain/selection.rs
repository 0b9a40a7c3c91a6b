//! Selection, as pure rules: the government chooses among the providers who accepted an
//! introduction in its case; anyone else (declined, never introduced, still deciding) cannot
//! be chosen.

use crate::i18n::K;

/// A provider introduced in the case, with whether it accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub provider: String,
    pub accepted: bool,
}

/// Why a selection is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectRefusal {
    /// Nobody was chosen.
    NoneChosen,
    /// A chosen provider was never introduced in this case.
    NotIntroduced,
    /// A chosen provider declined (or has not accepted).
    NotAccepted,
}

impl SelectRefusal {
    pub fn key(self) -> K {
        match self {
            SelectRefusal::NoneChosen => K::SelectionErrorNone,
            SelectRefusal::NotIntroduced => K::SelectionErrorNotIntroduced,
            SelectRefusal::NotAccepted => K::SelectionErrorNotAccepted,
        }
    }
}

/// The chosen providers, each once, in the order chosen, or why the choice is refused.
pub fn check_selection(candidates: &[Candidate], chosen: &[String]) -> Result<Vec<String>, SelectRefusal> {
    let mut out: Vec<String> = Vec::new();
    for p in chosen.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        match candidates.iter().find(|c| c.provider == p) {
            None => return Err(SelectRefusal::NotIntroduced),
            Some(c) if !c.accepted => return Err(SelectRefusal::NotAccepted),
            Some(_) if out.iter().any(|o| o == p) => {}
            Some(_) => out.push(p.to_string()),
        }
    }
    if out.is_empty() {
        return Err(SelectRefusal::NoneChosen);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates() -> Vec<Candidate> {
        vec![
            Candidate { provider: "institute".into(), accepted: true },
            Candidate { provider: "geomaps".into(), accepted: false },
            Candidate { provider: "andina".into(), accepted: true },
        ]
    }

    #[test]
    fn only_providers_who_accepted_an_introduction_can_be_chosen() {
        let chosen =
            |ids: &[&str]| check_selection(&candidates(), &ids.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(chosen(&["institute"]), Ok(vec!["institute".to_string()]));
        assert_eq!(chosen(&["andina", "institute", "andina"]), Ok(vec!["andina".into(), "institute".into()]));
        assert_eq!(chosen(&["geomaps"]), Err(SelectRefusal::NotAccepted));
        assert_eq!(chosen(&["institute", "stranger"]), Err(SelectRefusal::NotIntroduced));
        assert_eq!(chosen(&[]), Err(SelectRefusal::NoneChosen));
        assert_eq!(chosen(&[" "]), Err(SelectRefusal::NoneChosen));
    }
}
