//! A request turned into tantivy queries: the query language's nodes
//! (substrings on the bigram fields, whole words for ranking, fielded
//! terms) and the filters (dates, year, source, place and the rest).

use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::IndexRecordOption;

use super::any_of::AnyOf;
use super::archive::{Archive, config};
use super::keys::{date_number, place_codes};
use super::query::{self, QField};
use super::rank::MatchOnly;
use super::request::{Filters, SearchRequest};
use super::schema::term_q;
use super::tokenize::{self, chars_of, normalize};
use crate::analysis::is_content_word;
use crate::error::Result;
use crate::segment::Segmenter;

/// A query that matches what `q` does and scores nothing (its own scores
/// are not even computed: a phrase is checked for one occurrence).
fn scoreless(q: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(Box::new(MatchOnly(q)), 0.0))
}

/// A clause that must match and scores nothing.
pub(super) fn filter(q: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, scoreless(q))
}

fn any_of(qs: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        qs.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

impl Archive {
    /// Compiles a substring match on the bigram field (for one character:
    /// the unigram field if there is one, else the bigrams that start or
    /// end with it).
    fn substring(
        &self,
        bi: tantivy::schema::Field,
        uni: Option<tantivy::schema::Field>,
        norm: &str,
        relaxed: bool,
    ) -> Option<Box<dyn Query>> {
        let cs = chars_of(norm);
        let pair = |i: usize| {
            let mut s = String::with_capacity(8);
            s.push(cs[i].1);
            s.push(cs[i + 1].1);
            Term::from_field_text(bi, &s)
        };
        match cs.len() {
            0 => None,
            1 => match uni {
                Some(uni) => Some(Box::new(TermQuery::new(
                    Term::from_field_text(uni, &cs[0].1.to_string()),
                    IndexRecordOption::WithFreqs,
                ))),
                None => {
                    let c = regex::escape(&cs[0].1.to_string());
                    tantivy::query::RegexQuery::from_pattern(&format!("{c}.|.{c}"), bi)
                        .ok()
                        .map(|q| Box::new(q) as Box<dyn Query>)
                }
            },
            2 => Some(Box::new(TermQuery::new(
                pair(0),
                IndexRecordOption::WithFreqs,
            ))),
            n => {
                // Non-overlapping pairs cover the string; the last pair
                // overlaps when the length is odd.
                let mut terms: Vec<(usize, Term)> =
                    (0..n - 1).step_by(2).map(|i| (i, pair(i))).collect();
                if (n - 2) % 2 == 1 {
                    terms.push((n - 2, pair(n - 2)));
                }
                if relaxed {
                    // Every pair, anywhere: no positions read.
                    return Some(Box::new(BooleanQuery::new(
                        terms
                            .into_iter()
                            .map(|(_, t)| {
                                (
                                    Occur::Must,
                                    Box::new(TermQuery::new(t, IndexRecordOption::Basic))
                                        as Box<dyn Query>,
                                )
                            })
                            .collect(),
                    )));
                }
                Some(Box::new(PhraseQuery::new_with_offset(terms)))
            }
        }
    }

    /// The word terms a text term ranks by: the words of its normalized
    /// text, in the body and title (or the one field asked). The body holds
    /// its content words only ([`is_content_word`]: what comparisons
    /// count), the title every word.
    fn word_queries(&self, field: QField, norm: &str) -> Vec<Box<dyn Query>> {
        let fields = match field {
            QField::Body => vec![self.f.body],
            QField::Title => vec![self.f.title],
            _ => vec![self.f.body, self.f.title],
        };
        let words = tokenize::words(&Segmenter::default(), norm);
        let mut out = Vec::with_capacity(words.len() * fields.len());
        for (_, _, w) in words {
            for &fld in &fields {
                if fld == self.f.body && !is_content_word(&w) {
                    continue;
                }
                out.push(Box::new(TermQuery::new(
                    Term::from_field_text(fld, &w),
                    IndexRecordOption::WithFreqs,
                )) as Box<dyn Query>);
            }
        }
        out
    }

    /// The words a query's score is the sum of, for every document it
    /// matches: the word terms of its text terms, where the query is one
    /// text term or all of several (with exclusions). `None` for any other
    /// shape (under an OR, a word of a branch that does not match would
    /// count), or when no word ranks.
    pub(super) fn rank_words(&self, req: &SearchRequest) -> Option<Box<dyn Query>> {
        let q = req.query.as_deref().filter(|q| !q.trim().is_empty())?;
        let node = query::parse(q).ok()?;
        let mut words = Vec::new();
        fn walk(a: &Archive, n: &query::Node, out: &mut Vec<Box<dyn Query>>) -> Option<()> {
            match n {
                query::Node::Term { field, text, .. } => {
                    if matches!(field, QField::Any | QField::Body | QField::Title) {
                        out.extend(a.word_queries(*field, &normalize(text)));
                    }
                    Some(())
                }
                query::Node::And(parts) => parts.iter().try_for_each(|p| walk(a, p, out)),
                query::Node::Not(_) => Some(()),
                query::Node::Or(_) => None,
            }
        }
        walk(self, &node, &mut words)?;
        (!words.is_empty()).then(|| any_of(words))
    }

    fn place_query(&self, place: &str) -> Result<Box<dyn Query>> {
        let codes = place_codes(place);
        if codes.is_empty() && !self.has_place_name(&normalize(place.trim())) {
            return Err(config(format!(
                "unknown place `{place}`: neither a division of the gazetteer nor the place of an indexed document; give a name (浙江省, 桂林市) or a six-digit code"
            )));
        }
        let mut qs: Vec<Box<dyn Query>> = codes.iter().map(|c| term_q(self.f.place, c)).collect();
        qs.push(term_q(self.f.place_name, &normalize(place.trim())));
        Ok(any_of(qs))
    }

    fn has_place_name(&self, name: &str) -> bool {
        self.reader
            .searcher()
            .doc_freq(&Term::from_field_text(self.f.place_name, name))
            .is_ok_and(|n| n > 0)
    }

    /// Compiles a query node; `relaxed`, its substrings of three or more
    /// characters are their pairs anywhere in the text (a superset of the
    /// matches, found without reading positions).
    fn compile(&self, n: &query::Node, relaxed: bool) -> Result<Box<dyn Query>> {
        use query::Node;
        let f = &self.f;
        Ok(match n {
            Node::Term { field, text, .. } => {
                let norm = normalize(text);
                let empty = || {
                    config(format!(
                        "malformed query: `{text}` has nothing to search for"
                    ))
                };
                match field {
                    QField::Any | QField::Body | QField::Title => {
                        let mut alts: Vec<Box<dyn Query>> = Vec::new();
                        if *field != QField::Title {
                            alts.extend(self.substring(f.body_bi, None, &norm, relaxed));
                        }
                        if *field != QField::Body {
                            alts.extend(self.substring(
                                f.title_bi,
                                Some(f.title_uni),
                                &norm,
                                relaxed,
                            ));
                        }
                        if alts.is_empty() {
                            return Err(empty());
                        }
                        // The substrings match (in the body or the title:
                        // a union that moves its parts only as far as asked,
                        // so that checking a few documents stays cheap);
                        // whole words rank.
                        let mut clauses = vec![filter(Box::new(AnyOf(alts)))];
                        clauses.extend(
                            self.word_queries(*field, &norm)
                                .into_iter()
                                .map(|q| (Occur::Should, q)),
                        );
                        Box::new(BooleanQuery::new(clauses))
                    }
                    QField::Source => scoreless(term_q(f.source, norm.trim())),
                    QField::Formulation => scoreless(term_q(f.formulation, norm.trim())),
                    QField::Slogan => scoreless(term_q(f.slogan, norm.trim())),
                    QField::Indicator => scoreless(term_q(f.indicator, text.trim())),
                    QField::Place => scoreless(self.place_query(text)?),
                    QField::Year => {
                        let y: u64 = text.trim().parse().map_err(|_| {
                            config(format!("malformed query: year:{text} is not a year"))
                        })?;
                        scoreless(Box::new(TermQuery::new(
                            Term::from_field_u64(f.year, y),
                            IndexRecordOption::Basic,
                        )))
                    }
                }
            }
            Node::And(parts) => {
                let mut clauses = Vec::new();
                let mut positive = false;
                for p in parts {
                    match p {
                        Node::Not(inner) => {
                            clauses.push((Occur::MustNot, self.compile(inner, false)?))
                        }
                        _ => {
                            positive = true;
                            clauses.push((Occur::Must, self.compile(p, relaxed)?));
                        }
                    }
                }
                if !positive {
                    clauses.push(filter(Box::new(AllQuery)));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Node::Or(parts) => {
                let mut clauses = Vec::new();
                for p in parts {
                    clauses.push((Occur::Should, self.compile(p, relaxed)?));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Node::Not(inner) => Box::new(BooleanQuery::new(vec![
                filter(Box::new(AllQuery)),
                (Occur::MustNot, self.compile(inner, false)?),
            ])),
        })
    }

    pub(super) fn date_filters(
        &self,
        fl: &Filters,
        clauses: &mut Vec<(Occur, Box<dyn Query>)>,
    ) -> Result<()> {
        let f = &self.f;
        if fl.from.is_some() || fl.to.is_some() {
            let parse = |s: &Option<String>, end: bool, opt: &str| -> Result<Bound<Term>> {
                match s {
                    None => Ok(if end {
                        Bound::Unbounded
                    } else {
                        Bound::Included(Term::from_field_i64(f.date, 1))
                    }),
                    Some(s) => date_number(s, end)
                        .map(|n| Bound::Included(Term::from_field_i64(f.date, n)))
                        .ok_or_else(|| {
                            config(format!(
                                "--{opt} {s}: not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
                            ))
                        }),
                }
            };
            let lo = parse(&fl.from, false, "from")?;
            let hi = parse(&fl.to, true, "to")?;
            clauses.push(filter(Box::new(RangeQuery::new(lo, hi))));
        }
        if let Some(y) = fl.year {
            clauses.push(filter(Box::new(TermQuery::new(
                Term::from_field_u64(f.year, u64::from(y)),
                IndexRecordOption::Basic,
            ))));
        }
        if let Some(s) = &fl.source {
            clauses.push(filter(term_q(f.source, normalize(s.trim()).as_str())));
        }
        if let Some(p) = &fl.place {
            clauses.push(filter(self.place_query(p)?));
        }
        Ok(())
    }

    /// The document query of a request: kind, text query, filters.
    pub(super) fn doc_query(&self, req: &SearchRequest) -> Result<Box<dyn Query>> {
        self.doc_query_with(req, false)
    }

    /// The document query of a request, its substrings relaxed to their
    /// pairs anywhere (see [`Archive::compile`]): every document it matches
    /// is a candidate, to be checked against [`Archive::doc_query`].
    pub(super) fn relaxed_doc_query(&self, req: &SearchRequest) -> Result<Box<dyn Query>> {
        self.doc_query_with(req, true)
    }

    fn doc_query_with(&self, req: &SearchRequest, relaxed: bool) -> Result<Box<dyn Query>> {
        let f = &self.f;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut documents_only = false;
        if let Some(q) = req.query.as_deref().filter(|q| !q.trim().is_empty()) {
            let node = query::parse(q).map_err(|e| config(e.to_string()))?;
            clauses.push((Occur::Must, self.compile(&node, relaxed)?));
            documents_only = node.needs_text();
        }
        // Claims have entries of their own; a query of text reaches only
        // documents, and skips intersecting every match with them.
        if !documents_only {
            clauses.push(filter(term_q(f.kind, "doc")));
        }
        clauses.extend(self.filter_clauses(&req.filters)?);
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    /// The clauses of a request's filters.
    fn filter_clauses(&self, fl: &Filters) -> Result<Vec<(Occur, Box<dyn Query>)>> {
        let f = &self.f;
        let mut clauses = Vec::new();
        self.date_filters(fl, &mut clauses)?;
        if let Some(s) = &fl.formulation {
            clauses.push(filter(term_q(f.formulation, normalize(s.trim()).as_str())));
        }
        if let Some(s) = &fl.slogan {
            clauses.push(filter(term_q(f.slogan, normalize(s.trim()).as_str())));
        }
        if let Some(s) = &fl.script {
            clauses.push(filter(term_q(f.script, s.trim())));
        }
        if let Some(s) = &fl.indicator {
            clauses.push(filter(term_q(f.indicator, s.trim())));
        }
        Ok(clauses)
    }

    /// About what share of the archive's entries a request's filters keep:
    /// each filter's terms' entries over all entries (a date range counts
    /// as a half), multiplied as if they were independent. 1 without
    /// filters.
    pub(super) fn filter_share(&self, s: &tantivy::Searcher, fl: &Filters) -> f64 {
        let Ok(clauses) = self.filter_clauses(fl) else {
            return 1.0;
        };
        let all = s.num_docs().max(1) as f64;
        clauses
            .iter()
            .map(|(_, q)| {
                let mut n = 0u64;
                let mut any = false;
                q.query_terms(&mut |t, _| {
                    any = true;
                    n += s.doc_freq(t).unwrap_or(0);
                });
                if any { (n as f64 / all).min(1.0) } else { 0.5 }
            })
            .product()
    }
}
