//! The compact number encoding of the index files: unsigned integers as base-32 digits, written
//! with characters that need no escaping in a JSON string, so that a posting list is one short
//! string rather than an array of numbers.
//!
//! Each digit is one character; the last digit of a number comes from [`LAST`], the others from
//! [`MORE`], so numbers need no separator. Below 32 a number takes one character, below 1,024 two.
//! Posting lists store the gap to the previous document, so the frequent terms, whose gaps are
//! small, cost about two characters a posting (gap and weight). `search.js` decodes the same way.

/// Digits that end a number (values 0–31).
pub const LAST: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";

/// Digits that another digit follows (values 0–31).
pub const MORE: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_";

/// Appends `n` to `out`.
#[inline]
pub fn push(out: &mut Vec<u8>, n: u32) {
    // Most gaps and weights are small: one or two digits, written without a loop.
    if n < 32 {
        out.push(LAST[n as usize]);
    } else if n < 1024 {
        out.extend_from_slice(&[MORE[(n >> 5) as usize], LAST[(n & 31) as usize]]);
    } else {
        push_long(out, n);
    }
}

fn push_long(out: &mut Vec<u8>, mut n: u32) {
    let mut digits = [0u8; 7];
    let mut len = 0;
    loop {
        digits[len] = (n & 31) as u8;
        len += 1;
        n >>= 5;
        if n == 0 {
            break;
        }
    }
    for (i, &d) in digits[..len].iter().enumerate().rev() {
        out.push(if i == 0 {
            LAST[d as usize]
        } else {
            MORE[d as usize]
        });
    }
}

/// The numbers of an encoded string; `None` if it holds a character of neither alphabet or
/// ends inside a number.
pub fn decode(s: &str) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    let mut n: u32 = 0;
    let mut open = false;
    for b in s.bytes() {
        if let Some(d) = LAST.iter().position(|&x| x == b) {
            out.push(n.checked_mul(32)? + d as u32);
            n = 0;
            open = false;
        } else if let Some(d) = MORE.iter().position(|&x| x == b) {
            n = n.checked_mul(32)? + d as u32;
            open = true;
        } else {
            return None;
        }
    }
    (!open).then_some(out)
}

/// The first number in `s` and its length in bytes (0 and 0 for an empty string).
pub fn first(s: &[u8]) -> (u32, usize) {
    let mut n: u32 = 0;
    for (i, &b) in s.iter().enumerate() {
        if let Some(d) = LAST.iter().position(|&x| x == b) {
            return (n.wrapping_mul(32).wrapping_add(d as u32), i + 1);
        }
        let d = MORE.iter().position(|&x| x == b).unwrap_or(0);
        n = n.wrapping_mul(32).wrapping_add(d as u32);
    }
    (n, s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(ns: &[u32]) -> String {
        let mut out = Vec::new();
        for &n in ns {
            push(&mut out, n);
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn small_numbers_take_one_character() {
        assert_eq!(encode(&[0, 1, 31]), "01v");
    }

    #[test]
    fn larger_numbers_take_more_digits() {
        assert_eq!(encode(&[32]), "B0");
        assert_eq!(encode(&[1023]), "_v");
        assert_eq!(encode(&[1024]), "BA0");
    }

    #[test]
    fn numbers_round_trip() {
        let ns = [0, 5, 31, 32, 33, 1000, 1024, 65_535, 10_000_000, u32::MAX];
        assert_eq!(decode(&encode(&ns)).unwrap(), ns);
    }

    #[test]
    fn the_alphabets_are_disjoint_and_json_safe() {
        for b in LAST.iter().chain(MORE) {
            assert!(b.is_ascii_graphic() && *b != b'"' && *b != b'\\');
            assert_eq!(LAST.contains(b) as u8 + MORE.contains(b) as u8, 1);
        }
    }

    #[test]
    fn broken_input_is_refused() {
        assert_eq!(decode("B"), None);
        assert_eq!(decode("1!"), None);
    }

    #[test]
    fn first_reads_the_first_number_and_its_length() {
        assert_eq!(first(b"BA0x5"), (1024, 3));
        assert_eq!(first(b"7"), (7, 1));
        assert_eq!(first(b""), (0, 0));
    }
}
