use super::*;

fn terms() -> Terms {
    Terms {
        objectives: "Publish environmental impact assessments on one portal.\nInvolve affected communities.".into(),
        deliverables: vec![
            Deliverable { what: "Publication plan".into(), due: "2027-02-15".into() },
            Deliverable { what: "Training of five regional offices".into(), due: "2027-05-30".into() },
            Deliverable { what: "  ".into(), due: "".into() },
        ],
        responsibilities: vec![
            Responsibility { party: "The directorate".into(), duties: "Names a focal point; opens its data.".into() },
            Responsibility { party: "The Institute".into(), duties: "Runs four workshops.".into() },
        ],
        cost: "Pro bono; the directorate covers travel.".into(),
        communication: "A call every two weeks, in Spanish.".into(),
        starts: "2027-01-10".into(),
        ends: "2027-06-30".into(),
    }
}

#[test]
fn complete_terms_are_kept_trimmed_without_their_blank_rows() {
    let t = check_terms(&terms()).expect("complete");
    assert_eq!(t.deliverables.len(), 2, "the blank row is dropped");
    assert_eq!(t.responsibilities.len(), 2);
}

#[test]
fn incomplete_terms_say_which_field_and_why() {
    let with = |f: &dyn Fn(&mut Terms)| {
        let mut t = terms();
        f(&mut t);
        check_terms(&t).map(|_| ()).map_err(|r| (r.field, r.key))
    };
    assert_eq!(with(&|t| t.objectives = " ".into()), Err(("agreement-objectives", K::ErrorRequired)));
    assert_eq!(with(&|t| t.starts = "2027-02-30".into()), Err(("agreement-starts", K::AgreementErrorDate)));
    assert_eq!(with(&|t| t.ends = "2026-12-31".into()), Err(("agreement-ends", K::AgreementErrorPeriod)));
    assert_eq!(
        with(&|t| t.deliverables[0].due = "2027-07-01".into()),
        Err(("agreement-deliverables", K::AgreementErrorDueOutside))
    );
    assert_eq!(with(&|t| t.deliverables.clear()), Err(("agreement-deliverables", K::AgreementErrorNoDeliverable)));
    assert_eq!(
        with(&|t| t.responsibilities.clear()),
        Err(("agreement-responsibilities", K::AgreementErrorNoResponsibility))
    );
    assert_eq!(with(&|t| t.cost = "x".repeat(TEXT_MAX + 1)), Err(("agreement-cost", K::ErrorTooLong)));
    assert_eq!(with(&|t| t.communication = "a\u{0}b".into()), Err(("agreement-communication", K::ErrorValidation)));
}

#[test]
fn the_canonical_text_is_stable_and_covers_every_term() {
    let t = check_terms(&terms()).expect("complete");
    assert_eq!(t.canonical(), t.clone().canonical());
    let text = t.canonical();
    assert!(text.starts_with("objectives\tPublish environmental"));
    assert!(text.contains("deliverable\t2027-02-15 — Publication plan\n"));
    assert!(text.ends_with("period\t2027-01-10 → 2027-06-30\n"));
    let mut other = t.clone();
    other.cost = "Pro bono.".into();
    assert_ne!(other.canonical(), text, "any change changes what is accepted");
}

#[test]
fn the_difference_shows_what_was_added_and_removed_in_place() {
    let v1 = check_terms(&terms()).expect("v1");
    let mut v2 = v1.clone();
    v2.deliverables[1].due = "2027-06-15".into();
    v2.communication = "A call every two weeks, in Spanish.\nMinutes shared in the thread.".into();
    let changes = diff(&v1.lines(), &v2.lines());
    let added: Vec<&str> =
        changes.iter().filter_map(|c| if let Change::Added(l) = c { Some(l.text.as_str()) } else { None }).collect();
    let removed: Vec<&str> =
        changes.iter().filter_map(|c| if let Change::Removed(l) = c { Some(l.text.as_str()) } else { None }).collect();
    assert_eq!(added, vec!["2027-06-15 — Training of five regional offices", "Minutes shared in the thread."]);
    assert_eq!(removed, vec!["2027-05-30 — Training of five regional offices"]);
    let kept = changes.iter().filter(|c| matches!(c, Change::Kept(_))).count();
    assert_eq!(kept, v1.lines().len() - 1);
    assert!(diff(&v1.lines(), &v1.lines()).iter().all(|c| matches!(c, Change::Kept(_))));
    assert!(diff(&[], &v1.lines()).iter().all(|c| matches!(c, Change::Added(_))));
}

#[test]
fn every_party_accepts_the_current_version_once_and_a_change_asks_again() {
    let gov = Party::Government("gov".into());
    let provider = Party::Provider("inst".into());
    let cm = Party::CaseManager("kwame".into());
    let parties = vec![gov.clone(), provider.clone(), cm.clone()];
    let mut accepted = vec![Acceptance { party: gov.clone(), version: 1 }];
    assert_eq!(pending(&parties, &accepted, 1), vec![provider.clone(), cm.clone()]);
    assert_eq!(check_accept(&gov, 1, "h1", 1, "h1", &parties, &accepted), Err(AcceptRefusal::AlreadyAccepted));
    assert_eq!(check_accept(&provider, 1, "h1", 1, "h1", &parties, &accepted), Ok(()));
    // a stale page: an earlier version, or the same number with other content
    assert_eq!(check_accept(&provider, 1, "h1", 2, "h2", &parties, &accepted), Err(AcceptRefusal::Outdated));
    assert_eq!(check_accept(&provider, 2, "h1", 2, "h2", &parties, &accepted), Err(AcceptRefusal::Outdated));
    let stranger = Party::Provider("declined".into());
    assert_eq!(check_accept(&stranger, 2, "h2", 2, "h2", &parties, &accepted), Err(AcceptRefusal::NotAParty));
    // version 2: the government's acceptance of version 1 counts for nothing
    assert_eq!(pending(&parties, &accepted, 2), parties);
    for p in &parties {
        accepted.push(Acceptance { party: p.clone(), version: 2 });
    }
    assert!(pending(&parties, &accepted, 2).is_empty(), "everyone accepted: the case becomes Active");
}

#[test]
fn a_draft_starts_from_the_scope_and_names_every_party() {
    let parties = vec!["Ministry of Environment".to_string(), "Andean Institute".to_string()];
    let d = Terms::draft(" Open the data ", "- A review\n\n* Two workshops\n", &parties, "2027-01-10");
    assert_eq!(d.objectives, "Open the data");
    assert_eq!(d.deliverables.iter().map(|x| x.what.as_str()).collect::<Vec<_>>(), ["A review", "Two workshops"]);
    assert!(d.deliverables.iter().all(|x| x.due.is_empty()), "the dates are the Case Manager's to set");
    assert_eq!(d.responsibilities.len(), 2);
    assert!(check_terms(&d).is_err(), "a draft is not complete terms");
}

#[test]
fn every_party_must_accept_and_nobody_accepts_for_an_empty_agreement() {
    let parties = parties_of("gov", &["p1".to_string()], Some("cm"));
    assert_eq!(parties.len(), 3);
    let all: Vec<Acceptance> = parties.iter().map(|p| Acceptance { party: p.clone(), version: 2 }).collect();
    assert!(all_accepted(&parties, &all, 2));
    assert!(!all_accepted(&parties, &all[..2], 2));
    assert!(!all_accepted(&parties, &all, 3), "a new version asks everyone again");
    assert!(!all_accepted(&[], &[], 1));
    for p in &parties {
        let (role, id) = p.role();
        assert_eq!(&Party::of(role, id.to_string()), p);
    }
}
