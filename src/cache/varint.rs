//! Unsigned LEB128 varints, the compact numbers of the caches: a body's word numbers in the body
//! cache and the index file's posting differences (zigzag-coded by their writer).

/// Appends `n` as an unsigned LEB128 varint.
pub(crate) fn push(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// How many bytes [`push`] appends for `n`.
pub(crate) fn size(n: u64) -> usize {
    (64 - (n | 1).leading_zeros() as usize).div_ceil(7)
}

/// The varint starting at `bytes[*at]`, moving `at` past it; `None` when it is truncated or
/// longer than 64 bits.
pub(crate) fn read(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut n = 0u64;
    let mut shift = 0u32;
    loop {
        let b = *bytes.get(*at)?;
        *at += 1;
        n |= u64::from(b & 0x7F).checked_shl(shift)?;
        if b < 0x80 {
            return Some(n);
        }
        shift += 7;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_come_back_and_truncation_is_seen() {
        let numbers = [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX];
        let mut bytes = Vec::new();
        for &n in &numbers {
            push(&mut bytes, n);
        }
        assert_eq!(bytes.len(), numbers.iter().map(|&n| size(n)).sum::<usize>());
        let mut at = 0;
        let back: Vec<u64> = std::iter::from_fn(|| read(&bytes, &mut at)).collect();
        assert_eq!(back, numbers);
        assert_eq!(read(&[0x80, 0x80], &mut 0), None);
    }
}
