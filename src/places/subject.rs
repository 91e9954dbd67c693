//! The division a report is about, weighed along the gazetteer's tree.
//!
//! Every piece of evidence adds weight to one division: a mention in the
//! body (1), a mention in the title ([`TITLE`]), a mention in the lead
//! sentence (+[`LEAD`]), the masthead or byline paper ([`MASTHEAD`]), a
//! division named as the one receiving aid (+[`RECIPIENT`]: 帮扶澜沧县), and
//! the later mentions of a town or street first named with its county
//! ([`TOWN`]: 惠民县麻店镇 … 麻店镇, at most [`TOWN_CAP`]; every mention of
//! one the township table settles, where its county is not named), and a
//! division an
//! example is said to stand for (+[`EPITOME`]: …是铜仁市…的缩影). The text's self-references (我市, 全县,
//! 本区, 旗直 …) add to the mentioned divisions whose name ends in that
//! level word.
//!
//! The weight of a division's subtree is its own weight plus its
//! descendants'. The subject is found by walking down from the province with
//! the heaviest tree: the walk moves to the heaviest child while that child
//! dominates its siblings (at least [`DOMINANT`] times their weight
//! together) and carries at least [`DESCEND`] of the weight of the division
//! it leaves. So a county
//! named in a city's report as one example stays an example (铜仁市 ×3,
//! 石阡县 ×1 → 铜仁市), a report about a county named with its city is
//! about the county (齐齐哈尔市泰来县 → 泰来县), a city report naming two
//! of its districts stays with the city (also when one of them is in the
//! lead), and a province-wide report naming several cities stays with the
//! province. A title that opens with a division below the one reached is
//! about it (某市百名干部下沉… → 某市, the one acting). Last, a subject the
//! text never refers to by its own level word
//! moves up to the ancestor it does refer to itself as (全省 …, a meeting of
//! the province held in its capital).

use std::collections::HashMap;

use super::{Gazetteer, Level};

/// Weight of a mention in the title (instead of 1).
pub(super) const TITLE: f64 = 2.0;
/// Extra weight of a mention in the lead sentence.
pub(super) const LEAD: f64 = 1.0;
/// Weight of the masthead or the byline's paper (桂林日报 → 桂林市): a hint,
/// since a city daily reports on its counties too.
pub(super) const MASTHEAD: f64 = 2.0;
/// Extra weight of a division named as receiving aid (帮扶, 对口支援, 进驻):
/// an aid report names its team's own district and city as it goes, while
/// the place aided, named once or twice, is what it reports on.
pub(super) const RECIPIENT: f64 = 4.0;
/// Weight of each later mention of a town first named with its county.
pub(super) const TOWN: f64 = 0.5;
/// At most this much weight from a county's towns and villages.
pub(super) const TOWN_CAP: f64 = 2.0;
/// Extra weight of a division an example is said to stand for
/// (…是铜仁市…的一个缩影).
pub(super) const EPITOME: f64 = 2.0;
/// A child must carry this share of the weight of the division the walk
/// leaves.
const DESCEND: f64 = 0.5;
/// … and this many times the weight of its siblings together.
const DOMINANT: f64 = 2.0;

/// Weight of a mention of a level's organs (市直, 县直, 旗直).
const ORGANS: f64 = 2.0;

/// Level words a text refers to itself by (我市, 全县, 本区, 旗直).
const LEVEL_WORDS: [char; 7] = ['省', '市', '县', '区', '旗', '州', '盟'];

/// One bit per level word, at a hash of the character: tells almost every
/// other character apart with one load, where comparing it with each level
/// word costs a branch mispredicted at random.
const LEVEL_BITMAP: [u64; 64] = {
    let mut bits = [0u64; 64];
    let mut i = 0;
    while i < LEVEL_WORDS.len() {
        let h = level_hash(LEVEL_WORDS[i]);
        bits[h / 64] |= 1 << (h % 64);
        i += 1;
    }
    bits
};

/// A hash of `c` into 12 bits.
const fn level_hash(c: char) -> usize {
    ((c as u32).wrapping_mul(0x9E37_79B1) >> 20) as usize
}

/// Whether `c` is a level word. The recognizer asks it of every character,
/// in the same pass as it finds the names.
pub(super) fn is_level_word(c: char) -> bool {
    let h = level_hash(c);
    LEVEL_BITMAP[h / 64] >> (h % 64) & 1 != 0 && LEVEL_WORDS.contains(&c)
}

/// A text's reference to its own division, by the division's level word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SelfReference {
    /// 我市, 本县, 全区, 该旗: the division itself.
    Prefixed(char),
    /// 市直机关, 县直单位: the organs of the division, a strong sign that
    /// the text is about it.
    Organs(char),
}

/// The self-reference made with the level word at byte `at` of `text`, if
/// any: 我X, 本X, 全X, 该X, or X直, where X is a level word. 全区域,
/// 全市场, 全州县, 全县面 … are not self-references.
pub(super) fn self_reference_at(text: &str, at: usize) -> Option<SelfReference> {
    let mut rest = text.get(at..)?.chars();
    let c = rest.next().filter(|&c| is_level_word(c))?;
    let before = text[..at].chars().next_back();
    let after = rest.next();
    if matches!(before, Some('我' | '本' | '全' | '该'))
        && !matches!(after, Some('域' | '场' | '县' | '面' | '长'))
    {
        Some(SelfReference::Prefixed(c))
    } else if after == Some('直') && c != '州' && c != '盟' {
        Some(SelfReference::Organs(c))
    } else {
        None
    }
}

/// The weighed evidence of one document.
#[derive(Debug, Default, Clone)]
pub(super) struct Evidence {
    own: HashMap<usize, f64>,
    first: HashMap<usize, usize>,
    self_ref: HashMap<char, f64>,
    /// The division the title opens with (某市组建…): the one acting.
    pub(super) title_subject: Option<usize>,
}

impl Evidence {
    /// Adds `weight` to `place`, seen at `pos` (for ties: earlier wins).
    pub(super) fn add(&mut self, place: usize, weight: f64, pos: usize) {
        *self.own.entry(place).or_default() += weight;
        let f = self.first.entry(place).or_insert(pos);
        *f = (*f).min(pos);
    }

    /// Counts the text's references to itself by level word: 我X, 本X, 全X,
    /// 该X and X直 (全市, 我县, 区直). 全区域, 全市场 and 全州县 are not
    /// self-references. `level_words`: where every level word of `text`
    /// starts (the recognizer finds them), so that only their neighbours are
    /// read.
    pub(super) fn count_self_references(&mut self, text: &str, level_words: &[usize]) {
        for &at in level_words {
            match self_reference_at(text, at) {
                Some(SelfReference::Prefixed(c)) => *self.self_ref.entry(c).or_default() += 1.0,
                Some(SelfReference::Organs(c)) => *self.self_ref.entry(c).or_default() += ORGANS,
                None => {}
            }
        }
    }

    /// The self-references that may mean `place` (its name ends in the level
    /// word).
    fn self_bonus(&self, g: &Gazetteer, place: usize) -> f64 {
        g.places[place]
            .name
            .chars()
            .last()
            .and_then(|c| self.self_ref.get(&c))
            .copied()
            .unwrap_or(0.0)
    }
}

/// The decided subject: the division and its weight.
#[derive(Debug, Clone, Copy)]
pub(super) struct Subject {
    pub place: usize,
    pub weight: f64,
}

/// Walks down from the heaviest province to the division the evidence is
/// about; `None` without evidence.
pub(super) fn decide(g: &Gazetteer, ev: &Evidence) -> Option<Subject> {
    let mut sub: HashMap<usize, f64> = HashMap::new();
    let mut first: HashMap<usize, usize> = HashMap::new();
    for (&p, &w) in &ev.own {
        let pos = ev.first.get(&p).copied().unwrap_or(usize::MAX);
        let mut cur = Some(p);
        while let Some(c) = cur {
            *sub.entry(c).or_default() += w;
            let f = first.entry(c).or_insert(pos);
            *f = (*f).min(pos);
            cur = g.places[c].parent;
        }
    }
    // Own weight plus the self-references that may mean it; a division the
    // text never names takes no self-references.
    let stay = |p: usize| {
        ev.own.get(&p).map_or(0.0, |w| {
            if *w > 0.0 {
                w + ev.self_bonus(g, p)
            } else {
                0.0
            }
        })
    };
    let go = |p: usize| {
        sub.get(&p).copied().unwrap_or(0.0)
            + if ev.own.get(&p).is_some_and(|w| *w > 0.0) {
                ev.self_bonus(g, p)
            } else {
                0.0
            }
    };
    // Siblings are compared by the weight of their trees alone: the
    // self-references fit every sibling of a level alike.
    let weight = |p: &usize| sub.get(p).copied().unwrap_or(0.0);
    let order = |a: &usize, b: &usize| {
        weight(b)
            .total_cmp(&weight(a))
            .then(first.get(a).cmp(&first.get(b)))
            .then(g.places[*a].code.cmp(&g.places[*b].code))
    };
    let mut roots: Vec<usize> = sub
        .keys()
        .copied()
        .filter(|&p| g.places[p].parent.is_none())
        .collect();
    roots.sort_by(order);
    let mut cur = *roots.first()?;
    loop {
        let mut kids: Vec<usize> = sub
            .keys()
            .copied()
            .filter(|&c| g.places[c].parent == Some(cur) && g.places[c].level != Level::Zone)
            .collect();
        kids.sort_by(order);
        let Some(&best) = kids.first() else {
            break;
        };
        // The best child must outweigh all its siblings together: a city
        // report naming one district in its lead and two counties after it
        // stays with the city.
        let second: f64 = kids.iter().skip(1).map(weight).sum();
        if weight(&best) >= DOMINANT * second && go(best) >= DESCEND * stay(cur) {
            cur = best;
        } else {
            break;
        }
    }
    // A title that opens with a division below the one reached (某市组建…
    // in a report naming the province and the places it works in) is about
    // that division.
    if let Some(t) = ev.title_subject.filter(|&t| t != cur && g.within(t, cur)) {
        cur = t;
    }
    let cur = ascend_to_own_level(g, ev, cur);
    Some(Subject {
        place: cur,
        weight: go(cur),
    })
}

/// Self-references at least this heavy to an ancestor's level, with none to
/// the subject's own, move the subject up to that ancestor.
const ASCEND: f64 = 2.0;

/// The ancestor of `place` the text refers to itself as, when it never
/// refers to itself by `place`'s own level word: a province-wide campaign
/// launched in the capital (省委在某市召开全省…会议, 全省各级 …, 省直机关)
/// is about the province, though the capital is the division it names.
fn ascend_to_own_level(g: &Gazetteer, ev: &Evidence, place: usize) -> usize {
    let last = |p: usize| g.places[p].name.chars().last();
    let refs = |c: Option<char>| c.and_then(|c| ev.self_ref.get(&c)).copied().unwrap_or(0.0);
    let own = last(place);
    if refs(own) > 0.0 {
        return place;
    }
    let mut cur = g.places[place].parent;
    while let Some(a) = cur {
        if last(a) == own {
            break;
        }
        if refs(last(a)) >= ASCEND {
            return a;
        }
        cur = g.places[a].parent;
    }
    place
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The self-references of `text`, read at every level word.
    fn refs(text: &str) -> Vec<SelfReference> {
        text.char_indices()
            .filter_map(|(i, _)| self_reference_at(text, i))
            .collect()
    }

    #[test]
    fn self_references_by_level_word() {
        use SelfReference::{Organs, Prefixed};
        assert_eq!(refs("我市共有党员"), [Prefixed('市')]);
        assert_eq!(
            refs("全旗各苏木和本州、该县"),
            [Prefixed('旗'), Prefixed('州'), Prefixed('县')]
        );
        assert_eq!(refs("市直机关和县直单位"), [Organs('市'), Organs('县')]);
        // A market, an area, a county of 全州 and 州直 are not.
        assert_eq!(refs("全市场份额、全区域覆盖、全州县、州直"), []);
        // Past the end of the text, or not at a level word.
        assert_eq!(self_reference_at("我市", 99), None);
        assert_eq!(self_reference_at("我市", 0), None);
    }
}

#[cfg(test)]
mod decide_tests {
    use super::*;

    fn idx(g: &Gazetteer, code: &str) -> usize {
        g.by_code(code)
            .and_then(|p| g.index_of(p))
            .unwrap_or(usize::MAX)
    }

    #[test]
    fn the_best_child_must_outweigh_its_siblings_together() {
        let g = Gazetteer::shared();
        let mut ev = Evidence::default();
        // A city (weight 3), one district in the lead (3), two counties once.
        ev.add(idx(g, "640400"), 3.0, 0);
        ev.add(idx(g, "640402"), 3.0, 1);
        ev.add(idx(g, "640422"), 1.0, 2);
        ev.add(idx(g, "640423"), 1.0, 3);
        assert_eq!(decide(g, &ev).map(|s| s.place), Some(idx(g, "640400")));
        // Alone beside one sibling, the district dominates.
        let mut ev = Evidence::default();
        ev.add(idx(g, "640400"), 1.0, 0);
        ev.add(idx(g, "640402"), 3.0, 1);
        ev.add(idx(g, "640422"), 1.0, 2);
        assert_eq!(decide(g, &ev).map(|s| s.place), Some(idx(g, "640402")));
    }

    #[test]
    fn self_references_of_an_ancestor_level_move_the_subject_up() {
        let g = Gazetteer::shared();
        // A city named once, then the text's references to itself.
        let subject = |text: &str| {
            let words: Vec<usize> = text
                .char_indices()
                .filter(|&(_, c)| is_level_word(c))
                .map(|(i, _)| i)
                .collect();
            let mut ev = Evidence::default();
            ev.add(idx(g, "450100"), 3.0, 0);
            ev.count_self_references(text, &words);
            decide(g, &ev).map(|s| s.place)
        };
        assert_eq!(
            subject("全区各级党组织在全区范围内开展创建"),
            Some(idx(g, "450000"))
        );
        // With one reference by the city's own level word, it stays.
        assert_eq!(
            subject("全区各级党组织在全区和全市范围内开展创建"),
            Some(idx(g, "450100"))
        );
    }
}
