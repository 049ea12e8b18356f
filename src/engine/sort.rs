//! Sorting numbers fast: a stable least-significant-digit radix sort on the bits of `f64`
//! keys, which orders a million scores in a few milliseconds where a comparison sort through
//! an index takes tens. Small inputs use the standard sort.

/// Maps an `f64` to a `u64` whose unsigned order is `f64::total_cmp`'s order.
#[inline]
pub fn order_key(value: f64) -> u64 {
    let bits = value.to_bits();
    if bits >> 63 == 1 { !bits } else { bits | (1 << 63) }
}

/// Below this many items a comparison sort is faster than the radix passes.
const RADIX_THRESHOLD: usize = 2048;

/// Reusable buffers for [`sort_indices_by_key`], so repeated sorts allocate nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SortScratch {
    pairs: Vec<(u64, u32)>,
    spare: Vec<(u64, u32)>,
}

/// Writes into `order` the indices `0..values.len()` sorted by `values` ascending
/// (`f64::total_cmp`), equal values in index order (stable).
///
/// ```
/// use ses_explorer::engine::sort::{sort_indices_by_key, SortScratch};
/// let mut order = Vec::new();
/// sort_indices_by_key(&[3.0, -1.0, 3.0, 0.5], &mut order, &mut SortScratch::default());
/// assert_eq!(order, [1, 3, 0, 2]);
/// ```
pub fn sort_indices_by_key(values: &[f64], order: &mut Vec<u32>, scratch: &mut SortScratch) {
    let pairs = &mut scratch.pairs;
    pairs.clear();
    pairs.extend(values.iter().enumerate().map(|(i, &v)| (order_key(v), i as u32)));
    if pairs.len() < RADIX_THRESHOLD {
        pairs.sort_unstable(); // (key, index) pairs are distinct, so this is stable
    } else {
        radix_sort(pairs, &mut scratch.spare);
    }
    order.clear();
    order.extend(pairs.iter().map(|&(_, i)| i));
}

/// Stable LSD radix sort of (key, payload) pairs by key: six passes of 11 bits (small
/// enough tables to stay in cache), skipping the passes where every key has the same digit.
fn radix_sort(pairs: &mut Vec<(u64, u32)>, spare: &mut Vec<(u64, u32)>) {
    const BITS: u32 = 11;
    const PASSES: usize = 64_usize.div_ceil(BITS as usize);
    const BUCKETS: usize = 1 << BITS;
    const MASK: u64 = (1 << BITS) - 1;
    let mut counts = vec![[0u32; BUCKETS]; PASSES];
    for &(k, _) in pairs.iter() {
        for (pass, count) in counts.iter_mut().enumerate() {
            count[((k >> (BITS as usize * pass)) & MASK) as usize] += 1;
        }
    }
    spare.clear();
    spare.resize(pairs.len(), (0, 0));
    let n = pairs.len() as u32;
    for (pass, count) in counts.iter().enumerate() {
        let shift = BITS as usize * pass;
        if count[((pairs[0].0 >> shift) & MASK) as usize] == n {
            continue; // every key has this digit: the pass would change nothing
        }
        let mut offsets = [0u32; BUCKETS];
        let mut sum = 0;
        for (offset, c) in offsets.iter_mut().zip(count) {
            *offset = sum;
            sum += c;
        }
        for &pair in pairs.iter() {
            let b = ((pair.0 >> shift) & MASK) as usize;
            spare[offsets[b] as usize] = pair;
            offsets[b] += 1;
        }
        std::mem::swap(pairs, spare);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_total_order() {
        let values = [-f64::INFINITY, -2.5, -0.0, 0.0, 1e-300, 1.0, 2.5, f64::INFINITY];
        for w in values.windows(2) {
            assert!(order_key(w[0]) < order_key(w[1]), "{w:?}");
        }
    }

    #[test]
    fn radix_and_comparison_sorts_agree_and_are_stable() {
        // A deterministic spread of values with many ties, larger than the radix threshold.
        let values: Vec<f64> = (0..50_000u64).map(|i| ((i * 7919) % 1000) as f64 / 7.0 - 60.0).collect();
        let mut order = Vec::new();
        sort_indices_by_key(&values, &mut order, &mut SortScratch::default());
        let mut expected: Vec<u32> = (0..values.len() as u32).collect();
        expected.sort_by(|&a, &b| values[a as usize].total_cmp(&values[b as usize]));
        assert_eq!(order, expected);
    }
}
