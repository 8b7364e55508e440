//! The body index of a changed corpus, built from the one saved for an earlier corpus: the
//! bodies of unchanged articles are taken from it as they are (their postings, lengths and word
//! sequences), and only the articles added or changed since are read and split into words.
//!
//! An article is recognised by its digest ([`super::CorpusKey`]), which the saved index keeps
//! by slot. Slots are by recency, so the articles kept mostly keep their relative order: each
//! word's old postings, moved to the new slots, stay ascending and are merged with the new
//! articles' postings in one pass, without inverting every body again. Word sequences keep the
//! old index's numbers (new words are numbered after them), so the kept ones are copied as bytes.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::article::ContentId;
use crate::cache::{BodyCache, NumberedBody, varint};

use super::body::{BodyIndex, average_length, body_vocab, varints};
use super::term::Word;

/// Where each slot of the new index takes its body from.
pub(super) struct Origins<'a> {
    /// By new slot: the old slot of the same article, when it is unchanged.
    pub(super) old: &'a [Option<u32>],
    /// By slot of the index of the added bodies: the new slot.
    pub(super) added: &'a [u32],
}

/// The body index over `origins`: the kept bodies of `old` and every body of `added`.
/// `attested` says whether a stem occurs as a title or name word (see [`BodyIndex::build`]).
pub(super) fn merge(
    mut old: BodyIndex,
    mut added: BodyIndex,
    origins: &Origins<'_>,
    attested: impl Fn(&str) -> bool + Sync,
) -> BodyIndex {
    let slots = origins.old.len();
    let mut new_of_old = vec![u32::MAX; old.lengths.len()];
    for (slot, o) in origins.old.iter().enumerate() {
        if let Some(n) = o.and_then(|o| new_of_old.get_mut(o as usize)) {
            *n = slot as u32;
        }
    }
    let moved = |o: u32| {
        new_of_old
            .get(o as usize)
            .copied()
            .filter(|&n| n != u32::MAX)
    };
    let in_order = new_of_old.iter().filter(|&&n| n != u32::MAX).is_sorted();

    // Each old word's postings the new index keeps, moved to their new slots and down over the
    // dropped ones in place (the merged postings reuse the old arrays: no second copy of them
    // is held): `compacted[w]` is where they now begin, `kept[w]` how many there are.
    let old_words = old.vocab.words.len();
    let old_starts = std::mem::take(&mut old.starts);
    let mut posting_slots = std::mem::take(&mut old.slots);
    let mut posting_counts = std::mem::take(&mut old.counts);
    let mut compacted = vec![0u32; old_words];
    let mut kept = vec![0u32; old_words];
    let mut end = 0usize;
    for w in 0..old_words {
        let from = old_starts.get(w).map_or(0, |&s| s as usize);
        let to = old_starts
            .get(w + 1)
            .map_or(0, |&e| e as usize)
            .min(posting_slots.len());
        compacted[w] = end as u32;
        for i in from..to {
            if let Some(slot) = moved(posting_slots[i]) {
                posting_slots[end] = slot;
                posting_counts[end] = posting_counts[i];
                end += 1;
            }
        }
        kept[w] = end as u32 - compacted[w];
    }
    drop(old_starts);
    let added_old: Vec<Option<u32>> = added
        .vocab
        .words
        .iter()
        .map(|w| old.vocab.ids.get(&w.key).copied())
        .collect();
    let mut used: Vec<bool> = kept.iter().map(|&k| k > 0).collect();
    for &o in added_old.iter().flatten() {
        used[o as usize] = true;
    }

    // The merged vocabulary: the old words still used, in their order, then the new ones.
    // Kept in place (retained, not copied into new vectors): the words are most of the old
    // index's memory after its postings.
    let mut merged_of_old = vec![u32::MAX; old_words];
    let mut count = 0u32;
    for (w, m) in merged_of_old.iter_mut().enumerate() {
        if used[w] {
            *m = count;
            count += 1;
        }
    }
    let old_vocab = std::mem::take(&mut old.vocab);
    drop((old_vocab.ids, old_vocab.lookup));
    let mut next = old.numbers.iter().max().map_or(0, |&n| n.saturating_add(1));
    let mut words = old_vocab.words;
    let mut numbers = std::mem::take(&mut old.numbers);
    let mut is_used = used.iter().copied();
    words.retain(|_| is_used.next().unwrap_or(false));
    let mut is_used = used.iter().copied();
    numbers.retain(|_| is_used.next().unwrap_or(false));
    let fresh = added_old.iter().filter(|o| o.is_none()).count();
    words.reserve_exact(fresh);
    numbers.reserve_exact(fresh);
    let mut merged_of_added = Vec::with_capacity(added.vocab.words.len());
    let mut number_of_added: FxHashMap<u32, u32> = FxHashMap::default();
    let added_numbers = &added.numbers;
    for (j, word) in std::mem::take(&mut added.vocab.words)
        .into_iter()
        .enumerate()
    {
        let m = match added_old[j] {
            Some(o) => merged_of_old[o as usize],
            None => {
                words.push(word);
                numbers.push(next);
                next = next.saturating_add(1);
                (words.len() - 1) as u32
            }
        };
        merged_of_added.push(m);
        number_of_added.insert(added_numbers[j], numbers[m as usize]);
    }

    // Postings: each word's kept ones moved up to where the merged word begins, from the last
    // word back (a word never begins before its kept postings do now), then its added ones
    // after them, merged.
    let mut df = vec![0u32; words.len()];
    let mut compacted_of = vec![0u32; words.len()];
    for (w, &m) in merged_of_old.iter().enumerate() {
        if m != u32::MAX {
            df[m as usize] += kept[w];
            compacted_of[m as usize] = compacted[w];
        }
    }
    let kept_of = df.clone();
    let mut added_of = vec![u32::MAX; words.len()];
    for (j, &m) in merged_of_added.iter().enumerate() {
        df[m as usize] += added.postings(j as u32).0.len() as u32;
        added_of[m as usize] = j as u32;
    }
    drop((compacted, kept));
    let mut starts = Vec::with_capacity(words.len() + 1);
    starts.push(0u32);
    for d in &df {
        starts.push(starts[starts.len() - 1] + d);
    }
    drop(df);
    let total = starts[words.len()] as usize;
    let room = total.max(posting_slots.len());
    posting_slots.resize(room, 0);
    posting_counts.resize(room, 0);
    for m in (0..words.len()).rev() {
        let at = starts[m] as usize;
        let (from, k) = (compacted_of[m] as usize, kept_of[m] as usize);
        posting_slots.copy_within(from..from + k, at);
        posting_counts.copy_within(from..from + k, at);
        let (slots_added, counts_added) = added.postings(added_of[m]);
        for (n, (&i, &c)) in slots_added.iter().zip(counts_added).enumerate() {
            posting_slots[at + k + n] = origins.added.get(i as usize).copied().unwrap_or(0);
            posting_counts[at + k + n] = c;
        }
        let range = at..starts[m + 1] as usize;
        sort_postings(
            &mut posting_slots[range.clone()],
            &mut posting_counts[range],
            k,
            in_order,
        );
    }
    drop((compacted_of, kept_of, added_of));
    posting_slots.truncate(total);
    posting_slots.shrink_to_fit();
    posting_counts.truncate(total);
    posting_counts.shrink_to_fit();

    let mut lengths = vec![0u32; slots];
    for (slot, o) in origins.old.iter().enumerate() {
        if let Some(o) = o {
            lengths[slot] = old.lengths.get(*o as usize).copied().unwrap_or(0);
        }
    }
    for (i, &slot) in origins.added.iter().enumerate() {
        lengths[slot as usize] = added.lengths.get(i).copied().unwrap_or(0);
    }
    let average_length = average_length(&lengths);

    // Word sequences: the kept ones moved down over the dropped ones, the added ones after.
    let mut sequences = std::mem::take(&mut old.sequences);
    let mut sequence_at = vec![(0usize, 0usize); slots];
    let mut kept_ranges: Vec<(usize, usize, usize)> = origins
        .old
        .iter()
        .enumerate()
        .filter_map(|(slot, o)| {
            let (s, e) = *old.sequence_at.get((*o)? as usize)?;
            Some((s, e, slot))
        })
        .collect();
    kept_ranges.sort_unstable();
    let mut end = 0usize;
    for (s, e, slot) in kept_ranges {
        if s < end || s > e || e > sequences.len() {
            continue;
        }
        sequences.copy_within(s..e, end);
        sequence_at[slot] = (end, end + e - s);
        end += e - s;
    }
    sequences.truncate(end);
    for (i, &slot) in origins.added.iter().enumerate() {
        let Some(bytes) = added
            .sequence_at
            .get(i)
            .and_then(|&(s, e)| added.sequences.get(s..e))
        else {
            continue;
        };
        let start = sequences.len();
        for n in varints(bytes) {
            if let Some(&m) = number_of_added.get(&n) {
                varint::push(&mut sequences, u64::from(m));
            }
        }
        sequence_at[slot as usize] = (start, sequences.len());
    }
    sequences.shrink_to_fit();

    // A stem counts when it is a body word or a title or name word: both may have changed.
    words.par_iter_mut().for_each(Word::restem);
    let ids: HashMap<Box<str>, u32> = words
        .iter()
        .zip(0u32..)
        .map(|(w, i)| (w.key.clone(), i))
        .collect();
    let vocab = body_vocab(words, ids, attested);
    BodyIndex {
        vocab,
        starts,
        slots: posting_slots,
        counts: posting_counts,
        lengths,
        average_length,
        numbers,
        sequences,
        sequence_at,
    }
}

/// Orders one word's postings by slot: `slots[..mid]` are the old ones (ascending when the kept
/// articles kept their order, `in_order`), `slots[mid..]` the added ones (ascending).
fn sort_postings(slots: &mut [u32], counts: &mut [u8], mid: usize, in_order: bool) {
    if !in_order {
        let mut pairs: Vec<(u32, u8)> = slots[..mid]
            .iter()
            .copied()
            .zip(counts[..mid].iter().copied())
            .collect();
        pairs.sort_unstable();
        for (i, (s, c)) in pairs.into_iter().enumerate() {
            slots[i] = s;
            counts[i] = c;
        }
    }
    if mid == 0 || mid == slots.len() || slots[mid - 1] < slots[mid] {
        return;
    }
    let (old_slots, new_slots) = slots.split_at(mid);
    let (old_counts, new_counts) = counts.split_at(mid);
    let (mut a, mut b) = (0usize, 0usize);
    let mut merged = Vec::with_capacity(slots.len());
    while a < old_slots.len() || b < new_slots.len() {
        let take_old = b == new_slots.len() || (a < old_slots.len() && old_slots[a] < new_slots[b]);
        if take_old {
            merged.push((old_slots[a], old_counts[a]));
            a += 1;
        } else {
            merged.push((new_slots[b], new_counts[b]));
            b += 1;
        }
    }
    for (i, (s, c)) in merged.into_iter().enumerate() {
        slots[i] = s;
        counts[i] = c;
    }
}

/// Stores in `cache`, by content id, the bodies of the slots of `old` in `dropped`, which the new
/// index leaves out: a later corpus that holds those articles again takes them from there
/// instead of reading their files.
pub(super) fn keep_dropped(
    old: &BodyIndex,
    dropped: &[(u32, ContentId)],
    cache: &mut BodyCache,
) -> io::Result<()> {
    if dropped.is_empty() {
        return Ok(());
    }
    let word_of: FxHashMap<u32, u32> = old.numbers.iter().copied().zip(0u32..).collect();
    // The cache's number of each old number met so far.
    let mut renumbered: FxHashMap<u32, u32> = FxHashMap::default();
    let mut at: FxHashMap<u32, usize> = FxHashMap::default();
    for &(slot, id) in dropped {
        let Some(bytes) = old
            .sequence_at
            .get(slot as usize)
            .and_then(|&(s, e)| old.sequences.get(s..e))
        else {
            continue;
        };
        let mut body = NumberedBody::default();
        at.clear();
        for n in varints(bytes) {
            let number = match renumbered.get(&n) {
                Some(&number) => number,
                None => {
                    let Some(word) = word_of
                        .get(&n)
                        .and_then(|&w| old.vocab.words.get(w as usize))
                    else {
                        continue;
                    };
                    let number = cache.number(&word.key);
                    renumbered.insert(n, number);
                    number
                }
            };
            body.length += 1;
            varint::push(&mut body.sequence, u64::from(number));
            match at.entry(number) {
                Entry::Occupied(e) => {
                    let count = &mut body.words[*e.get()].1;
                    *count = count.saturating_add(1);
                }
                Entry::Vacant(e) => {
                    e.insert(body.words.len());
                    body.words.push((number, 1));
                }
            }
        }
        cache.insert(id, &body)?;
    }
    Ok(())
}
