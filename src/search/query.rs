//! The query language of `dangjian search`.
//!
//! ```text
//! 双报到 浙江                 both (juxtaposition is AND)
//! 双报到 OR 大党委            either (also `|`)
//! 党建 NOT 疫情               the first without the second (also `-疫情`)
//! "在职党员到社区报到"        a phrase: the characters in this order
//! title:党建  source:人民日报  formulation:两个维护  slogan:社区吹哨、部门报到
//! (双报到 OR 大党委) AND year:2019
//! ```
//!
//! A term or phrase matches where its characters occur in the normalized
//! text (see [`super::tokenize`]), in either script. Errors carry the
//! character position of the problem ([`QueryError`]); the parser never
//! panics (it is fuzzed by the tests).
//!
//! ```
//! use dangjian::search::query::{parse, Node};
//! let q = parse("双报到 OR title:\"大党委\"").unwrap();
//! assert!(matches!(q, Node::Or(_)));
//! let err = parse("(双报到").unwrap_err();
//! assert_eq!(err.position, 0);
//! ```

use std::fmt;

/// A field a query term may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QField {
    /// Title and body (the default).
    Any,
    /// The title.
    Title,
    /// The body.
    Body,
    /// The source (exact, normalized).
    Source,
    /// A formulation (canonical text, exact).
    Formulation,
    /// A slogan or term (exact, normalized).
    Slogan,
    /// A place by name or code, its subdivisions included.
    Place,
    /// A year.
    Year,
    /// An indicator of a claim in the document.
    Indicator,
}

impl QField {
    /// The names a query may use.
    pub const NAMES: &'static [&'static str] = &[
        "title",
        "body",
        "source",
        "formulation",
        "slogan",
        "place",
        "year",
        "indicator",
    ];

    fn from_name(s: &str) -> Option<QField> {
        Some(match s.to_ascii_lowercase().as_str() {
            "title" => QField::Title,
            "body" | "text" => QField::Body,
            "source" => QField::Source,
            "formulation" => QField::Formulation,
            "slogan" => QField::Slogan,
            "place" => QField::Place,
            "year" => QField::Year,
            "indicator" => QField::Indicator,
            _ => return None,
        })
    }
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A term or phrase in a field.
    Term {
        /// The field.
        field: QField,
        /// The text as typed (not yet normalized).
        text: String,
        /// Whether it was quoted.
        phrase: bool,
    },
    /// All of these.
    And(Vec<Node>),
    /// Any of these.
    Or(Vec<Node>),
    /// Not this.
    Not(Box<Node>),
}

impl Node {
    /// Whether every document this matches has text of its own: a term of
    /// the body or title, all of these holding one, any of these holding
    /// one each. Claims' entries have no text, so such a query matches
    /// documents alone.
    pub fn needs_text(&self) -> bool {
        match self {
            Node::Term { field, .. } => matches!(field, QField::Any | QField::Body | QField::Title),
            Node::And(v) => v.iter().any(Node::needs_text),
            Node::Or(v) => !v.is_empty() && v.iter().all(Node::needs_text),
            Node::Not(_) => false,
        }
    }

    /// The plain text of the positive terms (for snippets): text and title
    /// terms not under a NOT.
    pub fn positive_texts(&self) -> Vec<String> {
        let mut out = Vec::new();
        fn walk(n: &Node, out: &mut Vec<String>) {
            match n {
                Node::Term { field, text, .. } => {
                    if matches!(field, QField::Any | QField::Body | QField::Title) {
                        out.push(text.clone());
                    }
                }
                Node::And(v) | Node::Or(v) => v.iter().for_each(|c| walk(c, out)),
                Node::Not(_) => {}
            }
        }
        walk(self, &mut out);
        out
    }
}

/// A query that cannot be parsed: what and where (a character position,
/// from 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// Character position of the problem in the query.
    pub position: usize,
    /// What is wrong.
    pub message: String,
    /// The query.
    pub query: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The caret under the character, counting wide characters as two
        // columns.
        let pad: usize = self
            .query
            .chars()
            .take(self.position)
            .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
            .sum();
        write!(
            f,
            "malformed query at character {}: {}\n  {}\n  {}^",
            self.position + 1,
            self.message,
            self.query,
            " ".repeat(pad)
        )
    }
}

impl std::error::Error for QueryError {}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Quoted(String),
    Field(QField),
    LParen,
    RParen,
    And,
    Or,
    Not,
}

fn is_special(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '"' | '“' | '”' | '（' | '）')
}

fn lex(q: &str) -> Result<Vec<(usize, Tok)>, QueryError> {
    let err = |position: usize, message: String| QueryError {
        position,
        message,
        query: q.to_string(),
    };
    let cs: Vec<char> = q.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        match c {
            '(' | '（' => {
                out.push((i, Tok::LParen));
                i += 1;
            }
            ')' | '）' => {
                out.push((i, Tok::RParen));
                i += 1;
            }
            '"' | '“' | '”' => {
                let start = i;
                i += 1;
                let mut s = String::new();
                while i < cs.len() && !matches!(cs[i], '"' | '“' | '”') {
                    s.push(cs[i]);
                    i += 1;
                }
                if i >= cs.len() {
                    return Err(err(start, "the quotation mark is never closed".into()));
                }
                i += 1;
                if s.trim().is_empty() {
                    return Err(err(start, "empty phrase".into()));
                }
                out.push((start, Tok::Quoted(s)));
            }
            '-' if i + 1 < cs.len() && !is_special(cs[i + 1]) && out_allows_not(&out) => {
                out.push((i, Tok::Not));
                i += 1;
            }
            '|' => {
                out.push((i, Tok::Or));
                i += 1;
            }
            '&' => {
                out.push((i, Tok::And));
                i += 1;
            }
            _ => {
                let start = i;
                let mut s = String::new();
                while i < cs.len() && !is_special(cs[i]) {
                    // `field:` ends the word at the colon.
                    if matches!(cs[i], ':' | '：')
                        && let Some(f) = QField::from_name(&s)
                    {
                        i += 1;
                        out.push((start, Tok::Field(f)));
                        s.clear();
                        break;
                    }
                    s.push(cs[i]);
                    i += 1;
                }
                if s.is_empty() {
                    // A field name: its value follows (checked by the parser).
                    continue;
                }
                if let Some((name, _)) = s.split_once([':', '：'])
                    && !name.is_empty()
                    && name.chars().all(|c| c.is_ascii_alphabetic())
                {
                    return Err(err(
                        start,
                        format!(
                            "unknown field `{name}` (fields: {})",
                            QField::NAMES.join(", ")
                        ),
                    ));
                }
                match s.as_str() {
                    "AND" | "&&" => out.push((start, Tok::And)),
                    "OR" | "||" => out.push((start, Tok::Or)),
                    "NOT" => out.push((start, Tok::Not)),
                    _ => out.push((start, Tok::Word(s))),
                }
            }
        }
    }
    Ok(out)
}

/// A `-` starts a negation only where a term may start (not inside `a-b`,
/// which the lexer reads as one word anyway).
fn out_allows_not(_out: &[(usize, Tok)]) -> bool {
    true
}

struct Parser<'a> {
    toks: Vec<(usize, Tok)>,
    at: usize,
    query: &'a str,
    len: usize,
    depth: usize,
}

/// Deepest nesting of parentheses and negations.
const MAX_DEPTH: usize = 64;

impl Parser<'_> {
    fn err(&self, position: usize, message: impl Into<String>) -> QueryError {
        QueryError {
            position,
            message: message.into(),
            query: self.query.to_string(),
        }
    }
    fn peek(&self) -> Option<&(usize, Tok)> {
        self.toks.get(self.at)
    }
    fn here(&self) -> usize {
        self.peek().map_or(self.len, |t| t.0)
    }

    fn or(&mut self) -> Result<Node, QueryError> {
        let mut parts = vec![self.and()?];
        while let Some((_, Tok::Or)) = self.peek() {
            self.at += 1;
            if matches!(
                self.peek(),
                None | Some((_, Tok::RParen | Tok::Or | Tok::And))
            ) {
                return Err(self.err(self.here(), "OR needs a term after it"));
            }
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::Or(parts)
        })
    }

    fn and(&mut self) -> Result<Node, QueryError> {
        let mut parts = vec![self.unary()?];
        loop {
            match self.peek() {
                None | Some((_, Tok::Or | Tok::RParen)) => break,
                Some((_, Tok::And)) => {
                    self.at += 1;
                    if matches!(
                        self.peek(),
                        None | Some((_, Tok::RParen | Tok::Or | Tok::And))
                    ) {
                        return Err(self.err(self.here(), "AND needs a term after it"));
                    }
                }
                _ => {}
            }
            parts.push(self.unary()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::And(parts)
        })
    }

    fn unary(&mut self) -> Result<Node, QueryError> {
        if let Some((pos, Tok::Not)) = self.peek() {
            let pos = *pos;
            self.at += 1;
            if self.peek().is_none() {
                return Err(self.err(pos, "NOT needs a term after it"));
            }
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(self.err(pos, "too deeply nested"));
            }
            let inner = self.unary()?;
            self.depth -= 1;
            return Ok(Node::Not(Box::new(inner)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Node, QueryError> {
        let Some((pos, tok)) = self.peek().cloned() else {
            return Err(self.err(self.len, "the query ends where a term was expected"));
        };
        self.at += 1;
        match tok {
            Tok::Word(w) => Ok(Node::Term {
                field: QField::Any,
                text: w,
                phrase: false,
            }),
            Tok::Quoted(w) => Ok(Node::Term {
                field: QField::Any,
                text: w,
                phrase: true,
            }),
            Tok::Field(f) => match self.peek().cloned() {
                Some((_, Tok::Word(w))) => {
                    self.at += 1;
                    Ok(Node::Term {
                        field: f,
                        text: w,
                        phrase: false,
                    })
                }
                Some((_, Tok::Quoted(w))) => {
                    self.at += 1;
                    Ok(Node::Term {
                        field: f,
                        text: w,
                        phrase: true,
                    })
                }
                Some((p, _)) => Err(self.err(p, "a field name needs a value after the colon")),
                None => Err(self.err(self.len, "a field name needs a value after the colon")),
            },
            Tok::LParen => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(self.err(pos, "too deeply nested"));
                }
                if let Some((_, Tok::RParen)) = self.peek() {
                    return Err(self.err(pos, "empty parentheses"));
                }
                let inner = self.or()?;
                self.depth -= 1;
                match self.peek() {
                    Some((_, Tok::RParen)) => {
                        self.at += 1;
                        Ok(inner)
                    }
                    _ => Err(self.err(pos, "the parenthesis is never closed")),
                }
            }
            Tok::RParen => Err(self.err(pos, "a closing parenthesis without an opening one")),
            Tok::And | Tok::Or => Err(self.err(pos, "an operator where a term was expected")),
            Tok::Not => Err(self.err(pos, "NOT where a term was expected")),
        }
    }
}

/// Parses a query.
pub fn parse(query: &str) -> Result<Node, QueryError> {
    let toks = lex(query)?;
    let len = query.chars().count();
    if toks.is_empty() {
        return Err(QueryError {
            position: 0,
            message: "the query is empty".into(),
            query: query.to_string(),
        });
    }
    let mut p = Parser {
        toks,
        at: 0,
        query,
        len,
        depth: 0,
    };
    let node = p.or()?;
    if let Some((pos, _)) = p.peek() {
        return Err(p.err(*pos, "a closing parenthesis without an opening one"));
    }
    Ok(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(t: &str) -> Node {
        Node::Term {
            field: QField::Any,
            text: t.into(),
            phrase: false,
        }
    }

    #[test]
    fn which_queries_need_text() {
        let needs = |q: &str| parse(q).unwrap().needs_text();
        assert!(needs("党建"));
        assert!(needs("党建 source:某日报"));
        assert!(needs("title:党建 OR body:党建"));
        assert!(needs("党建 -网格"));
        // A field every claim has too, or a match without text, may reach
        // claims' entries.
        assert!(!needs("source:某日报"));
        assert!(!needs("党建 OR source:某日报"));
        assert!(!needs("-网格"));
    }

    #[test]
    fn operators_and_fields() {
        assert_eq!(
            parse("甲乙 丙丁").unwrap(),
            Node::And(vec![term("甲乙"), term("丙丁")])
        );
        assert_eq!(
            parse("甲乙 OR 丙丁 -戊己").unwrap(),
            Node::Or(vec![
                term("甲乙"),
                Node::And(vec![term("丙丁"), Node::Not(Box::new(term("戊己")))])
            ])
        );
        assert_eq!(
            parse("title:\"甲 乙\"").unwrap(),
            Node::Term {
                field: QField::Title,
                text: "甲 乙".into(),
                phrase: true
            }
        );
        assert_eq!(parse("12:30").unwrap(), term("12:30"));
        assert_eq!(parse("a-b").unwrap(), term("a-b"));
    }

    #[test]
    fn errors_have_positions() {
        let e = parse("甲乙 (丙丁").unwrap_err();
        assert_eq!(e.position, 3);
        assert_eq!(parse("甲乙 OR").unwrap_err().position, 5);
        assert_eq!(parse("甲乙 )").unwrap_err().position, 3);
        assert_eq!(parse("\"甲乙").unwrap_err().position, 0);
        assert_eq!(parse("foo:甲").unwrap_err().position, 0);
        assert_eq!(parse("title:").unwrap_err().position, 6);
        assert!(parse("   ").is_err());
        assert!(parse("NOT").is_err());
        assert!(parse("()").is_err());
        let deep = "(".repeat(1000) + "甲" + &")".repeat(1000);
        assert!(parse(&deep).is_err());
        assert!(parse("甲乙 (丙丁").unwrap_err().to_string().contains('^'));
    }
}
