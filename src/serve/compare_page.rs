//! "Compare these results" (`/compare`): the comparison report
//! (`compare --format html`) over the documents of the current search,
//! grouped by place; at most [`COMPARE_DOCS`] documents, the best matches,
//! and the page says when there were more. The text-reuse view is left out
//! (it reads every body against every other: `dangjian compare` has it).

use std::fmt::Write as _;

use super::html::esc;
use super::limits::{COMPARE_DOCS, Fail};
use super::params::Params;
use crate::compare::{CompareOptions, GroupBy, Profiles};
use crate::search::Archive;

/// The comparison of the documents of `p`'s search: the report, with the
/// number of documents compared and of documents matched.
pub(super) fn build(archive: &Archive, p: &Params) -> Result<(String, usize, u64), Fail> {
    let mut req = p.search(COMPARE_DOCS, 0)?;
    req.snippets = 0;
    let r = archive.search(&req).map_err(Fail::from_error)?;
    let mut profiles = Profiles::new(GroupBy::Place);
    let mut n = 0;
    for h in &r.hits {
        if let Some(a) = archive.document(&h.id).map_err(Fail::from_error)? {
            profiles.add(&a);
            n += 1;
        }
    }
    let c = crate::compare::compare(&profiles, &CompareOptions::default());
    Ok((crate::report::html(&c), n, r.total))
}

/// The report's page with the server's navigation above it.
pub(super) fn render(p: &Params, report: &str, compared: usize, total: u64) -> String {
    let state = p.state();
    let mut bar = String::new();
    let _ = write!(
        bar,
        "<nav style=\"background:#8f1d1d;color:#fff;padding:.5rem 1rem;margin:0 0 1rem;border-radius:6px;display:flex;flex-wrap:wrap;gap:.3rem 1rem;font:15px system-ui,sans-serif\"><a style=\"color:#fff;font-weight:700\" href=\"/\">dangjian</a><a style=\"color:#fde8e8\" href=\"{}\">← back to the search</a><a style=\"color:#fde8e8\" href=\"{}\">claims</a><span>Comparison of {} documents{}{}</span></nav>",
        esc(&state.url("/search")),
        esc(&state.url("/claims")),
        compared,
        match p.get("q") {
            Some(q) => format!(" matching <strong>{}</strong>", esc(q)),
            None => String::new(),
        },
        if total as usize > compared {
            format!(
                " — the {compared} best matches of {total}: narrow the search (a year, a province, a formulation) to compare them all"
            )
        } else {
            String::new()
        }
    );
    match report.find("<body>") {
        Some(i) => {
            let at = i + "<body>".len();
            format!("{}\n{bar}{}", &report[..at], &report[at..])
        }
        None => format!("{bar}{report}"),
    }
}
