//! Enumerations anywhere in the text: the runs of items separated by 、
//! and the runs of parallel slogans (see [`parallel_clauses`]),
//! read on first need when a formulation is not expanded beside a mention.

use std::cell::OnceCell;
use std::collections::HashSet;
use std::ops::Range;

use super::adjacent::after_governing;
use crate::normalize::is_han;

/// An enumeration: items separated by 、 (the last may be joined by 和/及/与).
#[derive(Debug, Clone)]
pub(super) struct Enumeration {
    pub(super) items: Vec<String>,
    /// The same with the last item split on 和/及/与.
    pub(super) split_items: Vec<String>,
}

const LEAD_INS: &[&str] = &[
    "即",
    "就是",
    "包括",
    "分别是",
    "分别为",
    "也就是",
    "争创",
    "开展",
    "大兴",
    "实现",
    "做到",
    "坚持",
    "推进",
    "落实",
    "创建",
    "打造",
    "深入开展",
    "按照",
    "突出",
    "围绕",
    "以",
    "的",
];

fn trim_item(s: &str) -> &str {
    let mut t = s.trim();
    'outer: loop {
        for w in LEAD_INS {
            if let Some(r) = t.strip_prefix(w)
                && r.chars().count() >= 2
            {
                t = r;
                continue 'outer;
            }
        }
        break;
    }
    t.trim_matches(['“', '”'])
}

/// Trims the lead-in of the first item and the tail of the last one where
/// the other items show the pattern: 省建设系统按照有组织、有制度 … → 有组织;
/// … 作用发挥好的 → 作用发挥好.
fn trim_ends(mut items: Vec<String>) -> Vec<String> {
    if items.len() < 3 {
        return items;
    }
    // The middle items show the pattern (the last may be joined by 和).
    let middle = if items.len() >= 4 {
        &items[1..items.len() - 1]
    } else {
        &items[1..]
    };
    let firsts: HashSet<Option<char>> = middle.iter().map(|s| s.chars().next()).collect();
    if firsts.len() == 1
        && let Some(Some(c)) = firsts.into_iter().next()
        && let Some(p) = items[0].rfind(c)
        && p > 0
    {
        items[0] = items[0][p..].to_string();
    }
    if let Some(last) = items.last_mut()
        && last.chars().count() > 2
        && let Some(t) = last.strip_suffix('的')
    {
        *last = t.to_string();
    }
    items
}

/// Whether `c` ends an item of an enumeration (、) or the enumeration.
pub(super) fn ends_item(c: char) -> bool {
    matches!(
        c,
        '、' | ','
            | '，'
            | '。'
            | ';'
            | '；'
            | ':'
            | '：'
            | '“'
            | '”'
            | '('
            | ')'
            | '《'
            | '》'
            | '\n'
            | '!'
            | '?'
    )
}

/// The runs of pieces separated by 、 in a text, each between two other
/// marks that end an item ([`ends_item`]), read from the marks of the
/// text's [`Scan`]. A run's
/// [`Enumeration`] (its pieces trimmed to items) is made on first need: a
/// formulation reads only the runs of its own length that carry its key
/// morphemes or touch its mention.
pub(super) struct Runs<'t> {
    pub(super) text: &'t str,
    pub(super) runs: Vec<Run>,
    /// The pieces of all runs, in order.
    pub(super) pieces: Vec<(usize, usize)>,
}

pub(super) struct Run {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Its pieces: a range of [`Runs::pieces`].
    pub(super) pieces: Range<usize>,
    enumeration: OnceCell<Option<Enumeration>>,
}

impl<'t> Runs<'t> {
    pub(super) fn new(text: &'t str, marks: &[(usize, char)]) -> Runs<'t> {
        let mut runs = Runs {
            text,
            runs: Vec::new(),
            pieces: Vec::new(),
        };
        // After the last mark other than 、, and after the last mark.
        let mut run_start = 0;
        let mut piece_start = 0;
        // Where the current run's pieces start in `pieces`.
        let mut first = 0;
        for &(j, c) in marks.iter().filter(|&&(_, c)| ends_item(c)) {
            if c == '、' || runs.pieces.len() > first {
                runs.pieces.push((piece_start, j));
            }
            if c != '、' {
                runs.close(run_start, j, first);
                first = runs.pieces.len();
                run_start = j + c.len_utf8();
            }
            piece_start = j + c.len_utf8();
        }
        if runs.pieces.len() > first {
            runs.pieces.push((piece_start, text.len()));
            runs.close(run_start, text.len(), first);
        }
        runs
    }

    /// Ends the run of `start..end` whose pieces start at `first` (none
    /// when no 、 was met since its start).
    fn close(&mut self, start: usize, end: usize, first: usize) {
        if self.pieces.len() > first {
            self.runs.push(Run {
                start,
                end,
                pieces: first..self.pieces.len(),
                enumeration: OnceCell::new(),
            });
        }
    }

    pub(super) fn pieces(&self, run: &Run) -> impl Iterator<Item = &'t str> {
        let text = self.text;
        self.pieces[run.pieces.clone()]
            .iter()
            .map(move |&(s, e)| &text[s..e])
    }

    pub(super) fn enumeration<'r>(&self, run: &'r Run) -> Option<&'r Enumeration> {
        run.enumeration
            .get_or_init(|| enumeration(self.pieces(run)))
            .as_ref()
    }
}

/// The enumeration of the pieces of a run, unless a piece is empty or too
/// long for an item.
fn enumeration<'t>(pieces: impl Iterator<Item = &'t str>) -> Option<Enumeration> {
    let trimmed: Vec<&str> = pieces.map(trim_item).collect();
    if trimmed.len() < 2
        || trimmed
            .iter()
            .any(|s| s.is_empty() || s.chars().count() > 14)
    {
        return None;
    }
    let items: Vec<String> = trimmed.into_iter().map(str::to_string).collect();
    let mut split_items = items.clone();
    if let Some(last) = split_items.pop() {
        let parts: Vec<&str> = last.splitn(2, ['和', '及', '与']).collect();
        if parts.len() == 2 && !parts[0].is_empty() && !parts[1].is_empty() {
            split_items.push(parts[0].to_string());
            split_items.push(parts[1].to_string());
        } else {
            split_items.push(last);
        }
    }
    Some(Enumeration {
        items: trim_ends(items),
        split_items: trim_ends(split_items),
    })
}

/// Marks that end a sentence, which parallel clauses never cross.
const SENTENCE_ENDS: &[char] = &['。', '！', '!', '？', '?', '\n'];

/// The clauses of a sentence: split at commas and semicolons, and between
/// two quotes that touch (“A”“B”), quotation marks off.
fn clauses(sentence: &str) -> Vec<String> {
    sentence
        .replace("”“", "；")
        .replace("”、“", "；")
        .split(['，', ',', '；', ';'])
        .map(|c| c.trim().trim_matches(['“', '”', '‘', '’']).to_string())
        .collect()
}

/// The pieces of a clause that is one half of a parallel slogan ending in
/// `key` (A吹X、B做Y with key 做Y): two or more short pieces of plain
/// characters joined by 、, the last ending in `key`.
fn slogan_pieces(clause: &str, key: &str) -> Option<usize> {
    if !clause.ends_with(key) {
        return None;
    }
    let pieces: Vec<&str> = clause.split('、').collect();
    let plain = |p: &&str| (2..=10).contains(&p.chars().count()) && p.chars().all(is_han);
    (pieces.len() >= 2 && pieces.iter().all(plain)).then_some(pieces.len())
}

/// A clause that ends a run of parallel slogans and goes on into the noun
/// they modify (…、B做Y的要求): the slogan up to its key, when what follows
/// the key is 的 and a noun of up to four characters.
fn slogan_before_noun<'c>(clause: &'c str, key: &str) -> Option<&'c str> {
    let p = clause.rfind(key)? + key.len();
    let noun = clause[p..].strip_prefix('的')?;
    (1..=4)
        .contains(&noun.chars().count())
        .then_some(&clause[..p])
}

/// The items of a formulation counting `n` parallel clauses that all end in
/// its key `key`, read anywhere in the text: exactly `n` clauses in a row in
/// one sentence, each a slogan of the same number of 、-pieces ending in the
/// key (社区吹X、部门做Y;村里吹X、党员做Y for a 双做Y), as written; a verb
/// governing the first is no part of it. Two different such runs give none.
pub(super) fn parallel_clauses(text: &str, key: &str, n: usize) -> Option<Vec<String>> {
    if !(2..=4).contains(&n) || !text.contains(key) {
        return None;
    }
    let mut found: Vec<Vec<String>> = Vec::new();
    for sentence in text.split(SENTENCE_ENDS).filter(|s| s.contains(key)) {
        let cs = clauses(sentence);
        let mut k = 0;
        while k < cs.len() {
            // The first clause may carry the verb that governs the run.
            let first = &cs[k][after_governing(&cs[k])..];
            let Some(p) = slogan_pieces(first, key) else {
                k += 1;
                continue;
            };
            let mut run = vec![first.to_string()];
            while run.len() <= n
                && let Some(c) = cs.get(k + run.len())
            {
                if slogan_pieces(c, key) == Some(p) {
                    run.push(c.clone());
                    continue;
                }
                // The last one may go on into the noun the run modifies.
                if let Some(c) =
                    slogan_before_noun(c, key).filter(|c| slogan_pieces(c, key) == Some(p))
                {
                    run.push(c.to_string());
                }
                break;
            }
            k += run.len().max(1);
            if run.len() == n && !found.contains(&run) {
                found.push(run);
            }
        }
    }
    match found.len() {
        1 => found.pop(),
        _ => None,
    }
}
