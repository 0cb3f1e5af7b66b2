//! The two small hash functions of the search index, written out so their output never depends
//! on the standard library's randomly seeded hasher.
//!
//! [`Fx`] hashes the term tables while indexing (a multiply-rotate hash in the style of rustc's
//! FxHash: the keys are not chosen by an adversary, and hashing is a large part of indexing);
//! [`Fnv`] stamps the manifest's version.

use std::hash::{BuildHasherDefault, Hasher};

/// Multiplier of [`FxHasher`] (the 64-bit golden-ratio constant family rustc uses).
pub const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// A fast, unseeded hasher for in-memory tables.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

/// `HashMap<K, V, Fx>` uses [`FxHasher`].
pub type Fx = BuildHasherDefault<FxHasher>;

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        let mut tail = [0u8; 8];
        tail[..rest.len()].copy_from_slice(rest);
        self.write_u64(u64::from_le_bytes(tail) ^ rest.len() as u64);
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(n as u64);
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(SEED);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// 64-bit FNV-1a.
#[derive(Debug, Clone, Copy)]
pub struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    /// Adds bytes to the hash.
    pub fn add(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hash;

    #[test]
    fn fnv_matches_the_reference_values() {
        let mut h = Fnv::default();
        h.add(b"");
        assert_eq!(h.0, 0xcbf2_9ce4_8422_2325);
        h.add(b"a");
        assert_eq!(h.0, 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn fx_is_the_same_on_every_run_and_tells_keys_apart() {
        let hash = |s: &str| {
            let mut h = FxHasher::default();
            s.hash(&mut h);
            h.finish()
        };
        assert_eq!(hash("雄安新区"), hash("雄安新区"));
        assert_ne!(hash("雄安新区"), hash("雄安新"));
        assert_ne!(hash("ab"), hash("ba"));
    }
}
