//! Counts whose noun phrase runs through a clause and 的 to the noun it
//! describes: 12名退休的党员, 120名返乡创业的青年, 30名机关单位的党员干部 —
//! and where it does not (5个试点村的经验: the villages are counted).

use super::Found;
use super::phrases::{PERSON_ENDS, join_object, noun_phrase_after, nounish, offset_in};

/// The object of a count whose noun comes after a short relative clause
/// (12名退休的党员, 8家新落成的服务站): the clause, 的 and the noun
/// phrase after it, keeping the noun when the whole is too long. `tags`
/// start right after the measure word.
pub(super) fn relative_object(text: &str, tags: &[(&str, &str)]) -> Option<String> {
    let de = tags.iter().take(5).position(|(w, _)| *w == "的")?;
    let clause = &tags[..de];
    // 100家以上的企业: a position or a bound, not a clause about what is
    // counted (dimensions, 56米长的, come with units that are no classifiers).
    if clause.first().is_some_and(|(_, t)| *t == "f") {
        return None;
    }
    let short = clause.iter().map(|(w, _)| w.chars().count()).sum::<usize>() <= 6;
    let plain = clause
        .iter()
        .all(|(w, t)| !w.contains(|c: char| c.is_ascii_digit()) && !matches!(*t, "x" | "m" | "q"));
    if de == 0 || !short || !plain {
        return None;
    }
    let mut head = Vec::new();
    noun_phrase_after(&tags[de + 1..], &mut head);
    if head.is_empty() {
        return None;
    }
    // The clause, 的 and the head are consecutive words of the text.
    let (last, _) = head[head.len() - 1];
    let start = offset_in(text, clause[0].0)?;
    let phrase = text.get(start..offset_in(text, last)? + last.len())?;
    if phrase.chars().count() <= 12 {
        return Some(phrase.to_string());
    }
    let ws: Vec<&str> = head.iter().map(|(w, _)| *w).collect();
    join_object(&ws, true)
}

/// The object of a count whose phrase runs on through 的 to the noun it
/// describes (`phrase`: the words read after the measure word, at the start
/// of `tags`): a clause that is no noun phrase (15名家庭困难的学生, 60名
/// 按期转正的预备党员), or, for people, whatever describes them
/// (30名机关单位的党员干部) — the whole, 家庭困难的学生. A noun phrase of
/// units before 的 is what is counted (5个试点村的经验 → 试点村).
pub(super) fn relative_clause_object(
    text: &str,
    f: &Found,
    tags: &[(&str, &str)],
    phrase: &[(&str, &str)],
) -> Option<String> {
    let verb_like = |t: &str| matches!(t, "v" | "a" | "ad" | "d" | "vd");
    // 的 right after the phrase, or after a verb or two that end a clause
    // the phrase does not name the subject of (按期|转正|的, not 小舢板|组成|
    // 的: the boats are counted).
    let noun_last = nounish(phrase.last()?.1);
    let de = (phrase.len()..tags.len().min(phrase.len() + 3))
        .take_while(|&k| k == phrase.len() || (!noun_last && verb_like(tags[k - 1].1)))
        .find(|&k| tags[k].0 == "的")?;
    // A clause ends in a verb or an adjective the dictionary knows (it tags
    // unknown nouns as verbal nouns: 管理费 vn).
    let verbal = de > 0 && verb_like(tags[de - 1].1);
    let people = matches!(f.unit, "名" | "位" | "人");
    // The head after 的: its nouns, up to the last word of people when
    // people are counted (jieba tags 青年 as a time).
    let person = |w: &str, t: &str| w.ends_with(PERSON_ENDS) && (nounish(t) || t == "t");
    let run: Vec<(&str, &str)> = tags[de + 1..]
        .iter()
        .take(4)
        .take_while(|(w, t)| nounish(t) || person(w, t))
        .copied()
        .collect();
    let run: Vec<&str> = match people {
        true => run[..run
            .iter()
            .rposition(|(w, t)| person(w, t))
            .map_or(0, |k| k + 1)]
            .to_vec(),
        false => run,
    }
    .into_iter()
    .map(|(w, _)| w)
    .collect();
    if !people && !verbal {
        return None;
    }
    let head = &run[..];
    let last = head.last()?;
    let phrase = text.get(offset_in(text, tags[0].0)?..offset_in(text, last)? + last.len())?;
    if phrase.chars().count() <= 12 {
        Some(phrase.to_string())
    } else {
        join_object(head, true)
    }
}
